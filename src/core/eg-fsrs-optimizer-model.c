/* eg-fsrs-optimizer-model.c - the FSRS-6 training model, forward and backward
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The model fsrs-rs trains (its FSRS::step, without the scheduler's
 * 8-decimal rounding): S and D start from w[G-1] and D0(G), a review on the
 * same calendar day uses the short-term formula, Again the post-lapse
 * stability (at most S / exp(w17 * w18)), a pass the recall stability; S is
 * clamped to [0.001, 36500], D to [1, 10].  The backward pass is written by
 * hand: every clamp passes the gradient where its input is within bounds,
 * as fsrs-rs's analytic gradients do. */

#include "config.h"

#include "eg-fsrs-optimizer-private.h"

#include <math.h>

#define MIN_PROB 1e-7
#define MAX_PROB (1.0 - 1e-7)

static inline double
clampd (double x,
        double lo,
        double hi)
{
  return x < lo ? lo : (x > hi ? hi : x);
}

static inline double
pass_grad (double x,
           double lo,
           double hi)
{
  return (x >= lo && x <= hi) ? 1.0 : 0.0;
}

static inline double
init_difficulty (const double *w,
                 guint         rating)
{
  return w[4] - exp (w[5] * (double) (rating - 1)) + 1.0;
}

void
_eg_fsrs_pass_params_init (EgFsrsPassParams *p,
                           const double     *w)
{
  double c = log (0.9);

  p->w = w;
  p->decay = -w[20];
  p->factor = exp (c / p->decay) - 1.0;
  p->dfactor_ddecay = exp (c / p->decay) * (-c / (p->decay * p->decay));
  p->exp_w8 = exp (w[8]);
  p->failure_div = exp (w[17] * w[18]);
  p->easy_d = init_difficulty (w, 4);
  p->exp_3w5 = exp (3.0 * w[5]);
}

double
_eg_fsrs_curve (const EgFsrsPassParams *p,
                double                  t,
                double                  s)
{
  return pow (MAX (t, 0.0) / s * p->factor + 1.0, p->decay);
}

/* Adds dR/dw20 * g_r to grad[20] and returns dR/ds * g_r */
static double
curve_backward (const EgFsrsPassParams *p,
                double                  t,
                double                  s,
                double                  r,
                double                  g_r,
                double                 *grad)
{
  double base;

  if (g_r == 0.0)
    return 0.0;
  t = MAX (t, 0.0);
  base = t / s * p->factor + 1.0;
  /* decay = -w20 */
  grad[20] -= g_r * r * (log (base) + p->decay / base * (t / s * p->dfactor_ddecay));
  return g_r * r * p->decay / base * (-t * p->factor / (s * s));
}

static void
step_forward (const EgFsrsPassParams *p,
              double                 *s,
              double                 *d,
              double                  delta_t,
              guint                   rating,
              guint                   nth,
              EgFsrsStepCache        *c)
{
  const double *w = p->w;
  double new_s;
  double next_d;

  c->state_s = *s;
  c->state_d = *d;
  c->last_s = clampd (*s, EG_OPT_S_MIN, EG_OPT_S_MAX);
  c->last_d = clampd (*d, EG_OPT_D_MIN, EG_OPT_D_MAX);
  c->delta_t = delta_t;
  c->rating = (guint8) rating;
  c->flag = 0;
  c->r = 0.0;
  c->branch_a = 0.0;

  if (nth == 0 && *s == 0.0)
    {
      c->kind = EG_OPT_STEP_INIT;
      c->pre_clamp_s = w[rating - 1];
      c->mean_d = init_difficulty (w, rating);
      *s = clampd (c->pre_clamp_s, EG_OPT_S_MIN, EG_OPT_S_MAX);
      *d = clampd (c->mean_d, EG_OPT_D_MIN, EG_OPT_D_MAX);
      return;
    }

  c->r = _eg_fsrs_curve (p, delta_t, c->last_s);
  if (delta_t == 0.0)
    {
      double raw = exp (w[17] * ((double) rating - 3.0 + w[18])) * pow (c->last_s, -w[19]);

      c->kind = EG_OPT_STEP_SHORT;
      c->branch_a = raw;
      c->flag = !(rating >= 2 && raw < 1.0);
      new_s = c->last_s * (rating >= 2 ? MAX (raw, 1.0) : raw);
    }
  else if (rating == 1)
    {
      double raw = w[11] * pow (c->last_d, -w[12]) * (pow (c->last_s + 1.0, w[13]) - 1.0)
                   * exp ((1.0 - c->r) * w[14]);
      double floor_s = c->last_s / p->failure_div;

      c->kind = EG_OPT_STEP_FAILURE;
      c->branch_a = raw;
      c->flag = floor_s < raw;
      new_s = c->flag ? floor_s : raw;
    }
  else
    {
      double hp = rating == 2 ? w[15] : 1.0;
      double eb = rating == 4 ? w[16] : 1.0;
      double inc = p->exp_w8 * (11.0 - c->last_d) * pow (c->last_s, -w[9])
                   * (exp ((1.0 - c->r) * w[10]) - 1.0) * hp * eb;

      c->kind = EG_OPT_STEP_SUCCESS;
      c->branch_a = inc;
      new_s = c->last_s * (inc + 1.0);
    }

  next_d = c->last_d + (10.0 - c->last_d) * (-w[6] * ((double) rating - 3.0)) / 9.0;
  c->mean_d = w[7] * (p->easy_d - next_d) + next_d;
  c->pre_clamp_s = new_s;
  *s = clampd (new_s, EG_OPT_S_MIN, EG_OPT_S_MAX);
  *d = clampd (c->mean_d, EG_OPT_D_MIN, EG_OPT_D_MAX);
}

