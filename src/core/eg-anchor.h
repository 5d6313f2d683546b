/* eg-anchor.h - where a highlight sits in a field's text, and placing it again
 *
 * A highlight is described over the rendered text of one field of a card with
 * the two W3C Web Annotation selectors:
 *
 *   - TextQuoteSelector: the exact highlighted text, up to 32 code points of
 *     text before it (prefix) and up to 32 after it (suffix);
 *   - TextPositionSelector: start and end offsets.
 *
 * All offsets in this module (start, end, lengths, the 32 of the prefix and
 * suffix) count Unicode code points (what g_utf8_strlen() counts, and what a
 * JavaScript string's codePointAt() walks), NOT bytes and NOT UTF-16 units.
 * start is the first code point of the passage, end the one after its last:
 * the passage is text[start, end).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* Code points of context kept on each side of the quote */
#define EG_ANCHOR_CONTEXT 32

typedef struct
{
  /* TextQuoteSelector (UTF-8) */
  char   *exact;
  char   *prefix;      /* at most EG_ANCHOR_CONTEXT code points, "" at the start */
  char   *suffix;      /* at most EG_ANCHOR_CONTEXT code points, "" at the end */
  /* TextPositionSelector, in code points */
  guint   start;
  guint   end;
} EgAnchor;

typedef enum
{
  EG_ANCHOR_ORPHANED,  /* not found confidently: never guessed */
  EG_ANCHOR_POSITION,  /* the quote is still at its old position */
  EG_ANCHOR_EXACT,     /* the quote found elsewhere, unchanged */
  EG_ANCHOR_FUZZY,     /* a close match of the quote in its context */
} EgAnchorMatch;

/* The selectors of text[start, end) (code points); NULL when the range is
 * empty or outside @text, or @text is not valid UTF-8. */
EgAnchor      *eg_anchor_describe (const char      *text,
                                   guint            start,
                                   guint            end);
EgAnchor      *eg_anchor_new      (const char      *exact,
                                   const char      *prefix,
                                   const char      *suffix,
                                   guint            start,
                                   guint            end);
EgAnchor      *eg_anchor_copy     (const EgAnchor  *anchor);
void           eg_anchor_free     (EgAnchor        *anchor);

/* Places @anchor in @text, a new version of the field's text:
 *
 *   1. at its old position if the exact quote is still there (score 1);
 *   2. else at an exact occurrence of the quote: the one whose prefix and
 *      suffix match best, the nearest to the old position among equals;
 *   3. else at an approximate match of the quote (at most a quarter of its
 *      code points changed: Myers' bit-parallel k-differences search), scored
 *      on the quote's similarity, the prefix and suffix, and the distance from
 *      the old position.
 *
 * When no place is confident enough (or two differ and score alike), returns
 * EG_ANCHOR_ORPHANED and leaves @start, @end at 0 and @score at 0.  Otherwise
 * stores the new range (code points) and a confidence in (0, 1].  Any of the
 * out arguments may be NULL. */
EgAnchorMatch  eg_anchor_place    (const EgAnchor  *anchor,
                                   const char      *text,
                                   guint           *start,
                                   guint           *end,
                                   double          *score);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgAnchor, eg_anchor_free)

G_END_DECLS
