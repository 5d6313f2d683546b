/* eg-time.c - time stamps as the collection stores them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

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

/* Days from 0001-01-01 (GDate's Julian day 1) to 1970-01-01. */
#define UNIX_EPOCH_JULIAN 719163

/**
 * eg_time_study_day:
 * @day_start_hour: the local hour a new study day starts (0..23)
 *
 * The study day of @ms: the local calendar date, minus one day before
 * @day_start_hour, counted in days from 1970-01-01.  It follows the wall
 * clock, so DST and time zone changes never move a card to another day.
 */
int
eg_time_study_day (gint64 ms,
                   int    day_start_hour)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDate) date = NULL;
  gint64 seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  int year, month, day;

  local = g_date_time_new_from_unix_local (seconds);
  g_return_val_if_fail (local != NULL, 0);

  g_date_time_get_ymd (local, &year, &month, &day);
  date = g_date_new_dmy (day, month, year);
  if (g_date_time_get_hour (local) < day_start_hour)
    g_date_subtract_days (date, 1);

  return (int) g_date_get_julian (date) - UNIX_EPOCH_JULIAN;
}

/**
 * eg_time_study_day_start:
 *
 * Returns: the time (ms) study day @day starts: @day_start_hour:00 local time
 */
gint64
eg_time_study_day_start (int day,
                         int day_start_hour)
{
  g_autoptr(GDate) date = g_date_new_julian ((guint32) (day + UNIX_EPOCH_JULIAN));
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) start = NULL;

  start = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                           g_date_get_day (date), day_start_hour, 0, 0);
  g_return_val_if_fail (start != NULL, 0);
  return g_date_time_to_unix (start) * 1000;
}

/**
 * eg_time_format_day:
 *
 * Returns: study day @day as its date, "2026-11-27"
 */
char *
eg_time_format_day (int day)
{
  g_autoptr(GDate) date = g_date_new_julian ((guint32) (day + UNIX_EPOCH_JULIAN));
  char buffer[16];

  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

/**
 * eg_time_parse_day:
 * @text: a calendar date written YYYY-MM-DD, as eg_time_format_day() writes it
 * @day: (out): its study day number
 *
 * Returns: whether @text is such a date
 */
gboolean
eg_time_parse_day (const char *text,
                   int        *day)
{
  g_autoptr(GDate) date = NULL;
  int y = 0, m = 0, d = 0;

  g_return_val_if_fail (text != NULL && day != NULL, FALSE);

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  date = g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
  *day = (int) g_date_get_julian (date) - UNIX_EPOCH_JULIAN;
  return TRUE;
}

/**
 * eg_time_month_first_day:
 * @months_back: 0 for @day's month, 1 for the month before, …
 *
 * Returns: the first day of the calendar month @months_back months before
 *   study day @day's month
 */
int
eg_time_month_first_day (int day,
                         int months_back)
{
  g_autoptr(GDate) date = g_date_new_julian ((guint32) (day + UNIX_EPOCH_JULIAN));

  g_date_set_day (date, 1);
  if (months_back > 0)
    g_date_subtract_months (date, months_back);
  return (int) g_date_get_julian (date) - UNIX_EPOCH_JULIAN;
}

/**
 * eg_time_format_interval:
 *
 * Returns: a short duration as the grade buttons show it: "<1m", "10m",
 *   "3h", "4d", "2.5mo", "1.1y"
 */
char *
eg_time_format_interval (gint64 ms)
{
  double minutes = ms / 60000.0;
  double days = minutes / 1440.0;

  /* Translators: the intervals on the grade buttons, as short as can be:
   * less than a minute, minutes, hours, days, months, years */
  if (minutes < 1)
    return g_strdup (C_("interval", "<1m"));
  if (minutes < 60)
    return g_strdup_printf (C_("interval", "%.0fm"), minutes);
  if (minutes < 1440)
    return g_strdup_printf (C_("interval", "%.0fh"), minutes / 60);
  if (days < 30)
    return g_strdup_printf (C_("interval", "%.0fd"), days);
  if (days < 365)
    return g_strdup_printf (C_("interval", "%.1fmo"), days / 30.4375);
  return g_strdup_printf (C_("interval", "%.1fy"), days / 365.25);
}

/* The local calendar date of @ms, in days from 1970-01-01 */
static int
local_day (gint64 ms)
{
  return eg_time_study_day (ms, 0);
}

/**
 * eg_time_format_day_relative:
 * @day: a day (a study day, or a calendar date), in days from 1970-01-01
 * @today: the day it is
 *
 * Returns: (transfer full): @day seen from @today, translated: "today",
 *   "tomorrow", "in 12 days", "in 2 months" (from 31 days on), "in 3
 *   years" (from 365 days on); "yesterday", "12 days ago"… for a day past
 */
char *
eg_time_format_day_relative (int day,
                             int today)
{
  int days = ABS (day - today);
  gboolean future = day > today;
  int n;

  if (days == 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (future ? _("tomorrow") : _("yesterday"));
  if (days < 31)
    return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days",
                                                  days)
                                   : g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago",
                                                  days),
                            days);
  if (days < 365)
    {
      n = MAX ((int) (days / 30.4375 + 0.5), 1);
      return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d month",
                                                    "in %d months", n)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d month ago",
                                                    "%d months ago", n),
                              n);
    }
  n = MAX ((int) (days / 365.25 + 0.5), 1);
  return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d year", "in %d years", n)
                                 : g_dngettext (GETTEXT_PACKAGE, "%d year ago", "%d years ago",
                                                n),
                          n);
}

