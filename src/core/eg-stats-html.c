/* eg-stats-html.c - the statistics as one HTML document of SVG pictures
 *
 * The statistics page of the app shows this document, with no script: each
 * picture gives its exact values in tooltips (SVG <title>) and in a table
 * under it, and says so in a sentence when there is nothing to show yet.
 * Colours follow the libadwaita palette, dark when the root has the class
 * "dark".  All text, section headings included, is escaped; headings are
 * shown without their Markdown, as in the library's sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "eg-stats-html.h"
#include "eg-markdown.h"
#include "eg-stats-html-private.h"
#include "eg-time.h"

static const char stylesheet[] =
  ":root{--bg:#fafafa;--card:#ffffff;--fg:rgba(0,0,0,.8);--dim:rgba(0,0,0,.55);"
  "--border:rgba(0,0,0,.12);--grid:rgba(0,0,0,.08);--track:rgba(0,0,0,.07);"
  "--blue:#3584e4;--green:#2ec27e;--orange:#ff7800;--red:#e01b24;--purple:#9141ac;"
  "--yellow:#e5a50a;--slate:#77767b;"
  "--h0:rgba(0,0,0,.06);--h1:#8ff0a4;--h2:#57e389;--h3:#2ec27e;--h4:#26a269;"
  "color-scheme:light}\n"
  ":root.dark{--bg:#242424;--card:#303030;--fg:#ffffff;--dim:rgba(255,255,255,.55);"
  "--border:rgba(255,255,255,.12);--grid:rgba(255,255,255,.1);--track:rgba(255,255,255,.1);"
  "--blue:#62a0ea;--green:#57e389;--orange:#ffa348;--red:#ff7b63;--purple:#c061cb;"
  "--yellow:#f8e45c;--slate:#9a9996;"
  "--h0:rgba(255,255,255,.08);--h1:#1e5e3a;--h2:#26a269;--h3:#33d17a;--h4:#8ff0a4;"
  "color-scheme:dark}\n"
  "html{background:var(--bg);color:var(--fg);font-family:\"Cantarell\",\"Adwaita Sans\","
  "system-ui,sans-serif;font-size:15px;line-height:1.45}\n"
  "body{margin:0;padding:18px}\n"
  "main{display:grid;gap:18px;grid-auto-flow:row dense;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));"
  "max-width:1400px;margin:0 auto}\n"
  ".panel{background:var(--card);border-radius:12px;padding:14px 18px;"
  "box-shadow:0 0 0 1px var(--border),0 1px 3px var(--grid);min-width:0}\n"
  ".panel.wide{grid-column:1/-1}\n"
  "h2{font-size:1.05em;margin:0 0 10px}\n"
  ".empty{color:var(--dim);margin:18px 0}\n"
  ".chart{width:100%;height:auto;display:block}\n"
  ".heatmap{max-width:980px}\n"
  ".chart text{fill:var(--dim);font-size:13px}\n"
  ".grid{stroke:var(--grid);stroke-width:1}\n"
  ".hit{fill:transparent}\n"
  ".bar:hover .hit{fill:var(--grid)}\n"
  ".learning{fill:var(--orange);background:var(--orange)}\n"
  ".review{fill:var(--blue);background:var(--blue)}\n"
  ".new{fill:var(--purple);background:var(--purple)}\n"
  ".relearning{fill:var(--red);background:var(--red)}\n"
  ".suspended{fill:var(--yellow);background:var(--yellow)}\n"
  ".retention,.mastery{fill:var(--blue);background:var(--blue)}\n"
  ".mature{fill:var(--green);background:var(--green)}\n"
  ".cards{fill:var(--slate);background:var(--slate)}\n"
  ".track{fill:var(--track)}\n"
  ".line{fill:none;stroke:var(--blue);stroke-width:2.5}\n"
  ".point{fill:var(--blue);stroke:var(--card);stroke-width:1.5}\n"
  ".marker{stroke:var(--red);stroke-dasharray:4 3;stroke-width:1.5}\n"
  ".chart .marker-label{fill:var(--red)}\n"
  ".l0{fill:var(--h0)}.l1{fill:var(--h1)}.l2{fill:var(--h2)}.l3{fill:var(--h3)}"
  ".l4{fill:var(--h4)}\n"
  ".figures{display:flex;flex-wrap:wrap;gap:12px}\n"
  ".figure{flex:1 1 90px;display:flex;flex-direction:column}\n"
  ".figure .value{font-size:1.9em;font-weight:700;font-variant-numeric:tabular-nums}\n"
  ".figure .label,.note{color:var(--dim)}\n"
  ".legend{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;margin:8px 0;"
  "color:var(--dim)}\n"
  ".swatch{display:inline-block;width:10px;height:10px;border-radius:3px;margin-right:6px}\n"
  ".toggle{position:absolute;opacity:0}\n"
  ".toggle+label{display:inline-block;padding:3px 12px;border-radius:6px;cursor:default;"
  "background:var(--track);margin:0 4px 8px 0}\n"
  ".toggle:checked+label{background:var(--blue);color:#fff}\n"
  ".toggle:focus-visible+label{outline:2px solid var(--blue);outline-offset:2px}\n"
  "#due-30:checked~.due-90,#due-90:checked~.due-30{display:none}\n"
  ".mastery-grid{display:grid;grid-template-columns:minmax(0,2fr) 1fr 1fr;gap:6px 12px;"
  "align-items:center}\n"
  ".mastery-grid .name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}\n"
  ".mastery-grid .head{color:var(--dim);font-size:.9em}\n"
  ".meter{display:flex;align-items:center;gap:6px;font-variant-numeric:tabular-nums}\n"
  ".meter svg{flex:1;height:8px;border-radius:4px}\n"
  ".meter span{min-width:4.5em;text-align:end;color:var(--dim);font-size:.9em}\n"
  ".states{width:100%;height:22px;border-radius:6px;display:block}\n"
  "details.table{margin-top:8px;color:var(--dim)}\n"
  "details.table[open]{color:var(--fg)}\n"
  "table{border-collapse:collapse;margin-top:6px;font-variant-numeric:tabular-nums}\n"
  "caption{text-align:start;color:var(--dim);padding-bottom:4px}\n"
  "th,td{padding:2px 10px;text-align:end;border-bottom:1px solid var(--border)}\n"
  "th[scope=row],thead th:first-child{text-align:start;font-weight:normal}\n";

static char *
format_count (guint value)
{
  return g_strdup_printf ("%u", value);
}

static char *
format_cards (guint value)
{
  return g_strdup_printf (ngettext ("%u card", "%u cards", value), value);
}

/* "45 s", "3 min 20 s", "1 h 05 min" */
static char *
format_duration (gint64 ms)
{
  gint64 s = MAX (ms, 0) / 1000;

  if (s < 60)
    return g_strdup_printf (_("%d s"), (int) s);
  if (s < 3600)
    return g_strdup_printf (_("%d min %d s"), (int) (s / 60), (int) (s % 60));
  return g_strdup_printf (_("%d h %02d min"), (int) (s / 3600), (int) (s % 3600 / 60));
}

