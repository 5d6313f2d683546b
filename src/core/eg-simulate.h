/* eg-simulate.h - a forward simulation of study, day by day
 *
 * Pure and fast (no SQLite, no clock): a set of cards is studied day by day
 * under the scheduler's parameters, while a learner whose memory follows
 * the FSRS model with its own ("true") parameters answers.  The interview
 * planner forecasts with it, the workload estimate counts reviews with it,
 * and the simulation benchmark compares the normal scheduler with
 * interview-date mode with it.
 *
 * The model of a day (day d starts at start_ms + d days):
 *   - the session is at EG_SIMULATE_SESSION_OFFSET_MS after the day starts;
 *   - (re)learning cards due before the day ends first, then the review
 *     cards due that day or before, lowest retrievability first (in the cram
 *     window of interview mode: lowest predicted retrievability at the
 *     interview first, then the cards eg_plan_policy_cram_takes() adds),
 *     up to reviews_per_day, then the day's new cards in order;
 *   - each answer: a new card's first showing is graded Good (the learner
 *     reads the answer); afterwards the learner recalls with the
 *     probability of the true model's retrievability at that time and grades
 *     Good, or Again when not; Hard and Easy are not used;
 *   - (re)learning steps are taken in the same session, at the times they
 *     fall due (a step past the day's end waits for the next day); within a
 *     day the true retrievability is 1, so the steps are passed;
 *   - each grade updates the scheduler's card with eg_fsrs_review() under
 *     the scheduler's parameters and the learner's memory with the same
 *     function under the true parameters;
 *   - with costs (EgSimulateOptions.costs), a new card's first grade is
 *     drawn from the first-rating probabilities, a recalled review card's
 *     from the review-rating probabilities (Hard, Good or Easy), and each
 *     grade adds its seconds to the day (as fsrs-rs's simulator does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

#include "eg-fsrs.h"
#include "eg-fsrs-optimizer.h"

G_BEGIN_DECLS

#define EG_SIMULATE_SESSION_OFFSET_MS (G_GINT64_CONSTANT (4) * 60 * 60 * 1000)
#define EG_SIMULATE_MAX_DAYS          3650

/* What study costs and how the learner grades (fsrs-rs's simulator
 * configuration without the (re)learning-step transitions: here the steps
 * are answered from the model, as above).  Ratings are indexed Again (0)
 * .. Easy (3); probabilities need not sum to 1 (they are weights). */
typedef struct
{
  double learn_costs[4];        /* seconds of a grade of a new or learning card */
  double review_costs[4];       /* of a review card */
  double relearn_costs[4];      /* of a relearning card */
  double first_rating_prob[4];  /* a new card's first grade */
  double review_rating_prob[3]; /* a recalled review card's grade: Hard, Good, Easy */
} EgReviewCosts;

typedef struct
{
  const EgFsrsParams *params;       /* the scheduler's */
  const EgFsrsParams *true_params;  /* the learner's memory; NULL: params */
  gint64              start_ms;     /* when day 0 starts */
  guint               n_days;       /* 1 .. EG_SIMULATE_MAX_DAYS */
  int                 new_per_day;  /* the daily new-card limit */
  int                 reviews_per_day;
  guint32             seed;         /* the answers: the same seed, the same run */
  /* interview-date mode (eg-plan-policy.h); interview_day < 0: off */
  int                 interview_day;
  int                 last_intro_day;
  gboolean            skip_recall;  /* leave EgSimulateDay.recall at 0 (faster) */
  /* day 0 is today, partly studied already: its session is at this time
   * (0: the usual time), and what was studied counts in its limits */
  gint64              first_session_ms;
  guint               new_studied_today;
  guint               reviews_studied_today;
  /* NULL: a new card's first grade is Good, a recalled card's Good, and
   * EgSimulateDay.seconds stays 0 */
  const EgReviewCosts *costs;
} EgSimulateOptions;

typedef struct
{
  guint  new_cards;    /* introduced */
  guint  reviews;      /* grades of review cards (what reviews_per_day limits) */
  guint  grades;       /* every grade, (re)learning steps included */
  guint  early;        /* of the reviews, cards taken before they were due */
  guint  lapses;       /* reviews answered Again */
  double recall;       /* mean true retrievability of all the cards (new ones
                        * count 0) at EG_PLAN_RECALL_OFFSET_MS after the day
                        * starts, after its session */
  double seconds;      /* the time of the day's grades (with costs) */
} EgSimulateDay;

void      eg_simulate_options_init (EgSimulateOptions       *options,
                                    const EgFsrsParams      *params);
gboolean  eg_simulate_run          (const EgSimulateOptions *options,
                                    const EgFsrsCard        *cards,
                                    guint                    n_cards,
                                    EgSimulateDay           *days,
                                    EgFsrsCard              *final_cards,
                                    GError                 **error);

/* eg-simulate-retention.c: the desired retention that costs the least
 * study time per card remembered */
#define EG_SIMULATE_RETENTION_MIN 0.70
#define EG_SIMULATE_RETENTION_MAX 0.95

/* Review costs from a review log, as fsrs-rs's extract_simulator_config()
 * with smoothing: add each graded review, then finish */
typedef struct
{
  double seconds[3][4];   /* learning, review, relearning x Again..Easy */
  guint  timed[3][4];
  guint  first[4];        /* first grades of new cards */
  guint  review[4];       /* grades of review cards */
} EgReviewCostsTally;

void      eg_review_costs_init_default   (EgReviewCosts           *costs);
void      eg_review_costs_tally_add      (EgReviewCostsTally      *tally,
                                          EgFsrsState              state_before,
                                          EgFsrsRating             rating,
                                          gint64                   duration_ms);
void      eg_review_costs_tally_finish   (const EgReviewCostsTally *tally,
                                          EgReviewCosts           *costs);
/* From a log in the fsrs-rs CSV format (review_state, review_rating and
 * review_duration of each row) */
gboolean  eg_review_costs_read_csv_file  (const char              *path,
                                          EgReviewCosts           *costs,
                                          GError                 **error);
gboolean  eg_simulate_optimal_retention  (const double            *w,
                                          const EgReviewCosts     *costs,
                                          EgFsrsOptimizerProgress  progress,
                                          gpointer                 user_data,
                                          double                  *retention,
                                          GError                 **error);

G_END_DECLS
