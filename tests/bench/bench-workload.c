/* bench-workload.c - how long the live workload estimate takes
 * (eg_scheduler_estimate_workload(), 30 days), on synthetic collections
 * made as `engram-dev bench-gen` makes them: 245 cards with 2,500 reviews
 * (the shipped deck's size) and 10,000 cards with 100,000 reviews.
 * Target: <= 50 ms for 245 cards (the preferences follow a slider with it).
 * Also how long the interview plan (eg_plan_compute()) takes on them, and
 * today's queue in the cram window against the queue without a plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "eg-core.h"
#include "eg-synthetic.h"
#include "eg-test-util.h"

static void
measure (guint n_cards,
         guint n_reviews)
{
  g_autofree char *name = g_strdup_printf ("workload-%u.db", n_cards);
  g_autofree char *path = eg_test_tmp_path (name);
  g_autofree char *what = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  const double retentions[] = { 0.8, 0.9, 0.95 };
  gint64 now = G_GINT64_CONSTANT (1793610000000);  /* 2026-11-02T09:00:00Z */
  double reviews[30];

  store = eg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (eg_synthetic_generate (store, n_cards, n_reviews, 1, now, NULL, &error));
  g_assert_no_error (error);
  scheduler = eg_scheduler_new (store, &error);
  g_assert_no_error (error);

  for (guint r = 0; r < G_N_ELEMENTS (retentions); r++)
    {
      double sum = 0;

      for (int i = 0; i < 5; i++)
        {
          gint64 start = g_get_monotonic_time ();

          g_assert_true (eg_scheduler_estimate_workload (scheduler, retentions[r], 30, now,
                                                         reviews, &error));
          g_assert_no_error (error);
          eg_bench_add (samples, eg_bench_ms_since (start));
        }
      for (int d = 0; d < 30; d++)
        sum += reviews[d];
      printf ("# %u cards, desired retention %.2f: %.1f reviews a day over 30 days\n",
              n_cards, retentions[r], sum / 30);
    }
  what = g_strdup_printf ("workload estimate, 30 days, %u cards", n_cards);
  eg_bench_report (what, samples, n_cards <= 245 ? "<= 50 ms" : NULL);

  /* the interview plan (the library header's forecast), 14 and 45 days out */
  for (int days = 14; days <= 45; days += 31)
    {
      g_autofree char *date = eg_time_format_day (eg_scheduler_study_day (scheduler, now) + days);
      g_autofree char *plan_what = g_strdup_printf ("interview plan, %d days, %u cards", days,
                                                    n_cards);

      g_assert_true (eg_plan_set (scheduler, date, NULL, NULL, now, &error));
      g_assert_no_error (error);
      for (int i = 0; i < 5; i++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(EgPlan) plan = eg_plan_compute (scheduler, now, &error);

          g_assert_no_error (error);
          g_assert_nonnull (plan);
          eg_bench_add (samples, eg_bench_ms_since (start));
        }
      eg_bench_report (plan_what, samples, NULL);
    }

  /* today's queue with the plan in force (it reads the plan's cards) and
   * without; the interview tomorrow: the cram window */
  for (int with_plan = 1; with_plan >= 0; with_plan--)
    {
      g_autofree char *date = eg_time_format_day (eg_scheduler_study_day (scheduler, now) + 1);
      g_autofree char *queue_what = g_strdup_printf ("today's queue, %s, %u cards",
                                                     with_plan ? "cram window" : "no plan",
                                                     n_cards);

      if (with_plan)
        g_assert_true (eg_plan_set (scheduler, date, NULL, NULL, now, &error));
      else
        g_assert_true (eg_plan_clear (scheduler, &error));
      g_assert_no_error (error);
      for (int i = 0; i < 5; i++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(EgQueue) queue = eg_scheduler_build_queue (scheduler, now, &error);

          g_assert_no_error (error);
          g_assert_nonnull (queue);
          eg_bench_add (samples, eg_bench_ms_since (start));
        }
      eg_bench_report (queue_what, samples, NULL);
    }
}

int
main (void)
{
  eg_test_setup_dirs ("bench-workload");
  printf ("1..1\n");
  measure (245, 2500);
  measure (10000, 100000);
  printf ("ok 1 workload estimate\n");
  eg_test_cleanup_dirs ();
  return 0;
}
