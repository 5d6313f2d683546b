/* eg-scheduler-changes.c - grading and the other changes of cards
 *
 * A grade, a suspension, a burial, a flag, a reset or a deletion: each is
 * one transaction, and one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-scheduler-private.h"

/**
 * eg_scheduler_grade:
 * @queue: (nullable): the queue the card came from, kept current
 * @duration_ms: time spent on the card
 *
 * Grades a card: the new state and a review-log row are committed together
 * before this returns.  With a @queue, the card must still be as the queue
 * saw it (%EG_SCHEDULER_ERROR_STALE when another program graded or changed
 * it meanwhile; nothing is written then).
 */
gboolean
eg_scheduler_grade (EgScheduler    *self,
                    EgQueue        *queue,
                    gint64          card_id,
                    EgFsrsRating    rating,
                    gint64          now_ms,
                    gint64          duration_ms,
                    EgGradeResult  *result,
                    GError        **error)
{
  return eg_scheduler_grade_full (self, queue, card_id, rating, now_ms, duration_ms, TRUE,
                                  result, error);
}

/* A preview's grade: nothing is written (no state, no review-log row, no
 * undo step); the card leaves the queue. */
static gboolean
grade_preview (EgScheduler    *self,
               EgQueue        *queue,
               gint64          card_id,
               EgGradeResult  *result,
               GError        **error)
{
  EgCardSnapshot *snapshot;
  EgFsrsCard before;
  int due_day;

  snapshot = _eg_scheduler_snapshot_card (self, card_id, &before, &due_day, error);
  if (snapshot == NULL)
    return FALSE;
  _eg_card_snapshot_free (snapshot);
  if (queue != NULL)
    _eg_queue_remove_card (queue, card_id);
  if (result != NULL)
    *result = (EgGradeResult) { before, before, 0, due_day };
  return TRUE;
}

/**
 * eg_scheduler_grade_full:
 * @reschedule: %FALSE for a preview: nothing is written (neither the card's
 *   state nor a review-log row) and there is nothing to undo; the card
 *   leaves @queue
 *
 * As eg_scheduler_grade().
 */
gboolean
eg_scheduler_grade_full (EgScheduler    *self,
                         EgQueue        *queue,
                         gint64          card_id,
                         EgFsrsRating    rating,
                         gint64          now_ms,
                         gint64          duration_ms,
                         gboolean        reschedule,
                         EgGradeResult  *result,
                         GError        **error)
{
  EgUndoEntry *entry = NULL;
  EgCardSnapshot *snapshot;
  EgFsrsCard before, after;
  gint64 log_id;
  int today, due_day;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (rating >= EG_FSRS_AGAIN && rating <= EG_FSRS_EASY, FALSE);

  if (!reschedule)
    return grade_preview (self, queue, card_id, result, error);

  if (!_eg_store_begin (self->store, error))
    return FALSE;

  snapshot = _eg_scheduler_snapshot_card (self, card_id, &before, NULL, error);
  if (snapshot == NULL)
    goto failed;
  entry = _eg_undo_entry_new (EG_UNDO_GRADE);
  entry->value = rating;
  g_ptr_array_add (entry->snapshots, snapshot);
  if (queue != NULL && !_eg_scheduler_check_version (self, queue, card_id, &before, error))
    goto failed;

  if (!eg_fsrs_review (&self->params, &before, now_ms, rating, &after, error))
    goto failed;

  today = eg_scheduler_study_day (self, now_ms);
  due_day = today + after.scheduled_days;
  if ((reschedule && !_eg_scheduler_write_state (self, card_id, &after, due_day, error)) ||
      !(log_id = _eg_scheduler_append_log (self, card_id, now_ms, rating, today, &before, &after,
                                           duration_ms, reschedule, error)))
    goto failed;
  if (!_eg_store_commit (self->store, error))
    goto failed;

  g_array_append_val (entry->log_ids, log_id);
  _eg_scheduler_push_undo (self, entry);
  if (reschedule)
    _eg_scheduler_remember_version (self->written, card_id, after.reps, after.last_review);

  if (queue != NULL)
    {
      if (reschedule)
        _eg_scheduler_requeue (self, queue, card_id, FALSE, now_ms);
      else
        _eg_queue_remove_card (queue, card_id);
    }

  if (result != NULL)
    *result = (EgGradeResult) { before, after, log_id, due_day };
  return TRUE;

failed:
  _eg_store_rollback (self->store);
  if (entry != NULL)
    _eg_undo_entry_free (entry);
  return FALSE;
}

