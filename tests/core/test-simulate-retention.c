/* test-simulate-retention.c - the suggestion of a desired retention:
 * determinism, range, the direction the costs move it, cancelling, and
 * the costs read from a review log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

static double
suggest (const double        *w,
         const EgReviewCosts *costs)
{
  g_autoptr(GError) error = NULL;
  double retention = -1;

  g_assert_true (eg_simulate_optimal_retention (w, costs, NULL, NULL, &retention, &error));
  g_assert_no_error (error);
  return retention;
}

static void
test_deterministic (void)
{
  const double *w = eg_fsrs_default_weights ();
  EgReviewCosts costs;
  double a, b, c;

  eg_review_costs_init_default (&costs);
  a = suggest (w, &costs);
  b = suggest (w, &costs);
  c = suggest (w, NULL);
  g_test_message ("the defaults: %.2f", a);
  g_assert_cmpfloat (a, ==, b);
  g_assert_cmpfloat (a, ==, c);
  g_assert_cmpfloat (a, >=, EG_SIMULATE_RETENTION_MIN);
  g_assert_cmpfloat (a, <=, EG_SIMULATE_RETENTION_MAX);
  /* a grid of hundredths */
  g_assert_cmpfloat (fabs (a * 100 - round (a * 100)), <, 1e-9);
}

/* The model: a review fails with probability about 1 - r, so a lower
 * desired retention r means more of the reviews are lapses (Again, then
 * relearning steps), a higher one more reviews that pass (the intervals
 * are shorter).  So when forgetting costs more, the cheapest retention is
 * higher; when a passed review then costs more, it is lower again.  (With
 * the defaults it is near 0.70: fsrs-rs's own test finds 0.70 too.) */
static void
test_costs_move_it (void)
{
  const double *w = eg_fsrs_default_weights ();
  EgReviewCosts costs, lapses, passes;
  double base, dear_lapses, dear_passes;

  eg_review_costs_init_default (&costs);
  lapses = costs;
  lapses.review_costs[0] *= 10;
  for (guint r = 0; r < 4; r++)
    lapses.relearn_costs[r] *= 10;
  passes = lapses;
  for (guint r = 1; r < 4; r++)
    passes.review_costs[r] *= 4;

  base = suggest (w, &costs);
  dear_lapses = suggest (w, &lapses);
  dear_passes = suggest (w, &passes);
  g_test_message ("defaults %.2f, lapses x10 %.2f, then passes x4 %.2f", base, dear_lapses,
                  dear_passes);
  g_assert_cmpfloat (dear_lapses, >, base);
  g_assert_cmpfloat (dear_passes, <, dear_lapses);
}

typedef struct
{
  guint calls;
  guint stop_at;
  guint last_done;
  guint total;
} Progress;

static gboolean
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (done, <=, total);
  if (p->calls > 0)
    g_assert_cmpuint (done, >=, p->last_done);
  p->last_done = done;
  p->total = total;
  return ++p->calls < p->stop_at;
}

static void
test_cancel (void)
{
  Progress all = { 0, G_MAXUINT, 0, 0 }, stop = { 0, 3, 0, 0 };
  g_autoptr(GError) error = NULL;
  double retention = -1;

  g_assert_true (eg_simulate_optimal_retention (eg_fsrs_default_weights (), NULL, progress_cb,
                                                &all, &retention, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (all.calls, >, 5);
  g_assert_cmpuint (all.last_done, ==, all.total);

  retention = -1;
  g_assert_false (eg_simulate_optimal_retention (eg_fsrs_default_weights (), NULL, progress_cb,
                                                 &stop, &retention, &error));
  g_assert_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_CANCELLED);
  g_assert_cmpuint (stop.calls, ==, 3);
  g_assert_cmpfloat (retention, ==, -1);
}

static void
test_bad_costs (void)
{
  g_autoptr(GError) error = NULL;
  EgReviewCosts costs;
  double retention = -1;

  eg_review_costs_init_default (&costs);
  costs.review_costs[2] = NAN;
  g_assert_false (eg_simulate_optimal_retention (eg_fsrs_default_weights (), &costs, NULL,
                                                 NULL, &retention, &error));
  g_assert_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_FAILED);
  g_assert_cmpfloat (retention, ==, -1);
}

/* fsrs-rs's smoothing: n observations of a mean m weigh n / (n + 50)
 * against the default */
static double
blend (double mean,
       double n,
       double fallback)
{
  return (n * mean + 50 * fallback) / (n + 50);
}

