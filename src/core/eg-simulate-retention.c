/* eg-simulate-retention.c - the desired retention that costs the least
 * study time per card remembered ("optimal retention", as fsrs-rs's
 * optimal_retention() computes it for Anki), by simulation with
 * eg-simulate.h
 *
 * The deck: RETENTION_NEW_PER_DAY new cards a day for RETENTION_DAYS days
 * (fsrs-rs: a learn span of 365 days), no review limit, the FSRS defaults'
 * (re)learning steps and maximum interval, no fuzz, a learner whose memory
 * follows @w itself, grading as @costs says.  Every card is studied
 * independently of the others (no limit binds), so the deck's size
 * (3,650 cards, as fsrs-rs's own optimal-retention test: 10 a day) only
 * sets how finely the figure is averaged; each desired retention is
 * simulated with the same seed (common random numbers).
 *
 * The objective is fsrs-rs's default CMRR target: the seconds of every
 * grade over the whole span divided by the cards remembered at its end
 * (the sum of their retrievability on the last day).  It is the question
 * the suggestion answers ("least study time for what you remember"), and
 * it needs no daily budget: fsrs-rs's default configuration caps study at
 * 30 minutes a day over a 10,000-card deck, which Engram's simulator, with
 * a daily new-card limit instead, does not model.
 *
 * fsrs-rs searches [0.70, 0.95] with Brent's method on the mean of 16
 * simulations of 10,000 cards per point, seconds of work.  With one
 * simulation of 3,650 cards per point (a fraction of a second) the cost
 * is too noisy for Brent's parabolic steps, and near its minimum the
 * curve is flat: here a grid is searched instead (every 0.05, then every
 * 0.01 around the best of those, 14 simulations), and the suggestion is
 * the lowest point of a least-squares parabola through the costs around
 * the best grid point.  Other seeds move it by up to about 0.04, where
 * the costs differ by a few per cent.  The same w and costs
 * give the same result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-simulate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "eg-simulate.h"

#define RETENTION_DAYS        365
#define RETENTION_NEW_PER_DAY 10
#define RETENTION_SEED        42
#define RETENTION_START_MS    G_GINT64_CONSTANT (1767225600000)   /* 2026-01-01 */
/* the grid: hundredths of retention */
#define GRID_MIN              70
#define GRID_MAX              95
#define GRID_COARSE           5
#define GRID_STEPS            ((GRID_MAX - GRID_MIN) / GRID_COARSE + 1 + 2 * (GRID_COARSE - 1))

typedef struct
{
  const double            *w;
  const EgReviewCosts     *costs;
  EgFsrsCard              *cards;
  EgFsrsCard              *final_cards;
  EgSimulateDay           *days;
  guint                    n_cards;
  EgFsrsOptimizerProgress  progress;
  gpointer                 user_data;
  guint                    done;
  double                   value[GRID_MAX - GRID_MIN + 1];   /* NAN: not simulated */
} Search;

/**
 * eg_review_costs_init_default:
 *
 * fsrs-rs's simulator defaults (SimulatorConfig::default(), from Anki
 * users' logs): seconds per grade by state and rating, the first grades'
 * and the recalled reviews' rating probabilities.
 */
void
eg_review_costs_init_default (EgReviewCosts *costs)
{
  g_return_if_fail (costs != NULL);

  *costs = (EgReviewCosts) {
    .learn_costs = { 19.58, 18.79, 13.78, 10.71 },
    .review_costs = { 19.38, 17.59, 12.38, 8.94 },
    .relearn_costs = { 16.44, 15.25, 12.32, 8.03 },
    .first_rating_prob = { 0.24, 0.094, 0.495, 0.171 },
    .review_rating_prob = { 0.224, 0.631, 0.145 },
  };
}

/* fsrs-rs keeps durations in (0, 20 min) */
#define TALLY_MAX_DURATION_MS 1200000
/* a figure from n reviews weighs n / (n + 50) against the default */
#define TALLY_SMOOTHING       50.0

static guint
tally_row (EgFsrsState state)
{
  switch (state)
    {
    case EG_FSRS_STATE_REVIEW:
      return 1;
    case EG_FSRS_STATE_RELEARNING:
      return 2;
    case EG_FSRS_STATE_NEW:
    case EG_FSRS_STATE_LEARNING:
    default:
      return 0;
    }
}