/* d(new S)/d(everything) for a pass; returns g for last_s, adds to *g_d, *g_r */
static double
success_backward (const EgFsrsPassParams *p,
                  const EgFsrsStepCache  *c,
                  double                  g,
                  double                 *g_d,
                  double                 *g_r,
                  double                 *grad)
{
  const double *w = p->w;
  double s = c->last_s;
  double inc = c->branch_a;
  double hp = c->rating == 2 ? w[15] : 1.0;
  double eb = c->rating == 4 ? w[16] : 1.0;
  double e1 = exp ((1.0 - c->r) * w[10]);
  /* inc = m * (e1 - 1) with m = exp(w8) (11 - D) S^-w9 hp eb */
  double m = p->exp_w8 * (11.0 - c->last_d) * pow (s, -w[9]) * hp * eb;
  double g_inc = g * s;

  grad[8] += g_inc * inc;
  grad[9] += g_inc * inc * -log (s);
  grad[10] += g_inc * m * (1.0 - c->r) * e1;
  if (c->rating == 2)
    grad[15] += g_inc * p->exp_w8 * (11.0 - c->last_d) * pow (s, -w[9]) * (e1 - 1.0) * eb;
  if (c->rating == 4)
    grad[16] += g_inc * p->exp_w8 * (11.0 - c->last_d) * pow (s, -w[9]) * (e1 - 1.0) * hp;
  *g_d += -g_inc * m * (e1 - 1.0) / (11.0 - c->last_d);
  *g_r += g_inc * m * (-w[10] * e1);
  return g * (inc + 1.0) + g_inc * inc * (-w[9] / s);
}

static double
failure_backward (const EgFsrsPassParams *p,
                  const EgFsrsStepCache  *c,
                  double                  g,
                  double                 *g_d,
                  double                 *g_r,
                  double                 *grad)
{
  const double *w = p->w;
  double s = c->last_s;
  double d = c->last_d;
  double raw = c->branch_a;
  double pw, d_pow, er;

  if (c->flag)
    {
      double floor_s = s / p->failure_div;

      grad[17] += g * floor_s * -w[18];
      grad[18] += g * floor_s * -w[17];
      return g / p->failure_div;
    }
  pw = pow (s + 1.0, w[13]);
  d_pow = pow (d, -w[12]);
  er = exp ((1.0 - c->r) * w[14]);
  grad[11] += g * d_pow * (pw - 1.0) * er;
  grad[12] += g * raw * -log (d);
  grad[13] += g * w[11] * d_pow * er * pw * log (s + 1.0);
  grad[14] += g * raw * (1.0 - c->r);
  *g_d += g * raw * (-w[12] / d);
  *g_r += g * raw * -w[14];
  return g * w[11] * d_pow * er * w[13] * pw / (s + 1.0);
}

static double
short_backward (const EgFsrsPassParams *p,
                const EgFsrsStepCache  *c,
                double                  g,
                double                 *grad)
{
  const double *w = p->w;
  double s = c->last_s;
  double raw = c->branch_a;
  double g_s;

  if (!c->flag)
    return g;   /* S * 1 */
  g_s = g * raw;
  grad[17] += g * s * raw * ((double) c->rating - 3.0 + w[18]);
  grad[18] += g * s * raw * w[17];
  grad[19] += g * s * raw * -log (s);
  g_s += g * s * raw * (-w[19] / s);
  return g_s;
}

/* Difficulty: returns g for last_d */
static double
difficulty_backward (const EgFsrsPassParams *p,
                     const EgFsrsStepCache  *c,
                     double                  g_out,
                     double                 *grad)
{
  const double *w = p->w;
  double g_mean = g_out * pass_grad (c->mean_d, EG_OPT_D_MIN, EG_OPT_D_MAX);
  double rm3 = (double) c->rating - 3.0;
  double delta_d = -w[6] * rm3;
  double next_d = c->last_d + (10.0 - c->last_d) * delta_d / 9.0;
  double g_next;

  if (g_mean == 0.0)
    return 0.0;
  grad[7] += g_mean * (p->easy_d - next_d);
  grad[4] += g_mean * w[7];
  grad[5] += g_mean * w[7] * -3.0 * p->exp_3w5;
  g_next = g_mean * (1.0 - w[7]);
  grad[6] += g_next * (10.0 - c->last_d) * -rm3 / 9.0;
  return g_next * (1.0 - delta_d / 9.0);
}