static void
test_tally (void)
{
  EgReviewCostsTally tally = { { { 0 } } };
  EgReviewCosts costs, defaults;

  eg_review_costs_init_default (&defaults);
  eg_review_costs_tally_finish (&tally, &costs);
  g_assert_cmpmem (&costs, sizeof costs, &defaults, sizeof defaults);

  /* 950 reviews passed Good in 6 s, 50 forgotten in 20 and 30 s */
  for (guint i = 0; i < 950; i++)
    eg_review_costs_tally_add (&tally, EG_FSRS_STATE_REVIEW, EG_FSRS_GOOD, 6000);
  for (guint i = 0; i < 50; i++)
    eg_review_costs_tally_add (&tally, EG_FSRS_STATE_REVIEW, EG_FSRS_AGAIN,
                               i % 2 ? 20000 : 30000);
  /* not timed (0) or too long (30 min): their ratings count, not their time */
  eg_review_costs_tally_add (&tally, EG_FSRS_STATE_NEW, EG_FSRS_EASY, 0);
  eg_review_costs_tally_add (&tally, EG_FSRS_STATE_NEW, EG_FSRS_EASY, 30 * 60 * 1000);
  eg_review_costs_tally_finish (&tally, &costs);

  g_assert_cmpfloat_with_epsilon (costs.review_costs[2], blend (6, 950, 12.38), 1e-9);
  g_assert_cmpfloat_with_epsilon (costs.review_costs[0], blend (25, 50, 19.38), 1e-9);
  g_assert_cmpfloat (costs.review_costs[1], ==, defaults.review_costs[1]);
  g_assert_cmpmem (costs.learn_costs, sizeof costs.learn_costs, defaults.learn_costs,
                   sizeof defaults.learn_costs);
  /* the passed reviews were all Good */
  g_assert_cmpfloat_with_epsilon (costs.review_rating_prob[1], blend (1, 950, 0.631), 1e-9);
  g_assert_cmpfloat_with_epsilon (costs.review_rating_prob[0], blend (0, 950, 0.224), 1e-9);
  /* two first grades, both Easy */
  g_assert_cmpfloat_with_epsilon (costs.first_rating_prob[3], blend (1, 2, 0.171), 1e-9);
  g_assert_cmpfloat_with_epsilon (costs.first_rating_prob[0], blend (0, 2, 0.24), 1e-9);
}

/* A collection whose log has known durations */
static void
test_from_store (void)
{
  g_autofree char *deck = eg_test_tmp_path ("deck.md");
  g_autofree char *path = eg_test_tmp_path ("costs.db");
  g_autoptr(GString) text = g_string_new ("# Test Deck\n\n");
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  EgReviewCosts costs, defaults;
  gint64 now = G_GINT64_CONSTANT (1767258000000);   /* 2026-01-01T09:00:00Z */

  g_string_append (text, "## From 1 Part\n\n# Part 1\n\n");
  for (guint c = 1; c <= 4; c++)
    g_string_append_printf (text, "### %u. Question %u?\nAnswer.\n\n---\n\n", 100 + c, c);
  g_assert_true (g_file_set_contents (deck, text->str, -1, NULL));
  store = eg_store_open (path, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (deck);
  report = eg_import_file (store, file, now, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  scheduler = eg_scheduler_new (store, &error);
  g_assert_no_error (error);

  /* an empty log: the defaults */
  eg_review_costs_init_default (&defaults);
  g_assert_true (eg_scheduler_read_review_costs (scheduler, &costs, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&costs, sizeof costs, &defaults, sizeof defaults);

  /* four new cards: Good in 3 s and 5 s, Again in 10 s, Good in 0 ms (not
   * timed) */
  {
    const EgFsrsRating ratings[] = { EG_FSRS_GOOD, EG_FSRS_GOOD, EG_FSRS_AGAIN, EG_FSRS_GOOD };
    const gint64 ms[] = { 3000, 5000, 10000, 0 };

    for (guint i = 0; i < 4; i++)
      {
        g_autofree char *key = g_strdup_printf ("1/%u", 101 + i);
        g_autoptr(EgCard) card = eg_store_find_card (store, key, &error);

        g_assert_no_error (error);
        g_assert_nonnull (card);

        g_assert_true (eg_scheduler_grade (scheduler, NULL, card->id, ratings[i], now + i * 1000,
                                           ms[i], NULL, &error));
        g_assert_no_error (error);
      }
  }
  g_assert_true (eg_scheduler_read_review_costs (scheduler, &costs, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (costs.learn_costs[2], blend (4, 2, 13.78), 1e-9);
  g_assert_cmpfloat_with_epsilon (costs.learn_costs[0], blend (10, 1, 19.58), 1e-9);
  g_assert_cmpfloat (costs.learn_costs[1], ==, defaults.learn_costs[1]);
  g_assert_cmpfloat_with_epsilon (costs.first_rating_prob[2], blend (0.75, 4, 0.495), 1e-9);
  g_assert_cmpfloat_with_epsilon (costs.first_rating_prob[0], blend (0.25, 4, 0.24), 1e-9);
  g_assert_cmpmem (costs.review_costs, sizeof costs.review_costs, defaults.review_costs,
                   sizeof defaults.review_costs);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  eg_test_setup_dirs ("test-simulate-retention");
  g_test_add_func ("/simulate-retention/deterministic", test_deterministic);
  g_test_add_func ("/simulate-retention/costs-move-it", test_costs_move_it);
  g_test_add_func ("/simulate-retention/cancel", test_cancel);
  g_test_add_func ("/simulate-retention/bad-costs", test_bad_costs);
  g_test_add_func ("/simulate-retention/tally", test_tally);
  g_test_add_func ("/simulate-retention/from-store", test_from_store);
  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