/**
 * eg_review_costs_tally_add:
 * @tally: zero-initialised before the first review
 * @state_before: the card's state before the grade
 * @duration_ms: the time of the grade (counted in the costs when in
 *   (0, 20 min), as fsrs-rs does; the rating counts in the probabilities
 *   whatever the time)
 *
 * Adds one graded review.
 */
void
eg_review_costs_tally_add (EgReviewCostsTally *tally,
                           EgFsrsState         state_before,
                           EgFsrsRating        rating,
                           gint64              duration_ms)
{
  g_return_if_fail (tally != NULL);

  if (rating < EG_FSRS_AGAIN || rating > EG_FSRS_EASY)
    return;
  if (duration_ms > 0 && duration_ms < TALLY_MAX_DURATION_MS)
    {
      tally->seconds[tally_row (state_before)][rating - 1] += duration_ms / 1000.0;
      tally->timed[tally_row (state_before)][rating - 1]++;
    }
  if (state_before == EG_FSRS_STATE_NEW)
    tally->first[rating - 1]++;
  else if (state_before == EG_FSRS_STATE_REVIEW)
    tally->review[rating - 1]++;
}

/* @n observations of @mean weigh n / (n + 50) against @fallback */
static double
smooth (double mean,
        double n,
        double fallback)
{
  double weight = n / (n + TALLY_SMOOTHING);

  return weight * mean + (1 - weight) * fallback;
}

/**
 * eg_review_costs_tally_finish:
 *
 * The costs: each mean time (per state before the grade and rating) and
 * the rating probabilities (of new cards' first grades; of review cards'
 * Hard, Good and Easy) blended with eg_review_costs_init_default()'s by
 * how many reviews they rest on (weight n / (n + 50), fsrs-rs's
 * smoothing), so a short log gives nearly the defaults.
 */
void
eg_review_costs_tally_finish (const EgReviewCostsTally *tally,
                              EgReviewCosts            *costs)
{
  EgReviewCosts defaults;
  double *rows[3];
  const double *default_rows[3];
  guint first = 0, review = 0;

  g_return_if_fail (tally != NULL && costs != NULL);

  eg_review_costs_init_default (&defaults);
  *costs = defaults;
  rows[0] = costs->learn_costs, rows[1] = costs->review_costs, rows[2] = costs->relearn_costs;
  default_rows[0] = defaults.learn_costs;
  default_rows[1] = defaults.review_costs;
  default_rows[2] = defaults.relearn_costs;
  for (guint s = 0; s < 3; s++)
    for (guint r = 0; r < 4; r++)
      if (tally->timed[s][r] > 0)
        rows[s][r] = smooth (tally->seconds[s][r] / tally->timed[s][r], tally->timed[s][r],
                             default_rows[s][r]);

  for (guint r = 0; r < 4; r++)
    first += tally->first[r];
  for (guint r = 1; r < 4; r++)
    review += tally->review[r];
  for (guint r = 0; r < 4 && first > 0; r++)
    costs->first_rating_prob[r] = smooth ((double) tally->first[r] / first, first,
                                          defaults.first_rating_prob[r]);
  for (guint r = 0; r < 3 && review > 0; r++)
    costs->review_rating_prob[r] = smooth ((double) tally->review[r + 1] / review, review,
                                           defaults.review_rating_prob[r]);
}

#define CSV_HEADER "card_id,review_time,review_rating,review_state,review_duration"

/**
 * eg_review_costs_read_csv_file:
 * @path: a review log in the fsrs-rs/srs-benchmark CSV format (as
 *   eg_fsrs_items_new_from_csv_file() reads)
 * @costs: (out caller-allocates): the costs
 *
 * Every row tallied with eg_review_costs_tally_add() (review_state is the
 * state before the grade, review_duration its time in ms).  A row that
 * is not five integers, a rating outside 1-4 or a state outside 0-3 is an
 * error naming the file and line (EG_FSRS_OPTIMIZER_ERROR_INVALID_LOG).
 */
