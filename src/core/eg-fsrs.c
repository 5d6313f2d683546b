/* eg-fsrs.c - FSRS-6 memory model and scheduler (bit-compatible with ts-fsrs 5.4.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* This is a clean-room implementation of the model described in the FSRS
 * oracle's MODEL.md (section numbers below refer to it).  The goal is to
 * reproduce ts-fsrs bit for bit, so the code follows JavaScript semantics:
 * IEEE-754 binary64 arithmetic evaluated left to right, Math.round() ties
 * toward +infinity, 8-decimal rounding of nearly every stored quantity.
 *
 * Products that feed an addition go through fp_mul(): compilers may
 * otherwise fuse them into an FMA (GCC does with -std=gnu17 and -march
 * with FMA, or on aarch64), which changes the last bit and can flip a
 * round8() or an interval. */

#include "eg-fsrs.h"

#include <math.h>
#include <string.h>

#define MS_PER_MINUTE G_GINT64_CONSTANT (60000)
#define MAX_STEP_MINUTES (G_MAXINT / 2)
#define MAX_MAXIMUM_INTERVAL (G_MAXINT / 2)
#define TWO_POW_32 4294967296.0
#define TWO_POW_MINUS_32 2.3283064365386963e-10

G_DEFINE_QUARK (eg-fsrs-error-quark, eg_fsrs_error)

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

/* §10 */
static const struct
{
  double start, end, factor;
} fuzz_ranges[] = {
  { 2.5, 7.0, 0.15 },
  { 7.0, 20.0, 0.1 },
  { 20.0, INFINITY, 0.05 },
};

/* A product rounded to binary64, which the compiler cannot contract into
 * a fused multiply-add with a following addition. */
static inline double
fp_mul (double a,
        double b)
{
  volatile double product = a * b;

  return product;
}

/* Math.min / Math.max without NaN subtleties (no NaN reaches these). */
static inline double
dmin (double a,
      double b)
{
  return a < b ? a : b;
}

static inline double
dmax (double a,
      double b)
{
  return a > b ? a : b;
}

/* clamp(x, lo, hi) = min(max(x, lo), hi), §1 */
static inline double
dclamp (double x,
        double lo,
        double hi)
{
  return dmin (dmax (x, lo), hi);
}

/* Floor division for possibly negative times. */
static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static inline gboolean
time_is_valid (gint64 ms)
{
  return ms >= EG_FSRS_TIME_MIN_MS && ms <= EG_FSRS_TIME_MAX_MS;
}

static inline gboolean
rating_is_valid (int rating)
{
  return rating >= EG_FSRS_AGAIN && rating <= EG_FSRS_EASY;
}

/* ---------------------------------------------------------------------- */
/* Numeric helpers                                                        */
/* ---------------------------------------------------------------------- */

/* JavaScript Math.round(): nearest integer, ties toward +infinity. */
double
eg_fsrs_jsround (double x)
{
  double f = floor (x);

  return (x - f >= 0.5) ? f + 1.0 : f;
}

/* ts-fsrs roundTo(x, 8) */
double
eg_fsrs_round8 (double x)
{
  return eg_fsrs_jsround (fp_mul (x, 1e8)) / 1e8;
}

/* Adds one unit in the last place to a decimal string of digits and at
 * most one '.', in place; returns FALSE if the carry runs off the front. */
static gboolean
decimal_increment (char *s)
{
  for (gssize i = (gssize) strlen (s) - 1; i >= 0; i--)
    {
      if (s[i] == '.')
        continue;
      if (s[i] != '9')
        {
          s[i]++;
          return TRUE;
        }
      s[i] = '0';
    }
  return FALSE;
}

