/* eg-plan-private.h - what the planner shares with the study queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-plan.h"
#include "eg-store-private.h"

G_BEGIN_DECLS

/* The interview plan as the queue applies it */
typedef struct
{
  int      today;
  int      interview_day;
  int      last_intro_day;
  gint64   date_ms;       /* where the recall on the day is predicted */
  GArray  *cards;         /* EgScopeCard of the scope, in deck order */
  guint    n_new;         /* of those, new */
} EgPlanScope;

gboolean  _eg_plan_load_scope   (EgScheduler  *scheduler,
                                 gint64        now_ms,
                                 EgPlanScope  *scope,
                                 gboolean     *active,
                                 GError      **error);
void      _eg_plan_scope_clear  (EgPlanScope  *scope);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EgPlanScope, _eg_plan_scope_clear)

G_END_DECLS
