/* test-time.c - times as the library and the card info write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-core.h"
#include "eg-test-util.h"

#define MINUTE (60 * G_GINT64_CONSTANT (1000))
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

static gint64
iso (const char *text)
{
  gint64 ms = 0;

  g_assert_true (eg_time_parse_iso (text, &ms));
  return ms;
}

static void
check_relative (gint64      when,
                gint64      now,
                const char *expected)
{
  g_autofree char *text = eg_time_format_relative (when, now);

  g_assert_cmpstr (text, ==, expected);
}

/* Issue 12, point 7: "in 8 min", "tomorrow", "in 12 days", not a date;
 * the times of a day past midnight are "tomorrow", by local calendar days
 * (the tests run in Europe/Berlin). */
static void
test_relative (void)
{
  gint64 now = iso ("2026-12-04T21:43:00+01:00");

  check_relative (now, now, "now");
  check_relative (now + 20000, now, "now");
  check_relative (now - 20000, now, "now");
  check_relative (now + 8 * MINUTE, now, "in 8 min");
  check_relative (now + 8 * MINUTE + 10000, now, "in 8 min");
  check_relative (now + 59 * MINUTE, now, "in 59 min");
  check_relative (now - 8 * MINUTE, now, "8 min ago");
  check_relative (now + HOUR, now, "in 1 hour");
  check_relative (now + 2 * HOUR, now, "in 2 hours");          /* 23:43, the same day */
  check_relative (now - 5 * HOUR, now, "5 hours ago");
  check_relative (now + 3 * HOUR, now, "tomorrow");            /* 00:43 */
  check_relative (now + DAY, now, "tomorrow");
  check_relative (now - DAY, now, "yesterday");
  check_relative (now + 2 * DAY, now, "in 2 days");
  check_relative (now + 12 * DAY, now, "in 12 days");
  check_relative (now - 3 * DAY, now, "3 days ago");
  check_relative (now + 30 * DAY, now, "in 30 days");
  check_relative (now + 45 * DAY, now, "in 1 month");
  check_relative (now + 70 * DAY, now, "in 2 months");
  check_relative (now - 70 * DAY, now, "2 months ago");
  check_relative (now + 400 * DAY, now, "in 1 year");
  check_relative (now + 800 * DAY, now, "in 2 years");
  check_relative (now - 800 * DAY, now, "2 years ago");

  /* over the change to winter time: two calendar days, 49 hours */
  check_relative (iso ("2026-10-26T12:00:00+01:00"), iso ("2026-10-24T12:00:00+02:00"),
                  "in 2 days");
}

static void
test_day_relative (void)
{
  struct { int day; const char *text; } cases[] = {
    { 0, "today" }, { 1, "tomorrow" }, { -1, "yesterday" }, { 12, "in 12 days" },
    { -12, "12 days ago" }, { 31, "in 1 month" }, { 364, "in 12 months" },
    { 365, "in 1 year" },
  };
  int today = 20791;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = eg_time_format_day_relative (today + cases[i].day, today);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The exact time is the same in the table's tooltip and the card info:
 * "2026-12-04 21:51", local time, not "12/04/26 21:51" */
static void
test_exact (void)
{
  g_autofree char *exact = eg_time_format_exact (iso ("2026-12-04T20:51:30Z"));

  g_assert_cmpstr (exact, ==, "2026-12-04 21:51");
}

/* A learning card is due at a time, a review card on a study day */
static void
test_due (void)
{
  gint64 now = iso ("2026-12-04T21:43:00+01:00");
  int today = eg_time_study_day (now, 4);
  g_autofree char *learning_exact = NULL;
  g_autofree char *review_exact = NULL;
  g_autofree char *today_exact = NULL;
  g_autofree char *learning = eg_time_format_due (now + 8 * MINUTE, 0, FALSE, now, today,
                                                  &learning_exact);
  g_autofree char *review = eg_time_format_due (now + 12 * DAY - 5 * HOUR, today + 12, TRUE,
                                                now, today, &review_exact);
  /* due today, at an hour still to come: due now all the same */
  g_autofree char *due_today = eg_time_format_due (now + HOUR, today, TRUE, now, today,
                                                   &today_exact);

  g_assert_cmpstr (learning, ==, "in 8 min");
  g_assert_cmpstr (learning_exact, ==, "2026-12-04 21:51");
  g_assert_cmpstr (review, ==, "in 12 days");
  g_assert_cmpstr (review_exact, ==, "2026-12-16");
  g_assert_cmpstr (due_today, ==, "today");
  g_assert_cmpstr (today_exact, ==, "2026-12-04");
}

/* A calendar date read back as the day it names; anything else refused */
static void
test_parse_day (void)
{
  const char *bad[] = { "", "2027-1-15", "2027-02-30", "2027-13-01", "27-01-15x",
                        "2027/01/15", "2027-01-1a", " 2027-01-15", "2027-01-150" };
  int day = 0;

  for (int d = -800; d < 30000; d += 37)
    {
      g_autofree char *text = eg_time_format_day (d);

      g_assert_true (eg_time_parse_day (text, &day));
      g_assert_cmpint (day, ==, d);
    }
  g_assert_true (eg_time_parse_day ("1970-01-01", &day));
  g_assert_cmpint (day, ==, 0);
  g_assert_true (eg_time_parse_day ("2024-02-29", &day));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      day = 12345;
      g_test_message ("“%s”", bad[i]);
      g_assert_false (eg_time_parse_day (bad[i], &day));
      g_assert_cmpint (day, ==, 12345);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/time/relative", test_relative);
  g_test_add_func ("/time/day-relative", test_day_relative);
  g_test_add_func ("/time/exact", test_exact);
  g_test_add_func ("/time/due", test_due);
  g_test_add_func ("/time/parse-day", test_parse_day);

  return g_test_run ();
}
