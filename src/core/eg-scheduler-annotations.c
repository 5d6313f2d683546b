/* eg-scheduler-annotations.c - highlights and notes, each change undoable
 *
 * Each call is the store's call of the same name (eg-store-annotations.c)
 * with an undo step (EG_UNDO_ANNOTATE) that holds a copy of the annotation
 * as it was before: undo writes the copy back with eg_store_put_annotation().
 * An addition keeps the new row marked deleted, so that its undo deletes it.
 * Annotations do not touch a card's scheduling, so these steps can be undone
 * both in review and in the library (EG_UNDO_SCOPE_ALL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-scheduler-private.h"

/* Keeps @before (transfer full) as the undo step of @action */
static void
push_step (EgScheduler       *self,
           EgAnnotateAction   action,
           EgAnnotation      *before)
{
  EgUndoEntry *entry = _eg_undo_entry_new (EG_UNDO_ANNOTATE);

  entry->value = action;
  entry->annotation = before;
  _eg_scheduler_push_undo (self, entry);
}

/* The annotation @id as it is now, or NULL (with @error set) */
static EgAnnotation *
read_annotation (EgScheduler  *self,
                 gint64        id,
                 GError      **error)
{
  return eg_store_get_annotation (self->store, id, error);
}

/* An addition's undo step: the new row, deleted at @now_ms.  The change is
 * made; if its row cannot be read back, it has no undo step. */
static void
push_addition (EgScheduler *self,
               gint64       id,
               gint64       now_ms)
{
  g_autoptr(GError) error = NULL;
  EgAnnotation *added = read_annotation (self, id, &error);

  if (added == NULL)
    {
      g_debug ("No undo step for annotation %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }
  if (added->deleted != 0)
    {
      /* nothing was added (a note set to nothing) */
      eg_annotation_free (added);
      return;
    }
  added->deleted = MAX (now_ms, 1);
  push_step (self, EG_ANNOTATE_ADD, added);
}

/**
 * eg_scheduler_add_highlight:
 *
 * eg_store_add_highlight() with an undo step that deletes the highlight.
 *
 * Returns: the new highlight's id, 0 on error
 */
gint64
eg_scheduler_add_highlight (EgScheduler  *self,
                            gint64        card_id,
                            const char   *field,
                            guint         start,
                            guint         end,
                            const char   *comment,
                            const char   *color,
                            gint64        now_ms,
                            GError      **error)
{
  gint64 id;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), 0);

  id = eg_store_add_highlight (self->store, card_id, field, start, end, comment, color, now_ms,
                               error);
  if (id > 0)
    push_addition (self, id, now_ms);
  return id;
}

/**
 * eg_scheduler_set_note:
 *
 * eg_store_set_note() with an undo step that puts the card's note back as
 * it was (or deletes the note it created).
 *
 * Returns: the note's id, 0 on error
 */
