/* eg-highlighter.h - syntax highlighting of code blocks as HTML, via GtkSourceView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EG_TYPE_HIGHLIGHTER (eg_highlighter_get_type ())
G_DECLARE_FINAL_TYPE (EgHighlighter, eg_highlighter, EG, HIGHLIGHTER, GObject)

/* Code longer than this many bytes is not highlighted (the call returns NULL)
 * so that a huge block cannot stall the main loop.
 */
#define EG_HIGHLIGHTER_MAX_LENGTH (512 * 1024)

EgHighlighter *eg_highlighter_new       (void);
gboolean       eg_highlighter_get_dark  (EgHighlighter *self);
void           eg_highlighter_set_dark  (EgHighlighter *self,
                                         gboolean       dark);
char          *eg_highlighter_highlight (EgHighlighter *self,
                                         const char    *code,
                                         gsize          length,
                                         const char    *language);

/* Matches EgHighlightFunc of eg-markdown.h; @highlighter is an EgHighlighter. */
char          *eg_highlighter_func      (const char    *code,
                                         gsize          length,
                                         const char    *language,
                                         gpointer       highlighter);

G_END_DECLS
