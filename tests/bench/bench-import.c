/* bench-import.c - how long importing a deck takes
 *
 * Prints medians (of several runs, each into a fresh collection) for:
 *   - the shipped seed (245 cards, damaged encoding);        target <= 100 ms
 *   - a generated deck of 100,000 cards (~40 MB);             target <= 5 s
 * and, as the baseline measured in the same run, the floor any importer
 * has: reading + parsing alone, and a bare SQLite insert of the same rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static double
time_import (const char *deck_path)
{
  g_autofree char *db = eg_test_tmp_path ("bench.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (deck_path);
  g_autoptr(EgImportReport) report = NULL;
  gint64 start;
  double ms;

  store = eg_store_open (db, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, report->cards);
  return ms;
}

static double
time_parse (const char *deck_path)
{
  g_autoptr(GFile) file = g_file_new_for_path (deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeck) deck = NULL;
  gint64 start = g_get_monotonic_time ();

  deck = eg_deck_load (file, NULL, &error);
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The same cards inserted with one plain prepared statement, no FTS. */
static double
time_bare_insert (const char *deck_path)
{
  g_autofree char *db_path = eg_test_tmp_path ("bare.db");
  g_autoptr(GFile) file = g_file_new_for_path (deck_path);
  g_autoptr(EgDeck) deck = eg_deck_load (file, NULL, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start;

  g_assert_nonnull (deck);
  sqlite3_open (db_path, &db);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                    "CREATE TABLE c (key TEXT UNIQUE, q TEXT, a TEXT, p TEXT, h TEXT)",
                NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO c VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL);

  start = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < deck->sections->len; i++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, i);

      for (guint j = 0; j < section->cards->len; j++)
        {
          EgDeckCard *card = g_ptr_array_index (section->cards, j);
          EgCardPart *part = card->parts->len ? g_ptr_array_index (card->parts, 0) : NULL;

          sqlite3_bind_text (stmt, 1, card->key, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, card->question, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, card->answer, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, part ? part->text : "", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, card->content_hash, -1, SQLITE_STATIC);
          sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* A deck shaped like the shipped one: sections of 2,000 cards with a short
 * Markdown answer (bold, code, a list, a damaged apostrophe) and an Indepth.
 */
static char *
generate_deck (guint n_cards)
{
  g_autofree char *path = eg_test_tmp_path ("generated.md");
  GString *text = g_string_new ("# Generated Benchmark Deck\n\n");

  for (guint i = 0; i < n_cards; i++)
    {
      if (i % 2000 == 0)
        g_string_append_printf (text, "## From %u Generated\n\n# 🟢 **Section %u**\n\n",
                                i / 2000 + 1, i / 2000 + 1);
      g_string_append_printf (text,
        "### %u. What does `f%u()` do when the **buffer** is full?\n"
        "\"Itâ€™s blocked until a reader drains `ch%u`.\n\n"
        "*   The sender parks on `sendq`.\n"
        "*   The scheduler runs another goroutine.\"\n\n"
        "#### Indepth\n"
        "Card %u: with `select` and `default` the send never parks; see **runtime.chansend**.\n\n"
        "---\n\n",
        i + 1, i, i, i);
    }

  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_print ("generated deck: %u cards, %.1f MB\n", n_cards, text->len / 1e6);
  g_string_free (text, TRUE);
  return g_steal_pointer (&path);
}

static void
report (const char *what,
        guint       runs,
        double    (*func) (const char *),
        const char *path,
        const char *target)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  double mid;

  for (guint i = 0; i < runs; i++)
    {
      double ms = func (path);
      g_array_append_val (samples, ms);
    }
  mid = median (samples);   /* sorts the samples */

  g_print ("%-40s median %8.1f ms  (min %.1f, max %.1f, %u runs)%s%s\n", what, mid,
           g_array_index (samples, double, 0), g_array_index (samples, double, samples->len - 1),
           runs, target ? "  target " : "", target ? target : "");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *seed = NULL;
  g_autofree char *generated = NULL;
  guint n_cards = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;

  eg_test_setup_dirs ("engram-bench-import");
  g_test_init (&argc, &argv, NULL);
  seed = eg_test_fixture ("expert-go-interview-questions.md");

  report ("seed: import into a fresh collection", 11, time_import, seed, "<= 100 ms");
  report ("seed: baseline, read + repair + parse", 11, time_parse, seed, NULL);
  report ("seed: baseline, bare SQLite insert", 11, time_bare_insert, seed, NULL);

  generated = generate_deck (n_cards);
  report ("100k: import into a fresh collection", 5, time_import, generated, "<= 5000 ms");
  report ("100k: baseline, read + repair + parse", 5, time_parse, generated, NULL);
  report ("100k: baseline, bare SQLite insert", 5, time_bare_insert, generated, NULL);

  eg_test_cleanup_dirs ();
  return 0;
}