/* "2 of 12 (16.7 %)", or "—" for none */
static char *
format_share (guint  part,
              guint  whole,
              double share)
{
  g_autofree char *percent = _eg_html_percent (share);

  if (share < 0)
    return g_strdup (percent);
  return g_strdup_printf (_("%u of %u (%s)"), part, whole, percent);
}

static void
figure (GString    *out,
        const char *id,
        const char *value,
        const char *label,
        const char *tooltip)
{
  _eg_html_printf (out, "<div class=\"figure\" title=\"%s\"><span class=\"value\" id=\"%s\">%s"
                   "</span><span class=\"label\">%s</span></div>\n",
                   tooltip, id, value, label);
}

static void
append_today (GString       *out,
              const EgStats *stats)
{
  g_autofree char *reviews = format_count (stats->reviews_today);
  g_autofree char *time = format_duration (stats->time_today_ms);
  g_autofree char *seconds = g_strdup_printf (_("%s (%.1f s in all)"), time,
                                              stats->time_today_ms / 1000.0);
  g_autofree char *again = _eg_html_percent (stats->again_rate);
  g_autofree char *again_tip = format_share (stats->again_today, stats->reviews_today,
                                             stats->again_rate);
  g_autofree char *retention = _eg_html_percent (stats->true_retention);
  g_autofree char *retention_tip = format_share (stats->retention_passed,
                                                 stats->retention_reviews,
                                                 stats->true_retention);
  g_autofree char *reviews_tip = g_strdup_printf (ngettext ("%u review today",
                                                            "%u reviews today",
                                                            stats->reviews_today),
                                                  stats->reviews_today);
  g_autofree char *again_label = g_strdup_printf (_("Again: %s"), again_tip);
  g_autofree char *retention_label = g_strdup_printf (_("Passed: %s"), retention_tip);
  const char *headers[] = { _("Figure"), _("Value"), NULL };

  _eg_html_open_panel (out, "today", _("Today"));
  g_string_append (out, "<div class=\"figures\">\n");
  figure (out, "today-reviews", reviews, _("Reviews"), reviews_tip);
  figure (out, "today-time", time, _("Time spent"), seconds);
  figure (out, "today-again", again, _("Again rate"), again_label);
  figure (out, "today-retention", retention, _("True retention"), retention_label);
  g_string_append (out, "</div>\n");
  if (stats->reviews_today == 0)
    _eg_html_empty (out, _("No reviews yet today."));

  _eg_html_open_table (out, _("Today"), headers);
  _eg_html_table_row (out, (const char *[]) { _("Reviews"), reviews, NULL });
  _eg_html_table_row (out, (const char *[]) { _("Time spent"), seconds, NULL });
  _eg_html_table_row (out, (const char *[]) { _("Again rate"), again_tip, NULL });
  _eg_html_table_row (out, (const char *[]) { _("True retention"), retention_tip, NULL });
  _eg_html_close_table (out);
  _eg_html_close_panel (out);
}

