/* fuzz-search.c - the search query parser and its SQL, run on a small
 * collection
 *
 * The input is a query.  A query the parser refuses must be refused with a
 * syntax error; one it takes must compile to SQL that SQLite prepares and
 * runs without an error (user text is bound, never pasted), for every sort
 * column.  A query and its negation -(query) never share a card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "eg-test-store.h"
#include "fuzz-util.h"
#include "eg-search-private.h"
#include "eg-store-private.h"

#define STORE "search.db"
#define HOUR (3600 * G_GINT64_CONSTANT (1000))
#define DAY (24 * HOUR)
#define N_SORTS (EG_SORT_MODIFIED + 1)

static EgStore *store;
static gint64 now;

static void
import_text (const char *name,
             const char *text,
             gint64      when)
{
  g_autoptr(GFile) file = fuzz_write_file (name, text, strlen (text));
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = eg_import_file (store, file, when, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  FUZZ_CHECK (report != NULL, "%s", error->message);
}

static gint64
id_of (const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = eg_store_find_card (store, key, &error);

  FUZZ_CHECK (card != NULL, "no card %s", key);
  return card->id;
}

/* Two decks with new, learning, review, suspended, buried and flagged
 * cards, reviews, a note and a highlight */
static void
setup_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  gint64 t0 = FUZZ_NOW - 10 * DAY;
  const struct { const char *key; EgFsrsRating rating; gint64 ago; } grades[] = {
    { "1/101", EG_FSRS_GOOD, HOUR },
    { "1/103", EG_FSRS_GOOD, 3 * DAY },
    { "9/51", EG_FSRS_AGAIN, DAY },
    { "2/203", EG_FSRS_EASY, 2 * DAY },
  };
  gint64 id;
  gboolean ok = TRUE;

  now = FUZZ_NOW;
  store = fuzz_store_new (STORE);
  import_text ("a.md", eg_test_search_deck_a, t0);
  import_text ("b.md", eg_test_search_deck_b, t0);
  scheduler = eg_scheduler_new (store, &error);
  FUZZ_CHECK (scheduler != NULL, "%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    ok = ok && eg_scheduler_grade (scheduler, NULL, id_of (grades[i].key), grades[i].rating,
                                   now - grades[i].ago, 1000, NULL, &error);
  id = id_of ("2/201");
  ok = ok && eg_scheduler_set_suspended (scheduler, &id, 1, TRUE, &error);
  id = id_of ("2/202");
  ok = ok && eg_scheduler_bury (scheduler, &id, 1, now - HOUR, &error);
  id = id_of ("1/102");
  ok = ok && eg_scheduler_set_flag (scheduler, &id, 1, 3, &error);
  ok = ok && eg_store_set_note (store, id_of ("1/103"), "remember the bicycle", now, &error) > 0;
  ok = ok && eg_store_add_highlight (store, id_of ("1/101"), "answer", 4, 12, "compiler *note*",
                                     NULL, now, &error) > 0;
  FUZZ_CHECK (ok, "%s", error != NULL ? error->message : "");
}

static GArray *
run (EgSearch     *search,
     const char   *query,
     EgSortColumn  sort,
     gboolean      descending)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = _eg_store_search_statement (search, sort, sort % 2 == 0);
  sqlite3_stmt *stmt = NULL;
  GArray *ids;
  int rc;

  /* the statement compiles: a query never makes SQL that SQLite refuses */
  rc = sqlite3_prepare_v2 (_eg_store_get_db (store), sql, -1, &stmt, NULL);
  FUZZ_CHECK (rc == SQLITE_OK, "query «%s» made SQL that does not compile: %s\n%s", query,
              sqlite3_errmsg (_eg_store_get_db (store)), sql);
  sqlite3_finalize (stmt);

  ids = eg_search_card_ids (store, search, sort, descending, now, &error);
  FUZZ_CHECK (ids != NULL, "query «%s» (sort %d) failed: %s", query, sort,
              error != NULL ? error->message : "no error set");
  return ids;
}

static EgSearch *
parse (const char *query)
{
  g_autoptr(GError) error = NULL;
  EgSearch *search = eg_search_new (query, &error);

  if (search == NULL)
    {
      FUZZ_CHECK (g_error_matches (error, EG_SEARCH_ERROR, EG_SEARCH_ERROR_SYNTAX),
                  "query «%s» refused without a syntax error", query);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "message not UTF-8");
    }
  return search;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *query = NULL;
  g_autofree char *negated = NULL;
  g_autoptr(EgSearch) search = NULL;
  g_autoptr(EgSearch) negation = NULL;
  g_autoptr(EgSearch) scoped = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) others = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  const char *scopes[] = { "deck:search-deck", NULL };
  guint hash;
  EgSortColumn sort;

  fuzz_init ();
  if (store == NULL)
    setup_store ();
  if (size > 4096)
    return 0;

  query = fuzz_text (data, size);
  hash = g_str_hash (query);
  sort = hash % N_SORTS;

  if ((search = parse (query)) == NULL)
    return 0;
  ids = run (search, query, sort, (hash >> 8) & 1);
  keys = eg_search_card_keys (store, search, sort, (hash >> 8) & 1, now, &error);
  FUZZ_CHECK (keys != NULL && g_strv_length (keys) == ids->len,
              "query «%s»: the keys and the ids disagree", query);

  scoped = eg_search_new_scoped (query, scopes, &error);
  FUZZ_CHECK (scoped != NULL, "query «%s» refused with a scope: %s", query, error->message);
  g_array_unref (run (scoped, query, (sort + 1) % N_SORTS, FALSE));

  negated = g_strdup_printf ("-(%s)", query);
  if ((negation = parse (negated)) == NULL)
    return 0;
  others = run (negation, negated, sort, FALSE);
  for (guint i = 0; i < ids->len; i++)
    for (guint j = 0; j < others->len; j++)
      FUZZ_CHECK (g_array_index (ids, gint64, i) != g_array_index (others, gint64, j),
                  "card %" G_GINT64_FORMAT " matches both «%s» and «%s»",
                  g_array_index (ids, gint64, i), query, negated);
  return 0;
}
