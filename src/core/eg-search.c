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
  g_autoptr(EgSearch) search = g_new0 (EgSearch, 1);
  g_autofree char *valid = NULL;
  g_autoptr(EgSearchNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  search->params = g_array_new (FALSE, TRUE, sizeof (EgSearchParam));
  g_array_set_clear_func (search->params, param_clear);

  valid = g_utf8_make_valid (query ? query : "", -1);
  if (valid[strspn (valid, " \t\r\n\f\v")] == '\0')
    return g_steal_pointer (&search);

  if (!(root = _eg_search_parse (valid, &local_error)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  _eg_store_search_compile (search, root);
  return g_steal_pointer (&search);
}

void
eg_search_free (EgSearch *search)
{
  if (search == NULL)
    return;
  g_clear_pointer (&search->params, g_array_unref);
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