static char *
format_due (const EgStats *stats,
            int            i)
{
  g_autofree char *date = eg_time_format_day (stats->today + i);

  /* TRANSLATORS: "2026-03-01: 3 learning, 12 review" */
  return g_strdup_printf (_("%s: %u learning, %u review"), date,
                          stats->due[i].learning, stats->due[i].review);
}

static void
due_chart (GString       *out,
           const EgStats *stats,
           int            n_days)
{
  static const char *series[] = { "learning", "review", NULL };
  g_autofree EgHtmlBar *bars = g_new0 (EgHtmlBar, n_days);
  g_autofree char *label = g_strdup_printf (_("Cards due in the next %d days"), n_days);
  int every = n_days > 30 ? 14 : 7;

  for (int i = 0; i < n_days; i++)
    {
      bars[i].values[0] = stats->due[i].learning;
      bars[i].values[1] = stats->due[i].review;
      bars[i].tooltip = format_due (stats, i);
      if (i == 0)
        bars[i].label = g_strdup (_("Today"));
      else if (i % every == 0)
        bars[i].label = g_strdup_printf ("+%d", i);
    }
  _eg_html_bar_chart (out, label, bars, n_days, series, FALSE);
  _eg_html_clear_bars (bars, n_days);
}

static gboolean
due_empty (const EgStats *stats,
           int            n_days)
{
  for (int i = 0; i < n_days; i++)
    if (stats->due[i].learning + stats->due[i].review > 0)
      return FALSE;
  return TRUE;
}

static void
append_due (GString       *out,
            const EgStats *stats)
{
  static const char *classes[] = { "learning", "review", NULL };
  const char *labels[] = { _("Learning"), _("Review"), NULL };
  const char *headers[] = { _("Day"), _("Learning"), _("Review"), _("Total"), NULL };
  const int spans[] = { EG_STATS_DUE_DAYS, EG_STATS_DUE90_DAYS };

  _eg_html_open_panel (out, "due", _("Due"));
  _eg_html_printf (out, "<input type=\"radio\" class=\"toggle\" name=\"due-span\" id=\"due-30\" "
                   "checked><label for=\"due-30\">%s</label>"
                   "<input type=\"radio\" class=\"toggle\" name=\"due-span\" id=\"due-90\">"
                   "<label for=\"due-90\">%s</label>\n",
                   _("30 days"), _("90 days"));
  for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
    {
      g_string_append_printf (out, "<div class=\"due-%d\">\n", spans[s]);
      if (due_empty (stats, spans[s]))
        {
          g_autofree char *sentence = g_strdup_printf (_("No cards are due in the next %d days."),
                                                       spans[s]);

          _eg_html_empty (out, sentence);
        }
      else
        {
          due_chart (out, stats, spans[s]);
          _eg_html_legend (out, classes, labels);
        }
      g_string_append (out, "</div>\n");
    }
  if (!due_empty (stats, EG_STATS_DUE90_DAYS))
    {
      _eg_html_open_table (out, _("Cards due in the next 90 days"), headers);
      for (int i = 0; i < EG_STATS_DUE90_DAYS; i++)
        {
          g_autofree char *date = eg_time_format_day (stats->today + i);
          g_autofree char *learning = format_count (stats->due[i].learning);
          g_autofree char *review = format_count (stats->due[i].review);
          g_autofree char *total = format_count (stats->due[i].learning + stats->due[i].review);

          _eg_html_table_row (out, (const char *[]) { date, learning, review, total, NULL });
        }
      _eg_html_close_table (out);
    }
  _eg_html_close_panel (out);
}

