/* eg-scheduler-undo.c - undo of the scheduler's changes
 *
 * Each change keeps a copy of its cards' rows as they were and the ids of
 * the review-log rows it added; undo puts the rows back exactly and removes
 * those log rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-scheduler-private.h"

void
_eg_undo_entry_free (EgUndoEntry *entry)
{
  g_ptr_array_unref (entry->snapshots);
  g_array_unref (entry->log_ids);
  g_free (entry);
}

EgUndoEntry *
_eg_undo_entry_new (EgUndoKind kind)
{
  EgUndoEntry *entry = g_new0 (EgUndoEntry, 1);

  entry->kind = kind;
  entry->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) _eg_card_snapshot_free);
  entry->log_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return entry;
}

void
_eg_scheduler_push_undo (EgScheduler *self,
                         EgUndoEntry *entry)
{
  g_queue_push_head (&self->undo, entry);
  while (g_queue_get_length (&self->undo) > EG_SCHEDULER_UNDO_LEVELS)
    _eg_undo_entry_free (g_queue_pop_tail (&self->undo));
}

gboolean
eg_scheduler_can_undo (EgScheduler *self)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);
  return !g_queue_is_empty (&self->undo);
}

/**
 * eg_scheduler_undo:
 * @queue: (nullable): a queue to put the card back at the front of
 * @now_ms: the time, to tell whether the card is buried
 * @kind: (out) (optional): what was undone
 * @card_id: (out) (optional): the (first) card it changed
 *
 * Undoes the last change: its cards' rows are restored exactly and the
 * review-log rows it added are removed.
 */
gboolean
eg_scheduler_undo (EgScheduler  *self,
                   EgQueue      *queue,
                   gint64        now_ms,
                   EgUndoKind   *kind,
                   gint64       *card_id,
                   GError      **error)
{
  EgUndoEntry *entry;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  entry = g_queue_peek_head (&self->undo);
  if (entry == NULL)
    {
      g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_NOTHING_TO_UNDO,
                   _("There is nothing to undo"));
      return FALSE;
    }

  if (!_eg_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < entry->log_ids->len; i++)
    if (!_eg_store_delete_review (self->store, g_array_index (entry->log_ids, gint64, i), error))
      goto failed;
  for (guint i = entry->snapshots->len; i > 0; i--)
    if (!_eg_store_restore_snapshot (self->store, g_ptr_array_index (entry->snapshots, i - 1),
                                     error))
      goto failed;

  if (!_eg_store_commit (self->store, error))
    goto failed;

  g_queue_pop_head (&self->undo);
  for (guint i = 0; i < entry->snapshots->len; i++)
    {
      EgCardSnapshot *snapshot = g_ptr_array_index (entry->snapshots, i);

      _eg_scheduler_remember_version (self->written, snapshot->card_id, snapshot->state.reps,
                                      snapshot->state.last_review);
    }

  if (kind != NULL)
    *kind = entry->kind;
  if (card_id != NULL)
    *card_id = entry->snapshots->len
               ? ((EgCardSnapshot *) g_ptr_array_index (entry->snapshots, 0))->card_id : 0;

  if (queue != NULL)
    for (guint i = entry->snapshots->len; i > 0; i--)
      {
        EgCardSnapshot *snapshot = g_ptr_array_index (entry->snapshots, i - 1);

        _eg_scheduler_requeue (self, queue, snapshot->card_id, TRUE, now_ms);
      }

  _eg_undo_entry_free (entry);
  return TRUE;

failed:
  _eg_store_rollback (self->store);
  return FALSE;
}
