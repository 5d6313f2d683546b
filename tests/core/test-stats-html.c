/* test-stats-html.c - the statistics page's document: on a hand-made
 * EgStats each figure is in a tooltip and in a table, every picture says
 * so when it has nothing to show, a hostile section heading stays text, and
 * the interview forecast is drawn only when given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "eg-core.h"
#include "eg-test-util.h"

#define TODAY 20426   /* 2025-12-04 */

static void
clear_section (gpointer data)
{
  EgStatsSection *section = data;

  g_free (section->key);
  g_free (section->heading);
}

static void
add_section (EgStats    *stats,
             const char *key,
             const char *heading,
             guint       cards,
             double      mastery,
             guint       mature)
{
  EgStatsSection section = { stats->sections->len + 1, g_strdup (key), g_strdup (heading),
                             cards, mastery, mature, (double) mature / cards };

  g_array_append_val (stats->sections, section);
}

/* Nothing at all: a fresh collection with no card */
static EgStats *
empty_stats (void)
{
  EgStats *stats = g_new0 (EgStats, 1);

  stats->today = TODAY;
  stats->again_rate = -1;
  stats->true_retention = -1;
  stats->history_first_day = TODAY - EG_STATS_HISTORY_DAYS + 1;
  for (int i = 0; i < EG_STATS_MONTHS; i++)
    {
      stats->months[i].first_day = eg_time_month_first_day (TODAY, EG_STATS_MONTHS - 1 - i);
      stats->months[i].rate = -1;
    }
  stats->sections = g_array_new (FALSE, TRUE, sizeof (EgStatsSection));
  g_array_set_clear_func (stats->sections, clear_section);
  return stats;
}

static EgStats *
known_stats (void)
{
  EgStats *stats = empty_stats ();

  stats->reviews_today = 17;
  stats->time_today_ms = 754000;
  stats->again_today = 3;
  stats->again_rate = 3.0 / 17;
  stats->retention_reviews = 10;
  stats->retention_passed = 9;
  stats->true_retention = 0.9;
  stats->due[0] = (EgStatsDue) { 2, 5 };
  stats->due[45] = (EgStatsDue) { 0, 11 };
  stats->history[EG_STATS_HISTORY_DAYS - 1] = 17;
  stats->history[300] = 4;
  stats->streak = 1;
  stats->months[EG_STATS_MONTHS - 1].reviews = 10;
  stats->months[EG_STATS_MONTHS - 1].passed = 9;
  stats->months[EG_STATS_MONTHS - 1].rate = 0.9;
  stats->studied = 20;
  stats->stability[3] = 7;
  stats->stability[5] = 13;
  stats->difficulty[4] = 20;
  stats->retrievability[9] = 20;
  add_section (stats, "1", "Concurrency", 12, 0.5, 3);
  add_section (stats, "2", "<script>alert(1)</script> & \"<img src=x onerror=alert(2)>\"",
               8, 0.25, 1);
  add_section (stats, "3", "🔵 **1–4: Goroutines** and `sync`", 4, 0.75, 2);
  stats->new_cards = 100;
  stats->learning = 2;
  stats->review = 15;
  stats->relearning = 1;
  stats->suspended = 2;
  return stats;
}

static void
assert_has (const char *html,
            const char *text)
{
  if (strstr (html, text) == NULL)
    g_test_fail_printf ("the document lacks: %s", text);
}

static void
assert_lacks (const char *html,
              const char *text)
{
  if (strstr (html, text) != NULL)
    g_test_fail_printf ("the document has: %s", text);
}

/* @tooltip in a <title> and @row in a table */
static void
assert_value (const char *html,
              const char *tooltip,
              const char *row)
{
  g_autofree char *title = g_strdup_printf ("<title>%s</title>", tooltip);

  assert_has (html, title);
  assert_has (html, row);
}

static char *
day (int offset)
{
  return eg_time_format_day (TODAY + offset);
}