/* Monday 0 … Sunday 6; study day 0 is Thursday 1 January 1970 */
static int
weekday (int day)
{
  return ((day % 7) + 7 + 3) % 7;
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The quartiles of the days with reviews: the edges of levels 1 to 4 */
static void
heatmap_levels (const EgStats *stats,
                guint          edges[3])
{
  guint counts[EG_STATS_HISTORY_DAYS];
  guint n = 0;

  for (int i = 0; i < EG_STATS_HISTORY_DAYS; i++)
    if (stats->history[i] > 0)
      counts[n++] = stats->history[i];
  qsort (counts, n, sizeof (guint), compare_counts);
  for (guint q = 0; q < 3; q++)
    edges[q] = n > 0 ? counts[(n - 1) * (q + 1) / 4] : 0;
}

static void
heatmap_cell (GString       *out,
              const EgStats *stats,
              int            i,
              int            column,
              const guint    edges[3])
{
  int day = stats->history_first_day + i;
  guint n = stats->history[i];
  int level = n == 0 ? 0 : n <= edges[0] ? 1 : n <= edges[1] ? 2 : n <= edges[2] ? 3 : 4;
  g_autofree char *date = eg_time_format_day (day);
  g_autofree char *x = _eg_html_number (30 + column * 14);
  g_autofree char *y = _eg_html_number (18 + weekday (day) * 14);

  g_string_append_printf (out, "<rect class=\"l%d\" x=\"%s\" y=\"%s\" width=\"12\" "
                          "height=\"12\" rx=\"2\"><title>", level, x, y);
  /* TRANSLATORS: "2026-03-01: 12 reviews" */
  _eg_html_printf (out, ngettext ("%s: %u review", "%s: %u reviews", n), date, n);
  g_string_append (out, "</title></rect>\n");
}

static void
heatmap (GString       *out,
         const EgStats *stats)
{
  guint edges[3];

  int first_column_day = stats->history_first_day - weekday (stats->history_first_day);
  int columns = (stats->today - first_column_day) / 7 + 1;
  const char *days[] = { _("Mon"), _("Wed"), _("Fri") };
  int last_month = -1;

  heatmap_levels (stats, edges);
  _eg_html_printf (out, "<svg class=\"chart heatmap\" viewBox=\"0 0 %d 118\" role=\"img\" "
                   "aria-label=\"%s\">\n", 30 + columns * 14, _("Reviews per day in the last year"));
  for (int d = 0; d < 3; d++)
    g_string_append_printf (out, "<text x=\"0\" y=\"%d\">%s</text>", 28 + d * 28, days[d]);
  for (int i = 0; i < EG_STATS_HISTORY_DAYS; i++)
    {
      int day = stats->history_first_day + i;
      int column = (day - first_column_day) / 7;
      g_autoptr(GDate) date = g_date_new_julian ((guint32) (day + 719163));

      if (weekday (day) == 0 || i == 0)
        {
          int month = g_date_get_month (date);

          if (month != last_month && g_date_get_day (date) <= 7 && column < columns - 2)
            {
              char name[32];

              g_date_strftime (name, sizeof name, "%b", date);
              g_string_append_printf (out, "<text x=\"%d\" y=\"11\">", 30 + column * 14);
              _eg_html_escape (out, name);
              g_string_append (out, "</text>");
            }
          last_month = month;
        }
      heatmap_cell (out, stats, i, column, edges);
    }
  g_string_append (out, "</svg>\n");
}

static void
append_history (GString       *out,
                const EgStats *stats)
{
  const char *headers[] = { _("Day"), _("Reviews"), NULL };
  g_autofree char *streak = NULL;
  guint total = 0, days = 0;

  for (int i = 0; i < EG_STATS_HISTORY_DAYS; i++)
    {
      total += stats->history[i];
      days += stats->history[i] > 0;
    }
  _eg_html_open_panel (out, "history wide", _("Reviews in the Last Year"));
  if (total == 0)
    {
      _eg_html_empty (out, _("No reviews in the last year yet."));
      _eg_html_close_panel (out);
      return;
    }
  streak = g_strdup_printf (ngettext ("Current streak: %u day", "Current streak: %u days",
                                      stats->streak), stats->streak);
  _eg_html_printf (out, "<p class=\"note\"><span id=\"streak\">%s</span> · ", streak);
  _eg_html_printf (out, ngettext ("%u review", "%u reviews", total), total);
  g_string_append (out, " · ");
  _eg_html_printf (out, ngettext ("%u day studied", "%u days studied", days), days);
  g_string_append (out, "</p>\n");
  heatmap (out, stats);
  _eg_html_open_table (out, _("Days with reviews"), headers);
  for (int i = EG_STATS_HISTORY_DAYS - 1; i >= 0; i--)
    if (stats->history[i] > 0)
      {
        g_autofree char *date = eg_time_format_day (stats->history_first_day + i);
        g_autofree char *n = format_count (stats->history[i]);

        _eg_html_table_row (out, (const char *[]) { date, n, NULL });
      }
  _eg_html_close_table (out);
  _eg_html_close_panel (out);
}

static void
append_months (GString       *out,
               const EgStats *stats)
{
  static const char *series[] = { "retention", NULL };
  const char *headers[] = { _("Month"), _("Reviews"), _("Passed"), _("True retention"), NULL };
  EgHtmlBar bars[EG_STATS_MONTHS] = { { { 0 } } };
  gboolean any = FALSE;

  for (guint i = 0; i < EG_STATS_MONTHS; i++)
    any |= stats->months[i].reviews > 0;
  _eg_html_open_panel (out, "months", _("True Retention by Month"));
  if (!any)
    {
      _eg_html_empty (out, _("No reviews of mature or young cards yet: the share passed shows "
                             "once cards come back for review."));
      _eg_html_close_panel (out);
      return;
    }
  for (guint i = 0; i < EG_STATS_MONTHS; i++)
    {
      const EgStatsMonth *month = &stats->months[i];
      g_autofree char *date = eg_time_format_day (month->first_day);
      g_autofree char *share = format_share (month->passed, month->reviews, month->rate);

      g_autoptr(GDate) first = g_date_new_julian ((guint32) (month->first_day + 719163));
      char name[32];

      date[7] = '\0';
      g_date_strftime (name, sizeof name, "%b", first);
      bars[i].values[0] = MAX (month->rate, 0);
      bars[i].label = i % 2 == (EG_STATS_MONTHS - 1) % 2 ? g_strdup (name) : NULL;
      bars[i].tooltip = month->reviews > 0 ? g_strdup_printf (_("%s: %s passed"), date, share)
                                           : g_strdup_printf (_("%s: no reviews"), date);
    }
  _eg_html_bar_chart (out, _("True retention by month"), bars, EG_STATS_MONTHS, series, TRUE);

  _eg_html_open_table (out, _("True retention by month"), headers);
  for (guint i = 0; i < EG_STATS_MONTHS; i++)
    {
      const EgStatsMonth *month = &stats->months[i];
      g_autofree char *date = eg_time_format_day (month->first_day);
      g_autofree char *reviews = format_count (month->reviews);
      g_autofree char *passed = format_count (month->passed);
      g_autofree char *rate = _eg_html_percent (month->rate);

      date[7] = '\0';
      _eg_html_table_row (out, (const char *[]) { date, reviews, passed, rate, NULL });
    }
  _eg_html_close_table (out);
  _eg_html_clear_bars (bars, EG_STATS_MONTHS);
  _eg_html_close_panel (out);
}

static void
append_forecast (GString               *out,
                 const EgStatsForecast *forecast)
{
  const char *headers[] = { _("Day"), _("Expected recall"), NULL };
  g_autofree EgHtmlPoint *points = NULL;
  g_autofree char *interview = eg_time_format_day (forecast->interview_day);
  g_autofree char *first = NULL;
  double x_min, x_max;

  _eg_html_open_panel (out, "forecast", _("Expected Recall Until the Interview"));
  if (forecast->n_points == 0)
    {
      _eg_html_empty (out, _("No forecast yet: it shows once the scope has cards to plan."));
      _eg_html_close_panel (out);
      return;
    }
  points = g_new0 (EgHtmlPoint, forecast->n_points);
  for (guint i = 0; i < forecast->n_points; i++)
    {
      g_autofree char *date = eg_time_format_day (forecast->points[i].day);
      g_autofree char *recall = _eg_html_percent (forecast->points[i].recall);

      points[i].x = forecast->points[i].day;
      points[i].y = forecast->points[i].recall;
      /* TRANSLATORS: "2026-03-01: 83.4 % expected recall on the interview date" */
      points[i].tooltip = g_strdup_printf (_("%s: %s expected recall on the interview date"),
                                           date, recall);
    }
  x_min = MIN (points[0].x, forecast->interview_day);
  x_max = MAX (points[forecast->n_points - 1].x, forecast->interview_day);
  first = eg_time_format_day ((int) x_min);
  {
    g_autofree char *marker = g_strdup_printf (_("Interview %s"), interview);

    _eg_html_line_chart (out, _("Expected recall on the interview date, by study day"),
                         points, forecast->n_points, x_min, x_max,
                         forecast->interview_day, marker, first, NULL);
  }

  _eg_html_open_table (out, _("Expected recall on the interview date, by study day"), headers);
  for (guint i = 0; i < forecast->n_points; i++)
    {
      g_autofree char *date = eg_time_format_day (forecast->points[i].day);
      g_autofree char *recall = _eg_html_percent (forecast->points[i].recall);

      _eg_html_table_row (out, (const char *[]) { date, recall, NULL });
      g_free (points[i].tooltip);
    }
  _eg_html_close_table (out);
  _eg_html_close_panel (out);
}

/* One distribution: @labels for the buckets, @what for the tooltips */
static void
distribution (GString            *out,
              const EgStats      *stats,
              const char         *id,
              const char         *title,
              const char         *header,
              const guint        *counts,
              guint               n,
              char              **labels,
              char              **axis)
{
  static const char *series[] = { "cards", NULL };
  const char *headers[] = { header, _("Cards"), NULL };
  g_autofree EgHtmlBar *bars = g_new0 (EgHtmlBar, n);

  _eg_html_open_panel (out, id, title);
  if (stats->studied == 0)
    {
      _eg_html_empty (out, _("No card studied yet."));
      _eg_html_close_panel (out);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *cards = format_cards (counts[i]);

      bars[i].values[0] = counts[i];
      bars[i].label = g_strdup (axis != NULL ? axis[i] : labels[i]);
      bars[i].tooltip = g_strdup_printf ("%s %s: %s", header, labels[i], cards);
    }
  _eg_html_bar_chart (out, title, bars, n, series, FALSE);
  _eg_html_open_table (out, title, headers);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *count = format_count (counts[i]);

      _eg_html_table_row (out, (const char *[]) { labels[i], count, NULL });
    }
  _eg_html_close_table (out);
  _eg_html_clear_bars (bars, n);
  _eg_html_close_panel (out);
}

