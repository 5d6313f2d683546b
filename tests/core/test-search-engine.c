/* test-search-engine.c - the search in SQLite: hostile queries and garbage
 * refused or harmless, reads in one transaction, the statements planned to
 * use their indexes, and a warm start
 *
 * Every test builds the same small collection: two decks of 8 cards, states
 * set by grading, suspending, burying and flagging through the scheduler
 * and then pinned down by SQL, and a few annotations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "eg-core.h"
#include "eg-search-private.h"
#include "eg-store-private.h"
#include "eg-test-util.h"
#include "search-fixture.h"

static guint
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return G_MAXUINT;
  return sqlite3_column_int (stmt, 0);
}

static void
test_injection (void)
{
  static const char *tables[] = {
    "decks", "sections", "cards", "card_parts", "card_state", "review_log", "annotations",
    "settings", "cards_fts", "sqlite_master",
  };
  static const char *queries[] = {
    "'; DROP TABLE cards; --",
    "\" OR 1=1 --",
    "' OR '1'='1",
    "1) OR (1=1",
    "section:'; DELETE FROM cards",
    "section:\"'; DELETE FROM cards; --\"",
    "deck:x' OR 1=1 --",
    "prop:ivl>1; DROP TABLE x",
    "prop:ivl>1 OR 1=1",
    "flag:1; DELETE FROM cards",
    "rated:1) OR (1=1",
    "NEAR(a b)",
    "NEAR(escape analysis, 2)",
    "col:foo",
    "question:escape",
    "cards_fts:escape",
    "^a",
    "*",
    "**",
    "a NOT b",
    "escape + analysis",
    "\"escape\" \"",
    "x\"y",
    "\"a\"\"b\"",
    "; ATTACH DATABASE '/tmp/evil.db' AS evil; --",
    "%",
    "_",
    "\\",
    "?1",
    ":name",
    "@x $y",
    "NULL",
    "escape*analysis*",
    "-*",
    "--*",
  };
  Fixture f = { 0 };
  guint before[G_N_ELEMENTS (tables)];

  fixture_setup (&f);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    before[t] = count_rows (&f, tables[t]);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EgSearch) search = eg_search_new (queries[q], &error);
      g_autoptr(GArray) ids = NULL;

      if (search == NULL)
        {
          g_assert_error (error, EG_SEARCH_ERROR, EG_SEARCH_ERROR_SYNTAX);
          continue;
        }
      ids = eg_search_card_ids (f.store, search, EG_SORT_QUESTION, FALSE, f.now, &error);
      if (error != NULL)
        g_test_fail_printf ("“%s”: %s", queries[q], error->message);
      g_assert_nonnull (ids);
    }

  /* text, not SQL or FTS5 syntax */
  check (&f, "1=1", "");
  check (&f, "NEAR(escape analysis)", "");
  check (&f, "NOT escape", "9/52");   /* the word "not" */
  check (&f, "^escape", "1/101 2/201 2/202 9/52");

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    if (count_rows (&f, tables[t]) != before[t])
      g_test_fail_printf ("%s had %u rows, now %u", tables[t], before[t],
                          count_rows (&f, tables[t]));
  fixture_teardown (&f);
}