/* Number(x.toFixed(8)): the exact binary value rounded to 8 decimals, an
 * exact tie rounding away from zero.  glibc's printf is exact but breaks
 * ties to even, so ties (exactly the odd multiples of 2^-9) are handled
 * separately.
 *
 * Most values are already such numbers (the scheduler rounds what it
 * stores) and skip the string: when |x| < 10^6 is the double nearest to
 * n / 10^8 for an integer n (IEEE division of exact n and 10^8 gives that
 * double), x * 10^8 lies within 0.02 of n, so toFixed(8) gives the digits
 * of n and reading them back gives x. */
double
eg_fsrs_to_fixed8 (double x)
{
  char buf[64];
  double ax = fabs (x);
  double scaled = ax * 512.0;
  double n = floor (ax * 1e8 + 0.5);

  if (!isfinite (x) || ax >= 1e21)
    return x;
  if (ax < 1e6 && n / 1e8 == ax)
    return x;

  if (scaled == floor (scaled) && fmod (scaled, 2.0) == 1.0)
    {
      gsize len;

      /* ax has exactly 9 decimals, the last one being 5. */
      buf[0] = '0';
      g_ascii_formatd (buf + 1, sizeof buf - 1, "%.9f", ax);
      len = strlen (buf);
      g_assert (len > 2 && buf[len - 1] == '5');
      buf[len - 1] = '\0';
      decimal_increment (buf);
      return copysign (g_ascii_strtod (buf, NULL), x);
    }

  g_ascii_formatd (buf, sizeof buf, "%.8f", ax);
  return copysign (g_ascii_strtod (buf, NULL), x);
}

/* The decimal with @precision significant digits nearest to x, or on the
 * other side of x where that one does not round-trip: TRUE (with its digits
 * and exponent) when it reads back as x. */
static gboolean
round_trips_at (double   x,
                int      precision,
                guint64 *mantissa_out,
                int     *exponent_out)
{
  char fmt[16];
  char buf[64];
  const char *p;
  guint64 mantissa = 0;
  guint64 pow10 = 1;
  int exponent;
  double back;

  g_snprintf (fmt, sizeof fmt, "%%.%de", precision - 1);
  g_ascii_formatd (buf, sizeof buf, fmt, x);

  for (p = buf; *p != 'e'; p++)
    {
      if (g_ascii_isdigit (*p))
        mantissa = mantissa * 10 + (guint64) (*p - '0');
    }
  exponent = (int) g_ascii_strtoll (p + 1, NULL, 10);

  back = g_ascii_strtod (buf, NULL);
  if (back == x)
    {
      *mantissa_out = mantissa;
      *exponent_out = exponent;
      return TRUE;
    }

  /* The nearest candidate does not round-trip.  At a power of two the
   * rounding interval is asymmetric, and the candidate on the other
   * (wider) side may still round-trip. */
  if (back < x)
    {
      guint64 up = mantissa + 1;
      int up_exponent = exponent;

      for (int i = 0; i < precision; i++)
        pow10 *= 10;
      if (up == pow10)
        {
          up = pow10 / 10;
          up_exponent++;
        }
      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT "e%d",
                  up, up_exponent - (precision - 1));
      if (g_ascii_strtod (buf, NULL) == x)
        {
          *mantissa_out = up;
          *exponent_out = up_exponent;
          return TRUE;
        }
    }

  return FALSE;
}

/* Shortest decimal that round-trips to x (x > 0, finite): the digits, with
 * no trailing zeros, and the position n of the decimal point such that
 * x = 0.d1d2...dk * 10^n (ECMAScript Number::toString notation).
 *
 * If p digits round-trip, so do p + 1 (append a zero), so the shortest
 * precision is found by bisection: 4 or 5 conversions instead of up to 17.
 */