static void
append_distributions (GString       *out,
                      const EgStats *stats)
{
  g_auto(GStrv) stability = g_new0 (char *, EG_STATS_STABILITY_BUCKETS + 1);
  g_auto(GStrv) stability_axis = g_new0 (char *, EG_STATS_STABILITY_BUCKETS + 1);
  g_auto(GStrv) difficulty = g_new0 (char *, EG_STATS_DIFFICULTY_BUCKETS + 1);
  g_auto(GStrv) retrievability = g_new0 (char *, EG_STATS_RETRIEVABILITY_BUCKETS + 1);
  g_auto(GStrv) retrievability_axis = g_new0 (char *, EG_STATS_RETRIEVABILITY_BUCKETS + 1);

  for (guint i = 0; i < EG_STATS_STABILITY_BUCKETS; i++)
    stability[i] = i + 1 < EG_STATS_STABILITY_BUCKETS
      ? g_strdup_printf ("%g–%g d", eg_stats_stability_edges[i], eg_stats_stability_edges[i + 1])
      : g_strdup_printf ("%g+ d", eg_stats_stability_edges[i]);
  /* under the bars, the lower edges only: the ranges do not fit */
  for (guint i = 0; i < EG_STATS_STABILITY_BUCKETS; i++)
    stability_axis[i] = i == 0 ? g_strdup ("0")
      : g_strdup_printf (i + 1 < EG_STATS_STABILITY_BUCKETS ? "%g" : "%g+",
                         eg_stats_stability_edges[i]);
  for (guint i = 0; i < EG_STATS_DIFFICULTY_BUCKETS; i++)
    difficulty[i] = g_strdup_printf ("%u–%u", i + 1, i + 2);
  for (guint i = 0; i < EG_STATS_RETRIEVABILITY_BUCKETS; i++)
    {
      retrievability[i] = g_strdup_printf ("%u–%u %%", i * 10, i * 10 + 10);
      retrievability_axis[i] = g_strdup_printf ("%u %%", i * 10);
    }

  distribution (out, stats, "stability", _("Stability (Days)"), _("Stability"), stats->stability,
                EG_STATS_STABILITY_BUCKETS, stability, stability_axis);
  distribution (out, stats, "difficulty", _("Difficulty"), _("Difficulty"), stats->difficulty,
                EG_STATS_DIFFICULTY_BUCKETS, difficulty, NULL);
  distribution (out, stats, "retrievability", _("Retrievability Now"), _("Retrievability"),
                stats->retrievability, EG_STATS_RETRIEVABILITY_BUCKETS, retrievability,
                retrievability_axis);
}

