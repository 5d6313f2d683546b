/* bench-interview.c - does interview-date mode help?  Simulated learners
 * study the 245-card deck (245 new cards) from day 0 towards an interview
 * 14, 21 and 45 days out, once with the normal scheduler and once in
 * interview-date mode (the pacing and cram rules of eg-plan-policy.h, the
 * ones the study queue follows).  Prints, for each horizon and mode, the
 * mean expected recall of the deck on the interview day under each
 * learner's true memory model, and the mean number of reviews; beside
 * them, the normal scheduler at a desired retention of 0.95 instead of 0.9
 * (the other way to buy recall with reviews), and at the desired retention
 * that spends as many reviews as interview mode (found by bisection): the
 * comparison at the same cost.  The difference row is interview mode
 * against the normal scheduler at 0.9.
 *
 * Each learner's true FSRS weights are the default weights each scaled by
 * a seeded random factor in [0.8, 1.2], kept within the weights' bounds;
 * the scheduler uses the default weights (it does not know the learner),
 * desired retention 0.9, 20 new cards and 200 reviews a day, learning steps
 * 1m 10m, relearning 10m, fuzz on.  Nothing here is tuned to the result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "eg-core.h"

#define N_CARDS    245
#define N_LEARNERS 20
#define START      G_GINT64_CONSTANT (1767240000000)  /* 2026-01-01T04:00:00Z */

typedef struct
{
  double recall;
  double reviews;   /* of review cards */
  double grades;    /* every grade, learning steps and the first showing included */
  double early;
} Result;

static void
learner_params (guint         learner,
                EgFsrsParams *params)
{
  const char *learning[] = { "1m", "10m", NULL };
  const char *relearning[] = { "10m", NULL };
  const double *w = eg_fsrs_default_weights ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (1000 + learner);
  g_autoptr(GError) error = NULL;
  double true_w[EG_FSRS_N_PARAMS];

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    {
      double lo, hi;

      eg_fsrs_parameter_bounds (i, TRUE, &lo, &hi);
      true_w[i] = CLAMP (w[i] * g_rand_double_range (rand, 0.8, 1.2), lo, hi);
    }
  if (!eg_fsrs_params_init (params, true_w, EG_FSRS_N_PARAMS, 0.9, 36500, TRUE, TRUE,
                            learning, relearning, &error))
    g_error ("learner %u: %s", learner, error->message);
}

static Result
run (const EgFsrsParams *scheduler,
     int                 horizon,
     gboolean            interview)
{
  g_autofree EgSimulateDay *days = g_new (EgSimulateDay, horizon + 1);
  EgFsrsCard cards[N_CARDS];
  Result result = { 0 };
  int lead = eg_plan_lead_days (scheduler, EG_PLAN_TARGET_STABILITY);

  for (guint i = 0; i < N_CARDS; i++)
    eg_fsrs_card_init_new (&cards[i], START - EG_FSRS_MS_PER_DAY);
  for (guint learner = 0; learner < N_LEARNERS; learner++)
    {
      g_autoptr(GError) error = NULL;
      EgFsrsParams truth;
      EgSimulateOptions options;

      learner_params (learner, &truth);
      eg_simulate_options_init (&options, scheduler);
      options.true_params = &truth;
      options.start_ms = START;
      options.n_days = (guint) horizon + 1;
      options.new_per_day = 20;
      options.reviews_per_day = 200;
      options.seed = 1 + learner;
      if (interview)
        {
          options.interview_day = horizon;
          options.last_intro_day = horizon - lead;
        }
      if (!eg_simulate_run (&options, cards, N_CARDS, days, NULL, &error))
        g_error ("%s", error->message);
      result.recall += days[horizon].recall / N_LEARNERS;
      for (int d = 0; d <= horizon; d++)
        {
          result.reviews += (double) days[d].reviews / N_LEARNERS;
          result.grades += (double) days[d].grades / N_LEARNERS;
          result.early += (double) days[d].early / N_LEARNERS;
        }
    }
  return result;
}

static void
scheduler_params (double        retention,
                  EgFsrsParams *params)
{
  const char *learning[] = { "1m", "10m", NULL };
  const char *relearning[] = { "10m", NULL };
  g_autoptr(GError) error = NULL;

  if (!eg_fsrs_params_init (params, eg_fsrs_default_weights (), EG_FSRS_N_PARAMS, retention,
                            36500, TRUE, TRUE, learning, relearning, &error))
    g_error ("%s", error->message);
}

