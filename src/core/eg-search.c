/* eg-search.c - the card search: a small query language compiled to SQL
 *
 * eg_search_new() parses the query (eg-search-parser.c) and has the store
 * compile it (eg-store-search.c); running it reads the matching cards in
 * one snapshot (eg-store-search-rows.c) and orders them (eg-search-sort.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-search"

#include "config.h"

#include <string.h>

#include "eg-scheduler.h"
#include "eg-search-private.h"

G_DEFINE_QUARK (eg-search-error-quark, eg_search_error)

static void
param_clear (gpointer data)
{
  EgSearchParam *param = data;

  g_clear_pointer (&param->s, g_free);
}

/* Whether @c is part of a word as the full-text index reads it */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK;
}

/* An FTS5 string ("escape analysis" or "gorout"*, quotes doubled inside)
 * as a term: its words, one space apart, with a final '*' for a prefix. */
static void
add_fts_term (GPtrArray  *terms,
              const char *fts)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) term = g_string_new (NULL);
  gboolean prefix = g_str_has_suffix (fts, "\"*");
  const char *end = fts + strlen (fts) - (prefix ? 2 : 1);
  gboolean space = FALSE;

  for (const char *s = fts + 1; s < end; s++)
    {
      g_string_append_c (text, *s);
      if (s[0] == '"' && s[1] == '"')
        s++;
    }
  for (const char *s = text->str; *s != '\0'; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);

      if (!is_word_char (c))
        {
          space = term->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (term, ' ');
      space = FALSE;
      g_string_append_unichar (term, c);
    }
  if (term->len == 0)
    return;
  if (prefix)
    g_string_append_c (term, '*');
  g_ptr_array_add (terms, g_string_free (g_steal_pointer (&term), FALSE));
}

/* The text terms of @node not under a NOT, in the order of the query */
static void
collect_terms (EgSearchNode *node,
               GPtrArray    *terms)
{
  switch (node->kind)
    {
    case EG_SEARCH_NODE_AND:
    case EG_SEARCH_NODE_OR:
      for (guint i = 0; i < node->children->len; i++)
        collect_terms (g_ptr_array_index (node->children, i), terms);
      break;
    case EG_SEARCH_NODE_FTS:
      add_fts_term (terms, node->text);
      break;
    case EG_SEARCH_NODE_LITERAL:
      g_ptr_array_add (terms, g_strdup (node->text));
      break;
    case EG_SEARCH_NODE_NOT:
    case EG_SEARCH_NODE_FILTER:
    default:
      break;
    }
}

static GStrv
terms_of (EgSearchNode *root)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unique = g_ptr_array_new ();

  if (root != NULL)
    collect_terms (root, terms);
  for (guint i = 0; i < terms->len; i++)
    if (!g_ptr_array_find_with_equal_func (unique, terms->pdata[i], g_str_equal, NULL))
      g_ptr_array_add (unique, g_strdup (terms->pdata[i]));
  g_ptr_array_add (unique, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&unique), FALSE);
}

/* @query parsed, or NULL (and no error) for a blank one */
static EgSearchNode *
parse (const char  *query,
       GError     **error)
{
  g_autofree char *valid = g_utf8_make_valid (query ? query : "", -1);
  g_autoptr(GError) local_error = NULL;
  EgSearchNode *root;

  if (_eg_search_is_blank (valid))
    return NULL;
  if (!(root = _eg_search_parse (valid, &local_error)))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return root;
}

/**
 * eg_search_new:
 * @query: (nullable): a query (see eg-search.h); %NULL or blank for every card
 *
 * Parses and compiles a query.
 *
 * Returns: (transfer full): the search, or %NULL with %EG_SEARCH_ERROR_SYNTAX
 *   and a message that names the offending token and its column
 */
EgSearch *
eg_search_new (const char  *query,
               GError     **error)
{
  return eg_search_new_scoped (query, NULL, error);
}

/**
 * eg_search_new_scoped:
 * @query: (nullable): what the user typed; %NULL or blank for every card
 * @scopes: (nullable) (array zero-terminated=1): queries the cards must
 *   match too, such as a saved search or `deck:"key"`
 *
 * Parses @query and each scope on its own, so that an error in @query
 * names the columns of @query as typed, and runs them as one search (the
 * scopes are never pasted into the text).  The terms to highlight are
 * those of @query (see eg_search_get_terms()).
 *
 * Returns: (transfer full): the search, or %NULL with %EG_SEARCH_ERROR_SYNTAX
 */