static void
shortest_digits (double  x,
                 char   *digits,
                 int    *n_digits,
                 int    *point)
{
  guint64 mantissa = 0;
  int exponent = 0;
  int lo = 1, hi = 17;
  int precision;

  while (lo < hi)
    {
      int mid = (lo + hi) / 2;
      guint64 m;
      int e;

      if (round_trips_at (x, mid, &m, &e))
        hi = mid;
      else
        lo = mid + 1;
    }
  precision = lo;
  if (!round_trips_at (x, precision, &mantissa, &exponent))
    g_assert_not_reached ();  /* 17 significant digits always round-trip */

  for (int i = precision - 1; i >= 0; i--)
    {
      digits[i] = (char) ('0' + (int) (mantissa % 10));
      mantissa /= 10;
    }
  while (precision > 1 && digits[precision - 1] == '0')
    precision--;
  digits[precision] = '\0';

  *n_digits = precision;
  *point = exponent + 1;
}

/* JavaScript Number.prototype.toString() (radix 10).  buffer must hold
 * EG_FSRS_JS_NUMBER_BUF_SIZE bytes; returns buffer. */
const char *
eg_fsrs_format_js_number (double  value,
                          char   *buffer)
{
  char digits[24];
  char *out = buffer;
  int k, n;

  g_return_val_if_fail (buffer != NULL, NULL);

  if (isnan (value))
    {
      strcpy (buffer, "NaN");
      return buffer;
    }
  if (value == 0)
    {
      strcpy (buffer, "0");  /* also -0 */
      return buffer;
    }
  if (value < 0)
    {
      *out++ = '-';
      value = -value;
    }
  if (isinf (value))
    {
      strcpy (out, "Infinity");
      return buffer;
    }

  shortest_digits (value, digits, &k, &n);

  if (k <= n && n <= 21)
    {
      memcpy (out, digits, (gsize) k);
      out += k;
      for (int i = 0; i < n - k; i++)
        *out++ = '0';
      *out = '\0';
    }
  else if (0 < n && n <= 21)
    {
      memcpy (out, digits, (gsize) n);
      out += n;
      *out++ = '.';
      strcpy (out, digits + n);
    }
  else if (-6 < n && n <= 0)
    {
      *out++ = '0';
      *out++ = '.';
      for (int i = 0; i < -n; i++)
        *out++ = '0';
      strcpy (out, digits);
    }
  else
    {
      int e = n - 1;

      *out++ = digits[0];
      if (k > 1)
        {
          *out++ = '.';
          memcpy (out, digits + 1, (gsize) (k - 1));
          out += k - 1;
        }
      g_snprintf (out, 8, "e%c%d", e < 0 ? '-' : '+', ABS (e));
    }

  return buffer;
}

/* ---------------------------------------------------------------------- */
/* Parameters                                                             */
/* ---------------------------------------------------------------------- */

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
                   "Invalid step “%s”: the unit must be m, h or d", step);
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
                   "Invalid step “%s”: no number", step);
      return FALSE;
    }
  if (negative && value != 0)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_STEP,
                   "Invalid step “%s”: negative", step);
      return FALSE;
    }
  if (value > MAX_STEP_MINUTES / multiplier)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_STEP,
                   "Invalid step “%s”: too long", step);
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
                       "Too many steps (at most %d)", EG_FSRS_MAX_STEPS);
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
                   "Expected 17, 19 or 21 parameters, got %u", n_w);
      return FALSE;
    }

  if (isnan (request_retention) || request_retention == 0)
    request_retention = EG_FSRS_DEFAULT_REQUEST_RETENTION;
  if (!(request_retention > 0 && request_retention <= 1))
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_RETENTION,
                   "Requested retention %g is not in (0, 1]", request_retention);
      return FALSE;
    }

  if (maximum_interval == 0)
    maximum_interval = EG_FSRS_DEFAULT_MAXIMUM_INTERVAL;
  if (maximum_interval < 0 || maximum_interval > MAX_MAXIMUM_INTERVAL)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_PARAMETERS,
                   "Maximum interval %d is out of range", maximum_interval);
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

/* ---------------------------------------------------------------------- */
/* Memory model                                                           */
/* ---------------------------------------------------------------------- */

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
                   "Invalid rating %d", (int) rating);
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
                   "Invalid memory state: stability %g, difficulty %g", stability, difficulty);
      return FALSE;
    }
  if (elapsed_days < 0)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_TIME,
                   "Negative elapsed days (%d)", elapsed_days);
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

