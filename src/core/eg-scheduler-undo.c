/* eg-scheduler-undo.c - undo of the scheduler's changes
 *
 * Each change keeps a copy of its cards' rows as they were and the ids of
 * the review-log rows it added; undo puts the rows back exactly and removes
 * those log rows; a change of a highlight or note keeps a copy of it as it
 * was and puts it back (eg-scheduler-annotations.c).  Each change has a
 * scope (eg_undo_kind_get_scope()): the library undoes changes of cards,
 * never a grade, which only review undoes; review and the library both undo
 * changes of annotations.
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
  g_clear_pointer (&entry->annotation, eg_annotation_free);
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
 * eg_scheduler_peek_undo:
 * @kind: (out): the kind of change undo would take back
 *
 * Returns: whether there is a change to undo (then @kind is set)
 */
gboolean
eg_scheduler_peek_undo (EgScheduler *self,
                        EgUndoKind  *kind)
{
  EgUndoEntry *entry;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  entry = g_queue_peek_head (&self->undo);
  if (entry == NULL)
    return FALSE;
  *kind = entry->kind;
  return TRUE;
}

/**
 * eg_undo_kind_get_scope:
 *
 * Returns: where a change of @kind can be undone: a grade in review only,
 *   a change of cards wherever cards are changed, a change of annotations
 *   (made in review and in the library) in both
 */
EgUndoScope
eg_undo_kind_get_scope (EgUndoKind kind)
{
  switch (kind)
    {
    case EG_UNDO_GRADE:
      return EG_UNDO_SCOPE_REVIEW;
    case EG_UNDO_ANNOTATE:
      return EG_UNDO_SCOPE_ALL;
    default:
      return EG_UNDO_SCOPE_CARDS;
    }
}

void
eg_undo_info_clear (EgUndoInfo *info)
{
  g_clear_pointer (&info->description, g_free);
}

static int
card_number (EgScheduler *self,
             gint64       card_id)
{
  g_autoptr(EgCard) card = eg_store_get_card (self->store, card_id, NULL);

  return card != NULL ? card->number : 0;
}

static gint64
first_card (const EgUndoEntry *entry)
{
  if (entry->annotation != NULL)
    return entry->annotation->card_id;
  return entry->snapshots->len
         ? ((EgCardSnapshot *) g_ptr_array_index (entry->snapshots, 0))->card_id : 0;
}

/* "Undid grade Good on card 302", "Undid flag on 3 cards" */
static char *
describe (EgScheduler       *self,
          const EgUndoEntry *entry)
{
  static const char * const ratings[] = { "", N_("Again"), N_("Hard"), N_("Good"), N_("Easy") };
  guint n = entry->snapshots->len;
  int number = card_number (self, first_card (entry));

#define ONE_OR_MANY(one, many) \
  (n == 1 ? g_strdup_printf ((one), number) : g_strdup_printf ((many), n))

  switch (entry->kind)
    {
    case EG_UNDO_GRADE:
      return g_strdup_printf (_("Undid grade %s on card %d"),
                              _(ratings[CLAMP (entry->value, 0, 4)]), number);
    case EG_UNDO_FLAG:
      if (entry->value == 0)
        return ONE_OR_MANY (_("Undid flag removal on card %d"),
                            g_dngettext (GETTEXT_PACKAGE, "Undid flag removal on %u card",
                                         "Undid flag removal on %u cards", n));
      return ONE_OR_MANY (_("Undid flag on card %d"),
                          g_dngettext (GETTEXT_PACKAGE, "Undid flag on %u card",
                                       "Undid flag on %u cards", n));
    case EG_UNDO_SUSPEND:
      return ONE_OR_MANY (_("Undid suspend on card %d"),
                          g_dngettext (GETTEXT_PACKAGE, "Undid suspend on %u card",
                                       "Undid suspend on %u cards", n));
    case EG_UNDO_UNSUSPEND:
      return ONE_OR_MANY (_("Undid unsuspend on card %d"),
                          g_dngettext (GETTEXT_PACKAGE, "Undid unsuspend on %u card",
                                       "Undid unsuspend on %u cards", n));
    case EG_UNDO_BURY:
      return ONE_OR_MANY (_("Undid bury on card %d"),
                          g_dngettext (GETTEXT_PACKAGE, "Undid bury on %u card",
                                       "Undid bury on %u cards", n));
    case EG_UNDO_ANNOTATE:
      return _eg_scheduler_describe_annotation (entry, number);
    case EG_UNDO_RESET:
      return ONE_OR_MANY (_("Undid reset on card %d"),
                          g_dngettext (GETTEXT_PACKAGE, "Undid reset on %u card",
                                       "Undid reset on %u cards", n));
    case EG_UNDO_DELETE:
    default:
      return ONE_OR_MANY (_("Undid delete of card %d"),
                          g_dngettext (GETTEXT_PACKAGE, "Undid delete of %u card",
                                       "Undid delete of %u cards", n));
    }
#undef ONE_OR_MANY
}

static gboolean
share_a_card (const EgUndoEntry *a,
              const EgUndoEntry *b)
{
  for (guint i = 0; i < a->snapshots->len; i++)
    for (guint j = 0; j < b->snapshots->len; j++)
      if (((EgCardSnapshot *) g_ptr_array_index (a->snapshots, i))->card_id ==
          ((EgCardSnapshot *) g_ptr_array_index (b->snapshots, j))->card_id)
        return TRUE;
  return FALSE;
}

