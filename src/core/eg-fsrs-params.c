/* eg-fsrs-params.c - FSRS parameters: defaults, clipping, migration, (re)learning steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* EgFsrsParams: the 21 weights with their defaults (doc/fsrs.md §3.1),
 * options (§3.2), migration of 17- and 19-value arrays (§3.3), clipping
 * (§3.4), the step strings of §8.2, and the derived decay, factor and
 * interval modifier (§4, §5). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-fsrs-private.h"

#include <math.h>
#include <string.h>

#define MAX_STEP_MINUTES (G_MAXINT / 2)
#define MAX_MAXIMUM_INTERVAL (G_MAXINT / 2)

/* §3.1 */
static const double default_w[EG_FSRS_N_PARAMS] = {
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
  0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
  0.1542,
};

/* §3.4; w19's lower bound depends on enable_short_term, w17/w18's upper bound
 * on the relearning steps (see clip_ceiling()). */
static const double param_bounds[EG_FSRS_N_PARAMS][2] = {
  { 0.001, 100 }, { 0.001, 100 }, { 0.001, 100 }, { 0.001, 100 },
  { 1, 10 }, { 0.001, 4 }, { 0.001, 4 }, { 0.001, 0.75 },
  { 0, 4.5 }, { 0, 0.8 }, { 0.001, 3.5 }, { 0.001, 5 },
  { 0.001, 0.25 }, { 0.001, 0.9 }, { 0, 4 }, { 0, 1 },
  { 1, 6 }, { 0, 2 }, { 0, 2 }, { 0, 0.8 },
  { 0.1, 0.8 },
};

static const int default_learning_steps[] = { 1, 10 };
static const int default_relearning_steps[] = { 10 };

/* The 21 FSRS-6 default parameters. */
const double *
eg_fsrs_default_weights (void)
{
  return default_w;
}

static inline double
lower_bound (guint    index,
             gboolean enable_short_term)
{
  return (index == 19 && enable_short_term) ? 0.01 : param_bounds[index][0];
}

/* The static clipping bounds of parameter index (§3.4), with the default
 * ceiling 2 for w17/w18 (see eg_fsrs_clip_parameters() for the
 * data-dependent one). */
void
eg_fsrs_parameter_bounds (guint     index,
                          gboolean  enable_short_term,
                          double   *lo,
                          double   *hi)
{
  g_return_if_fail (index < EG_FSRS_N_PARAMS);

  if (lo != NULL)
    *lo = lower_bound (index, enable_short_term);
  if (hi != NULL)
    *hi = param_bounds[index][1];
}

/* JavaScript `x || 0` for a number. */
static inline double
or_zero (double x)
{
  return (isnan (x) || x == 0) ? 0.0 : x;
}

/* The upper bound C of w17 and w18, §3.4. */
static double
clip_ceiling (const double *w,
              guint         n_relearning_steps)
{
  double w11, w13, w14, v;

  if (n_relearning_steps <= 1)
    return 2.0;

  w11 = dclamp (or_zero (w[11]), 0.001, 5);
  w13 = dclamp (or_zero (w[13]), 0.001, 0.9);
  w14 = dclamp (or_zero (w[14]), 0, 4);
  v = -(log (w11) + log (pow (2, w13) - 1) + fp_mul (w14, 0.3)) / (double) n_relearning_steps;

  return dclamp (eg_fsrs_round8 (sqrt (dmax (v, 0))), 0.01, 2);
}

/* Clips the first n_w (at most 21) parameters into out, which may be w. */
void
eg_fsrs_clip_parameters (const double *w,
                         guint         n_w,
                         guint         n_relearning_steps,
                         gboolean      enable_short_term,
                         double       *out)
{
  double ceiling = 2.0;

  g_return_if_fail (w != NULL || n_w == 0);
  g_return_if_fail (out != NULL || n_w == 0);
  g_return_if_fail (n_w <= EG_FSRS_N_PARAMS);

  if (n_w > 17)
    ceiling = clip_ceiling (w, n_relearning_steps);

  for (guint i = 0; i < n_w; i++)
    {
      double hi = (i == 17 || i == 18) ? ceiling : param_bounds[i][1];

      out[i] = dclamp (or_zero (w[i]), lower_bound (i, enable_short_term), hi);
    }
}

