/* test-simulate.c - the forward simulator: determinism, limits, and a
 * learner whose memory is the scheduler's model recalls at the desired
 * retention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "eg-core.h"

#define START G_GINT64_CONSTANT (1767240000000)  /* 2026-01-01T04:00:00Z */

static EgFsrsCard *
new_cards (guint n)
{
  EgFsrsCard *cards = g_new (EgFsrsCard, n);

  for (guint i = 0; i < n; i++)
    eg_fsrs_card_init_new (&cards[i], START - EG_FSRS_MS_PER_DAY);
  return cards;
}

static void
run (const EgSimulateOptions *options,
     const EgFsrsCard        *cards,
     guint                    n,
     EgSimulateDay           *days)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eg_simulate_run (options, cards, n, days, NULL, &error));
  g_assert_no_error (error);
}

static void
test_deterministic (void)
{
  EgFsrsParams params;
  EgSimulateOptions options;
  g_autofree EgFsrsCard *cards = new_cards (100);
  g_autofree EgSimulateDay *a = g_new (EgSimulateDay, 60);
  g_autofree EgSimulateDay *b = g_new (EgSimulateDay, 60);
  g_autofree EgSimulateDay *c = g_new (EgSimulateDay, 60);
  guint grades = 0;

  eg_fsrs_params_init_default (&params);
  eg_simulate_options_init (&options, &params);
  options.start_ms = START;
  options.n_days = 60;
  options.seed = 7;
  run (&options, cards, 100, a);
  run (&options, cards, 100, b);
  g_assert_cmpmem (a, sizeof *a * 60, b, sizeof *b * 60);
  options.seed = 8;
  run (&options, cards, 100, c);
  g_assert_true (memcmp (a, c, sizeof *a * 60) != 0);
  for (guint d = 0; d < 60; d++)
    grades += a[d].grades;
  g_assert_cmpuint (grades, >, 100);
}

static void
test_limits (void)
{
  EgFsrsParams params;
  EgSimulateOptions options;
  g_autofree EgFsrsCard *cards = new_cards (300);
  g_autofree EgSimulateDay *days = g_new (EgSimulateDay, 40);
  guint introduced = 0;

  eg_fsrs_params_init_default (&params);
  eg_simulate_options_init (&options, &params);
  options.start_ms = START;
  options.n_days = 40;
  options.new_per_day = 12;
  options.reviews_per_day = 15;
  run (&options, cards, 300, days);
  for (guint d = 0; d < 40; d++)
    {
      g_assert_cmpuint (days[d].new_cards, ==, MIN (12, 300 - introduced));
      introduced += days[d].new_cards;
      g_assert_cmpuint (days[d].reviews, <=, 15);
      g_assert_cmpuint (days[d].early, ==, 0);
    }
  /* a backlog: the review limit is reached */
  g_assert_cmpuint (days[39].reviews, ==, 15);
  /* day 0: 12 of 300 cards known, each close to certainly right after
   * being studied */
  g_assert_cmpfloat (days[0].recall, >, 12 * 0.9 / 300);
  g_assert_cmpfloat (days[0].recall, <=, 12.0 / 300);
}

/* The scheduler's model is the learner's memory: the reviews of cards due
 * pass at about the desired retention */
static void
test_calibrated (gconstpointer data)
{
  double retention = *(const double *) data;
  const char *learning[] = { "1m", "10m", NULL };
  const char *relearning[] = { "10m", NULL };
  EgFsrsParams params;
  EgSimulateOptions options;
  g_autofree EgFsrsCard *cards = new_cards (1000);
  g_autofree EgSimulateDay *days = g_new (EgSimulateDay, 365);
  g_autoptr(GError) error = NULL;
  guint reviews = 0, lapses = 0;
  double pass;

  g_assert_true (eg_fsrs_params_init (&params, eg_fsrs_default_weights (), EG_FSRS_N_PARAMS,
                                      retention, 36500, FALSE, TRUE, learning, relearning,
                                      &error));
  eg_simulate_options_init (&options, &params);
  options.start_ms = START;
  options.n_days = 365;
  options.new_per_day = 20;
  options.reviews_per_day = 100000;
  options.skip_recall = TRUE;
  run (&options, cards, 1000, days);
  for (guint d = 0; d < 365; d++)
    {
      reviews += days[d].reviews;
      lapses += days[d].lapses;
    }
  g_assert_cmpuint (reviews, >, 3000);
  pass = 1.0 - (double) lapses / reviews;
  g_test_message ("retention %.2f: %u reviews, pass rate %.3f", retention, reviews, pass);
  /* whole days and rounded intervals put it a little above */
  g_assert_cmpfloat (pass, >, retention - 0.03);
  g_assert_cmpfloat (pass, <, retention + 0.05);
}

int
main (int    argc,
      char **argv)
{
  static const double r90 = 0.9, r80 = 0.8;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/simulate/deterministic", test_deterministic);
  g_test_add_func ("/simulate/limits", test_limits);
  g_test_add_data_func ("/simulate/calibrated/0.90", &r90, test_calibrated);
  g_test_add_data_func ("/simulate/calibrated/0.80", &r80, test_calibrated);
  return g_test_run ();
}