static void
test_today (void)
{
  g_autoptr(EgStats) stats = known_stats ();
  g_autofree char *html = eg_stats_html_render (stats, NULL);

  assert_has (html, "id=\"today-reviews\">17<");
  assert_has (html, "title=\"17 reviews today\"");
  assert_has (html, "<th scope=\"row\">Reviews</th><td>17</td>");
  assert_has (html, "id=\"today-time\">12 min 34 s<");
  assert_has (html, "title=\"12 min 34 s (754.0 s in all)\"");
  assert_has (html, "<th scope=\"row\">Time spent</th><td>12 min 34 s (754.0 s in all)</td>");
  assert_has (html, "id=\"today-again\">17.6 %<");
  assert_has (html, "title=\"Again: 3 of 17 (17.6 %)\"");
  assert_has (html, "<th scope=\"row\">Again rate</th><td>3 of 17 (17.6 %)</td>");
  assert_has (html, "id=\"today-retention\">90.0 %<");
  assert_has (html, "title=\"Passed: 9 of 10 (90.0 %)\"");
  assert_has (html, "<th scope=\"row\">True retention</th><td>9 of 10 (90.0 %)</td>");
  assert_lacks (html, "No reviews yet today.");
  assert_has (html, "<html lang=\"en\" class=\"light\">");
}

static void
test_due_and_history (void)
{
  g_autoptr(EgStats) stats = known_stats ();
  g_autofree char *html = eg_stats_html_render (stats, NULL);
  g_autofree char *today = day (0);
  g_autofree char *later = day (45);
  g_autofree char *earlier = day (300 - EG_STATS_HISTORY_DAYS + 1);
  g_autofree char *tip0 = g_strdup_printf ("%s: 2 learning, 5 review", today);
  g_autofree char *row0 = g_strdup_printf ("<th scope=\"row\">%s</th><td>2</td><td>5</td>"
                                           "<td>7</td>", today);
  g_autofree char *tip45 = g_strdup_printf ("%s: 0 learning, 11 review", later);
  g_autofree char *row45 = g_strdup_printf ("<th scope=\"row\">%s</th><td>0</td><td>11</td>"
                                            "<td>11</td>", later);
  g_autofree char *heat = g_strdup_printf ("%s: 17 reviews", today);
  g_autofree char *heat_row = g_strdup_printf ("<th scope=\"row\">%s</th><td>17</td>", today);
  g_autofree char *heat2 = g_strdup_printf ("%s: 4 reviews", earlier);
  g_autofree char *heat2_row = g_strdup_printf ("<th scope=\"row\">%s</th><td>4</td>", earlier);
  g_autofree char *month = day (0);
  g_autofree char *month_tip = NULL;
  g_autofree char *month_row = NULL;

  assert_value (html, tip0, row0);
  assert_value (html, tip45, row45);
  assert_has (html, "class=\"due-30\"");
  assert_has (html, "class=\"due-90\"");
  assert_value (html, heat, heat_row);
  assert_value (html, heat2, heat2_row);
  assert_has (html, "<span id=\"streak\">Current streak: 1 day</span>");
  month[7] = '\0';
  month_tip = g_strdup_printf ("%s: 9 of 10 (90.0 %%) passed", month);
  month_row = g_strdup_printf ("<th scope=\"row\">%s</th><td>10</td><td>9</td><td>90.0 %%</td>",
                               month);
  assert_value (html, month_tip, month_row);
}

static void
test_cards (void)
{
  g_autoptr(EgStats) stats = known_stats ();
  g_autofree char *html = eg_stats_html_render (stats, NULL);

  assert_value (html, "Stability 4–7 d: 7 cards", "<th scope=\"row\">4–7 d</th><td>7</td>");
  assert_value (html, "Stability 14–30 d: 13 cards", "<th scope=\"row\">14–30 d</th><td>13</td>");
  assert_value (html, "Difficulty 5–6: 20 cards", "<th scope=\"row\">5–6</th><td>20</td>");
  assert_value (html, "Retrievability 90–100 %: 20 cards",
                "<th scope=\"row\">90–100 %</th><td>20</td>");
  assert_value (html, "Concurrency: mean retrievability 50.0 % over 12 cards",
                "<th scope=\"row\">Concurrency</th><td>12</td><td>50.0 %</td><td>3</td>"
                "<td>25.0 %</td>");
  assert_has (html, "<title>Concurrency: 3 of 12 (25.0 %) cards mature</title>");
  /* headings without their Markdown, as in the sidebar */
  assert_value (html, "🔵 1–4: Goroutines and sync: mean retrievability 75.0 % over 4 cards",
                "<th scope=\"row\">🔵 1–4: Goroutines and sync</th><td>4</td>");
  assert_lacks (html, "**");
  assert_value (html, "New: 100 (83.3 %)",
                "<th scope=\"row\">New</th><td>100</td><td>83.3 %</td>");
  assert_value (html, "Suspended: 2 (1.7 %)",
                "<th scope=\"row\">Suspended</th><td>2</td><td>1.7 %</td>");
  assert_value (html, "Review: 15 (12.5 %)",
                "<th scope=\"row\">Review</th><td>15</td><td>12.5 %</td>");
}