/* ---------------------------------------------------------------------- */
/* Fuzz                                                                   */
/* ---------------------------------------------------------------------- */

/* ECMAScript ToUint32 / ToInt32 */
static double
to_uint32 (double x)
{
  /* the usual case (Mash keeps its state below 2^33): exact integer path */
  if (x >= 0 && x < 9.2233720368547758e18)
    return (double) ((guint64) x & G_GUINT64_CONSTANT (0xffffffff));
  if (!isfinite (x))
    return 0;
  x = fmod (trunc (x), TWO_POW_32);
  if (x < 0)
    x += TWO_POW_32;
  return x + 0.0;
}

static double
to_int32 (double x)
{
  double u = to_uint32 (x);

  return (u >= TWO_POW_32 / 2) ? u - TWO_POW_32 : u;
}

static void
mash_unit (double   *n,
           gunichar  unit)
{
  double h;

  *n = *n + unit;
  h = 0.02519603282416938 * *n;
  *n = to_uint32 (h);
  h = h - *n;
  h = h * *n;
  *n = to_uint32 (h);
  h = h - *n;
  *n = *n + fp_mul (h, TWO_POW_32);
}

/* Baagoe's Mash over the UTF-16 code units of a UTF-8 string. */
static double
mash (double     *n,
      const char *data)
{
  const char *p = data;

  while (*p != '\0')
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          mash_unit (n, (guchar) *p++);
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* not UTF-8: use the byte, as a Latin-1 decoder would */
          mash_unit (n, (guchar) *p);
          p++;
          continue;
        }
      if (c >= 0x10000)
        {
          mash_unit (n, 0xD800 + ((c - 0x10000) >> 10));
          mash_unit (n, 0xDC00 + ((c - 0x10000) & 0x3FF));
        }
      else
        {
          mash_unit (n, c);
        }
      p = g_utf8_next_char (p);
    }

  return fp_mul (to_uint32 (*n), TWO_POW_MINUS_32);
}

void
eg_fsrs_alea_init (EgFsrsAlea *alea,
                   const char *seed)
{
  double n = 4022871197.0;

  g_return_if_fail (alea != NULL);
  g_return_if_fail (seed != NULL);

  alea->c = 1;
  alea->s0 = mash (&n, " ");
  alea->s1 = mash (&n, " ");
  alea->s2 = mash (&n, " ");
  alea->s0 -= mash (&n, seed);
  if (alea->s0 < 0)
    alea->s0 += 1;
  alea->s1 -= mash (&n, seed);
  if (alea->s1 < 0)
    alea->s1 += 1;
  alea->s2 -= mash (&n, seed);
  if (alea->s2 < 0)
    alea->s2 += 1;
}

double
eg_fsrs_alea_next (EgFsrsAlea *alea)
{
  double t;

  g_return_val_if_fail (alea != NULL, 0.0);

  t = fp_mul (2091639, alea->s0) + fp_mul (alea->c, TWO_POW_MINUS_32);
  alea->s0 = alea->s1;
  alea->s1 = alea->s2;
  alea->c = to_int32 (t);
  alea->s2 = t - alea->c;
  return alea->s2;
}

/* The seed of the default fuzz strategy: "<now_ms>_<reps>_<D*S>", where
 * reps is already incremented for this review and D*S is the product of
 * the card's difficulty and stability before it, formatted as JavaScript
 * would.  buffer must hold EG_FSRS_SEED_BUF_SIZE bytes; returns buffer. */
const char *
eg_fsrs_fuzz_seed (char   *buffer,
                   gint64  now_ms,
                   int     reps,
                   double  difficulty_times_stability)
{
  char number[EG_FSRS_JS_NUMBER_BUF_SIZE];

  g_return_val_if_fail (buffer != NULL, NULL);

  g_snprintf (buffer, EG_FSRS_SEED_BUF_SIZE, "%" G_GINT64_FORMAT "_%d_%s",
              now_ms, reps, eg_fsrs_format_js_number (difficulty_times_stability, number));
  return buffer;
}