static void
meter (GString    *out,
       const char *klass,
       double      share,
       const char *tooltip)
{
  g_autofree char *width = _eg_html_number (CLAMP (share, 0, 1) * 100);
  g_autofree char *percent = _eg_html_percent (share);

  _eg_html_printf (out, "<div class=\"meter\" title=\"%s\"><svg viewBox=\"0 0 100 8\" "
                   "preserveAspectRatio=\"none\" role=\"img\" aria-label=\"%s\"><title>%s</title>"
                   "<rect class=\"track\" width=\"100\" height=\"8\"/>",
                   tooltip, tooltip, tooltip);
  g_string_append_printf (out, "<rect class=\"%s\" width=\"%s\" height=\"8\"/></svg>",
                          klass, width);
  _eg_html_printf (out, "<span>%s</span></div>\n", percent);
}

static void
append_sections (GString       *out,
                 const EgStats *stats)
{
  const char *headers[] = { _("Section"), _("Cards"), _("Mastery"), _("Mature"),
                            _("Mature share"), NULL };
  gboolean studied = FALSE;

  for (guint i = 0; i < stats->sections->len; i++)
    {
      const EgStatsSection *s = &g_array_index (stats->sections, EgStatsSection, i);

      studied |= s->mastery > 0 || s->mature > 0;
    }
  _eg_html_open_panel (out, "sections wide", _("Mastery by Section"));
  if (!studied)
    {
      _eg_html_empty (out, stats->sections->len == 0
                      ? _("No section has cards yet.")
                      : _("No section studied yet: mastery shows once you review its cards."));
      _eg_html_close_panel (out);
      return;
    }
  _eg_html_printf (out, "<div class=\"mastery-grid\"><span class=\"head\">%s</span>"
                   "<span class=\"head\">%s</span><span class=\"head\">%s</span>\n",
                   _("Section"), _("Mean retrievability"), _("Mature cards"));
  for (guint i = 0; i < stats->sections->len; i++)
    {
      const EgStatsSection *s = &g_array_index (stats->sections, EgStatsSection, i);
      g_autofree char *heading = eg_markdown_to_plain (s->heading);
      g_autofree char *mastery = _eg_html_percent (s->mastery);
      g_autofree char *mature = format_share (s->mature, s->cards, s->mature_share);
      g_autofree char *mastery_tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%s: mean retrievability %s "
                                                                   "over %u card",
                                                                   "%s: mean retrievability %s "
                                                                   "over %u cards", s->cards),
                                                      heading, mastery, s->cards);
      g_autofree char *mature_tip = g_strdup_printf (_("%s: %s cards mature"), heading, mature);

      _eg_html_printf (out, "<span class=\"name\" title=\"%s\">%s</span>\n", heading, heading);
      meter (out, "mastery", s->mastery, mastery_tip);
      meter (out, "mature", s->mature_share, mature_tip);
    }
  g_string_append (out, "</div>\n");

  _eg_html_open_table (out, _("Mastery by section"), headers);
  for (guint i = 0; i < stats->sections->len; i++)
    {
      const EgStatsSection *s = &g_array_index (stats->sections, EgStatsSection, i);
      g_autofree char *heading = eg_markdown_to_plain (s->heading);
      g_autofree char *cards = format_count (s->cards);
      g_autofree char *mastery = _eg_html_percent (s->mastery);
      g_autofree char *mature = format_count (s->mature);
      g_autofree char *share = _eg_html_percent (s->mature_share);

      _eg_html_table_row (out, (const char *[]) { heading, cards, mastery, mature, share, NULL });
    }
  _eg_html_close_table (out);
  _eg_html_close_panel (out);
}