gint64
eg_scheduler_set_note (EgScheduler  *self,
                       gint64        card_id,
                       const char   *body,
                       gint64        now_ms,
                       GError      **error)
{
  g_autoptr(EgAnnotation) before = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (body != NULL ? body : ""));
  gint64 id;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), 0);

  before = eg_store_get_note (self->store, card_id, &local_error);
  if (before == NULL && local_error != NULL &&
      !g_error_matches (local_error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  if (before != NULL && before->deleted != 0)
    g_clear_pointer (&before, eg_annotation_free);

  id = eg_store_set_note (self->store, card_id, body, now_ms, error);
  if (id <= 0)
    return id;

  if (before == NULL)
    push_addition (self, id, now_ms);
  else
    push_step (self, stripped[0] == '\0' ? EG_ANNOTATE_DELETE : EG_ANNOTATE_CHANGE,
               g_steal_pointer (&before));
  return id;
}

/**
 * eg_scheduler_update_annotation:
 *
 * eg_store_update_annotation() with an undo step.
 */
gboolean
eg_scheduler_update_annotation (EgScheduler  *self,
                                gint64        id,
                                const char   *body,
                                const char   *color,
                                gint64        now_ms,
                                GError      **error)
{
  g_autoptr(EgAnnotation) before = NULL;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  if (!(before = read_annotation (self, id, error)) ||
      !eg_store_update_annotation (self->store, id, body, color, now_ms, error))
    return FALSE;
  push_step (self, EG_ANNOTATE_CHANGE, g_steal_pointer (&before));
  return TRUE;
}

/**
 * eg_scheduler_reattach_highlight:
 *
 * eg_store_reattach_highlight() with an undo step that puts the highlight
 * back where (or orphaned as) it was.
 */
gboolean
eg_scheduler_reattach_highlight (EgScheduler  *self,
                                 gint64        id,
                                 const char   *field,
                                 guint         start,
                                 guint         end,
                                 gint64        now_ms,
                                 GError      **error)
{
  g_autoptr(EgAnnotation) before = NULL;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  if (!(before = read_annotation (self, id, error)) ||
      !eg_store_reattach_highlight (self->store, id, field, start, end, now_ms, error))
    return FALSE;
  push_step (self, EG_ANNOTATE_REATTACH, g_steal_pointer (&before));
  return TRUE;
}

/**
 * eg_scheduler_delete_annotation:
 *
 * eg_store_delete_annotation() with an undo step that brings it back.
 */
gboolean
eg_scheduler_delete_annotation (EgScheduler  *self,
                                gint64        id,
                                gint64        now_ms,
                                GError      **error)
{
  g_autoptr(EgAnnotation) before = NULL;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  if (!(before = read_annotation (self, id, error)) ||
      !eg_store_delete_annotation (self->store, id, now_ms, error))
    return FALSE;
  push_step (self, EG_ANNOTATE_DELETE, g_steal_pointer (&before));
  return TRUE;
}

/* A highlight's copy made on another text of its card (the card was edited
 * or imported since): placed again over the card's text as it is now, as
 * re-anchoring would have placed it, so that undo never puts it on the
 * wrong words. */
static gboolean
place_on_current_text (EgScheduler   *self,
                       EgAnnotation  *copy,
                       GError       **error)
{
  g_autoptr(EgCard) card = NULL;
  g_autoptr(EgAnchor) placed = NULL;
  g_autofree char *text = NULL;

  if (copy->kind != EG_ANNOTATION_HIGHLIGHT || copy->orphaned || copy->deleted != 0 ||
      copy->anchor == NULL || copy->card_hash == NULL)
    return TRUE;
  if (!(card = eg_store_get_card (self->store, copy->card_id, error)))
    return FALSE;
  if (g_strcmp0 (card->content_hash, copy->card_hash) == 0)
    return TRUE;

  text = eg_annotation_field_text (card, copy->field);
  if ((placed = _eg_annotation_place_in_text (copy->anchor, text)) != NULL)
    {
      eg_anchor_free (copy->anchor);
      copy->anchor = g_steal_pointer (&placed);
      g_free (copy->card_hash);
      copy->card_hash = g_strdup (card->content_hash);
    }
  else
    copy->orphaned = TRUE;
  return TRUE;
}

/**
 * _eg_scheduler_undo_annotation:
 *
 * Puts the annotation of @entry back as it was (one transaction).
 */
gboolean
_eg_scheduler_undo_annotation (EgScheduler        *self,
                               const EgUndoEntry  *entry,
                               GError            **error)
{
  g_autoptr(EgAnnotation) copy = eg_annotation_copy (entry->annotation);

  g_return_val_if_fail (copy != NULL, FALSE);

  return place_on_current_text (self, copy, error) &&
         eg_store_put_annotation (self->store, copy, error);
}

/**
 * _eg_scheduler_describe_annotation:
 * @number: the card's number
 *
 * Returns: "Undid highlight on card 7", "Undid note deletion on card 7"…
 */
char *
_eg_scheduler_describe_annotation (const EgUndoEntry *entry,
                                   int                number)
{
  gboolean note = entry->annotation != NULL && entry->annotation->kind == EG_ANNOTATION_NOTE;

  switch ((EgAnnotateAction) entry->value)
    {
    case EG_ANNOTATE_ADD:
      return note ? g_strdup_printf (_("Undid note on card %d"), number)
                  : g_strdup_printf (_("Undid highlight on card %d"), number);
    case EG_ANNOTATE_CHANGE:
      return note ? g_strdup_printf (_("Undid note change on card %d"), number)
                  : g_strdup_printf (_("Undid highlight change on card %d"), number);
    case EG_ANNOTATE_REATTACH:
      return g_strdup_printf (_("Undid reattaching a highlight on card %d"), number);
    case EG_ANNOTATE_DELETE:
    default:
      return note ? g_strdup_printf (_("Undid note deletion on card %d"), number)
                  : g_strdup_printf (_("Undid highlight deletion on card %d"), number);
    }
}