static void
test_hostile_heading (void)
{
  g_autoptr(EgStats) stats = known_stats ();
  g_autofree char *html = eg_stats_html_render (stats, NULL);

  assert_lacks (html, "<script");
  assert_lacks (html, "<img");
  assert_has (html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                    "&quot;&lt;img src=x onerror=alert(2)&gt;&quot;");
}

static void
test_empty (void)
{
  g_autoptr(EgStats) stats = empty_stats ();
  g_autofree char *html = eg_stats_html_render (stats, NULL);
  g_auto(GStrv) tables = NULL;
  const char *sentences[] = {
    "No reviews yet today.",
    "No cards are due in the next 30 days.",
    "No cards are due in the next 90 days.",
    "No reviews in the last year yet.",
    "No reviews of mature or young cards yet",
    "No card studied yet.",
    "No section has cards yet.",
    "No cards yet: import a deck to begin.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    assert_has (html, sentences[i]);
  /* a sentence, not an empty axis: no chart; one table, today's figures */
  assert_lacks (html, "<svg");
  tables = g_strsplit (html, "<table", -1);
  g_assert_cmpint (g_strv_length (tables), ==, 2);
  assert_has (html, "id=\"today-reviews\">0<");
  assert_has (html, "id=\"today-again\">—<");

  /* cards, none studied yet */
  add_section (stats, "1", "Concurrency", 12, 0, 0);
  stats->new_cards = 12;
  g_free (html);
  html = eg_stats_html_render (stats, NULL);
  assert_has (html, "No section studied yet: mastery shows once you review its cards.");
  assert_value (html, "New: 12 (100.0 %)", "<th scope=\"row\">New</th><td>12</td><td>100.0 %</td>");
}

static void
test_forecast (void)
{
  g_autoptr(EgStats) stats = known_stats ();
  static const EgStatsForecastPoint points[] = {
    { TODAY, 0.625 }, { TODAY + 1, 0.7 }, { TODAY + 2, 0.8125 },
  };
  EgStatsForecast forecast = { points, G_N_ELEMENTS (points), TODAY + 14 };
  EgStatsHtmlOptions options = { TRUE, &forecast };
  g_autofree char *without = eg_stats_html_render (stats, NULL);
  g_autofree char *html = eg_stats_html_render (stats, &options);
  g_autofree char *today = day (0);
  g_autofree char *next = day (2);
  g_autofree char *interview = day (14);
  g_autofree char *tip = g_strdup_printf ("%s: 62.5 %% expected recall on the interview date",
                                          today);
  g_autofree char *row = g_strdup_printf ("<th scope=\"row\">%s</th><td>62.5 %%</td>", today);
  g_autofree char *tip2 = g_strdup_printf ("%s: 81.2 %% expected recall on the interview date",
                                           next);
  g_autofree char *marker = g_strdup_printf (">Interview %s<", interview);
  g_autofree char *none = NULL;

  assert_lacks (without, "id=\"forecast\"");
  assert_lacks (without, "expected recall");
  assert_has (html, "id=\"forecast\"");
  assert_has (html, "Expected Recall Until the Interview");
  assert_has (html, "<polyline class=\"line\"");
  assert_value (html, tip, row);
  assert_has (html, tip2);
  assert_has (html, marker);
  assert_has (html, "<html lang=\"en\" class=\"dark\">");

  forecast.n_points = 0;
  none = eg_stats_html_render (stats, &options);
  assert_has (none, "id=\"forecast\"");
  assert_has (none, "No forecast yet");
  assert_lacks (none, "<polyline");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/stats-html/today", test_today);
  g_test_add_func ("/stats-html/due-and-history", test_due_and_history);
  g_test_add_func ("/stats-html/cards", test_cards);
  g_test_add_func ("/stats-html/hostile-heading", test_hostile_heading);
  g_test_add_func ("/stats-html/empty", test_empty);
  g_test_add_func ("/stats-html/forecast", test_forecast);

  return g_test_run ();
}
