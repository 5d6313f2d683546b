/* eg-stats-html.h - the statistics as one HTML document of SVG pictures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

#include "eg-stats.h"

G_BEGIN_DECLS

/* One day of a forecast of the expected recall on the interview date */
typedef struct
{
  int    day;       /* the study day (eg_time_study_day()) */
  double recall;    /* the expected share of the scope recalled, 0 to 1 */
} EgStatsForecastPoint;

/* The expected recall on the interview date, as forecast on each study day
 * until it (the interview planner computes it) */
typedef struct
{
  const EgStatsForecastPoint *points;   /* in the order of their days */
  guint                       n_points;
  int                         interview_day;   /* the study day of the interview */
} EgStatsForecast;

typedef struct
{
  /* the root gets the class "dark": the app's dark style */
  gboolean               dark;
  /* (nullable): no "Expected recall until the interview" picture when NULL */
  const EgStatsForecast *forecast;
} EgStatsHtmlOptions;

char *eg_stats_html_render (const EgStats            *stats,
                            const EgStatsHtmlOptions *options);

G_END_DECLS
