/* bench-collection.c - the large collection the benchmarks run on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-collection.h"
#include "eg-store-private.h"
#include "eg-synthetic.h"
#include "eg-test-util.h"

#define N_CARDS 100000
#define N_REVIEWS 1000000

/**
 * eg_bench_open_collection:
 * @existing: (nullable): a collection made by `engram-dev bench-gen`, or
 *   %NULL to generate one of 100,000 cards and 1,000,000 reviews in the
 *   test folder
 * @path: (out): where the collection is
 * @now: (out): the time just after its last review
 * @stats: (out): its counts, which are also printed
 */
EgStore *
eg_bench_open_collection (const char    *existing,
                          char         **path,
                          gint64        *now,
                          EgStoreStats  *stats)
{
  g_autoptr(GError) error = NULL;
  EgStore *store;

  *path = existing ? g_strdup (existing) : eg_test_tmp_path ("bench.db");
  store = eg_store_open (*path, &error);
  g_assert_no_error (error);

  if (existing != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt =
        _eg_store_prepare (store, "SELECT max (reviewed_at) + 1000 FROM review_log", NULL);

      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      *now = sqlite3_column_int64 (stmt, 0);
    }
  else
    {
      gint64 start = g_get_monotonic_time ();

      *now = eg_time_now_ms ();
      g_assert_true (eg_synthetic_generate (store, N_CARDS, N_REVIEWS, 1, *now, NULL, &error));
      g_assert_no_error (error);
      g_print ("generated %d cards and %d reviews in %.1f s\n", N_CARDS, N_REVIEWS,
               eg_bench_ms_since (start) / 1000);
    }

  g_assert_true (eg_store_get_stats (store, stats, &error));
  g_print ("collection: %u cards (%u new, %u learning, %u review, %u relearning), %u reviews\n",
           stats->cards, stats->new_cards, stats->learning, stats->review, stats->relearning,
           stats->reviews_logged);
  return store;
}