/**
 * eg_scheduler_preview:
 * @outcomes: the card after Again, Hard, Good and Easy
 *
 * What each grade would do (nothing is written).
 */
gboolean
eg_scheduler_preview (EgScheduler  *self,
                      gint64        card_id,
                      gint64        now_ms,
                      EgFsrsCard    outcomes[4],
                      GError      **error)
{
  EgFsrsCard card;
  EgCardSnapshot *snapshot;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  snapshot = _eg_scheduler_snapshot_card (self, card_id, &card, NULL, error);
  if (snapshot == NULL)
    return FALSE;
  _eg_card_snapshot_free (snapshot);

  return eg_fsrs_preview (&self->params, &card, now_ms, outcomes, error);
}

typedef gboolean (*ChangeFunc) (EgScheduler       *self,
                                gint64             card_id,
                                const EgFsrsCard  *card,
                                gpointer           data,
                                EgUndoEntry       *entry,
                                GError           **error);

/* Applies @func to each card in one transaction, as one undo step. */
static gboolean
change_cards (EgScheduler   *self,
              EgUndoKind     kind,
              const gint64  *card_ids,
              guint          n_cards,
              ChangeFunc     func,
              gpointer       data,
              GError       **error)
{
  EgUndoEntry *entry = _eg_undo_entry_new (kind);

  if (kind == EG_UNDO_FLAG)
    entry->value = GPOINTER_TO_INT (data);
  if (!_eg_store_begin (self->store, error))
    {
      _eg_undo_entry_free (entry);
      return FALSE;
    }

  for (guint i = 0; i < n_cards; i++)
    {
      EgFsrsCard card;
      EgCardSnapshot *snapshot;

      snapshot = _eg_scheduler_snapshot_card (self, card_ids[i], &card, NULL, error);

      if (snapshot == NULL)
        goto failed;
      g_ptr_array_add (entry->snapshots, snapshot);
      if (!func (self, card_ids[i], &card, data, entry, error))
        goto failed;
    }

  if (!_eg_store_commit (self->store, error))
    goto failed;

  _eg_scheduler_push_undo (self, entry);
  return TRUE;

failed:
  _eg_store_rollback (self->store);
  _eg_undo_entry_free (entry);
  return FALSE;
}

static gboolean
suspend_one (EgScheduler       *self,
             gint64             card_id,
             const EgFsrsCard  *card,
             gpointer           data,
             EgUndoEntry       *entry,
             GError           **error)
{
  return _eg_store_set_card_field (self->store, card_id, EG_CARD_FIELD_SUSPENDED,
                                   GPOINTER_TO_INT (data), error);
}

gboolean
eg_scheduler_set_suspended (EgScheduler   *self,
                            const gint64  *card_ids,
                            guint          n_cards,
                            gboolean       suspended,
                            GError       **error)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  return change_cards (self, suspended ? EG_UNDO_SUSPEND : EG_UNDO_UNSUSPEND,
                       card_ids, n_cards, suspend_one, GINT_TO_POINTER (suspended ? 1 : 0),
                       error);
}

static gboolean
bury_one (EgScheduler       *self,
          gint64             card_id,
          const EgFsrsCard  *card,
          gpointer           data,
          EgUndoEntry       *entry,
          GError           **error)
{
  return _eg_store_set_card_field (self->store, card_id, EG_CARD_FIELD_BURIED_UNTIL,
                                   *(gint64 *) data, error);
}

