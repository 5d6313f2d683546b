/* eg-rendered-text.h - the text of a card's field as the card view shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* The rendered text of a field is the DOM `textContent` of the element the
 * card view (data/web/card.js) puts the field's HTML into: `#question` for
 * the question, `#answer-body` for the answer and the part's
 * `section.part-body` for a named part (its heading is not part of it).
 * Highlights and their TextPositionSelector offsets (in Unicode code points)
 * are computed over this string. */
char *eg_rendered_text_from_markdown (const char *markdown);
char *eg_rendered_text_from_html     (const char *html);

G_END_DECLS