/* Given the adjoints of the step's output S and D and of its R (the loss
 * of a prediction made at this review), the adjoints of the input state */
static void
step_backward (const EgFsrsPassParams *p,
               const EgFsrsStepCache  *c,
               double                 *g_s,
               double                 *g_d,
               double                  g_r,
               double                 *grad)
{
  double g_pre_s = *g_s * pass_grad (c->pre_clamp_s, EG_OPT_S_MIN, EG_OPT_S_MAX);
  double g_last_s = 0.0;
  double g_last_d = 0.0;

  if (c->kind == EG_OPT_STEP_INIT)
    {
      const double *w = p->w;
      double g_raw_d = *g_d * pass_grad (c->mean_d, EG_OPT_D_MIN, EG_OPT_D_MAX);
      double off = (double) (c->rating - 1);

      grad[c->rating - 1] += g_pre_s;
      grad[4] += g_raw_d;
      grad[5] += g_raw_d * -off * exp (off * w[5]);
      *g_s = 0.0;
      *g_d = 0.0;
      return;
    }
  if (g_pre_s != 0.0)
    {
      if (c->kind == EG_OPT_STEP_SHORT)
        g_last_s += short_backward (p, c, g_pre_s, grad);
      else if (c->kind == EG_OPT_STEP_FAILURE)
        g_last_s += failure_backward (p, c, g_pre_s, &g_last_d, &g_r, grad);
      else
        g_last_s += success_backward (p, c, g_pre_s, &g_last_d, &g_r, grad);
    }
  if (*g_d != 0.0)
    g_last_d += difficulty_backward (p, c, *g_d, grad);
  g_last_s += curve_backward (p, c->delta_t, c->last_s, c->r, g_r, grad);

  *g_s = g_last_s * pass_grad (c->state_s, EG_OPT_S_MIN, EG_OPT_S_MAX);
  *g_d = g_last_d * pass_grad (c->state_d, EG_OPT_D_MIN, EG_OPT_D_MAX);
}

void
_eg_fsrs_card_predict (const EgFsrsPassParams *p,
                       const EgFsrsItemReview *reviews,
                       guint                   n,
                       double                 *r_out)
{
  double s = 0.0, d = 0.0;
  EgFsrsStepCache c;

  if (n == 0)
    return;
  r_out[0] = 0.0;
  for (guint t = 0; t + 1 < n; t++)
    {
      step_forward (p, &s, &d, reviews[t].delta_t, reviews[t].rating, t, &c);
      r_out[t + 1] = _eg_fsrs_curve (p, reviews[t + 1].delta_t,
                                     clampd (s, EG_OPT_S_MIN, EG_OPT_S_MAX));
    }
}

static double
bce (double  r_raw,
     double  label,
     double  weight,
     double *g_r)
{
  double r = clampd (r_raw, MIN_PROB, MAX_PROB);

  *g_r = (r_raw > MIN_PROB && r_raw < MAX_PROB)
         ? -weight * (label / r - (1.0 - label) / (1.0 - r)) : 0.0;
  return -(label * log (r) + (1.0 - label) * log (1.0 - r)) * weight;
}

double
_eg_fsrs_card_loss (const EgFsrsPassParams *p,
                    const EgFsrsItemReview *reviews,
                    guint                   n,
                    const double           *weights,
                    double                 *grad,
                    EgFsrsStepCache        *scratch)
{
  double s = 0.0, d = 0.0;
  double loss = 0.0;
  double g_s = 0.0, g_d = 0.0;
  double last_s;

  if (n < 2)
    return 0.0;
  /* Steps 0..n-2; the prediction for review i (1 <= i <= n-2) is the R of
   * step i, the one for review n-1 is made after the last step. */
  for (guint i = 0; i + 1 < n; i++)
    {
      step_forward (p, &s, &d, reviews[i].delta_t, reviews[i].rating, i, &scratch[i]);
      scratch[i].g_r = 0.0;
      if (i > 0 && weights[i] != 0.0)
        loss += bce (scratch[i].r, reviews[i].rating > 1, weights[i], &scratch[i].g_r);
    }
  last_s = clampd (s, EG_OPT_S_MIN, EG_OPT_S_MAX);
  if (weights[n - 1] != 0.0)
    {
      double t = reviews[n - 1].delta_t;
      double r = _eg_fsrs_curve (p, t, last_s);
      double g_r;

      loss += bce (r, reviews[n - 1].rating > 1, weights[n - 1], &g_r);
      if (grad != NULL)
        g_s = curve_backward (p, t, last_s, r, g_r, grad)
              * pass_grad (s, EG_OPT_S_MIN, EG_OPT_S_MAX);
    }
  if (grad == NULL)
    return loss;
  for (gint i = (gint) n - 2; i >= 0; i--)
    step_backward (p, &scratch[i], &g_s, &g_d, scratch[i].g_r, grad);
  return loss;
}
