/* eg-time.h - time stamps as the collection stores them (ms since the epoch, UTC)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

gint64    eg_time_now_ms     (void);
char     *eg_time_format_iso (gint64       ms);
gboolean  eg_time_parse_iso  (const char  *text,
                              gint64      *ms);

int       eg_time_study_day       (gint64  ms,
                                   int     day_start_hour);
gint64    eg_time_study_day_start (int     day,
                                   int     day_start_hour);
char     *eg_time_format_day      (int     day);
gboolean  eg_time_parse_day       (const char *text,
                                   int        *day);
int       eg_time_month_first_day (int     day,
                                   int     months_back);
char     *eg_time_format_interval (gint64  ms);
char     *eg_time_format_day_relative (int      day,
                                       int      today);
char     *eg_time_format_relative (gint64     when_ms,
                                   gint64     now_ms);
char     *eg_time_format_exact    (gint64     ms);
char     *eg_time_format_due      (gint64     due_ms,
                                   int        due_day,
                                   gboolean   on_a_day,
                                   gint64     now_ms,
                                   int        today,
                                   char     **exact);

G_END_DECLS
