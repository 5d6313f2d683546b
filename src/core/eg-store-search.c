/* eg-store-search.c - the card search compiled to SQL (the store's part)
 *
 * The store owns the tables, so it is the store that compiles a parsed
 * query (eg-search-private.h) into ONE SQL condition over cards c (and
 * card_state s when needed) with numbered parameters: no text the user
 * typed is ever part of the SQL.  ?1 is the current time (ms) and ?2
 * today's study day, bound when the search runs (eg-store-search-rows.c).
 *
 * Free text goes through the FTS5 index cards_fts (question, answer,
 * parts, annotations; unicode61 with remove_diacritics 2), as an FTS5 query
 * that this file builds itself: every word becomes an FTS5 string "..."
 * with any " doubled, so that no character the user types is FTS5 syntax.
 * Neighbouring text terms are merged into one MATCH (`a b -c` is
 * `("a") AND ("b") NOT ("c")`) so that a query of words costs one index
 * lookup.  A word without any letter or digit (`;`, `--`, `=>`) would have
 * no token for FTS5 to look up; it is searched as a plain substring of the
 * question or the answer instead (instr(), case-sensitive).
 *
 * section: and deck: compare with keys first: a name that is the key of
 * some section (deck) means those; only a name that is no key is looked for
 * in the headings (titles), with Markdown, emoji, case and accents ignored
 * (the SQL function eg_search_name(), defined here with eg_retrievability(),
 * which computes with the collection's FSRS parameters).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eg-fsrs.h"
#include "eg-markdown.h"
#include "eg-search-private.h"
#include "eg-store-private.h"
#include "eg-store-sql.h"

static int
add_param (EgSearch *search,
           int       type,
           gint64    i,
           double    d,
           char     *s)
{
  EgSearchParam param = { type, i, d, s };

  g_array_append_val (search->params, param);
  return FIRST_PARAM + search->params->len - 1;
}

static int
add_text (EgSearch   *search,
          const char *text)
{
  return add_param (search, SQLITE_TEXT, 0, 0, g_strdup (text));
}

/* The FTS5 query for @node when the whole subtree is text, or NULL */
static char *
fts_query (EgSearchNode *node)
{
  switch (node->kind)
    {
    case EG_SEARCH_NODE_FTS:
      return g_strdup (node->text);

    case EG_SEARCH_NODE_OR:
      {
        g_autoptr(GString) query = g_string_new (NULL);

        for (guint i = 0; i < node->children->len; i++)
          {
            g_autofree char *child = fts_query (g_ptr_array_index (node->children, i));

            if (child == NULL)
              return NULL;
            g_string_append_printf (query, "%s(%s)", i ? " OR " : "", child);
          }
        return g_string_free (g_steal_pointer (&query), FALSE);
      }

    case EG_SEARCH_NODE_AND:
      {
        g_autoptr(GString) positive = g_string_new (NULL);
        g_autoptr(GString) negative = g_string_new (NULL);

        for (guint i = 0; i < node->children->len; i++)
          {
            EgSearchNode *child = g_ptr_array_index (node->children, i);
            gboolean is_not = child->kind == EG_SEARCH_NODE_NOT;
            g_autofree char *query = fts_query (is_not ? g_ptr_array_index (child->children, 0)
                                                       : child);
            GString *side = is_not ? negative : positive;

            if (query == NULL)
              return NULL;
            g_string_append_printf (side, "%s(%s)", side->len ? (is_not ? " OR " : " AND ") : "",
                                    query);
          }
        if (positive->len == 0)
          return NULL;
        if (negative->len == 0)
          return g_string_free (g_steal_pointer (&positive), FALSE);
        return g_strdup_printf ("(%s) NOT (%s)", positive->str, negative->str);
      }

    case EG_SEARCH_NODE_NOT:
    case EG_SEARCH_NODE_LITERAL:
    case EG_SEARCH_NODE_FILTER:
    default:
      return NULL;
    }
}