/* Random garbage never crashes, and fails only as a syntax error. */
static void
test_garbage (void)
{
  static const char *pieces[] = {
    " ", " ", " ", "(", ")", "\"", "-", "*", ":", "OR", "AND", "and", "is:", "prop:", "section:",
    "deck:", "flag:", "rated:", "has:", "due", "new", "r", "ivl", "<", "<=", ">", "=", "!=",
    "0", "1", "0.5", "-3", "escape", "café", "🟢", "é", "'", ";", "--", "\\", "\t", "NEAR",
    "^", "{", "}", "%", "_", "\xff", "\xc3", "x",
  };
  Fixture f = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20300111);
  guint n_ok = 0, n_errors = 0;

  fixture_setup (&f);
  for (int i = 0; i < 1000; i++)
    {
      g_autoptr(GString) query = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(EgSearch) search = NULL;
      int length = g_rand_int_range (rand, 0, 24);

      for (int j = 0; j < length; j++)
        g_string_append (query, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      search = eg_search_new (query->str, &error);
      if (search == NULL)
        {
          g_assert_error (error, EG_SEARCH_ERROR, EG_SEARCH_ERROR_SYNTAX);
          g_assert_true (error == NULL || strlen (error->message) > 10);
          n_errors++;
          continue;
        }
      for (int sort = EG_SORT_DECK_ORDER; sort <= EG_SORT_MODIFIED; sort += 4)
        {
          g_autoptr(GArray) ids = eg_search_card_ids (f.store, search, sort, i % 2, f.now,
                                                      &error);

          if (ids == NULL)
            g_test_fail_printf ("“%s”: %s", query->str, error ? error->message : "?");
          g_clear_error (&error);
        }
      n_ok++;
    }
  g_test_message ("%u queries ran, %u were syntax errors", n_ok, n_errors);
  g_assert_cmpuint (n_ok, >, 100);
  g_assert_cmpuint (n_errors, >, 100);
  g_assert_cmpuint (count_rows (&f, "cards"), ==, 8);
  fixture_teardown (&f);
}

/* A search runs inside the caller's transaction, and without one in its own. */
static void
test_transactions (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  g_assert_true (_eg_store_begin (f.store, NULL));
  exec_sql (&f, "UPDATE cards SET flag = 5 WHERE key = '9/52'");
  check (&f, "flag:5", "9/52");
  _eg_store_rollback (f.store);
  check (&f, "flag:5", "");
  g_assert_true (sqlite3_get_autocommit (_eg_store_get_db (f.store)));
  fixture_teardown (&f);
}

/* Cards found by id (full text, rated:, has:) are looked up in the index
 * cards_by_id alone, never in the rows with their text, unless the text is
 * wanted: to sort by question or to find a literal.  A full-text query ANDed
 * with the rest is a join, the full-text index first, unless due or
 * learning cards are asked for.  deck: looks up the rows one by one only
 * when it reads them anyway.  Other searches are left to SQLite's planner.
 *
 * These are the search's own decisions, read from the statement it builds
 * (INDEXED BY makes SQLite use the index or fail), and every case must
 * find the same cards as without them.  What SQLite's planner makes of the
 * statement is not compared as text: test_index_use() measures it.
 */
typedef enum
{
  LOOKUP_JOIN,     /* the full-text matches joined with cards_by_id */
  LOOKUP_BY_ID,    /* cards_by_id, no join */
  LOOKUP_ROWS,     /* not through cards_by_id, which lacks the text */
  LOOKUP_NO_DECK,  /* deck: not through (deck_id, key), a look-up of the row per card */
  LOOKUP_DECK,     /* deck: through (deck_id, key): the rows are read anyway */
  LOOKUP_PLANNER,  /* neither a join nor an index forced */
} Lookup;

