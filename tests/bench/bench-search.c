/* bench-search.c - the card search on a large collection
 *
 * On a synthetic collection of 100,000 cards and 1,000,000 reviews (made by
 * eg_synthetic_generate(), as `engram-dev bench-gen` does) prints medians of:
 *
 *   - `engram-cli search 'escape analysis'`, whole process     target <= 50 ms
 *   - eg_search_card_ids() for `escape analysis`                target <= 30 ms
 *   - eg_search_card_ids() for `is:due section:3*`              target <= 30 ms
 *   - every card, sorted by each column in turn                 target <= 100 ms
 *
 * each beside a baseline measured in the same run: the floor SQLite (or
 * process start-up) sets for that kind of work.
 *
 *   bench-search ENGRAM_CLI [COLLECTION]   (an existing `engram-dev bench-gen` collection)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>

#include "bench-collection.h"
#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

/* Runs @query sorted by @sort @runs times; returns the number of cards. */
static guint
time_search (EgStore      *store,
             const char   *query,
             EgSortColumn  sort,
             gboolean      descending,
             gint64        now,
             int           runs,
             GArray       *samples)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSearch) search = eg_search_new (query, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GArray) ids = NULL;
      gint64 start = g_get_monotonic_time ();

      ids = eg_search_card_ids (store, search, sort, descending, now, &error);
      eg_bench_add (samples, eg_bench_ms_since (start));
      g_assert_no_error (error);
      n = ids ? ids->len : 0;
    }
  return n;
}

static void
time_statement (EgStore    *store,
                const char *sql,
                const char *text,
                int         runs,
                GArray     *samples)
{
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, NULL);
      gint64 start = g_get_monotonic_time ();

      if (text != NULL)
        sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        ;
      eg_bench_add (samples, eg_bench_ms_since (start));
    }
}

int
main (int    argc,
      char **argv)
{
  static const struct
  {
    EgSortColumn  column;
    const char   *name;
  } columns[] = {
    { EG_SORT_DECK_ORDER, "deck order" },
    { EG_SORT_NUMBER, "number" },
    { EG_SORT_QUESTION, "question" },
    { EG_SORT_SECTION, "section" },
    { EG_SORT_DUE, "due" },
    { EG_SORT_INTERVAL, "interval" },
    { EG_SORT_STABILITY, "stability" },
    { EG_SORT_DIFFICULTY, "difficulty" },
    { EG_SORT_RETRIEVABILITY, "retrievability" },
    { EG_SORT_REVIEWS, "reviews" },
    { EG_SORT_LAPSES, "lapses" },
    { EG_SORT_FLAG, "flag" },
    { EG_SORT_MODIFIED, "modified" },
  };
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autofree char *path = NULL;
  g_autofree char *at = NULL;
  const char *cli;
  gint64 now;
  EgStoreStats stats;
  guint n;

  eg_test_setup_dirs ("engram-bench-search");
  if (argc < 2)
    {
      g_printerr ("usage: bench-search ENGRAM_CLI [COLLECTION]\n");
      return 1;
    }
  cli = argv[1];

  store = eg_bench_open_collection (argc > 2 ? argv[2] : NULL, &path, &now, &stats);

  /* study tomorrow, with cards due */
  now += 24 * 3600 * G_GINT64_CONSTANT (1000);
  at = eg_time_format_iso (now);
  samples = g_array_new (FALSE, FALSE, sizeof (double));

  /* 1. the whole command */
  for (int i = 0; i < 11; i++)
    {
      const char *cmd[] = { cli, "--db", path, "search", "--at", at, "escape analysis", NULL };
      eg_bench_add (samples, eg_bench_run_process (cmd));
    }
  eg_bench_report ("engram-cli search 'escape analysis' (process)", samples, "<= 50 ms");

  for (int i = 0; i < 11; i++)
    {
      const char *cmd[] = { cli, "--version", NULL };
      eg_bench_add (samples, eg_bench_run_process (cmd));
    }
  eg_bench_report ("  baseline: engram-cli --version", samples, NULL);

  /* 2. free text */
  n = time_search (store, "escape analysis", EG_SORT_DECK_ORDER, FALSE, now, 11, samples);
  g_print ("'escape analysis': %u cards\n", n);
  eg_bench_report ("search 'escape analysis'", samples, "<= 30 ms");

  time_statement (store, "SELECT rowid FROM cards_fts WHERE cards_fts MATCH ?1",
                  "\"escape\" AND \"analysis\"", 11, samples);
  eg_bench_report ("  baseline: the FTS5 lookup alone", samples, NULL);

  /* 3. filters */
  n = time_search (store, "is:due section:3*", EG_SORT_DECK_ORDER, FALSE, now, 11, samples);
  g_print ("'is:due section:3*': %u cards\n", n);
  eg_bench_report ("search 'is:due section:3*'", samples, "<= 30 ms");

  time_statement (store, "SELECT c.id FROM cards c WHERE c.section_id = 3", NULL, 11, samples);
  eg_bench_report ("  baseline: the cards of one section by index", samples, NULL);

  /* 4. every card, by each column */
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_autofree char *what = g_strdup_printf ("every card by %s", columns[c].name);

          n = time_search (store, NULL, columns[c].column, FALSE, now, 5, samples);
      time_search (store, NULL, columns[c].column, TRUE, now, 4, samples);
      g_assert_cmpuint (n, ==, stats.cards);
      eg_bench_report (what, samples, "<= 100 ms");
    }

  time_statement (store, "SELECT c.id, c.section_id, c.position FROM cards c"
                  " JOIN card_state s ON s.card_id = c.id WHERE c.deleted = 0", NULL, 9, samples);
  eg_bench_report ("  baseline: read every card and its state", samples, NULL);

  time_statement (store, "SELECT c.id FROM cards c JOIN card_state s ON s.card_id = c.id"
                  " WHERE c.deleted = 0 ORDER BY s.reps, c.id", NULL, 9, samples);
  eg_bench_report ("  baseline: the same, ORDER BY in SQLite", samples, NULL);

  g_clear_object (&store);
  eg_test_cleanup_dirs ();
  return 0;
}
