/* eg-markdown.h - Markdown as the app shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* Returns HTML-escaped, highlighted code (e.g. with <span style="color:#..">), or NULL to
 * let the renderer escape the code itself. */
typedef char *(*EgHighlightFunc) (const char *code,
                                  gsize       length,
                                  const char *language,
                                  gpointer    user_data);

typedef struct
{
  const char      *default_language;   /* for inline code that looks like code; NULL: none */
  EgHighlightFunc  highlight;          /* NULL: plain escaped code */
  gpointer         highlight_data;
} EgRenderOptions;

char *eg_markdown_to_plain (const char            *markdown);
char *eg_markdown_to_html  (const char            *markdown,
                            const EgRenderOptions *options);

G_END_DECLS