/* The newest change in @scopes that no later change of the same cards
 * stands on (undoing it would undo that one too: undo restores whole rows). */
static GList *
find_undoable (EgScheduler  *self,
               EgUndoScope   scopes,
               GError      **error)
{
  for (GList *l = self->undo.head; l != NULL; l = l->next)
    {
      EgUndoEntry *entry = l->data;

      if (!(eg_undo_kind_get_scope (entry->kind) & scopes))
        continue;
      for (GList *later = l->prev; later != NULL; later = later->prev)
        {
          EgUndoEntry *blocker = later->data;

          if (!share_a_card (blocker, entry))
            continue;
          if (blocker->kind == EG_UNDO_GRADE)
            g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_UNDO_BLOCKED,
                         _("The last change here cannot be undone: card %d was reviewed "
                           "since"), card_number (self, first_card (entry)));
          else
            g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_UNDO_BLOCKED,
                         _("The last change here cannot be undone: card %d was changed "
                           "since"), card_number (self, first_card (entry)));
          return NULL;
        }
      return l;
    }
  g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_NOTHING_TO_UNDO,
               _("There is nothing to undo"));
  return NULL;
}

/* Puts @entry's cards' rows back and removes the review-log rows it added,
 * in one transaction. */
static gboolean
restore_rows (EgScheduler        *self,
              const EgUndoEntry  *entry,
              GError            **error)
{
  if (!_eg_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < entry->log_ids->len; i++)
    if (!_eg_store_delete_review (self->store, g_array_index (entry->log_ids, gint64, i), error))
      goto failed;
  for (guint i = entry->snapshots->len; i > 0; i--)
    if (!_eg_store_restore_snapshot (self->store, g_ptr_array_index (entry->snapshots, i - 1),
                                     error))
      goto failed;

  return _eg_store_commit (self->store, error);

failed:
  _eg_store_rollback (self->store);
  return FALSE;
}

/**
 * eg_scheduler_undo:
 * @queue: (nullable): a queue to put the card back at the front of
 * @now_ms: the time, to tell whether the card is buried
 * @kind: (out) (optional): what was undone
 * @card_id: (out) (optional): the (first) card it changed
 *
 * Undoes the last change, whatever it was: eg_scheduler_undo_full() with
 * %EG_UNDO_SCOPE_ALL.
 */
gboolean
eg_scheduler_undo (EgScheduler  *self,
                   EgQueue      *queue,
                   gint64        now_ms,
                   EgUndoKind   *kind,
                   gint64       *card_id,
                   GError      **error)
{
  g_auto(EgUndoInfo) info = { 0 };

  if (!eg_scheduler_undo_full (self, EG_UNDO_SCOPE_ALL, queue, now_ms, &info, error))
    return FALSE;
  if (kind != NULL)
    *kind = info.kind;
  if (card_id != NULL)
    *card_id = info.card_id;
  return TRUE;
}

/**
 * eg_scheduler_undo_full:
 * @scopes: the changes that may be undone here, e.g. %EG_UNDO_SCOPE_CARDS
 *   in the library, where grades are not undone
 * @queue: (nullable): a queue to put the card back at the front of
 * @now_ms: the time, to tell whether the card is buried
 * @info: (out caller-allocates) (optional): what was undone, with a sentence
 *   saying it; free its contents with eg_undo_info_clear()
 *
 * Undoes the last change in @scopes: its cards' rows are restored exactly
 * and the review-log rows it added are removed.  A later change outside
 * @scopes is left alone; if it changed the same cards, nothing is undone
 * (%EG_SCHEDULER_ERROR_UNDO_BLOCKED).
 */
gboolean
eg_scheduler_undo_full (EgScheduler  *self,
                        EgUndoScope   scopes,
                        EgQueue      *queue,
                        gint64        now_ms,
                        EgUndoInfo   *info,
                        GError      **error)
{
  EgUndoEntry *entry;
  GList *link;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  if (!(link = find_undoable (self, scopes, error)))
    return FALSE;
  entry = link->data;

  if (entry->kind == EG_UNDO_ANNOTATE ? !_eg_scheduler_undo_annotation (self, entry, error)
                                      : !restore_rows (self, entry, error))
    return FALSE;

  g_queue_delete_link (&self->undo, link);
  for (guint i = 0; i < entry->snapshots->len; i++)
    {
      EgCardSnapshot *snapshot = g_ptr_array_index (entry->snapshots, i);

      _eg_scheduler_remember_version (self->written, snapshot->card_id, snapshot->state.reps,
                                      snapshot->state.last_review);
    }

  if (info != NULL)
    *info = (EgUndoInfo) {
      .kind = entry->kind,
      .scope = eg_undo_kind_get_scope (entry->kind),
      .card_id = first_card (entry),
      .n_cards = entry->annotation != NULL ? 1 : entry->snapshots->len,
      .description = describe (self, entry),
    };

  if (queue != NULL)
    for (guint i = entry->snapshots->len; i > 0; i--)
      {
        EgCardSnapshot *snapshot = g_ptr_array_index (entry->snapshots, i - 1);

        _eg_scheduler_requeue (self, queue, snapshot->card_id, TRUE, now_ms);
      }

  _eg_undo_entry_free (entry);
  return TRUE;
}