/**
 * eg_scheduler_bury:
 *
 * Hides the cards until the next study day starts.
 */
gboolean
eg_scheduler_bury (EgScheduler   *self,
                   const gint64  *card_ids,
                   guint          n_cards,
                   gint64         now_ms,
                   GError       **error)
{
  gint64 until;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  until = _eg_scheduler_day_start (self, eg_scheduler_study_day (self, now_ms) + 1);
  return change_cards (self, EG_UNDO_BURY, card_ids, n_cards, bury_one, &until, error);
}

static gboolean
flag_one (EgScheduler       *self,
          gint64             card_id,
          const EgFsrsCard  *card,
          gpointer           data,
          EgUndoEntry       *entry,
          GError           **error)
{
  return _eg_store_set_card_field (self->store, card_id, EG_CARD_FIELD_FLAG,
                                   GPOINTER_TO_INT (data), error);
}

/**
 * eg_scheduler_set_flag:
 * @flag: 0 (none) or 1..7, like Anki's flags
 */
gboolean
eg_scheduler_set_flag (EgScheduler   *self,
                       const gint64  *card_ids,
                       guint          n_cards,
                       int            flag,
                       GError       **error)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  if (flag < 0 || flag > 7)
    {
      g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_INVALID_SETTING,
                   _("A flag is a number from 0 (none) to 7, not %d"), flag);
      return FALSE;
    }
  return change_cards (self, EG_UNDO_FLAG, card_ids, n_cards, flag_one,
                       GINT_TO_POINTER (flag), error);
}

static gboolean
reset_one (EgScheduler       *self,
           gint64             card_id,
           const EgFsrsCard  *card,
           gpointer           data,
           EgUndoEntry       *entry,
           GError           **error)
{
  gint64 now_ms = *(gint64 *) data;
  EgFsrsCard fresh;
  gint64 log_id;

  eg_fsrs_card_init_new (&fresh, now_ms);
  if (!_eg_scheduler_write_state (self, card_id, &fresh, 0, error) ||
      !(log_id = _eg_scheduler_append_log (self, card_id, now_ms, 0,
                                           eg_scheduler_study_day (self, now_ms),
                                           card, &fresh, 0, TRUE, error)))
    return FALSE;
  g_array_append_val (entry->log_ids, log_id);
  _eg_scheduler_remember_version (self->written, card_id, fresh.reps, fresh.last_review);
  return TRUE;
}

/**
 * eg_scheduler_reset:
 *
 * Makes the cards new again.  The review log keeps their history and gets
 * a row with rating 0 (a manual change), so that it still rebuilds them.
 */
gboolean
eg_scheduler_reset (EgScheduler   *self,
                    const gint64  *card_ids,
                    guint          n_cards,
                    gint64         now_ms,
                    GError       **error)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  return change_cards (self, EG_UNDO_RESET, card_ids, n_cards, reset_one, &now_ms, error);
}

static gboolean
delete_one (EgScheduler       *self,
            gint64             card_id,
            const EgFsrsCard  *card,
            gpointer           data,
            EgUndoEntry       *entry,
            GError           **error)
{
  return _eg_store_set_card_field (self->store, card_id, EG_CARD_FIELD_DELETED,
                                   *(gint64 *) data, error);
}

/**
 * eg_scheduler_delete:
 *
 * Deletes cards (they stay in the collection, marked, with their history
 * and annotations, so that undo brings them back).
 */
gboolean
eg_scheduler_delete (EgScheduler   *self,
                     const gint64  *card_ids,
                     guint          n_cards,
                     gint64         now_ms,
                     GError       **error)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  return change_cards (self, EG_UNDO_DELETE, card_ids, n_cards, delete_one, &now_ms, error);
}