/* ts-fsrs get_fuzz_range() */
void
eg_fsrs_fuzz_range (double  interval,
                    int     elapsed_days,
                    int     maximum_interval,
                    int    *min_interval,
                    int    *max_interval)
{
  double ivl = interval;
  double delta = 1.0;
  double capped, lo, hi;

  for (guint i = 0; i < G_N_ELEMENTS (fuzz_ranges); i++)
    delta += fp_mul (fuzz_ranges[i].factor,
                     dmax (dmin (ivl, fuzz_ranges[i].end) - fuzz_ranges[i].start, 0));

  capped = dmin (ivl, maximum_interval);
  lo = dmax (2, eg_fsrs_jsround (capped - delta));
  hi = dmin (eg_fsrs_jsround (capped + delta), maximum_interval);
  if (capped > elapsed_days)
    lo = dmax (lo, (double) elapsed_days + 1);
  lo = dmin (lo, hi);

  if (min_interval != NULL)
    *min_interval = (int) lo;
  if (max_interval != NULL)
    *max_interval = (int) hi;
}

static int
fuzz_interval (double u,
               int    interval,
               int    elapsed_days,
               int    maximum_interval)
{
  int lo, hi;

  if (interval < 2.5)
    return interval;

  eg_fsrs_fuzz_range (interval, elapsed_days, maximum_interval, &lo, &hi);
  return (int) floor (fp_mul (u, (double) hi - lo + 1) + lo);
}

/* Fuzzes an integer interval with the first Alea output of seed. */
int
eg_fsrs_apply_fuzz (const char *seed,
                    int         interval,
                    int         elapsed_days,
                    int         maximum_interval)
{
  EgFsrsAlea alea;

  g_return_val_if_fail (seed != NULL, interval);

  if (interval < 2.5)
    return interval;

  eg_fsrs_alea_init (&alea, seed);
  return fuzz_interval (eg_fsrs_alea_next (&alea), interval, elapsed_days, maximum_interval);
}

/* §5; fuzz_u < 0 means no fuzz */
static int
next_interval_u (const EgFsrsParams *params,
                 double              stability,
                 int                 elapsed_days,
                 double              fuzz_u)
{
  double ivl = eg_fsrs_jsround (stability * params->interval_modifier);

  if (!(ivl >= 1))
    ivl = 1;
  if (ivl > params->maximum_interval)
    ivl = params->maximum_interval;

  if (fuzz_u < 0)
    return (int) ivl;
  return fuzz_interval (fuzz_u, (int) ivl, elapsed_days, params->maximum_interval);
}

/* The interval in days for a stability; fuzzed with fuzz_seed when
 * params->enable_fuzz is set and fuzz_seed is not NULL. */
int
eg_fsrs_next_interval (const EgFsrsParams *params,
                       double              stability,
                       int                 elapsed_days,
                       const char         *fuzz_seed)
{
  double u = -1;

  g_return_val_if_fail (params != NULL, 1);

  if (params->enable_fuzz && fuzz_seed != NULL)
    {
      EgFsrsAlea alea;

      eg_fsrs_alea_init (&alea, fuzz_seed);
      u = eg_fsrs_alea_next (&alea);
    }

  return next_interval_u (params, stability, elapsed_days, u);
}

/* ---------------------------------------------------------------------- */
/* Scheduler                                                              */
/* ---------------------------------------------------------------------- */

/* Difference of UTC calendar days, §7 */
gint64
eg_fsrs_elapsed_days (gint64 last_review_ms,
                      gint64 now_ms)
{
  return floor_div (now_ms, EG_FSRS_MS_PER_DAY) - floor_div (last_review_ms, EG_FSRS_MS_PER_DAY);
}

