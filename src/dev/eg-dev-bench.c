/* eg-dev-bench.c - engram-dev bench-gen: a synthetic collection for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-dev.h"
#include "eg-synthetic.h"

int
eg_dev_bench_gen (int    argc,
                  char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *at = NULL;
  gint64 n_cards = -1;
  gint64 n_reviews = -1;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      "The collection to create (required)", "PATH" },
    { "cards", 0, 0, G_OPTION_ARG_INT64, &n_cards, "Cards to generate (required)", "N" },
    { "reviews", 0, 0, G_OPTION_ARG_INT64, &n_reviews,
      "Review-log rows to generate (required)", "M" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      "Random seed: the same seed and --at give the same collection (default 1)", "S" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      "The present, e.g. 2026-12-01T09:00:00Z: no review is later (default: now)", "ISO-TIME" },
    { NULL }
  };
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  EgStoreStats stats = { 0 };
  gint64 now_ms;
  gint64 started;
  double seconds;

  if (!eg_dev_parse_options ("--cards N --reviews M --db PATH",
                             "Generate a synthetic collection (decks, cards and a review history)\n"
                             "for benchmarks, in a new or empty collection.",
                             entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_dev_usage_error ("bench-gen: unexpected argument “%s”", argv[1]);
  if (n_cards < 0 || n_reviews < 0)
    return eg_dev_usage_error ("bench-gen: --cards N and --reviews M are required");
  if (n_cards > G_MAXINT32 || n_reviews > G_MAXINT32)
    return eg_dev_usage_error ("bench-gen: --cards and --reviews go up to %d", G_MAXINT32);
  if (seed < 0 || seed > G_MAXUINT32)
    return eg_dev_usage_error ("bench-gen: --seed is a number from 0 to %u", G_MAXUINT32);
  if (at == NULL)
    now_ms = eg_time_now_ms ();
  else if (!eg_time_parse_iso (at, &now_ms))
    return eg_dev_usage_error ("--at: “%s” is not an ISO 8601 time such as "
                               "2026-12-01T09:00:00Z", at);
  /* never fill the user's own collection by accident */
  if (db_path == NULL)
    return eg_dev_usage_error ("bench-gen: name the collection to create with --db PATH");

  store = eg_store_open_full (db_path, EG_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return eg_dev_fail (error);
  eg_store_set_memory_map (store, 512 * 1024 * 1024);

  if (!eg_store_is_empty (store))
    return eg_dev_usage_error ("bench-gen: “%s” already holds a collection; "
                               "bench-gen only fills a new or empty one", db_path);

  started = g_get_monotonic_time ();
  if (!eg_synthetic_generate (store, (guint) n_cards, (guint) n_reviews, (guint32) seed,
                              now_ms, NULL, &error) ||
      !eg_store_get_stats (store, &stats, &error))
    return eg_dev_fail (error);
  seconds = (g_get_monotonic_time () - started) / 1e6;

  g_print ("%s: %u cards, %u reviews, %u decks, %u sections in %.1f s\n",
           db_path, stats.cards, stats.reviews_logged, stats.decks, stats.sections, seconds);
  return 0;
}
