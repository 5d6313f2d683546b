/* eg-stats-html-charts.c - the drawing of the statistics page: panels, bar
 * and line charts in SVG, and the tables that give their exact values
 *
 * Every text is escaped here; coordinates are written with a '.' whatever
 * the locale.  Pictures scale with their viewBox; colours come from CSS
 * classes (eg-stats-html.c), so that they follow the light or dark style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "eg-stats-html-private.h"

/* The bar chart's drawing area, in viewBox units */
#define BAR_W      480.0
#define BAR_H      180.0
#define BAR_LEFT   50.0
#define BAR_RIGHT  8.0
#define BAR_TOP    10.0
#define BAR_BOTTOM 26.0

#define LINE_H      200.0

void
_eg_html_escape (GString    *out,
                 const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

/* Appends @format with its string arguments escaped (g_markup_printf_escaped) */
void
_eg_html_printf (GString    *out,
                 const char *format,
                 ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (out, text);
}

/* A coordinate for SVG, with a '.' */
char *
_eg_html_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    value = 0;
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  return g_strdup (buffer);
}

/* "83.3 %", or "—" when there is nothing to share (@share < 0) */
char *
_eg_html_percent (double share)
{
  if (share < 0 || !isfinite (share))
    return g_strdup ("—");
  /* TRANSLATORS: a percentage, e.g. "83.3 %" */
  return g_strdup_printf (_("%.1f %%"), share * 100);
}

/* @id: the panel's id, then " wide" for a panel as wide as the page */
void
_eg_html_open_panel (GString    *out,
                     const char *id,
                     const char *title)
{
  g_auto(GStrv) words = g_strsplit (id, " ", 2);
  gboolean wide = words[1] != NULL;

  _eg_html_printf (out, "<section class=\"panel%s\" id=\"%s\" aria-labelledby=\"%s-title\">\n"
                   "<h2 id=\"%s-title\">%s</h2>\n",
                   wide ? " wide" : "", words[0], words[0], words[0], title);
}

void
_eg_html_close_panel (GString *out)
{
  g_string_append (out, "</section>\n");
}

void
_eg_html_empty (GString    *out,
                const char *sentence)
{
  _eg_html_printf (out, "<p class=\"empty\">%s</p>\n", sentence);
}

void
_eg_html_open_table (GString            *out,
                     const char         *caption,
                     const char * const *headers)
{
  _eg_html_printf (out, "<details class=\"table\"><summary>%s</summary>\n"
                   "<table>\n<caption>%s</caption>\n<thead><tr>",
                   _("Show as table"), caption);
  for (guint i = 0; headers[i] != NULL; i++)
    _eg_html_printf (out, "<th scope=\"col\">%s</th>", headers[i]);
  g_string_append (out, "</tr></thead>\n<tbody>\n");
}

void
_eg_html_table_row (GString            *out,
                    const char * const *cells)
{
  g_string_append (out, "<tr>");
  for (guint i = 0; cells[i] != NULL; i++)
    _eg_html_printf (out, i == 0 ? "<th scope=\"row\">%s</th>" : "<td>%s</td>", cells[i]);
  g_string_append (out, "</tr>\n");
}

void
_eg_html_close_table (GString *out)
{
  g_string_append (out, "</tbody>\n</table>\n</details>\n");
}

void
_eg_html_legend (GString            *out,
                 const char * const *classes,
                 const char * const *labels)
{
  g_string_append (out, "<ul class=\"legend\">");
  for (guint i = 0; classes[i] != NULL && labels[i] != NULL; i++)
    _eg_html_printf (out, "<li><span class=\"swatch %s\"></span>%s</li>", classes[i], labels[i]);
  g_string_append (out, "</ul>\n");
}

void
_eg_html_clear_bars (EgHtmlBar *bars,
                     guint      n_bars)
{
  for (guint i = 0; i < n_bars; i++)
    {
      g_clear_pointer (&bars[i].label, g_free);
      g_clear_pointer (&bars[i].tooltip, g_free);
    }
}

/* The top of the axis over @max, and its step: 1, 2 or 5 times a power of
 * ten, at most 5 steps */
