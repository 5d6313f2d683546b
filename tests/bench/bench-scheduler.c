/* bench-scheduler.c - the scheduler on a large collection
 *
 * On a synthetic collection of 100,000 cards and 1,000,000 reviews (made by
 * eg_synthetic_generate(), as `engram-dev bench-gen` does) prints medians of:
 *
 *   - building today's queue                             target <= 50 ms
 *   - grade + commit + fetch the next card                target <= 5 ms
 *     (commits are synchronous=FULL; the same with NORMAL, as before
 *     issue 10 made every grade durable, is printed beside it)
 *   - `engram-cli due`, whole process                     target <= 150 ms
 *   - rebuilding every card's state from the review log   target <= 10 s
 *
 * each beside a baseline measured in the same run: the floor SQLite (or
 * process start-up) sets for that kind of work.
 *
 *   bench-scheduler ENGRAM_CLI [COLLECTION]   (an existing `engram-dev bench-gen` collection)
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

/* Grades up to 200 cards of @queue Good, timing each grade, its commit and
 * the look-up of the next card; returns the time after the last. */
static gint64
grade_cards (EgScheduler *scheduler,
             EgQueue     *queue,
             gint64       now,
             GArray      *samples)
{
  EgStore *store = eg_scheduler_get_store (scheduler);

  for (int i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EgCard) next = NULL;
      gint64 id = eg_queue_peek (queue, now);
      gint64 start;

      if (id == 0)
        break;
      start = g_get_monotonic_time ();
      g_assert_true (eg_scheduler_grade (scheduler, queue, id, EG_FSRS_GOOD, now, 5000, NULL,
                                         &error));
      id = eg_queue_peek (queue, now);
      if (id != 0)
        next = eg_store_get_card (store, id, &error);
      eg_bench_add (samples, eg_bench_ms_since (start));
      g_assert_no_error (error);
      now += 1000;
    }
  return now;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autofree char *path = NULL;
  g_autofree char *at = NULL;
  const char *cli;
  gint64 now, start;
  EgQueueCounts counts;
  EgStoreStats stats;
  guint n_cards = 0, n_reviews = 0;

  eg_test_setup_dirs ("engram-bench-scheduler");
  if (argc < 2)
    {
      g_printerr ("usage: bench-scheduler ENGRAM_CLI [COLLECTION]\n");
      return 1;
    }
  cli = argv[1];

  store = eg_bench_open_collection (argc > 2 ? argv[2] : NULL, &path, &now, &stats);

  scheduler = eg_scheduler_new (store, &error);
  g_assert_no_error (error);
  /* the generated user has done today's reviews: study tomorrow, with a full queue */
  now += 24 * 3600 * G_GINT64_CONSTANT (1000);
  at = eg_time_format_iso (now);

  /* 1. today's queue */
  samples = g_array_new (FALSE, FALSE, sizeof (double));
  for (int i = 0; i < 11; i++)
    {
      g_clear_pointer (&queue, eg_queue_free);
      start = g_get_monotonic_time ();
      queue = eg_scheduler_build_queue (scheduler, now, &error);
      eg_bench_add (samples, eg_bench_ms_since (start));
      g_assert_no_error (error);
    }
  eg_queue_get_counts (queue, &counts);
  g_print ("queue: %u new, %u learning, %u review\n", counts.new_cards, counts.learning,
           counts.review);
  eg_bench_report ("build the queue for now", samples, "<= 50 ms");

  for (int i = 0; i < 11; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store,
        "SELECT card_id FROM card_state WHERE state = 2 AND due_day <= ?1 LIMIT 200", NULL);
      int today = eg_scheduler_study_day (scheduler, now);

      start = g_get_monotonic_time ();
      sqlite3_bind_int (stmt, 1, today);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        ;
      eg_bench_add (samples, eg_bench_ms_since (start));
    }
  eg_bench_report ("  baseline: one indexed SELECT of 200 ids", samples, NULL);

  /* 2. grade, commit, fetch the next card */
  now = grade_cards (scheduler, queue, now, samples);
  eg_bench_report ("grade + commit + fetch the next card", samples, "<= 5 ms");

  /* the same before every commit was synced (synchronous=NORMAL) */
  g_assert_true (_eg_store_exec (store, "PRAGMA synchronous = NORMAL", NULL));
  now = grade_cards (scheduler, queue, now, samples);
  eg_bench_report ("  the same, synchronous=NORMAL (not durable)", samples, NULL);
  g_assert_true (_eg_store_exec (store, "PRAGMA synchronous = FULL", NULL));

  for (int i = 0; i < 200; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store,
        "UPDATE card_state SET reps = reps WHERE card_id = ?1", NULL);

      start = g_get_monotonic_time ();
      g_assert_true (_eg_store_begin (store, NULL));
      sqlite3_bind_int64 (stmt, 1, i + 1);
      sqlite3_step (stmt);
      g_assert_true (_eg_store_commit (store, NULL));
      eg_bench_add (samples, eg_bench_ms_since (start));
    }
  eg_bench_report ("  baseline: one-row UPDATE + COMMIT", samples, NULL);

  /* 3. engram-cli due, the whole process */
  for (int i = 0; i < 11; i++)
    {
      const char *cmd[] = { cli, "--db", path, "due", "--at", at, NULL };
      eg_bench_add (samples, eg_bench_run_process (cmd));
    }
  eg_bench_report ("engram-cli due (process wall time)", samples, "<= 150 ms");

  for (int i = 0; i < 11; i++)
    {
      const char *cmd[] = { cli, "--version", NULL };
      eg_bench_add (samples, eg_bench_run_process (cmd));
    }
  eg_bench_report ("  baseline: engram-cli --version", samples, NULL);

  /* 4. rebuild every card from the log */
  for (int i = 0; i < 3; i++)
    {
      start = g_get_monotonic_time ();
      g_assert_true (eg_scheduler_rebuild (scheduler, &n_cards, &n_reviews, &error));
      eg_bench_add (samples, eg_bench_ms_since (start));
      g_assert_no_error (error);
    }
  g_print ("rebuilt %u cards from %u log rows\n", n_cards, n_reviews);
  eg_bench_report ("rebuild every state from the review log", samples, "<= 10000 ms");

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store,
        "SELECT card_id, reviewed_at, rating FROM review_log ORDER BY card_id, reviewed_at",
        NULL);

      start = g_get_monotonic_time ();
      while (sqlite3_step (stmt) == SQLITE_ROW)
        ;
      eg_bench_add (samples, eg_bench_ms_since (start));
    }
  eg_bench_report ("  baseline: read the log in that order", samples, NULL);

  g_clear_object (&scheduler);
  g_clear_object (&store);
  eg_test_cleanup_dirs ();
  return 0;
}
