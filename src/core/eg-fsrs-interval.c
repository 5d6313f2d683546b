/* eg-fsrs-interval.c - FSRS intervals and their fuzz (Alea, fuzz ranges, seeds)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* next_interval(S, t) of doc/fsrs.md §5 and the fuzz of §10: Baagoe's Alea
 * generator seeded as ts-fsrs seeds it, the fuzz ranges, and the fuzzed
 * interval. */

#include "eg-fsrs-private.h"

#include <math.h>

#define TWO_POW_32 4294967296.0
#define TWO_POW_MINUS_32 2.3283064365386963e-10

/* §10 */
static const struct
{
  double start, end, factor;
} fuzz_ranges[] = {
  { 2.5, 7.0, 0.15 },
  { 7.0, 20.0, 0.1 },
  { 20.0, INFINITY, 0.05 },
};

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
int
_eg_fsrs_next_interval_u (const EgFsrsParams *params,
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

  return _eg_fsrs_next_interval_u (params, stability, elapsed_days, u);
}

