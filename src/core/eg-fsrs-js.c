/* eg-fsrs-js.c - JavaScript numerics for FSRS: Math.round, round8, toFixed(8), Number.toString
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* ts-fsrs rounds with Math.round() (ties toward +infinity), stores values
 * rounded to 8 decimals, migrates parameters with toFixed(8) and builds
 * fuzz seeds from Number.prototype.toString(): the C versions of these,
 * exact to the bit (doc/fsrs.md §1, §3.3, §10). */

#include "eg-fsrs-private.h"

#include <math.h>
#include <string.h>

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