/* The normal scheduler at the desired retention that spends as many
 * reviews as @reviews (bisection between 0.90 and 0.99, to 1 %) */
static Result
run_matched (int     horizon,
             double  reviews,
             double *retention)
{
  double lo = 0.90, hi = 0.99;
  Result result = { 0 };

  for (guint i = 0; i < 12; i++)
    {
      EgFsrsParams params;

      *retention = (lo + hi) / 2;
      scheduler_params (*retention, &params);
      result = run (&params, horizon, FALSE);
      if (fabs (result.reviews - reviews) <= 0.01 * reviews)
        break;
      if (result.reviews < reviews)
        lo = *retention;
      else
        hi = *retention;
    }
  return result;
}

int
main (void)
{
  const char *learning[] = { "1m", "10m", NULL };
  const char *relearning[] = { "10m", NULL };
  const int horizons[] = { 14, 21, 45 };
  g_autoptr(GError) error = NULL;
  EgFsrsParams scheduler, scheduler95;
  gint64 start = g_get_monotonic_time ();

  if (!eg_fsrs_params_init (&scheduler, eg_fsrs_default_weights (), EG_FSRS_N_PARAMS, 0.9,
                            36500, TRUE, TRUE, learning, relearning, &error))
    g_error ("%s", error->message);
  /* the other way to spend more reviews: a higher desired retention */
  if (!eg_fsrs_params_init (&scheduler95, eg_fsrs_default_weights (), EG_FSRS_N_PARAMS, 0.95,
                            36500, TRUE, TRUE, learning, relearning, &error))
    g_error ("%s", error->message);

  printf ("# interview-date mode vs the normal scheduler: %d cards, %d simulated learners,\n"
          "# recall = mean expected recall of the deck on the interview day (true model)\n",
          N_CARDS, N_LEARNERS);
  printf ("# %-8s %-12s %8s %9s %9s %7s\n", "horizon", "mode", "recall", "reviews", "grades",
          "early");
  for (guint h = 0; h < G_N_ELEMENTS (horizons); h++)
    {
      Result normal = run (&scheduler, horizons[h], FALSE);
      Result interview = run (&scheduler, horizons[h], TRUE);
      Result normal95 = run (&scheduler95, horizons[h], FALSE);
      double matched_retention;
      Result matched = run_matched (horizons[h], interview.reviews, &matched_retention);
      g_autofree char *matched_mode = g_strdup_printf ("normal %.3f", matched_retention);

      printf ("# %-8d %-12s %7.1f%% %9.1f %9.1f %7.1f\n", horizons[h], "normal",
              100 * normal.recall, normal.reviews, normal.grades, normal.early);
      printf ("# %-8d %-12s %7.1f%% %9.1f %9.1f %7.1f\n", horizons[h], "interview",
              100 * interview.recall, interview.reviews, interview.grades, interview.early);
      printf ("# %-8d %-12s %7.1f%% %9.1f %9.1f %7.1f\n", horizons[h], "normal .95",
              100 * normal95.recall, normal95.reviews, normal95.grades, normal95.early);
      printf ("# %-8d %-12s %7.1f%% %9.1f %9.1f %7.1f   (as many reviews as interview)\n",
              horizons[h], matched_mode, 100 * matched.recall, matched.reviews, matched.grades,
              matched.early);
      printf ("# %-8d %-12s %+7.1f pt %+7.1f%% %+8.1f%%   (interview against it)\n", horizons[h],
              "same cost", 100 * (interview.recall - matched.recall),
              100 * (interview.reviews / MAX (matched.reviews, 1) - 1),
              100 * (interview.grades / MAX (matched.grades, 1) - 1));
      printf ("# %-8d %-12s %+7.1f pt %+7.1f%% %+8.1f%%\n", horizons[h], "difference",
              100 * (interview.recall - normal.recall),
              100 * (interview.reviews / MAX (normal.reviews, 1) - 1),
              100 * (interview.grades / MAX (normal.grades, 1) - 1));
    }
  printf ("# (simulated in %.0f ms)\n", (g_get_monotonic_time () - start) / 1000.0);
  printf ("1..1\nok 1 interview-date simulation\n");
  return 0;
}