static double
nice_step (double  max,
           double *top)
{
  double magnitude, step = 1;

  if (max <= 1)
    {
      *top = 1;
      return 1;
    }
  magnitude = pow (10, floor (log10 (max / 4)));
  for (guint i = 0; i < 4; i++)
    {
      static const double factors[] = { 1, 2, 5, 10 };

      step = MAX (1, factors[i] * magnitude);
      if (max / step <= 5)
        break;
    }
  *top = ceil (max / step) * step;
  return step;
}

static void
svg_rect (GString    *out,
          const char *klass,
          double      x,
          double      y,
          double      w,
          double      h)
{
  g_autofree char *sx = _eg_html_number (x);
  g_autofree char *sy = _eg_html_number (y);
  g_autofree char *sw = _eg_html_number (w);
  g_autofree char *sh = _eg_html_number (h);

  g_string_append_printf (out, "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>",
                          klass, sx, sy, sw, sh);
}

static void
svg_text (GString    *out,
          const char *klass,
          const char *anchor,
          double      x,
          double      y,
          const char *text)
{
  g_autofree char *sx = _eg_html_number (x);
  g_autofree char *sy = _eg_html_number (y);

  g_string_append_printf (out, "<text class=\"%s\" text-anchor=\"%s\" x=\"%s\" y=\"%s\">",
                          klass, anchor, sx, sy);
  _eg_html_escape (out, text);
  g_string_append (out, "</text>");
}

static void
svg_hline (GString *out,
           double   x1,
           double   x2,
           double   y)
{
  g_autofree char *s1 = _eg_html_number (x1);
  g_autofree char *s2 = _eg_html_number (x2);
  g_autofree char *sy = _eg_html_number (y);

  g_string_append_printf (out, "<line class=\"grid\" x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\"/>",
                          s1, s2, sy, sy);
}

static void
open_svg (GString    *out,
          double      width,
          double      height,
          const char *label)
{
  g_autofree char *w = _eg_html_number (width);
  g_autofree char *h = _eg_html_number (height);

  g_string_append_printf (out, "<svg class=\"chart\" viewBox=\"0 0 %s %s\" role=\"img\" "
                          "aria-label=\"", w, h);
  _eg_html_escape (out, label);
  g_string_append (out, "\">\n");
}

/* The horizontal grid and its labels from 0 to @top by @step (or shares) */
static void
bar_grid (GString  *out,
          double    top,
          double    step,
          gboolean  shares,
          double    plot_h)
{
  for (double v = 0; v <= top + step / 2; v += step)
    {
      double y = BAR_TOP + plot_h - v / top * plot_h;
      g_autofree char *label = shares ? g_strdup_printf ("%.0f %%", v * 100)
                                      : g_strdup_printf ("%.0f", v);

      svg_hline (out, BAR_LEFT, BAR_W - BAR_RIGHT, y);
      svg_text (out, "axis", "end", BAR_LEFT - 6, y + 4, label);
    }
}

/**
 * _eg_html_bar_chart:
 * @series: the CSS classes of the (one or two) stacked values, NULL-terminated
 * @shares: the values are shares from 0 to 1 (the axis goes to 100 %)
 *
 * Each bar is a group whose <title> is its tooltip, over a transparent
 * rectangle as tall as the chart, so that the tooltip shows on a small bar.
 */
void
_eg_html_bar_chart (GString            *out,
                    const char         *label,
                    const EgHtmlBar    *bars,
                    guint               n_bars,
                    const char * const *series,
                    gboolean            shares)
{
  double plot_w = BAR_W - BAR_LEFT - BAR_RIGHT;
  double plot_h = BAR_H - BAR_TOP - BAR_BOTTOM;
  double slot = plot_w / MAX (n_bars, 1);
  double max = 0, top, step;
  guint n_series = g_strv_length ((char **) series);

  for (guint i = 0; i < n_bars; i++)
    {
      double sum = 0;

      for (guint s = 0; s < n_series; s++)
        sum += MAX (bars[i].values[s], 0);
      max = MAX (max, sum);
    }
  if (shares)
    {
      top = 1;
      step = 0.25;
    }
  else
    step = nice_step (max, &top);

  open_svg (out, BAR_W, BAR_H, label);
  bar_grid (out, top, step, shares, plot_h);
  for (guint i = 0; i < n_bars; i++)
    {
      double x = BAR_LEFT + i * slot;
      double width = MAX (slot * 0.78, 1);
      double y = BAR_TOP + plot_h;

      g_string_append (out, "<g class=\"bar\"><title>");
      _eg_html_escape (out, bars[i].tooltip);
      g_string_append (out, "</title>");
      svg_rect (out, "hit", x, BAR_TOP, slot, plot_h);
      for (guint s = 0; s < n_series; s++)
        {
          double h = MAX (bars[i].values[s], 0) / top * plot_h;

          if (h <= 0)
            continue;
          y -= h;
          svg_rect (out, series[s], x + (slot - width) / 2, y, width, h);
        }
      if (bars[i].label != NULL)
        svg_text (out, "axis", "middle", x + slot / 2, BAR_H - 8, bars[i].label);
      g_string_append (out, "</g>\n");
    }
  g_string_append (out, "</svg>\n");
}