/* Migration of FSRS-4.5 (17) and FSRS-5 (19) parameter arrays to 21
 * values (§3.3); a 21-array is copied unchanged.  For any other length
 * out gets the defaults and FALSE is returned.  The result still has to
 * be clipped with all 21 bounds. */
gboolean
eg_fsrs_migrate_parameters (const double *w,
                            guint         n_w,
                            guint         n_relearning_steps,
                            gboolean      enable_short_term,
                            double       *out)
{
  double tmp[EG_FSRS_N_PARAMS];

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (w != NULL || n_w == 0, FALSE);

  switch (n_w)
    {
    case 21:
      memcpy (tmp, w, sizeof tmp);
      break;

    case 19:
      eg_fsrs_clip_parameters (w, 19, n_relearning_steps, enable_short_term, tmp);
      tmp[19] = 0.0;
      tmp[20] = 0.5;
      break;

    case 17:
      {
        double w4, w5, w6;

        eg_fsrs_clip_parameters (w, 17, n_relearning_steps, enable_short_term, tmp);
        w4 = fp_mul (tmp[5], 2) + tmp[4];
        w5 = log (fp_mul (tmp[5], 3) + 1) / 3;
        w6 = tmp[6] + 0.5;
        tmp[4] = eg_fsrs_to_fixed8 (w4);
        tmp[5] = eg_fsrs_to_fixed8 (w5);
        tmp[6] = eg_fsrs_to_fixed8 (w6);
        tmp[17] = 0.0;
        tmp[18] = 0.0;
        tmp[19] = 0.0;
        tmp[20] = 0.5;
      }
      break;

    default:
      memcpy (out, default_w, sizeof default_w);
      return FALSE;
    }

  memcpy (out, tmp, sizeof tmp);
  return TRUE;
}

static inline gboolean
is_js_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* Parses a (re)learning step "<integer><unit>", unit m, h or d, into
 * minutes.  The integer is read like JavaScript parseInt(): leading
 * whitespace, an optional sign, then the leading decimal digits ("1.5h" is
 * 60 minutes). */
gboolean
eg_fsrs_parse_step (const char  *step,
                    int         *minutes,
                    GError     **error)
{
  gsize len;
  const char *p, *end;
  gboolean negative = FALSE;
  gboolean any_digit = FALSE;
  gint64 value = 0;
  gint64 multiplier;

  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  len = strlen (step);
  switch (len > 0 ? step[len - 1] : '\0')
    {
    case 'm':
      multiplier = 1;
      break;
    case 'h':
      multiplier = 60;
      break;
    case 'd':
      multiplier = 1440;
      break;
    default:
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_STEP,
                   _("Invalid step “%s”: the unit must be m, h or d"), step);
      return FALSE;
    }

  end = step + len - 1;
  for (p = step; p < end && is_js_space (*p); p++)
    ;
  if (p < end && (*p == '+' || *p == '-'))
    {
      negative = (*p == '-');
      p++;
    }
  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      any_digit = TRUE;
      if (value <= MAX_STEP_MINUTES)
        value = value * 10 + (*p - '0');
    }

  if (!any_digit)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_STEP,
                   _("Invalid step “%s”: no number"), step);
      return FALSE;
    }
  if (negative && value != 0)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_STEP,
                   _("Invalid step “%s”: negative"), step);
      return FALSE;
    }
  if (value > MAX_STEP_MINUTES / multiplier)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_STEP,
                   _("Invalid step “%s”: too long"), step);
      return FALSE;
    }

  if (minutes != NULL)
    *minutes = (int) (value * multiplier);
  return TRUE;
}

static gboolean
parse_steps (const char * const  *strings,
             const int           *defaults,
             guint                n_defaults,
             int                 *steps,
             guint               *n_steps,
             GError             **error)
{
  guint n = 0;

  if (strings == NULL)
    {
      memcpy (steps, defaults, n_defaults * sizeof (int));
      *n_steps = n_defaults;
      return TRUE;
    }

  for (; strings[n] != NULL; n++)
    {
      if (n >= EG_FSRS_MAX_STEPS)
        {
          g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_STEP,
                       _("Too many steps (at most %d)"), EG_FSRS_MAX_STEPS);
          return FALSE;
        }
      if (!eg_fsrs_parse_step (strings[n], &steps[n], error))
        return FALSE;
    }

  *n_steps = n;
  return TRUE;
}