EgSearch *
eg_search_new_scoped (const char         *query,
                      const char * const *scopes,
                      GError            **error)
{
  g_autoptr(EgSearch) search = g_new0 (EgSearch, 1);
  g_autoptr(EgSearchNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  search->params = g_array_new (FALSE, TRUE, sizeof (EgSearchParam));
  g_array_set_clear_func (search->params, param_clear);

  root = parse (query, &local_error);
  search->terms = terms_of (root);
  for (guint i = 0; local_error == NULL && scopes != NULL && scopes[i] != NULL; i++)
    {
      EgSearchNode *scope = parse (scopes[i], &local_error);

      if (scope != NULL)
        root = root ? _eg_search_node_new_and (g_steal_pointer (&root), scope) : scope;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (root != NULL)
    _eg_store_search_compile (search, root);
  return g_steal_pointer (&search);
}

/**
 * eg_search_get_terms:
 *
 * What the text of the query looks for, to highlight in a card: words as
 * the full-text index reads them, a phrase as its words one space apart
 * (they match with any spaces or punctuation between them), with a final
 * `*` when the last word is a prefix; and text without letters or digits
 * (`=>`), which is found as a substring.  Negated terms are not listed.
 *
 * Returns: (transfer none): the terms, in the query's order, each once
 */
const char * const *
eg_search_get_terms (EgSearch *search)
{
  g_return_val_if_fail (search != NULL, NULL);
  return (const char * const *) search->terms;
}

void
eg_search_free (EgSearch *search)
{
  if (search == NULL)
    return;
  g_clear_pointer (&search->params, g_array_unref);
  g_strfreev (search->terms);
  g_free (search->where);
  g_free (search);
}

/* The collection's FSRS parameters and today's study day, as the
 * scheduler has them: the search's retrievability is the one on screen.
 * For is:due, today's queue (eg_scheduler_build_queue()): the search shows
 * the cards a review of every deck would, as `engram-cli due` counts them. */
static gboolean
load_settings (EgStore       *store,
               EgSearch      *search,
               gint64         now_ms,
               EgFsrsParams  *params,
               int           *today,
               GError       **error)
{
  g_autoptr(EgScheduler) scheduler = eg_scheduler_new (store, error);
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) json = NULL;
  EgSearchParam *param;

  if (scheduler == NULL)
    return FALSE;
  *params = *eg_scheduler_get_params (scheduler);
  *today = eg_scheduler_study_day (scheduler, now_ms);
  if (search->due == 0)
    return TRUE;

  if (!(queue = eg_scheduler_build_queue (scheduler, now_ms, error)))
    return FALSE;
  ids = eg_queue_list_cards (queue);
  json = g_string_new ("[");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  param = &g_array_index (search->params, EgSearchParam, search->due - FIRST_PARAM);
  g_free (param->s);
  param->s = g_string_free (g_steal_pointer (&json), FALSE);
  return TRUE;
}

/* Runs @search; the card keys too into @keys, if given. */
static GArray *
run_search (EgStore       *store,
            EgSearch      *search,
            EgSortColumn   sort,
            gboolean       descending,
            gint64         now_ms,
            GPtrArray     *keys,
            GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (EgSearchRow));
  g_autoptr(GStringChunk) texts = NULL;
  g_autoptr(GStringChunk) card_keys = NULL;
  EgSearchKeyType type = _eg_store_search_key_type (sort);
  EgFsrsParams params;
  int today;
  gboolean ok;

  if (type == EG_SEARCH_KEY_TEXT)
    texts = g_string_chunk_new (64 * 1024);
  if (keys != NULL)
    card_keys = g_string_chunk_new (64 * 1024);

  /* one snapshot, and one lock for all the statements */
  if (!eg_store_begin_read (store, error))
    return NULL;
  ok = load_settings (store, search, now_ms, &params, &today, error) &&
       _eg_store_search_set_params (store, &params, error) &&
       _eg_store_search_read_rows (store, search, sort, now_ms, today, rows, texts, card_keys,
                                   error);
  eg_store_end_read (store);
  if (!ok)
    return NULL;

  return _eg_search_sort_rows (rows, type, descending,
                               descending && sort == EG_SORT_DECK_ORDER, keys);
}

/**
 * eg_search_card_ids:
 * @sort: the order; ties are in deck order
 * @descending: reverse the order of @sort (cards without a value, such as
 *   new cards sorted by due time, stay last; ties stay in deck order)
 * @now_ms: the time is:due, prop:r and the like are relative to
 *
 * Runs a search, in one read transaction unless the caller has one open,
 * with the collection's scheduler settings: the retrievability prop:r and
 * the sort compare is the scheduler's (eg_scheduler_get_params()), and
 * the study day starts at its day-start hour.
 *
 * Returns: (transfer full) (element-type gint64): the ids of the matching
 *   cards that are not deleted, in order
 */
GArray *
eg_search_card_ids (EgStore       *store,
                    EgSearch      *search,
                    EgSortColumn   sort,
                    gboolean       descending,
                    gint64         now_ms,
                    GError       **error)
{
  g_return_val_if_fail (EG_IS_STORE (store), NULL);
  g_return_val_if_fail (search != NULL, NULL);
  g_return_val_if_fail (_eg_store_search_sort_is_valid (sort), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return run_search (store, search, sort, descending, now_ms, NULL, error);
}

/**
 * eg_search_card_keys:
 *
 * The same as eg_search_card_ids(), for the cards' keys ("16/301"), read
 * in the same pass.
 *
 * Returns: (transfer full): the keys, in order
 */
GStrv
eg_search_card_keys (EgStore       *store,
                     EgSearch      *search,
                     EgSortColumn   sort,
                     gboolean       descending,
                     gint64         now_ms,
                     GError       **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (EG_IS_STORE (store), NULL);
  g_return_val_if_fail (search != NULL, NULL);
  g_return_val_if_fail (_eg_store_search_sort_is_valid (sort), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(ids = run_search (store, search, sort, descending, now_ms, keys, error)))
    return NULL;
  g_ptr_array_add (keys, NULL);
  g_ptr_array_set_free_func (keys, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
}