static void
append_states (GString       *out,
               const EgStats *stats)
{
  const char *classes[] = { "new", "learning", "review", "relearning", "suspended", NULL };
  const char *names[] = { _("New"), _("Learning"), _("Review"), _("Relearning"), _("Suspended"),
                          NULL };
  const guint counts[] = { stats->new_cards, stats->learning, stats->review, stats->relearning,
                           stats->suspended };
  const char *headers[] = { _("State"), _("Cards"), _("Share"), NULL };
  char *labels[G_N_ELEMENTS (counts) + 1] = { NULL };
  guint total = 0;
  double x = 0;

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    total += counts[i];
  _eg_html_open_panel (out, "states", _("Cards by State"));
  if (total == 0)
    {
      _eg_html_empty (out, _("No cards yet: import a deck to begin."));
      _eg_html_close_panel (out);
      return;
    }
  _eg_html_printf (out, "<svg class=\"states\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
                   "role=\"img\" aria-label=\"%s\">\n", _("Cards by state"));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *share = _eg_html_percent ((double) counts[i] / total);
      g_autofree char *sx = _eg_html_number (x);
      g_autofree char *sw = _eg_html_number (100.0 * counts[i] / total);

      labels[i] = g_strdup_printf ("%s: %u (%s)", names[i], counts[i], share);
      x += 100.0 * counts[i] / total;
      if (counts[i] == 0)
        continue;
      g_string_append_printf (out, "<rect class=\"%s\" x=\"%s\" width=\"%s\" height=\"10\">"
                              "<title>", classes[i], sx, sw);
      _eg_html_escape (out, labels[i]);
      g_string_append (out, "</title></rect>\n");
    }
  g_string_append (out, "</svg>\n");
  _eg_html_legend (out, classes, (const char * const *) labels);

  _eg_html_open_table (out, _("Cards by state"), headers);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *count = format_count (counts[i]);
      g_autofree char *share = _eg_html_percent ((double) counts[i] / total);

      _eg_html_table_row (out, (const char *[]) { names[i], count, share, NULL });
    }
  _eg_html_close_table (out);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    g_free (labels[i]);
  _eg_html_close_panel (out);
}

