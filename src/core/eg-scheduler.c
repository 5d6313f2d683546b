/* eg-scheduler.c - study queue, grading and undo over the collection
 *
 * Every change is one transaction that has committed when the function
 * returns: a grade is on disk before the next card is shown.  The review log
 * is append-only (undo removes the row it added, nothing else) and replaying
 * it with eg_scheduler_rebuild() gives back every card's stored state.
 *
 * Days: a review card is due on a *study day* (eg_time_study_day(): the
 * local date, with the day starting at the day-start hour).  The log keeps
 * the study day of each review and a card's due day is that day plus its
 * interval, so neither DST nor travel moves a card to another day.
 *
 * This file holds the object (its store, settings and FSRS parameters) and
 * the rows a change reads and writes; the queue (eg-scheduler-queue.c), the
 * changes (eg-scheduler-changes.c), undo (eg-scheduler-undo.c), the replay
 * of the log (eg-scheduler-rebuild.c), the statistics (eg-scheduler-stats.c)
 * and the settings (eg-scheduler-settings.c) share eg-scheduler-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "eg-scheduler-private.h"
#include "eg-time.h"

G_DEFINE_FINAL_TYPE (EgScheduler, eg_scheduler, G_TYPE_OBJECT)

G_DEFINE_QUARK (eg-scheduler-error-quark, eg_scheduler_error)

static void
eg_scheduler_finalize (GObject *object)
{
  EgScheduler *self = (EgScheduler *)object;

  g_queue_clear_full (&self->undo, (GDestroyNotify) _eg_undo_entry_free);
  g_clear_pointer (&self->written, g_hash_table_unref);
  eg_scheduler_settings_clear (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eg_scheduler_parent_class)->finalize (object);
}

static void
eg_scheduler_class_init (EgSchedulerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = eg_scheduler_finalize;
}

static void
eg_scheduler_init (EgScheduler *self)
{
  g_queue_init (&self->undo);
  self->written = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  eg_scheduler_settings_init (&self->settings);
}

/**
 * eg_scheduler_new:
 *
 * Returns: (transfer full): a scheduler over @store with the collection's
 *   settings, or %NULL when they are invalid
 */
EgScheduler *
eg_scheduler_new (EgStore  *store,
                  GError  **error)
{
  g_autoptr(EgScheduler) self = NULL;

  g_return_val_if_fail (EG_IS_STORE (store), NULL);

  self = g_object_new (EG_TYPE_SCHEDULER, NULL);
  self->store = g_object_ref (store);
  if (!eg_scheduler_settings_load (&self->settings, store, error) ||
      !eg_scheduler_settings_to_params (&self->settings, &self->params, error))
    return NULL;

  return g_steal_pointer (&self);
}

EgStore *
eg_scheduler_get_store (EgScheduler *self)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (self), NULL);
  return self->store;
}

const EgSchedulerSettings *
eg_scheduler_get_settings (EgScheduler *self)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (self), NULL);
  return &self->settings;
}

const EgFsrsParams *
eg_scheduler_get_params (EgScheduler *self)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (self), NULL);
  return &self->params;
}

/**
 * eg_scheduler_set_settings:
 *
 * Checks, saves and applies new settings.
 */
gboolean
eg_scheduler_set_settings (EgScheduler                *self,
                           const EgSchedulerSettings  *settings,
                           GError                    **error)
{
  EgFsrsParams params;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  if (!eg_scheduler_settings_to_params (settings, &params, error) ||
      !eg_scheduler_settings_save (settings, self->store, error))
    return FALSE;

  return eg_scheduler_settings_load (&self->settings, self->store, error) &&
         eg_scheduler_settings_to_params (&self->settings, &self->params, error);
}

int
eg_scheduler_study_day (EgScheduler *self,
                        gint64       now_ms)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (self), 0);
  return eg_time_study_day (now_ms, self->settings.day_start_hour);
}

gint64
_eg_scheduler_day_start (EgScheduler *self,
                         int          day)
{
  return eg_time_study_day_start (day, self->settings.day_start_hour);
}

/* Reads a card's scheduling state (and copies its rows for undo). */
EgCardSnapshot *
_eg_scheduler_snapshot_card (EgScheduler  *self,
                             gint64        card_id,
                             EgFsrsCard   *fsrs,
                             int          *due_day,
                             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  EgCardSnapshot *snapshot = _eg_store_snapshot_card (self->store, card_id, &local_error);

  if (snapshot == NULL)
    {
      if (g_error_matches (local_error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND))
        g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_NO_CARD,
                     _("There is no card %lld"), (long long) card_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (fsrs != NULL)
    eg_card_state_to_fsrs (&snapshot->state, fsrs);
  if (due_day != NULL)
    *due_day = snapshot->state.due_day;
  return snapshot;
}

/* Writes the card's state after @card, due on study day @due_day */
gboolean
_eg_scheduler_write_state (EgScheduler       *self,
                           gint64             card_id,
                           const EgFsrsCard  *card,
                           int                due_day,
                           GError           **error)
{
  EgCardState state;

  eg_card_state_from_fsrs (&state, card, due_day);
  return _eg_store_write_state (self->store, card_id, &state, error);
}

/* Logs a grade (@rating 0: a reset) of @card_id from @before to @after */
gint64
_eg_scheduler_append_log (EgScheduler       *self,
                          gint64             card_id,
                          gint64             now_ms,
                          int                rating,
                          int                day,
                          const EgFsrsCard  *before,
                          const EgFsrsCard  *after,
                          gint64             duration_ms,
                          gboolean           rescheduled,
                          GError           **error)
{
  EgReview review = {
    .card_id = card_id,
    .reviewed_at = now_ms,
    .rating = rating,
    .state_before = before->state,
    .state_after = after->state,
    .stability_before = before->stability,
    .stability_after = after->stability,
    .difficulty_before = before->difficulty,
    .difficulty_after = after->difficulty,
    .elapsed_days = after->elapsed_days,
    .scheduled_days = after->scheduled_days,
    .due_after = after->due,
    .duration_ms = duration_ms,
    .rescheduled = rescheduled,
    .day = day,
  };

  return _eg_store_append_review (self->store, &review, error);
}
