/* eg-stats-html-private.h - the drawing the statistics page shares
 *
 * eg-stats-html.c makes the document and its pictures from an EgStats;
 * eg-stats-html-charts.c draws: panels, bar and line charts, tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One bar of a bar chart: up to two stacked values, drawn bottom up */
typedef struct
{
  double  values[2];
  char   *label;     /* (nullable): under the bar */
  char   *tooltip;   /* the exact values */
} EgHtmlBar;

/* One point of a line chart */
typedef struct
{
  double  x;
  double  y;
  char   *tooltip;
} EgHtmlPoint;

void   _eg_html_escape        (GString      *out,
                               const char   *text);
void   _eg_html_printf        (GString      *out,
                               const char   *format,
                               ...) G_GNUC_PRINTF (2, 3);
char  *_eg_html_number        (double        value);
char  *_eg_html_percent       (double        share);

void   _eg_html_open_panel    (GString      *out,
                               const char   *id,
                               const char   *title);
void   _eg_html_close_panel   (GString      *out);
void   _eg_html_empty         (GString      *out,
                               const char   *sentence);

/* A table: caption and column headers; rows of cells, the first a row
 * header; all text escaped.  In a <details> "Show as table". */
void   _eg_html_open_table    (GString            *out,
                               const char         *caption,
                               const char * const *headers);
void   _eg_html_table_row     (GString            *out,
                               const char * const *cells);
void   _eg_html_close_table   (GString            *out);

void   _eg_html_bar_chart     (GString            *out,
                               const char         *label,
                               const EgHtmlBar    *bars,
                               guint               n_bars,
                               const char * const *series,
                               gboolean            shares);
void   _eg_html_line_chart    (GString            *out,
                               const char         *label,
                               const EgHtmlPoint  *points,
                               guint               n_points,
                               double              x_min,
                               double              x_max,
                               double              marker_x,
                               const char         *marker_label,
                               const char         *first_label,
                               const char         *last_label);
void   _eg_html_legend        (GString            *out,
                               const char * const *classes,
                               const char * const *labels);
void   _eg_html_clear_bars    (EgHtmlBar          *bars,
                               guint               n_bars);

G_END_DECLS