/**
 * eg_stats_html_render:
 * @options: (nullable): light style and no forecast when %NULL
 *
 * Returns: @stats as one HTML document of SVG pictures, with no script and
 *   nothing to load: each picture with its exact values in tooltips and in
 *   a table, or a sentence when it has nothing to show
 */
char *
eg_stats_html_render (const EgStats            *stats,
                      const EgStatsHtmlOptions *options)
{
  static const EgStatsHtmlOptions defaults = { FALSE, NULL };
  GString *out = g_string_sized_new (64 * 1024);

  g_return_val_if_fail (stats != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  _eg_html_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\" class=\"%s\"><head>"
                   "<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width\">\n"
                   "<title>%s</title>\n<style>\n",
                   /* Translators: the language of the statistics page, as a BCP 47
                    * tag (screen readers choose their voice by it): "de" for German */
                   C_("language tag", "en"), options->dark ? "dark" : "light",
                   _("Statistics"));
  g_string_append (out, stylesheet);
  g_string_append (out, "</style></head>\n<body>\n<main>\n");

  append_today (out, stats);
  if (options->forecast != NULL)
    append_forecast (out, options->forecast);
  append_due (out, stats);
  append_history (out, stats);
  append_months (out, stats);
  append_states (out, stats);
  append_distributions (out, stats);
  append_sections (out, stats);

  g_string_append (out, "</main>\n</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