gboolean
eg_review_costs_read_csv_file (const char     *path,
                               EgReviewCosts  *costs,
                               GError        **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  EgReviewCostsTally tally = { { { 0 } } };

  g_return_val_if_fail (path != NULL && costs != NULL, FALSE);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      g_set_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_INVALID_LOG,
                   _("Could not read the review log “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  lines = g_strsplit (contents, "\n", -1);
  if (lines[0] == NULL || strcmp (g_strchomp (lines[0]), CSV_HEADER) != 0)
    {
      g_set_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_INVALID_LOG,
                   _("“%s” is not a review log: its first line must be “%s”"),
                   display, CSV_HEADER);
      return FALSE;
    }
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_strchomp (lines[i]), ",", -1);
      gint64 f[5];
      guint n = 0;

      if (fields[0] == NULL)
        continue;
      for (; n < 5 && fields[n] != NULL; n++)
        if (!g_ascii_string_to_signed (fields[n], 10, G_MININT64, G_MAXINT64, &f[n], NULL))
          break;
      if (n < 5 || fields[5] != NULL || f[2] < 1 || f[2] > 4 || f[3] < 0 || f[3] > 3)
        {
          g_set_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_INVALID_LOG,
                       _("“%s”, line %u: expected card id, time in ms, rating 1–4, state 0–3 and duration"),
                       display, i + 1);
          return FALSE;
        }
      eg_review_costs_tally_add (&tally, (EgFsrsState) f[3], (EgFsrsRating) f[2], f[4]);
    }
  eg_review_costs_tally_finish (&tally, costs);
  return TRUE;
}

/* Seconds per card remembered at the end when @hundredths / 100 is the
 * desired retention */
static gboolean
cost_per_memorized (Search   *search,
                    guint     hundredths,
                    double   *value,
                    GError  **error)
{
  gint64 end_ms = RETENTION_START_MS + (gint64) RETENTION_DAYS * EG_FSRS_MS_PER_DAY;
  EgSimulateOptions options;
  EgFsrsParams params;
  double seconds = 0, memorized = 0;

  if (search->progress != NULL &&
      !search->progress (search->done, GRID_STEPS, search->user_data))
    {
      g_set_error_literal (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_CANCELLED,
                           _("The suggestion of a desired retention was cancelled"));
      return FALSE;
    }
  search->done++;

  if (!eg_fsrs_params_init (&params, search->w, EG_FSRS_N_PARAMS, hundredths / 100.0,
                            EG_FSRS_DEFAULT_MAXIMUM_INTERVAL, FALSE, TRUE, NULL, NULL,
                            error))
    return FALSE;
  eg_simulate_options_init (&options, &params);
  options.start_ms = RETENTION_START_MS;
  options.n_days = RETENTION_DAYS;
  options.new_per_day = RETENTION_NEW_PER_DAY;
  options.reviews_per_day = G_MAXINT;
  options.seed = RETENTION_SEED;
  options.skip_recall = TRUE;
  options.costs = search->costs;
  if (!eg_simulate_run (&options, search->cards, search->n_cards, search->days,
                        search->final_cards, error))
    return FALSE;

  for (guint d = 0; d < RETENTION_DAYS; d++)
    seconds += search->days[d].seconds;
  /* what is remembered as the last day ends (fsrs-rs: on the last day) */
  for (guint i = 0; i < search->n_cards; i++)
    if (search->final_cards[i].state != EG_FSRS_STATE_NEW)
      memorized += eg_fsrs_retrievability (&params, &search->final_cards[i], end_ms);
  *value = memorized > 0 ? seconds / memorized : INFINITY;
  return TRUE;
}

/* The costs of the grid points @from .. @to (hundredths) every @step that
 * are not known yet */
static gboolean
search_grid (Search   *search,
             int       from,
             int       to,
             int       step,
             GError  **error)
{
  for (int h = from; h <= to; h += step)
    if (h >= GRID_MIN && h <= GRID_MAX && isnan (search->value[h - GRID_MIN]) &&
        !cost_per_memorized (search, (guint) h, &search->value[h - GRID_MIN], error))
      return FALSE;
  return TRUE;
}

/* The grid point of the lowest known cost (the lowest retention of equal
 * ones), -1 when none is finite */
static int
grid_minimum (const Search *search)
{
  int best = -1;

  for (int h = GRID_MIN; h <= GRID_MAX; h++)
    {
      double value = search->value[h - GRID_MIN];

      if (isfinite (value) && (best < 0 || value < search->value[best - GRID_MIN]))
        best = h;
    }
  return best;
}

