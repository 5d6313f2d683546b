/* eg-fsrs.c - FSRS-6 memory model (bit-compatible with ts-fsrs 5.4.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The formulas of the memory model: retrievability R(t, S) (§4) and the
 * memory-state transition next_state(S, D, t, G) with its parts (§6).  The
 * other parts of the module: parameters (eg-fsrs-params.c), JavaScript
 * numerics (eg-fsrs-js.c), intervals and fuzz (eg-fsrs-interval.c), the
 * scheduler that reviews a card (eg-fsrs-review.c).
 *
 * The model is described in doc/fsrs.md; the section numbers (§) in this
 * module's comments refer to it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-fsrs-private.h"

#include <math.h>

G_DEFINE_QUARK (eg-fsrs-error-quark, eg_fsrs_error)

/* R(t, S), §4 */
double
eg_fsrs_forgetting_curve (const EgFsrsParams *params,
                          double              elapsed_days,
                          double              stability)
{
  g_return_val_if_fail (params != NULL, 0.0);

  return eg_fsrs_round8 (pow (1 + params->factor * elapsed_days / stability, params->decay));
}

/* S0(G) = max(w[G-1], 0.1), not rounded */
double
eg_fsrs_init_stability (const EgFsrsParams *params,
                        EgFsrsRating        rating)
{
  g_return_val_if_fail (params != NULL, 0.0);
  g_return_val_if_fail (rating_is_valid (rating), 0.0);

  return dmax (params->w[rating - 1], 0.1);
}

/* D0(G), rounded but not clamped */
double
eg_fsrs_init_difficulty (const EgFsrsParams *params,
                         EgFsrsRating        rating)
{
  const double *w;

  g_return_val_if_fail (params != NULL, 0.0);
  g_return_val_if_fail (rating_is_valid (rating), 0.0);

  w = params->w;
  return eg_fsrs_round8 (w[4] - exp ((double) ((int) rating - 1) * w[5]) + 1);
}

/* Linear damping and mean reversion toward the unclamped D0(Easy), §6.5 */
double
eg_fsrs_next_difficulty (const EgFsrsParams *params,
                         double              difficulty,
                         EgFsrsRating        rating)
{
  const double *w;
  double delta, damped, reverted;

  g_return_val_if_fail (params != NULL, 0.0);
  g_return_val_if_fail (rating_is_valid (rating), 0.0);

  w = params->w;
  delta = -w[6] * (double) ((int) rating - 3);
  damped = difficulty + eg_fsrs_round8 (delta * (10 - difficulty) / 9);
  reverted = eg_fsrs_round8 (fp_mul (w[7], eg_fsrs_init_difficulty (params, EG_FSRS_EASY))
                             + fp_mul (1 - w[7], damped));

  return dclamp (reverted, 1, 10);
}

/* Stability after a successful recall (Hard, Good, Easy), §6.4 */
double
eg_fsrs_next_recall_stability (const EgFsrsParams *params,
                               double              difficulty,
                               double              stability,
                               double              retrievability,
                               EgFsrsRating        rating)
{
  const double *w;
  double hard_penalty, easy_bonus, increase;

  g_return_val_if_fail (params != NULL, 0.0);
  g_return_val_if_fail (rating_is_valid (rating), 0.0);

  w = params->w;
  hard_penalty = (rating == EG_FSRS_HARD) ? w[15] : 1;
  easy_bonus = (rating == EG_FSRS_EASY) ? w[16] : 1;
  increase = exp (w[8]) * (11 - difficulty) * pow (stability, -w[9])
             * (exp ((1 - retrievability) * w[10]) - 1) * hard_penalty;
  increase = fp_mul (increase, easy_bonus);

  return eg_fsrs_round8 (dclamp (stability * (1 + increase), EG_FSRS_S_MIN, EG_FSRS_S_MAX));
}

/* Post-lapse stability Sf, clamped and rounded, without the Smin bound */
double
eg_fsrs_next_forget_stability (const EgFsrsParams *params,
                               double              difficulty,
                               double              stability,
                               double              retrievability)
{
  const double *w;
  double s;

  g_return_val_if_fail (params != NULL, 0.0);

  w = params->w;
  s = w[11] * pow (difficulty, -w[12]) * (pow (stability + 1, w[13]) - 1)
      * exp ((1 - retrievability) * w[14]);

  return eg_fsrs_round8 (dclamp (s, EG_FSRS_S_MIN, EG_FSRS_S_MAX));
}

/* Same-day stability, §6.4 */
double
eg_fsrs_next_short_term_stability (const EgFsrsParams *params,
                                   double              stability,
                                   EgFsrsRating        rating)
{
  const double *w;
  double sinc;

  g_return_val_if_fail (params != NULL, 0.0);
  g_return_val_if_fail (rating_is_valid (rating), 0.0);

  w = params->w;
  sinc = pow (stability, -w[19]) * exp (w[17] * ((double) ((int) rating - 3) + w[18]));
  if (rating >= EG_FSRS_HARD)
    sinc = dmax (sinc, 1);

  return eg_fsrs_round8 (dclamp (stability * sinc, EG_FSRS_S_MIN, EG_FSRS_S_MAX));
}

/* next_state(S, D, t, G), §6.  S == D == 0 is a new card. */
gboolean
eg_fsrs_next_state (const EgFsrsParams  *params,
                    double               stability,
                    double               difficulty,
                    int                  elapsed_days,
                    EgFsrsRating         rating,
                    double              *next_stability,
                    double              *next_difficulty,
                    GError             **error)
{
  const double *w;
  double s, r;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rating_is_valid (rating))
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_RATING,
                   _("Invalid rating %d"), (int) rating);
      return FALSE;
    }

  w = params->w;

  if (stability == 0 && difficulty == 0)
    {
      if (next_stability != NULL)
        *next_stability = eg_fsrs_init_stability (params, rating);
      if (next_difficulty != NULL)
        *next_difficulty = dclamp (eg_fsrs_init_difficulty (params, rating), 1, 10);
      return TRUE;
    }

  if (!(difficulty >= 1) || !(stability >= EG_FSRS_S_MIN))
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_CARD,
                   _("Invalid memory state: stability %g, difficulty %g"), stability, difficulty);
      return FALSE;
    }
  if (elapsed_days < 0)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_TIME,
                   _("Negative elapsed days (%d)"), elapsed_days);
      return FALSE;
    }

  r = eg_fsrs_forgetting_curve (params, elapsed_days, stability);

  if (elapsed_days == 0 && params->enable_short_term)
    {
      s = eg_fsrs_next_short_term_stability (params, stability, rating);
    }
  else if (rating == EG_FSRS_AGAIN)
    {
      double a = params->enable_short_term ? w[17] : 0;
      double b = params->enable_short_term ? w[18] : 0;
      double forget = eg_fsrs_next_forget_stability (params, difficulty, stability, r);
      double s_min = eg_fsrs_round8 (stability / exp (a * b));

      s = dmin (dmax (s_min, EG_FSRS_S_MIN), forget);
    }
  else
    {
      s = eg_fsrs_next_recall_stability (params, difficulty, stability, r, rating);
    }

  if (next_stability != NULL)
    *next_stability = s;
  if (next_difficulty != NULL)
    *next_difficulty = eg_fsrs_next_difficulty (params, difficulty, rating);
  return TRUE;
}