static const struct
{
  const char   *query;
  EgSortColumn  sort;
  Lookup        lookup;
  const char   *keys;
} plan_cases[] = {
  { "escape analysis", EG_SORT_DECK_ORDER, LOOKUP_JOIN, "1/101 2/201 2/202" },
  { "escape is:review", EG_SORT_DUE, LOOKUP_JOIN, "2/202 2/201 1/101" },
  { "goroutines is:due", EG_SORT_DUE, LOOKUP_BY_ID, "1/103" },   /* through card_state */
  { "is:learn escape -stack", EG_SORT_NUMBER, LOOKUP_BY_ID, "2/201" },
  { "section:1 escap* -goroutine", EG_SORT_NUMBER, LOOKUP_JOIN, "1/101" },
  { "rated:30 is:flagged", EG_SORT_MODIFIED, LOOKUP_BY_ID, "9/51" },
  { "has:note", EG_SORT_SECTION, LOOKUP_BY_ID, "1/103" },
  { "(escape OR scheduler) prop:r<0.95", EG_SORT_RETRIEVABILITY, LOOKUP_JOIN, "2/201 2/202" },
  { "(escape OR is:new) rated:7", EG_SORT_REVIEWS, LOOKUP_BY_ID, "2/203 1/101" },
  { "escape analysis", EG_SORT_QUESTION, LOOKUP_ROWS, "2/202 2/201 1/101" },
  { "goroutines \"=>\"", EG_SORT_DECK_ORDER, LOOKUP_ROWS, "1/103" },   /* "=>": a literal */
  { "is:new", EG_SORT_DECK_ORDER, LOOKUP_PLANNER, "2/203 9/52" },
  { "-escape", EG_SORT_DECK_ORDER, LOOKUP_PLANNER, "1/102 1/103 2/203 9/51" },
  { "escape OR is:new", EG_SORT_FLAG, LOOKUP_PLANNER, "1/101 2/201 2/202 2/203 9/52" },
  { "", EG_SORT_DECK_ORDER, LOOKUP_PLANNER, ALL_KEYS },
  { "deck:*", EG_SORT_DECK_ORDER, LOOKUP_NO_DECK, ALL_KEYS },
  { "is:suspended deck:*", EG_SORT_FLAG, LOOKUP_NO_DECK, "2/201" },
  { "is:suspended deck:*", EG_SORT_QUESTION, LOOKUP_DECK, "2/201" },
};

static void
test_plans (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  for (guint i = 0; i < G_N_ELEMENTS (plan_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EgSearch) search = eg_search_new (plan_cases[i].query, &error);

      g_assert_no_error (error);
      for (int with_keys = 0; with_keys < 2; with_keys++)
        {
          g_autofree char *sql = _eg_store_search_statement (search, plan_cases[i].sort,
                                                             with_keys);
          gboolean join = strstr (sql, " FROM cards_fts f JOIN cards c ") != NULL;
          gboolean by_id = strstr (sql, " INDEXED BY cards_by_id ") != NULL;
          gboolean ok;

          switch (plan_cases[i].lookup)
            {
            case LOOKUP_JOIN:
              ok = join && by_id;
              break;
            case LOOKUP_BY_ID:
              ok = !join && by_id;
              break;
            case LOOKUP_ROWS:
              ok = !by_id;
              break;
            case LOOKUP_NO_DECK:
              ok = strstr (sql, "+c.deck_id IN (") != NULL;
              break;
            case LOOKUP_DECK:
              ok = strstr (sql, " c.deck_id IN (") != NULL && strstr (sql, "+c.deck_id") == NULL;
              break;
            case LOOKUP_PLANNER:
            default:
              ok = !join && !by_id;
              break;
            }
          if (!ok)
            g_test_fail_printf ("“%s”, sort %d, lookup %d; the statement is\n%s",
                                plan_cases[i].query, plan_cases[i].sort, plan_cases[i].lookup,
                                sql);
        }
      check_sorted (&f, plan_cases[i].query, plan_cases[i].sort, FALSE, plan_cases[i].keys);
    }
  fixture_teardown (&f);
}

/* What SQLite makes of the search's statements, measured rather than read
 * from EXPLAIN: a search that finds its cards through the full-text index,
 * rated:, has: or is:due visits those cards, not every card.  Among 1,000
 * more cards than it finds, it takes fewer steps of SQLite's virtual machine
 * than there are cards (a pass over every card takes about 8 per card) and
 * walks no table of cards from end to end.  (is:due visits today's queue,
 * which holds 20 of the new filler cards: about 500 steps.)
 */
