/* eg-stats-window.h - the statistics of the collection, a deck or a section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_STATS_WINDOW (eg_stats_window_get_type ())
G_DECLARE_FINAL_TYPE (EgStatsWindow, eg_stats_window, EG, STATS_WINDOW, AdwWindow)

GtkWidget     *eg_stats_window_new          (EgScheduler           *scheduler,
                                             gint64                 deck_id,
                                             gint64                 section_id,
                                             const char            *scope);
void           eg_stats_window_refresh      (EgStatsWindow         *self);
void           eg_stats_window_set_forecast (EgStatsWindow         *self,
                                             const EgStatsForecast *forecast);
const EgStats *eg_stats_window_get_stats    (EgStatsWindow         *self);
gboolean       eg_stats_window_is_loaded    (EgStatsWindow         *self);
GtkWidget     *eg_stats_window_get_web_view (EgStatsWindow         *self);

G_END_DECLS