static double
det3 (const double m[3][3])
{
  return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
         - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
         + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

/* A simulated cost is noisy: the lowest point of the least-squares
 * parabola through the known costs within GRID_COARSE of @best (kept
 * within the points it rests on), or @best when it does not open upwards */
static int
smoothed_minimum (const Search *search,
                  int           best)
{
  double m[3][3], sx[5] = { 0 }, sxy[3] = { 0 }, coef[3], det;
  int lo = best, hi = best;
  guint n = 0;

  for (int h = MAX (best - GRID_COARSE, GRID_MIN); h <= MIN (best + GRID_COARSE, GRID_MAX); h++)
    {
      double x = h - best, y = search->value[h - GRID_MIN], xk = 1;

      if (!isfinite (y))
        continue;
      for (guint k = 0; k < 5; k++, xk *= x)
        {
          sx[k] += xk;
          if (k < 3)
            sxy[k] += xk * y;
        }
      lo = MIN (lo, h);
      hi = MAX (hi, h);
      n++;
    }
  if (n < 4)
    return best;
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      m[i][j] = sx[i + j];
  if (fabs (det = det3 (m)) < 1e-12)
    return best;
  /* Cramer's rule */
  for (guint c = 0; c < 3; c++)
    {
      double mc[3][3];

      memcpy (mc, m, sizeof m);
      for (guint i = 0; i < 3; i++)
        mc[i][c] = sxy[i];
      coef[c] = det3 (mc) / det;
    }
  if (!(coef[2] > 0))
    return best;
  return CLAMP (best + (int) lround (-coef[1] / (2 * coef[2])), lo, hi);
}

static gboolean
costs_valid (const EgReviewCosts *costs)
{
  const double *values = (const double *) costs;

  for (gsize i = 0; i < sizeof *costs / sizeof (double); i++)
    if (!isfinite (values[i]) || values[i] < 0)
      return FALSE;
  return TRUE;
}

/**
 * eg_simulate_optimal_retention:
 * @w: (array fixed-size=21): the parameters of the learner's memory
 * @costs: (nullable): what study costs (NULL: eg_review_costs_init_default())
 * @progress: (nullable): called before each simulation; FALSE cancels
 *   (error EG_FSRS_OPTIMIZER_ERROR_CANCELLED)
 * @retention: (out): the suggestion, in [0.70, 0.95], two decimals
 *
 * The desired retention that costs the least study time per card
 * remembered (see the top of this file).  Pure and thread-safe: run it in
 * a worker thread.
 */
gboolean
eg_simulate_optimal_retention (const double            *w,
                               const EgReviewCosts     *costs,
                               EgFsrsOptimizerProgress  progress,
                               gpointer                 user_data,
                               double                  *retention,
                               GError                 **error)
{
  guint n_cards = RETENTION_DAYS * RETENTION_NEW_PER_DAY;
  g_autofree EgFsrsCard *cards = g_new (EgFsrsCard, n_cards);
  g_autofree EgFsrsCard *final_cards = g_new (EgFsrsCard, n_cards);
  g_autofree EgSimulateDay *days = g_new (EgSimulateDay, RETENTION_DAYS);
  EgReviewCosts default_costs;
  Search search;
  int best;

  g_return_val_if_fail (w != NULL, FALSE);
  g_return_val_if_fail (retention != NULL, FALSE);

  if (costs == NULL)
    {
      eg_review_costs_init_default (&default_costs);
      costs = &default_costs;
    }
  if (!costs_valid (costs))
    {
      g_set_error_literal (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_FAILED,
                           _("The review costs must be finite and not negative"));
      return FALSE;
    }
  for (guint i = 0; i < n_cards; i++)
    eg_fsrs_card_init_new (&cards[i], RETENTION_START_MS);
  search = (Search) {
    .w = w,
    .costs = costs,
    .cards = cards,
    .final_cards = final_cards,
    .days = days,
    .n_cards = n_cards,
    .progress = progress,
    .user_data = user_data,
  };
  for (guint i = 0; i < G_N_ELEMENTS (search.value); i++)
    search.value[i] = NAN;

  if (!search_grid (&search, GRID_MIN, GRID_MAX, GRID_COARSE, error))
    return FALSE;
  if ((best = grid_minimum (&search)) < 0)
    {
      g_set_error_literal (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_FAILED,
                           _("No desired retention leaves anything remembered"));
      return FALSE;
    }
  if (!search_grid (&search, best - GRID_COARSE + 1, best + GRID_COARSE - 1, 1, error))
    return FALSE;
  best = smoothed_minimum (&search, grid_minimum (&search));
  if (progress != NULL && !progress (GRID_STEPS, GRID_STEPS, user_data))
    {
      g_set_error_literal (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_CANCELLED,
                           _("The suggestion of a desired retention was cancelled"));
      return FALSE;
    }
  *retention = best / 100.0;
  return TRUE;
}