/**
 * _eg_html_line_chart:
 * @x_min: @x_max: the horizontal range
 * @marker_x: a vertical line there, labelled @marker_label
 *
 * The values are shares (0 to 1); each point is a circle whose <title> is
 * its tooltip.
 */
void
_eg_html_line_chart (GString           *out,
                     const char        *label,
                     const EgHtmlPoint *points,
                     guint              n_points,
                     double             x_min,
                     double             x_max,
                     double             marker_x,
                     const char        *marker_label,
                     const char        *first_label,
                     const char        *last_label)
{
  double plot_w = BAR_W - BAR_LEFT - BAR_RIGHT - 16;
  double plot_h = LINE_H - BAR_TOP - BAR_BOTTOM;
  double span = MAX (x_max - x_min, 1);
  g_autoptr(GString) path = g_string_new (NULL);

#define X(v) (BAR_LEFT + 8 + ((v) - x_min) / span * plot_w)
#define Y(v) (BAR_TOP + plot_h - CLAMP ((v), 0, 1) * plot_h)

  open_svg (out, BAR_W, LINE_H, label);
  for (double v = 0; v <= 1.001; v += 0.25)
    {
      g_autofree char *text = g_strdup_printf ("%.0f %%", v * 100);

      svg_hline (out, BAR_LEFT, BAR_W - BAR_RIGHT, Y (v));
      svg_text (out, "axis", "end", BAR_LEFT - 6, Y (v) + 4, text);
    }
  if (marker_label != NULL)
    {
      g_autofree char *mx = _eg_html_number (X (marker_x));
      g_autofree char *y1 = _eg_html_number (BAR_TOP);
      g_autofree char *y2 = _eg_html_number (BAR_TOP + plot_h);

      g_string_append_printf (out, "<line class=\"marker\" x1=\"%s\" x2=\"%s\" y1=\"%s\" "
                              "y2=\"%s\"/>", mx, mx, y1, y2);
      svg_text (out, "axis marker-label", "end", X (marker_x) - 4, BAR_TOP + plot_h - 6,
                marker_label);
    }
  for (guint i = 0; i < n_points; i++)
    {
      g_autofree char *px = _eg_html_number (X (points[i].x));
      g_autofree char *py = _eg_html_number (Y (points[i].y));

      g_string_append_printf (path, "%s%s,%s", i == 0 ? "" : " ", px, py);
    }
  g_string_append_printf (out, "<polyline class=\"line\" points=\"%s\"/>\n", path->str);
  for (guint i = 0; i < n_points; i++)
    {
      g_autofree char *px = _eg_html_number (X (points[i].x));
      g_autofree char *py = _eg_html_number (Y (points[i].y));

      g_string_append_printf (out, "<circle class=\"point\" cx=\"%s\" cy=\"%s\" r=\"4\"><title>",
                              px, py);
      _eg_html_escape (out, points[i].tooltip);
      g_string_append (out, "</title></circle>\n");
    }
  if (first_label != NULL)
    svg_text (out, "axis", "start", X (x_min), LINE_H - 8, first_label);
  if (last_label != NULL)
    svg_text (out, "axis", "end", X (x_max), LINE_H - 8, last_label);
  g_string_append (out, "</svg>\n");

#undef X
#undef Y
}