/**
 * eg_time_format_relative:
 * @when_ms: the time to describe
 * @now_ms: the time it is
 *
 * Returns: (transfer full): @when_ms seen from @now_ms, translated: "now"
 *   (within half a minute), "in 8 min", "in 3 hours" (the same day), then
 *   by local calendar days as eg_time_format_day_relative() ("tomorrow",
 *   "in 12 days"); "8 min ago", "3 hours ago", "yesterday"… for a time past
 */
char *
eg_time_format_relative (gint64 when_ms,
                         gint64 now_ms)
{
  gint64 distance = ABS (when_ms - now_ms);
  gboolean future = when_ms > now_ms;
  int minutes = (int) MIN ((distance + 30000) / 60000, G_MAXINT);
  int n;

  if (minutes < 1)
    return g_strdup (_("now"));
  if (minutes < 60)
    return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d min", "in %d min",
                                                  minutes)
                                   : g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago",
                                                  minutes),
                            minutes);
  if (local_day (when_ms) == local_day (now_ms))
    {
      n = (minutes + 30) / 60;
      return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d hour", "in %d hours",
                                                    n)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d hour ago",
                                                    "%d hours ago", n),
                              n);
    }
  return eg_time_format_day_relative (local_day (when_ms), local_day (now_ms));
}

/**
 * eg_time_format_exact:
 *
 * Returns: (transfer full): @ms as a local date and time, "2026-12-04
 *   21:51", the one format the library and the card info write a time in
 */
char *
eg_time_format_exact (gint64 ms)
{
  gint64 seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (seconds);

  if (time == NULL)
    return g_strdup ("?");
  /* Translators: a date and time, see g_date_time_format(); keep it short */
  return g_date_time_format (time, C_("date and time", "%Y-%m-%d %H:%M"));
}

/**
 * eg_time_format_due:
 * @due_ms: when a card is due
 * @due_day: the study day a review card is due on
 * @on_a_day: whether the card is due on a day (a review card), not at a
 *   time (a (re)learning card)
 * @now_ms: the time it is
 * @today: the study day of @now_ms
 * @exact: (out) (optional) (transfer full): the exact time (a date for a
 *   card due on a day), for a tooltip or beside it
 *
 * When a card is due, as the library's Due column and the card info show
 * it: "in 8 min" for a learning step, "today", "tomorrow", "in 12 days"
 * for a review card (due on its study day, whatever the hour).
 *
 * Returns: (transfer full): the text, translated
 */
char *
eg_time_format_due (gint64    due_ms,
                    int       due_day,
                    gboolean  on_a_day,
                    gint64    now_ms,
                    int       today,
                    char    **exact)
{
  if (exact != NULL)
    *exact = on_a_day ? eg_time_format_day (due_day) : eg_time_format_exact (due_ms);
  if (on_a_day)
    return eg_time_format_day_relative (due_day, today);
  return eg_time_format_relative (due_ms, now_ms);
}
