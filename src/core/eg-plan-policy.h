/* eg-plan-policy.h - the rules of interview-date mode, shared by the study
 * queue (eg-scheduler-queue.c) and the simulator (eg-simulate.c)
 *
 * A leaf of pure functions: the queue and the simulator call the same ones,
 * so that the simulation benchmark measures what the app does.  Days are
 * study days (eg_time_study_day(), or the simulator's day numbers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

#include "eg-fsrs.h"

G_BEGIN_DECLS

/* The cram window: the last EG_PLAN_CRAM_DAYS study days before the
 * interview and the interview day itself.  One day: the simulation
 * benchmark (tests/bench/bench-interview.c) gives more recall for fewer
 * reviews the closer to the date the early reviews come (a review three
 * days out is partly forgotten again by the day); the day before is kept
 * for an interview early in the morning. */
#define EG_PLAN_CRAM_DAYS 1

/* The recall "on the day" is the retrievability at this time after the
 * start of the interview's study day (8 h: noon with the default 04:00 day
 * start), after that day's session. */
#define EG_PLAN_RECALL_OFFSET_MS (G_GINT64_CONSTANT (8) * 60 * 60 * 1000)

int       eg_plan_policy_new_limit      (int                 base_limit,
                                         guint               remaining_new,
                                         int                 today,
                                         int                 last_intro_day,
                                         int                 interview_day);
gboolean  eg_plan_policy_in_cram_window (int                 today,
                                         int                 interview_day);
double    eg_plan_policy_cram_threshold (double              desired_retention);
double    eg_plan_policy_recall_at      (const EgFsrsParams *params,
                                         const EgFsrsCard   *card,
                                         gint64              date_ms);
gboolean  eg_plan_policy_cram_takes     (const EgFsrsParams *params,
                                         const EgFsrsCard   *card,
                                         gboolean            due_today,
                                         gint64              date_ms);

G_END_DECLS
