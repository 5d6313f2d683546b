/* eg-search-private.h - what the files of the card search share
 *
 * eg-search-parser.c turns a query into a tree of EgSearchNode; the store
 * compiles the tree into SQL (eg-store-search.c) and runs it, giving an
 * EgSearchRow per card (eg-store-search-rows.c); eg-search-sort.c orders
 * the rows; eg-search.c is the API that puts them together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-fsrs.h"
#include "eg-search.h"
#include "eg-store.h"

G_BEGIN_DECLS

typedef enum
{
  EG_SEARCH_FILTER_SECTION,
  EG_SEARCH_FILTER_DECK,
  EG_SEARCH_FILTER_IS_DUE,
  EG_SEARCH_FILTER_IS_NEW,
  EG_SEARCH_FILTER_IS_LEARN,
  EG_SEARCH_FILTER_IS_REVIEW,
  EG_SEARCH_FILTER_IS_SUSPENDED,
  EG_SEARCH_FILTER_IS_BURIED,
  EG_SEARCH_FILTER_IS_FLAGGED,
  EG_SEARCH_FILTER_FLAG,
  EG_SEARCH_FILTER_PROP,
  EG_SEARCH_FILTER_RATED,
  EG_SEARCH_FILTER_HAS_NOTE,
  EG_SEARCH_FILTER_HAS_HIGHLIGHT,
} EgSearchFilter;

typedef enum
{
  EG_SEARCH_PROP_IVL,
  EG_SEARCH_PROP_DUE,
  EG_SEARCH_PROP_S,
  EG_SEARCH_PROP_D,
  EG_SEARCH_PROP_R,
  EG_SEARCH_PROP_REPS,
  EG_SEARCH_PROP_LAPSES,
} EgSearchProp;

typedef enum
{
  EG_SEARCH_NODE_AND,
  EG_SEARCH_NODE_OR,
  EG_SEARCH_NODE_NOT,
  EG_SEARCH_NODE_FTS,       /* text: an FTS5 query */
  EG_SEARCH_NODE_LITERAL,   /* text: a substring of the question or answer */
  EG_SEARCH_NODE_FILTER,
} EgSearchNodeKind;

typedef struct _EgSearchNode EgSearchNode;

struct _EgSearchNode
{
  EgSearchNodeKind  kind;
  GPtrArray        *children;   /* AND, OR: two or more; NOT: one */
  char             *text;       /* FTS, LITERAL; FILTER: the normalized name of section:, deck: */
  EgSearchFilter    filter;
  EgSearchProp      prop;
  const char       *op;         /* a string literal: "<", "<=", ... */
  double            number;
};

typedef struct
{
  int     type;   /* SQLITE_INTEGER, SQLITE_FLOAT or SQLITE_TEXT */
  gint64  i;
  double  d;
  char   *s;
} EgSearchParam;

struct _EgSearch
{
  char     *where;        /* SQL over c and s; NULL for every card */
  GArray   *params;       /* EgSearchParam, bound as ?3, ?4, ... */
  gboolean  uses_state;   /* needs card_state s */
  gboolean  uses_text;    /* reads c.question or c.answer */
  gboolean  by_id;        /* every match is in a list of ids: see finds_by_id() */
  int       match;        /* the parameter of a full-text query ANDed with the
                           * rest, which joins cards_fts f; 0 for none */
  int       due;          /* the parameter is:due reads: the ids of today's queue
                           * as a JSON array, set when the search runs; 0 for none */
  GStrv     terms;        /* what the text terms look for: see eg_search_get_terms() */
};

/* Where a deck: filter names the card's deck: select_rows() makes it
 * "c.deck_id" or "+c.deck_id".  User text is never part of the SQL (it is
 * bound), so the mark cannot come from a query. */
#define DECK_ID "{deck_id}"

/* The first two parameters are the time and the study day. */
#define FIRST_PARAM 3

typedef enum
{
  EG_SEARCH_KEY_NONE,
  EG_SEARCH_KEY_INT,
  EG_SEARCH_KEY_DOUBLE,
  EG_SEARCH_KEY_TEXT,
} EgSearchKeyType;

/* A matching card as the statement returns it */
typedef struct
{
  gint64       id;
  guint        rank;       /* of its section in deck order */
  int          position;   /* in the section */
  gboolean     has_key;
  union
  {
    gint64     i;
    double     d;
  } key;
  const char  *text;       /* EG_SEARCH_KEY_TEXT: see _eg_search_sort_text() */
  const char  *card_key;   /* when asked for (eg_search_card_keys()) */
} EgSearchRow;

/* The parser (eg-search-parser.c) */
EgSearchNode *_eg_search_parse          (const char     *query,
                                         GError        **error);
void          _eg_search_node_free      (EgSearchNode   *node);
EgSearchNode *_eg_search_node_new_and   (EgSearchNode   *a,
                                         EgSearchNode   *b);
char         *_eg_search_normalize_name (const char     *text);
gboolean      _eg_search_is_blank       (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgSearchNode, _eg_search_node_free)

/* The store's part (eg-store-search.c, eg-store-search-rows.c) */
void          _eg_store_search_compile  (EgSearch       *search,
                                         EgSearchNode   *root);
gboolean      _eg_store_search_set_params (EgStore             *store,
                                           const EgFsrsParams  *params,
                                           GError             **error);
gboolean      _eg_store_search_sort_is_valid    (EgSortColumn sort);
EgSearchKeyType _eg_store_search_key_type       (EgSortColumn sort);
gboolean      _eg_store_search_read_rows (EgStore       *store,
                                          EgSearch      *search,
                                          EgSortColumn   sort,
                                          gint64         now_ms,
                                          int            today,
                                          GArray        *rows,
                                          GStringChunk  *texts,
                                          GStringChunk  *card_keys,
                                          GError       **error);

/* For the tests */
char         *_eg_store_search_statement (EgSearch      *search,
                                          EgSortColumn   sort,
                                          gboolean       with_keys);
gboolean      _eg_store_search_measure   (EgStore       *store,
                                          EgSearch      *search,
                                          EgSortColumn   sort,
                                          gint64         now_ms,
                                          int            today,
                                          int           *fullscan_steps,
                                          int           *vm_steps,
                                          GError       **error);

/* Sorting (eg-search-sort.c) */
const char   *_eg_search_sort_text      (GStringChunk   *chunk,
                                         const char     *question,
                                         int             length);
GArray       *_eg_search_sort_rows      (GArray         *rows,
                                         EgSearchKeyType type,
                                         gboolean        descending,
                                         gboolean        deck_descending,
                                         GPtrArray      *keys);

G_END_DECLS
