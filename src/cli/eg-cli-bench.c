/* eg-cli-bench.c - engram-cli bench-gen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-cli.h"

int
eg_cli_bench_gen (EgCliContext  *ctx,
                  int            argc,
                  char         **argv)
{
  gint64 n_cards = -1;
  gint64 n_reviews = -1;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "cards", 0, 0, G_OPTION_ARG_INT64, &n_cards, "Cards to generate (required)", "N" },
    { "reviews", 0, 0, G_OPTION_ARG_INT64, &n_reviews,
      "Review-log rows to generate (required)", "M" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      "Random seed: the same seed and --at give the same collection (default 1)", "S" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  EgStoreStats stats = { 0 };
  gint64 started;
  double seconds;

  if (!eg_cli_parse_options (ctx, "bench-gen", "--cards N --reviews M --db PATH",
                             "Generate a synthetic collection (decks, cards and a review history)\n"
                             "for benchmarks, in a new or empty collection.",
                             entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_cli_usage_error ("bench-gen: unexpected argument “%s”", argv[1]);
  if (n_cards < 0 || n_reviews < 0)
    return eg_cli_usage_error ("bench-gen: --cards N and --reviews M are required");
  if (n_cards > G_MAXINT32 || n_reviews > G_MAXINT32)
    return eg_cli_usage_error ("bench-gen: --cards and --reviews go up to %d", G_MAXINT32);
  if (seed < 0 || seed > G_MAXUINT32)
    return eg_cli_usage_error ("bench-gen: --seed is a number from 0 to %u", G_MAXUINT32);
  /* never fill the user's own collection by accident */
  if (ctx->db_path == NULL)
    return eg_cli_usage_error ("bench-gen: name the collection to create with --db PATH");
  if (!eg_cli_open_store (ctx, EG_CLI_WRITE))
    return 1;

  if (!eg_store_is_empty (ctx->store))
    return eg_cli_usage_error ("bench-gen: “%s” already holds a collection; "
                               "bench-gen only fills a new or empty one", ctx->db_path);

  started = g_get_monotonic_time ();
  if (!eg_synthetic_generate (ctx->store, (guint) n_cards, (guint) n_reviews, (guint32) seed,
                              ctx->now_ms, NULL, &error) ||
      !eg_store_get_stats (ctx->store, &stats, &error))
    return eg_cli_fail (error);
  seconds = (g_get_monotonic_time () - started) / 1e6;

  g_print ("%s: %u cards, %u reviews, %u decks, %u sections in %.1f s\n",
           ctx->db_path, stats.cards, stats.reviews_logged, stats.decks, stats.sections,
           seconds);
  return 0;
}