/* Fills params.  w: 21, 19 or 17 values (migrated, §3.3, then clipped,
 * §3.4), or NULL / 0 values for the defaults; unlike ts-fsrs, which falls
 * back to the defaults, any other length is an error.  request_retention
 * and maximum_interval of 0 (or a NaN retention) mean the defaults, as in
 * ts-fsrs.  learning_steps and relearning_steps are NULL-terminated
 * arrays of step strings ("1m", "10m", "1h", "1d"); NULL means the
 * defaults (["1m", "10m"] and ["10m"]), an empty array means no steps.
 * params is only written on success. */
gboolean
eg_fsrs_params_init (EgFsrsParams       *params,
                     const double       *w,
                     guint               n_w,
                     double              request_retention,
                     int                 maximum_interval,
                     gboolean            enable_fuzz,
                     gboolean            enable_short_term,
                     const char * const *learning_steps,
                     const char * const *relearning_steps,
                     GError            **error)
{
  EgFsrsParams p = { 0 };
  double migrated[EG_FSRS_N_PARAMS];

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (w != NULL || n_w == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (w == NULL || n_w == 0)
    {
      w = default_w;
      n_w = EG_FSRS_N_PARAMS;
    }
  if (n_w != 17 && n_w != 19 && n_w != 21)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_PARAMETERS,
                   _("Expected 17, 19 or 21 parameters, got %u"), n_w);
      return FALSE;
    }

  if (isnan (request_retention) || request_retention == 0)
    request_retention = EG_FSRS_DEFAULT_REQUEST_RETENTION;
  if (!(request_retention > 0 && request_retention <= 1))
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_RETENTION,
                   _("Requested retention %g is not in (0, 1]"), request_retention);
      return FALSE;
    }

  if (maximum_interval == 0)
    maximum_interval = EG_FSRS_DEFAULT_MAXIMUM_INTERVAL;
  if (maximum_interval < 0 || maximum_interval > MAX_MAXIMUM_INTERVAL)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_PARAMETERS,
                   _("Maximum interval %d is out of range"), maximum_interval);
      return FALSE;
    }

  if (!parse_steps (learning_steps, default_learning_steps,
                    G_N_ELEMENTS (default_learning_steps),
                    p.learning_steps, &p.n_learning_steps, error))
    return FALSE;
  if (!parse_steps (relearning_steps, default_relearning_steps,
                    G_N_ELEMENTS (default_relearning_steps),
                    p.relearning_steps, &p.n_relearning_steps, error))
    return FALSE;

  p.request_retention = request_retention;
  p.maximum_interval = maximum_interval;
  p.enable_fuzz = !!enable_fuzz;
  p.enable_short_term = !!enable_short_term;

  eg_fsrs_migrate_parameters (w, n_w, p.n_relearning_steps, p.enable_short_term, migrated);
  eg_fsrs_clip_parameters (migrated, EG_FSRS_N_PARAMS, p.n_relearning_steps,
                           p.enable_short_term, p.w);

  /* §4, §5; 1/decay is Math.pow(decay, -1), which is exact division */
  p.decay = -p.w[20];
  p.factor = eg_fsrs_round8 (exp ((1.0 / p.decay) * log (0.9)) - 1);
  p.interval_modifier = eg_fsrs_round8 ((pow (request_retention, 1.0 / p.decay) - 1) / p.factor);

  *params = p;
  return TRUE;
}

/* The ts-fsrs defaults: default weights, retention 0.9, maximum 36500
 * days, no fuzz, short-term on, steps ["1m", "10m"] / ["10m"]. */
void
eg_fsrs_params_init_default (EgFsrsParams *params)
{
  gboolean ok;

  ok = eg_fsrs_params_init (params, NULL, 0, EG_FSRS_DEFAULT_REQUEST_RETENTION,
                            EG_FSRS_DEFAULT_MAXIMUM_INTERVAL, FALSE, TRUE,
                            NULL, NULL, NULL);
  g_assert (ok);
}
