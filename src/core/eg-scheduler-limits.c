/* eg-scheduler-limits.c - today's limits: what they held back, and learning
 * more new cards today
 *
 * The new-card limit of a day is the setting "new-per-day" plus what the
 * user added for that day ("Learn more new cards today").  The extra is kept
 * in the collection as "new-extra-today" = "DAY COUNT" (DAY a study day, see
 * eg_time_study_day()), so it holds for every window and engram-cli during
 * that day and is gone the next day without anything being cleaned up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "eg-scheduler-private.h"

#define EXTRA_KEY "new-extra-today"

/* How many new cards were added to study day @day's limit */
static int
extra_new (EgScheduler *self,
           int          day)
{
  g_autofree char *value = eg_store_get_setting (self->store, EXTRA_KEY);
  int stored_day, extra;

  if (value == NULL || sscanf (value, "%d %d", &stored_day, &extra) != 2 ||
      stored_day != day || extra < 0)
    return 0;
  return extra;
}

/* Today's new-card limit: the setting and the day's extra */
int
_eg_scheduler_new_limit (EgScheduler *self,
                         int          day)
{
  return self->settings.new_per_day + extra_new (self, day);
}

/**
 * eg_scheduler_get_new_limit:
 *
 * Returns: how many new cards the study day of @now_ms introduces: the
 *   daily limit plus what eg_scheduler_add_new_today() added that day
 */
int
eg_scheduler_get_new_limit (EgScheduler *self,
                            gint64       now_ms)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (self), 0);
  return _eg_scheduler_new_limit (self, eg_scheduler_study_day (self, now_ms));
}

/**
 * eg_scheduler_add_new_today:
 * @n_more: how many more new cards today
 *
 * Raises the new-card limit of the study day of @now_ms (only that day's:
 * the next day the daily limit applies again).  Queues built afterwards
 * take the extra cards.
 */
gboolean
eg_scheduler_add_new_today (EgScheduler  *self,
                            gint64        now_ms,
                            guint         n_more,
                            GError      **error)
{
  g_autofree char *value = NULL;
  int day;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  day = eg_scheduler_study_day (self, now_ms);
  if (n_more > 9999 || extra_new (self, day) + (int) n_more > 99999)
    {
      g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_INVALID_SETTING,
                   _("Cannot add %u new cards to today's limit: at most 9999 at a time"),
                   n_more);
      return FALSE;
    }
  value = g_strdup_printf ("%d %d", day, extra_new (self, day) + (int) n_more);
  return eg_store_set_setting (self->store, EXTRA_KEY, value, error);
}

/**
 * eg_scheduler_get_day_limits:
 * @options: the session's cards (its deck and section; the rest is ignored)
 * @ahead_days: how far study-ahead looks, in study days after today
 * @limits: (out): what today's limits held back in that part of the
 *   collection, and what studying ahead or a preview would take
 *
 * For the page a study session ends on.
 */
gboolean
eg_scheduler_get_day_limits (EgScheduler           *self,
                             gint64                 now_ms,
                             const EgQueueOptions  *options,
                             guint                  ahead_days,
                             EgDayLimits           *limits,
                             GError               **error)
{
  EgStudyCounts cards;
  EgStudyScope scope;
  g_auto(EgPlanScope) plan = { 0 };
  int today, introduced, reviewed, new_limit;
  gboolean interview;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (options != NULL && limits != NULL, FALSE);

  scope = (EgStudyScope) { options->deck_id, options->section_id, now_ms };
  today = eg_scheduler_study_day (self, now_ms);
  if ((introduced = _eg_store_count_graded (self->store, today, EG_FSRS_STATE_NEW, error)) < 0 ||
      (reviewed = _eg_store_count_graded (self->store, today, EG_FSRS_STATE_REVIEW,
                                          error)) < 0 ||
      !_eg_store_count_study (self->store, &scope, today, today + (int) ahead_days,
                              _eg_scheduler_day_start (self, today + 1), &cards, error))
    return FALSE;
  /* interview-date mode paces new cards: the queue's limit */
  new_limit = _eg_scheduler_new_limit (self, today);
  if (!_eg_scheduler_interview_load (self, now_ms, introduced, &plan, &new_limit, &interview,
                                     error))
    return FALSE;

  *limits = (EgDayLimits) {
    .new_studied = introduced,
    .new_limit = MAX (new_limit, 0),
    .review_studied = reviewed,
    .review_limit = MAX (self->settings.reviews_per_day, 0),
    .due_ahead = cards.due_by_ahead - cards.due_today,
    .n_cards = cards.not_learning + cards.learning,
  };
  /* what is left of the scope once the limit is used up waits for it */
  if ((guint) introduced >= limits->new_limit)
    limits->new_waiting = cards.new_cards;
  if ((guint) reviewed >= limits->review_limit)
    limits->review_waiting = cards.due_today;
  return TRUE;
}
