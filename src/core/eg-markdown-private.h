/* eg-markdown-private.h - what the Markdown renderers share: character
 * references, the parser's flags and the limits that keep md4c 0.4.8 linear
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <md4c.h>

G_BEGIN_DECLS

/* eg-markdown-entities.c */
gunichar _eg_markdown_decode_entity (const char *text,
                                     gsize       size);
void     _eg_markdown_append_entity (GString    *out,
                                     const char *text,
                                     gsize       size);

/* eg-markdown-limits.c */

/* What a callback returns to stop md4c (0.4.8 stops cleanly only on a
 * negative value). */
#define EG_MARKDOWN_STOP (-1)

/* The work one parse may still do: md4c's callbacks, the table cells it
 * will report and the bytes of the link and image targets it builds. */
typedef struct
{
  guint64  left;
  gboolean exhausted;   /* a callback stopped the parse */
} EgMarkdownBudget;

gboolean _eg_markdown_plan        (const char        *text,
                                   gsize              length,
                                   unsigned          *flags,
                                   EgMarkdownBudget  *budget);
gboolean _eg_markdown_spend       (EgMarkdownBudget  *budget,
                                   guint64            units);
guint64  _eg_markdown_block_cost  (MD_BLOCKTYPE       type,
                                   const void        *detail);
guint64  _eg_markdown_span_cost   (MD_SPANTYPE        type,
                                   const void        *detail);

G_END_DECLS