static void
compile_fts (EgSearch   *search,
             GString    *sql,
             const char *query)
{
  g_string_append_printf (sql, "c.id IN (SELECT rowid FROM cards_fts WHERE cards_fts MATCH ?%d)",
                          add_text (search, query));
}

static void
compile_filter (EgSearch     *search,
                GString      *sql,
                EgSearchNode *node)
{
  int n;

  switch (node->filter)
    {
    case EG_SEARCH_FILTER_SECTION:
    case EG_SEARCH_FILTER_DECK:
      {
        /* a name that is a key means that key; otherwise words of the title */
        const char *table = node->filter == EG_SEARCH_FILTER_DECK ? "decks" : "sections";
        const char *title = node->filter == EG_SEARCH_FILTER_DECK ? "title" : "heading";

        n = add_text (search, node->text);
        /* DECK_ID: see select_rows() (eg-store-search-rows.c) */
        g_string_append_printf (sql, "%s IN (SELECT id FROM %s WHERE CASE"
                                " WHEN EXISTS (SELECT 1 FROM %s"
                                "              WHERE eg_search_name (?%d, key, NULL))"
                                " THEN eg_search_name (?%d, key, NULL)"
                                " ELSE eg_search_name (?%d, key, %s) END)",
                                node->filter == EG_SEARCH_FILTER_DECK ? DECK_ID : "c.section_id",
                                table, table, n, n, n, title);
        break;
      }
    case EG_SEARCH_FILTER_IS_DUE:
      /* today's queue, as the scheduler builds it: see eg_search.c */
      if (search->due == 0)
        search->due = add_text (search, "[]");
      g_string_append_printf (sql, "c.id IN (SELECT value FROM json_each (?%d))", search->due);
      break;
    case EG_SEARCH_FILTER_IS_NEW:
      search->uses_state = TRUE;
      g_string_append (sql, EG_STORE_SQL_IS_NEW);
      break;
    case EG_SEARCH_FILTER_IS_LEARN:
      search->uses_state = TRUE;
      g_string_append (sql, EG_STORE_SQL_IS_LEARNING);
      break;
    case EG_SEARCH_FILTER_IS_REVIEW:
      search->uses_state = TRUE;
      g_string_append (sql, EG_STORE_SQL_IS_REVIEWED);
      break;
    case EG_SEARCH_FILTER_IS_SUSPENDED:
      g_string_append (sql, "c.suspended != 0");
      break;
    case EG_SEARCH_FILTER_IS_BURIED:
      g_string_append (sql, "c.buried_until > ?1");
      break;
    case EG_SEARCH_FILTER_IS_FLAGGED:
      g_string_append (sql, "c.flag > 0");
      break;
    case EG_SEARCH_FILTER_FLAG:
      g_string_append_printf (sql, "c.flag = ?%d",
                              add_param (search, SQLITE_INTEGER, (gint64) node->number, 0, NULL));
      break;
    case EG_SEARCH_FILTER_RATED:
      /* day >= today - N + 1 */
      g_string_append_printf (sql, "c.id IN (SELECT card_id FROM review_log"
                              " WHERE rating > 0 AND day > ?2 - ?%d)",
                              add_param (search, SQLITE_INTEGER, (gint64) node->number, 0, NULL));
      break;
    case EG_SEARCH_FILTER_HAS_NOTE:
      g_string_append (sql, "c.id IN (SELECT card_id FROM annotations"
                       " WHERE kind = 'note' AND deleted = 0)");
      break;
    case EG_SEARCH_FILTER_HAS_HIGHLIGHT:
      g_string_append (sql, "c.id IN (SELECT card_id FROM annotations"
                       " WHERE kind = 'highlight' AND deleted = 0)");
      break;
    case EG_SEARCH_FILTER_PROP:
      {
        /* new cards have no interval, stability, difficulty or retrievability */
        static const char * const columns[] = {
          [EG_SEARCH_PROP_IVL] = "(" EG_STORE_SQL_IS_NOT_NEW " AND s.scheduled_days",
          [EG_SEARCH_PROP_DUE] = "(" EG_STORE_SQL_IS_NOT_NEW
                                 " AND (CASE WHEN " EG_STORE_SQL_IS_REVIEW
                                 " THEN s.due_day - ?2 ELSE 0 END)",
          [EG_SEARCH_PROP_S] = "(" EG_STORE_SQL_IS_NOT_NEW " AND s.stability",
          [EG_SEARCH_PROP_D] = "(" EG_STORE_SQL_IS_NOT_NEW " AND s.difficulty",
          [EG_SEARCH_PROP_R] = "(" EG_STORE_SQL_IS_NOT_NEW
                               " AND eg_retrievability (s.stability, s.last_review, ?1)",
          [EG_SEARCH_PROP_REPS] = "(s.reps",
          [EG_SEARCH_PROP_LAPSES] = "(s.lapses",
        };

        search->uses_state = TRUE;
        n = add_param (search, SQLITE_FLOAT, 0, node->number, NULL);
        g_string_append_printf (sql, "%s %s ?%d)", columns[node->prop], node->op, n);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

static void compile (EgSearch     *search,
                     GString      *sql,
                     EgSearchNode *node,
                     gboolean      top);

/* The text alternatives of an OR in one MATCH, the others one by one */
static void
compile_or (EgSearch     *search,
            GString      *sql,
            EgSearchNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *glue = "(";

  for (guint i = 0; i < node->children->len; i++)
    {
      EgSearchNode *child = g_ptr_array_index (node->children, i);
      g_autofree char *child_query = fts_query (child);

      if (child_query != NULL)
        {
          g_string_append_printf (text, "%s(%s)", text->len ? " OR " : "", child_query);
          continue;
        }
      g_string_append (sql, glue);
      glue = " OR ";
      compile (search, sql, child, FALSE);
    }
  if (text->len > 0)
    {
      g_string_append (sql, glue);
      compile_fts (search, sql, text->str);
    }
  g_string_append (sql, ")");
}

/* The text terms and negated text terms of an AND in one MATCH; at the
 * @top level it goes to search->match (see compile()) */
static void
compile_and (EgSearch     *search,
             GString      *sql,
             EgSearchNode *node,
             gboolean      top)
{
  g_autoptr(GString) positive = g_string_new (NULL);
  g_autoptr(GString) negative = g_string_new (NULL);
  const char *glue = "(";

  for (guint i = 0; i < node->children->len; i++)
    {
      EgSearchNode *child = g_ptr_array_index (node->children, i);
      gboolean is_not = child->kind == EG_SEARCH_NODE_NOT;
      g_autofree char *child_query = fts_query (is_not ? g_ptr_array_index (child->children, 0)
                                                       : child);
      GString *side = is_not ? negative : positive;

      if (child_query != NULL)
        {
          g_string_append_printf (side, "%s(%s)",
                                  side->len ? (is_not ? " OR " : " AND ") : "",
                                  child_query);
          continue;
        }
      g_string_append (sql, glue);
      glue = " AND ";
      compile (search, sql, child, FALSE);
    }
  if (positive->len > 0)
    {
      g_autofree char *match = negative->len
        ? g_strdup_printf ("(%s) NOT (%s)", positive->str, negative->str)
        : g_strdup (positive->str);

      if (top)
        search->match = add_text (search, match);
      else
        {
          g_string_append (sql, glue);
          compile_fts (search, sql, match);
        }
    }
  else if (negative->len > 0)
    {
      g_string_append (sql, glue);
      g_string_append (sql, "NOT (");
      compile_fts (search, sql, negative->str);
      g_string_append (sql, ")");
    }
  g_string_append (sql, ")");
}

/* The SQL of @node into @sql; at the @top level a full-text query ANDed
 * with the rest goes to search->match instead, a join that reads the
 * matches first (it costs less than "c.id IN (…)", which collects the ids,
 * unless other terms find fewer cards).
 */
static void
compile (EgSearch     *search,
         GString      *sql,
         EgSearchNode *node,
         gboolean      top)
{
  g_autofree char *query = fts_query (node);

  if (query != NULL)
    {
      if (top)
        search->match = add_text (search, query);
      else
        compile_fts (search, sql, query);
      return;
    }

  switch (node->kind)
    {
    case EG_SEARCH_NODE_FTS:
      g_assert_not_reached ();
      break;

    case EG_SEARCH_NODE_LITERAL:
      {
        int n = add_text (search, node->text);

        search->uses_text = TRUE;
        g_string_append_printf (sql, "(instr (c.question, ?%d) > 0 OR instr (c.answer, ?%d) > 0)",
                                n, n);
        break;
      }

    case EG_SEARCH_NODE_FILTER:
      compile_filter (search, sql, node);
      break;

    case EG_SEARCH_NODE_NOT:
      g_string_append (sql, "NOT (");
      compile (search, sql, g_ptr_array_index (node->children, 0), FALSE);
      g_string_append (sql, ")");
      break;

    case EG_SEARCH_NODE_OR:
      compile_or (search, sql, node);
      break;

    case EG_SEARCH_NODE_AND:
      compile_and (search, sql, node, top);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Whether @node finds its cards by id: a full-text match (joined at the
 * top level, "c.id IN (…)" otherwise), rated:, has: or is:due, alone or ANDed with
 * other terms.
 */
static gboolean
finds_by_id (EgSearchNode *node)
{
  g_autofree char *query = fts_query (node);

  if (query != NULL)
    return TRUE;
  switch (node->kind)
    {
    case EG_SEARCH_NODE_FILTER:
      return node->filter == EG_SEARCH_FILTER_RATED || node->filter == EG_SEARCH_FILTER_HAS_NOTE ||
             node->filter == EG_SEARCH_FILTER_HAS_HIGHLIGHT ||
             node->filter == EG_SEARCH_FILTER_IS_DUE;
    case EG_SEARCH_NODE_AND:
      for (guint i = 0; i < node->children->len; i++)
        if (finds_by_id (g_ptr_array_index (node->children, i)))
          return TRUE;
      return FALSE;
    case EG_SEARCH_NODE_FTS:
    case EG_SEARCH_NODE_LITERAL:
    case EG_SEARCH_NODE_NOT:
    case EG_SEARCH_NODE_OR:
    default:
      return FALSE;
    }
}

/* Whether @node is the filter @filter or ANDs it with other terms */
static gboolean
asks_for_state (EgSearchNode  *node,
                EgSearchFilter filter)
{
  if (node->kind == EG_SEARCH_NODE_FILTER)
    return node->filter == filter;
  if (node->kind == EG_SEARCH_NODE_AND)
    for (guint i = 0; i < node->children->len; i++)
      {
        EgSearchNode *child = g_ptr_array_index (node->children, i);

        if (child->kind == EG_SEARCH_NODE_FILTER && child->filter == filter)
          return TRUE;
      }
  return FALSE;
}

/**
 * _eg_store_search_compile:
 * @root: the parsed query
 *
 * Compiles @root into @search's SQL condition and parameters.
 */
void
_eg_store_search_compile (EgSearch     *search,
                          EgSearchNode *root)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  /* due and learning cards are few: SQLite finds them through card_state's
   * indexes, then looks for the text in each; otherwise the text goes first */
  compile (search, sql, root, !asks_for_state (root, EG_SEARCH_FILTER_IS_DUE) &&
                              !asks_for_state (root, EG_SEARCH_FILTER_IS_LEARN));
  if (sql->len > 0)
    search->where = g_string_free (g_steal_pointer (&sql), FALSE);
  search->by_id = finds_by_id (root);
}

/* ---------------------------------------------------------------------- */
/* SQL functions                                                          */
/* ---------------------------------------------------------------------- */

/* What eg_retrievability() computes with: the parameters of the search
 * that runs (see _eg_store_search_set_params()) */
typedef struct
{
  EgFsrsParams params;
} SearchFunctions;

/* eg_fsrs_retrievability() for a card that is not new */
static double
retrievability (const EgFsrsParams *params,
                double              stability,
                gint64              last_review,
                gint64              now_ms)
{
  EgFsrsCard card;

  eg_fsrs_card_init_new (&card, 0);
  card.state = EG_FSRS_STATE_REVIEW;
  card.stability = stability;
  card.last_review = last_review;
  return eg_fsrs_retrievability (params, &card, now_ms);
}

/* eg_retrievability (stability, last_review, now) */
static void
retrievability_func (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  SearchFunctions *functions = sqlite3_user_data (context);

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL || sqlite3_value_type (argv[2]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  sqlite3_result_double (context, retrievability (&functions->params,
                                                  sqlite3_value_double (argv[0]),
                                                  sqlite3_value_int64 (argv[1]),
                                                  sqlite3_value_int64 (argv[2])));
}

/* '*' matches any text; the whole of @text must match */
static gboolean
glob_match (const char *pattern,
            const char *text)
{
  const char *star = NULL;
  const char *resume = NULL;

  while (*text)
    {
      if (*pattern == '*')
        {
          star = ++pattern;
          resume = text;
        }
      else if (*pattern == *text)
        {
          pattern++;
          text++;
        }
      else if (star != NULL)
        {
          pattern = star;
          text = ++resume;
        }
      else
        return FALSE;
    }
  while (*pattern == '*')
    pattern++;
  return *pattern == '\0';
}

/* eg_search_name (pattern, key, title): the key equals the (normalized)
 * pattern or the title, without its Markdown, contains it; with '*' in
 * the pattern, the whole key or title must match it.  A NULL title: the
 * key only.
 */
static void
name_match_func (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  const char *pattern = (const char *) sqlite3_value_text (argv[0]);
  const char *key = (const char *) sqlite3_value_text (argv[1]);
  const char *title = (const char *) sqlite3_value_text (argv[2]);
  g_autofree char *plain = NULL;
  g_autofree char *norm_key = NULL;
  g_autofree char *norm_title = NULL;
  gboolean wildcard;
  gboolean match;

  if (pattern == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }

  wildcard = strchr (pattern, '*') != NULL;
  norm_key = _eg_search_normalize_name (key ? key : "");
  if (wildcard ? glob_match (pattern, norm_key) : g_str_equal (pattern, norm_key))
    {
      sqlite3_result_int (context, 1);
      return;
    }

  if (title == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  plain = eg_markdown_to_plain (title);
  norm_title = _eg_search_normalize_name (plain);
  match = wildcard ? glob_match (pattern, norm_title) : strstr (norm_title, pattern) != NULL;
  sqlite3_result_int (context, match);
}

/**
 * _eg_store_search_set_params:
 * @params: the collection's FSRS parameters (eg_scheduler_settings_to_params())
 *
 * Defines the search's SQL functions on the store's connection, once, and
 * makes eg_retrievability() compute with @params from now on.
 */
gboolean
_eg_store_search_set_params (EgStore             *store,
                             const EgFsrsParams  *params,
                             GError             **error)
{
  static const char key[] = "eg-search-functions";
  SearchFunctions *functions = g_object_get_data (G_OBJECT (store), key);
  sqlite3 *db = _eg_store_get_db (store);
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  if (functions == NULL)
    {
      /* freed with the store, after its connection is closed */
      functions = g_new0 (SearchFunctions, 1);
      g_object_set_data_full (G_OBJECT (store), key, functions, g_free);
      if (sqlite3_create_function (db, "eg_retrievability", 3, flags, functions,
                                   retrievability_func, NULL, NULL) != SQLITE_OK ||
          sqlite3_create_function (db, "eg_search_name", 3, flags, NULL,
                                   name_match_func, NULL, NULL) != SQLITE_OK)
        {
          _eg_store_set_error (store, error, _("Cannot set up the search"));
          g_object_set_data (G_OBJECT (store), key, NULL);
          return FALSE;
        }
    }
  functions->params = *params;
  return TRUE;
}
