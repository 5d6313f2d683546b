/* eg-search.h - the card search: a small query language compiled to SQL
 *
 * A query is terms separated by spaces, all of which must match:
 *
 *   escape analysis      cards with both words (question, answer, parts,
 *                        annotations; case and diacritics ignored)
 *   escap*  "escape analysis"   a prefix; a phrase
 *   a OR b   (a OR b) c   -a   -(a OR b)   a AND b
 *   section:36  section:3*  section:"Go Internals"
 *                        sections by key ('*': any text, case ignored); a name
 *                        that is no key: words of the heading (Markdown, emoji,
 *                        case and accents ignored; with '*', the whole heading)
 *   deck:NAME            the same for decks, by key or title
 *   is:due               due today: the cards of today's queue (see
 *                        eg_scheduler_build_queue()), daily limits applied
 *   is:new is:learn is:review is:suspended is:buried is:flagged
 *   flag:N               N from 0 to 7
 *   prop:ivl>10 prop:due<=1 prop:s>30 prop:d<5 prop:r<0.8 prop:reps>3 prop:lapses>=2
 *                        operators < <= > >= = !=
 *   rated:N              graded in the last N study days (1 = today)
 *   has:note has:highlight
 *
 * A word without letters or digits (`--`, `=>`) is a substring of the
 * question or answer.  Quote text that looks like a filter: "http://x".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

#include "eg-store.h"

G_BEGIN_DECLS

#define EG_SEARCH_ERROR (eg_search_error_quark ())

typedef enum
{
  EG_SEARCH_ERROR_SYNTAX,
} EgSearchError;

typedef enum
{
  EG_SORT_DECK_ORDER,      /* deck, section, card position */
  EG_SORT_NUMBER,
  EG_SORT_QUESTION,
  EG_SORT_SECTION,
  EG_SORT_DUE,
  EG_SORT_INTERVAL,
  EG_SORT_STABILITY,
  EG_SORT_DIFFICULTY,
  EG_SORT_RETRIEVABILITY,
  EG_SORT_REVIEWS,
  EG_SORT_LAPSES,
  EG_SORT_FLAG,
  EG_SORT_MODIFIED,
} EgSortColumn;

typedef struct _EgSearch EgSearch;

GQuark     eg_search_error_quark (void);

EgSearch  *eg_search_new         (const char    *query,
                                  GError       **error);
EgSearch  *eg_search_new_scoped  (const char         *query,
                                  const char * const *scopes,
                                  GError            **error);
const char * const *eg_search_get_terms (EgSearch *search);
void       eg_search_free        (EgSearch      *search);
GArray    *eg_search_card_ids    (EgStore       *store,
                                  EgSearch      *search,
                                  EgSortColumn   sort,
                                  gboolean       descending,
                                  gint64         now_ms,
                                  GError       **error);

GStrv      eg_search_card_keys   (EgStore       *store,
                                  EgSearch      *search,
                                  EgSortColumn   sort,
                                  gboolean       descending,
                                  gint64         now_ms,
                                  GError       **error);
gboolean   eg_search_warm_up     (EgStore       *store,
                                  GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgSearch, eg_search_free)

G_END_DECLS