static void
test_index_use (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) filler = g_string_new ("# Filler\n\n");
  const int n_filler = 1000;

  fixture_setup (&f);
  for (int i = 1; i <= n_filler; i++)
    g_string_append_printf (filler, "### %d. Filler question %d?\nNothing to find here.\n\n"
                            "---\n\n", i, i);
  import (&f, "filler.md", filler->str, f.now - DAY);

  for (guint i = 0; i < G_N_ELEMENTS (plan_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EgSearch) search = NULL;
      g_autoptr(GArray) ids = NULL;
      g_auto(GStrv) expected = g_strsplit (plan_cases[i].keys, " ", -1);
      int fullscan = -1, vm = -1;

      if (plan_cases[i].lookup != LOOKUP_JOIN && plan_cases[i].lookup != LOOKUP_BY_ID &&
          plan_cases[i].lookup != LOOKUP_ROWS)
        continue;
      search = eg_search_new (plan_cases[i].query, &error);
      g_assert_no_error (error);
      /* the search sets up its SQL functions, and finds what it found before */
      ids = eg_search_card_ids (f.store, search, plan_cases[i].sort, FALSE, f.now, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, g_strv_length (expected));
      g_assert_true (_eg_store_search_measure (f.store, search, plan_cases[i].sort, f.now,
                                               f.today, &fullscan, &vm, &error));
      g_assert_no_error (error);
      if (vm >= n_filler || fullscan >= n_filler)
        g_test_fail_printf ("“%s” (sort %d) finds %u cards in %d steps, %d of them in full "
                            "scans: it reads every card", plan_cases[i].query,
                            plan_cases[i].sort, ids->len, vm, fullscan);
    }
  fixture_teardown (&f);
}

/* Pages a text search read from the file rather than the connection's
 * cache, on a store just opened as the app opens it (its integrity is
 * checked in a thread), after eg_search_warm_up() or not */
static int
search_cache_misses (const char *path,
                     gboolean    warm_up,
                     gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open_full (path, EG_STORE_OPEN_UNCHECKED, &error);
  g_autoptr(EgSearch) search = eg_search_new ("goroutine", &error);
  g_autoptr(GArray) ids = NULL;
  int misses = 0, highwater = 0;

  g_assert_no_error (error);
  if (warm_up)
    g_assert_true (eg_search_warm_up (store, &error));
  g_assert_no_error (error);
  sqlite3_db_status (_eg_store_get_db (store), SQLITE_DBSTATUS_CACHE_MISS, &misses, &highwater,
                     TRUE);
  ids = eg_search_card_ids (store, search, EG_SORT_DECK_ORDER, FALSE, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3000);
  sqlite3_db_status (_eg_store_get_db (store), SQLITE_DBSTATUS_CACHE_MISS, &misses, &highwater,
                     FALSE);
  return misses;
}

/* The warm-up reads before the first search what the search would read
 * from the file: the cards' narrow index. */
static void
test_warm_up (void)
{
  g_autoptr(GString) deck = g_string_new ("# Many\n\n");
  g_autofree char *deck_path = eg_test_tmp_path ("many.md");
  g_autofree char *path = eg_test_tmp_path ("warm-up.db");
  g_autoptr(GFile) file = g_file_new_for_path (deck_path);
  g_autoptr(GError) error = NULL;
  gint64 now = iso ("2030-01-11T12:00:00Z");
  int cold, warm;

  for (int i = 1; i <= 3000; i++)
    g_string_append_printf (deck, "### %d. What does goroutine %d do?\nIt runs.\n\n---\n\n", i, i);
  g_assert_true (g_file_set_contents (deck_path, deck->str, -1, NULL));
  {
    g_autoptr(EgStore) store = eg_store_open (path, &error);
    g_autoptr(EgImportReport) report = NULL;

    g_assert_no_error (error);
    report = eg_import_file (store, file, now, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  cold = search_cache_misses (path, FALSE, now);
  warm = search_cache_misses (path, TRUE, now);
  g_test_message ("a search just after opening reads %d pages, %d after the warm-up", cold,
                  warm);
  /* the index of 3,000 cards is ~20 pages of 4 KiB */
  g_assert_cmpint (cold - warm, >=, 10);
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-search-engine");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/search/warm-up", test_warm_up);
  g_test_add_func ("/search/injection", test_injection);
  g_test_add_func ("/search/garbage", test_garbage);
  g_test_add_func ("/search/transactions", test_transactions);
  g_test_add_func ("/search/plans", test_plans);
  g_test_add_func ("/search/index-use", test_index_use);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