void
eg_fsrs_card_init_new (EgFsrsCard *card,
                       gint64      created_ms)
{
  g_return_if_fail (card != NULL);

  memset (card, 0, sizeof *card);
  card->state = EG_FSRS_STATE_NEW;
  card->due = created_ms;
}

typedef struct
{
  gboolean has_entry;
  int      minutes;
  int      next_step;
} StepEntry;

/* steps_info(state, cur), §8.2 */
static StepEntry
step_entry (const EgFsrsParams *params,
            EgFsrsState         state,
            int                 cur,
            EgFsrsRating        rating)
{
  StepEntry entry = { FALSE, 0, 0 };
  const int *steps;
  guint n;

  if (state == EG_FSRS_STATE_REVIEW || state == EG_FSRS_STATE_RELEARNING)
    {
      steps = params->relearning_steps;
      n = params->n_relearning_steps;
    }
  else
    {
      steps = params->learning_steps;
      n = params->n_learning_steps;
    }

  if (n == 0 || (guint) cur >= n)
    return entry;

  if (state == EG_FSRS_STATE_REVIEW)
    {
      if (rating == EG_FSRS_AGAIN)
        {
          entry.has_entry = TRUE;
          entry.minutes = steps[MAX (0, cur)];
          entry.next_step = 0;
        }
      return entry;
    }

  switch (rating)
    {
    case EG_FSRS_AGAIN:
      entry.has_entry = TRUE;
      entry.minutes = steps[0];
      entry.next_step = 0;
      break;

    case EG_FSRS_HARD:
      entry.has_entry = TRUE;
      if (n == 1)
        entry.minutes = (int) eg_fsrs_jsround (steps[0] * 1.5);
      else
        entry.minutes = (int) eg_fsrs_jsround (((double) steps[0] + steps[1]) / 2);
      entry.next_step = cur;
      break;

    case EG_FSRS_GOOD:
      if ((guint) cur + 1 < n && steps[cur + 1] != 0)
        {
          entry.has_entry = TRUE;
          entry.minutes = steps[cur + 1];
          entry.next_step = cur + 1;
        }
      break;

    case EG_FSRS_EASY:
    default:
      break;
    }

  return entry;
}

/* Applies a step lookup to an outcome card whose S and D are already set. */
static void
apply_step (const EgFsrsParams *params,
            EgFsrsCard         *out,
            StepEntry           entry,
            EgFsrsState         to_state,
            gint64              now_ms,
            int                 elapsed_days,
            double              fuzz_u)
{
  int minutes = entry.has_entry ? MAX (0, entry.minutes) : 0;
  int next_step = entry.has_entry ? MAX (0, entry.next_step) : 0;

  if (minutes > 0 && minutes < 1440)
    {
      out->state = to_state;
      out->learning_steps = next_step;
      out->scheduled_days = 0;
      out->due = now_ms + minutes * MS_PER_MINUTE;
    }
  else if (minutes >= 1440)
    {
      out->state = EG_FSRS_STATE_REVIEW;
      out->learning_steps = next_step;
      out->scheduled_days = minutes / 1440;
      out->due = now_ms + minutes * MS_PER_MINUTE;
    }
  else
    {
      int ivl = next_interval_u (params, out->stability, elapsed_days, fuzz_u);

      out->state = EG_FSRS_STATE_REVIEW;
      out->learning_steps = 0;
      out->scheduled_days = ivl;
      out->due = now_ms + ivl * EG_FSRS_MS_PER_DAY;
    }
}

static void
set_review_outcome (EgFsrsCard *out,
                    int         interval,
                    gint64      now_ms)
{
  out->state = EG_FSRS_STATE_REVIEW;
  out->learning_steps = 0;
  out->scheduled_days = interval;
  out->due = now_ms + interval * EG_FSRS_MS_PER_DAY;
}

