/* eg-time.c - time stamps as the collection stores them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-time.h"

gint64
eg_time_now_ms (void)
{
  return g_get_real_time () / 1000;
}

/**
 * eg_time_format_iso:
 *
 * Returns: @ms as "2026-11-27T09:30:00.000Z", as JavaScript's toISOString()
 */
char *
eg_time_format_iso (gint64 ms)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *base = NULL;
  gint64 seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  int millis = (int) (ms - seconds * 1000);

  dt = g_date_time_new_from_unix_utc (seconds);
  if (dt == NULL)
    return g_strdup ("invalid");
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, millis);
}

/**
 * eg_time_parse_iso:
 *
 * Parses an ISO 8601 time ("2026-11-27T09:30:00Z", "2026-11-27T10:30:00+01:00";
 * without a zone the local zone is meant).
 */
gboolean
eg_time_parse_iso (const char *text,
                   gint64     *ms)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  g_return_val_if_fail (text != NULL, FALSE);

  dt = g_date_time_new_from_iso8601 (text, local);
  if (dt == NULL)
    return FALSE;
  *ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
  return TRUE;
}
