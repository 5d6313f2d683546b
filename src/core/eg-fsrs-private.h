/* eg-fsrs-private.h - what the parts of the FSRS module share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The FSRS module reproduces ts-fsrs bit for bit, so its code follows
 * JavaScript semantics: IEEE-754 binary64 arithmetic evaluated left to
 * right, Math.round() ties toward +infinity, 8-decimal rounding of nearly
 * every stored quantity.
 *
 * Products that feed an addition go through fp_mul(): compilers may
 * otherwise fuse them into an FMA (GCC does with -std=gnu17 and -march
 * with FMA, or on aarch64), which changes the last bit and can flip a
 * round8() or an interval. */
#pragma once

#include "eg-fsrs.h"

G_BEGIN_DECLS

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

static inline gboolean
rating_is_valid (int rating)
{
  return rating >= EG_FSRS_AGAIN && rating <= EG_FSRS_EASY;
}

/* The interval of §5 for a stability; fuzz_u < 0 means no fuzz, otherwise
 * it is the first Alea output of the review's seed (§10). */
int _eg_fsrs_next_interval_u (const EgFsrsParams *params,
                              double              stability,
                              int                 elapsed_days,
                              double              fuzz_u);

G_END_DECLS