static gboolean
validate_card (const EgFsrsCard  *card,
               gint64             now_ms,
               int               *elapsed_days,
               GError           **error)
{
  gint64 t = 0;

  if (card->state < EG_FSRS_STATE_NEW || card->state > EG_FSRS_STATE_RELEARNING)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_CARD,
                   "Invalid card state %d", (int) card->state);
      return FALSE;
    }
  if (card->reps < 0 || card->reps == G_MAXINT || card->lapses < 0 || card->lapses == G_MAXINT
      || card->learning_steps < 0)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_CARD,
                   "Invalid card counters (reps %d, lapses %d, learning step %d)",
                   card->reps, card->lapses, card->learning_steps);
      return FALSE;
    }
  if (!time_is_valid (now_ms))
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_TIME,
                   "Review time %" G_GINT64_FORMAT " ms is out of range", now_ms);
      return FALSE;
    }

  if (card->state != EG_FSRS_STATE_NEW && card->last_review != 0)
    {
      if (!time_is_valid (card->last_review))
        {
          g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_TIME,
                       "Last review time %" G_GINT64_FORMAT " ms is out of range",
                       card->last_review);
          return FALSE;
        }
      t = eg_fsrs_elapsed_days (card->last_review, now_ms);
      if (t < 0)
        {
          g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_TIME,
                       "Review is %" G_GINT64_FORMAT " days before the last review", -t);
          return FALSE;
        }
    }

  *elapsed_days = (int) t;
  return TRUE;
}

/* All four outcomes (Again..Easy) of reviewing card at now_ms, §8. */
static gboolean
schedule (const EgFsrsParams  *params,
          const EgFsrsCard    *card,
          gint64               now_ms,
          EgFsrsCard           out[4],
          GError             **error)
{
  EgFsrsCard base;
  double s[4], d[4];
  double fuzz_u = -1;
  int t;

  if (!validate_card (card, now_ms, &t, error))
    return FALSE;

  base = *card;
  base.reps++;
  base.last_review = now_ms;
  base.elapsed_days = t;

  if (params->enable_fuzz)
    {
      char seed[EG_FSRS_SEED_BUF_SIZE];
      EgFsrsAlea alea;

      eg_fsrs_fuzz_seed (seed, now_ms, base.reps, card->difficulty * card->stability);
      eg_fsrs_alea_init (&alea, seed);
      fuzz_u = eg_fsrs_alea_next (&alea);
    }

  for (int g = EG_FSRS_AGAIN; g <= EG_FSRS_EASY; g++)
    {
      gboolean is_new = (card->state == EG_FSRS_STATE_NEW);

      if (!eg_fsrs_next_state (params,
                               is_new ? 0 : card->stability,
                               is_new ? 0 : card->difficulty,
                               t, g, &s[g - 1], &d[g - 1], error))
        return FALSE;

      out[g - 1] = base;
      out[g - 1].stability = s[g - 1];
      out[g - 1].difficulty = d[g - 1];
    }

  if (params->enable_short_term)
    {
      /* §8.2 basic scheduler */
      switch (card->state)
        {
        case EG_FSRS_STATE_NEW:
        case EG_FSRS_STATE_LEARNING:
        case EG_FSRS_STATE_RELEARNING:
          {
            EgFsrsState to_state = (card->state == EG_FSRS_STATE_NEW)
                                   ? EG_FSRS_STATE_LEARNING : card->state;

            for (int g = EG_FSRS_AGAIN; g <= EG_FSRS_EASY; g++)
              apply_step (params, &out[g - 1],
                          step_entry (params, card->state, card->learning_steps, g),
                          to_state, now_ms, t, fuzz_u);
          }
          break;

        case EG_FSRS_STATE_REVIEW:
        default:
          {
            int hard = next_interval_u (params, s[1], t, fuzz_u);
            int good = next_interval_u (params, s[2], t, fuzz_u);
            int easy;

            hard = MIN (hard, good);
            good = MAX (good, hard + 1);
            easy = MAX (next_interval_u (params, s[3], t, fuzz_u), good + 1);

            set_review_outcome (&out[1], hard, now_ms);
            set_review_outcome (&out[2], good, now_ms);
            set_review_outcome (&out[3], easy, now_ms);

            out[0].lapses++;
            apply_step (params, &out[0],
                        step_entry (params, EG_FSRS_STATE_REVIEW, card->learning_steps,
                                    EG_FSRS_AGAIN),
                        EG_FSRS_STATE_RELEARNING, now_ms, t, fuzz_u);
          }
          break;
        }
    }
  else
    {
      /* §8.4 long-term scheduler; t is 0 for new cards */
      int again = next_interval_u (params, s[0], t, fuzz_u);
      int hard = next_interval_u (params, s[1], t, fuzz_u);
      int good = next_interval_u (params, s[2], t, fuzz_u);
      int easy = next_interval_u (params, s[3], t, fuzz_u);

      again = MIN (again, hard);
      hard = MAX (hard, again + 1);
      good = MAX (good, hard + 1);
      easy = MAX (easy, good + 1);

      if (card->state == EG_FSRS_STATE_NEW)
        {
          for (int g = 0; g < 4; g++)
            {
              out[g].elapsed_days = 0;
              out[g].scheduled_days = 0;
            }
        }
      else
        {
          out[0].lapses++;
        }

      set_review_outcome (&out[0], again, now_ms);
      set_review_outcome (&out[1], hard, now_ms);
      set_review_outcome (&out[2], good, now_ms);
      set_review_outcome (&out[3], easy, now_ms);
    }

  return TRUE;
}

/* Reviews card at now_ms with rating; out (which may be card) receives
 * the updated card.  Fails for an invalid rating or card, or a review
 * time before the card's last review (in UTC calendar days). */
gboolean
eg_fsrs_review (const EgFsrsParams  *params,
                const EgFsrsCard    *card,
                gint64               now_ms,
                EgFsrsRating         rating,
                EgFsrsCard          *out,
                GError             **error)
{
  EgFsrsCard outcomes[4];

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (card != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rating_is_valid (rating))
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_RATING,
                   "Invalid rating %d", (int) rating);
      return FALSE;
    }

  if (!schedule (params, card, now_ms, outcomes, error))
    return FALSE;

  *out = outcomes[rating - 1];
  return TRUE;
}

/* The four possible outcomes (out[0] Again .. out[3] Easy) of reviewing
 * card at now_ms; out[r - 1] equals what eg_fsrs_review() gives for r. */
gboolean
eg_fsrs_preview (const EgFsrsParams  *params,
                 const EgFsrsCard    *card,
                 gint64               now_ms,
                 EgFsrsCard           out[4],
                 GError             **error)
{
  EgFsrsCard outcomes[4];

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (card != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!schedule (params, card, now_ms, outcomes, error))
    return FALSE;

  memcpy (out, outcomes, sizeof outcomes);
  return TRUE;
}

/* Current retrievability for display (ts-fsrs get_retrievability()):
 * whole 24-hour periods since the last review (not calendar days) and the
 * stability rounded to 8 decimals.  0 for new cards and for cards without
 * a usable stability. */
double
eg_fsrs_retrievability (const EgFsrsParams *params,
                        const EgFsrsCard   *card,
                        gint64              now_ms)
{
  double t = 0;
  double s;

  g_return_val_if_fail (params != NULL, 0.0);
  g_return_val_if_fail (card != NULL, 0.0);

  if (card->state == EG_FSRS_STATE_NEW)
    return 0.0;

  if (card->last_review != 0)
    t = dmax (floor (((double) now_ms - (double) card->last_review)
                     / (double) EG_FSRS_MS_PER_DAY), 0);

  s = eg_fsrs_to_fixed8 (card->stability);
  if (!(s > 0))
    return 0.0;

  return eg_fsrs_forgetting_curve (params, t, s);
}
