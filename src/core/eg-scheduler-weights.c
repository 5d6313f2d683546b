/* eg-scheduler-weights.c - FSRS parameters fitted to the collection's
 * reviews, applied to it, and the change undone
 *
 * Applying parameters is one transaction: the parameters in use and every
 * card's state are kept (settings "fsrs-weights-previous" and
 * "fsrs-weights-log", table card_state_before_weights), the new ones
 * become the "fsrs-weights" setting, and every card is recomputed from
 * the review log under them, so its due date is the one they would have
 * given.  Undo is one transaction too: the parameters before come back,
 * and the cards' states before, exactly as kept when no review was logged
 * since; otherwise every card is recomputed from the log under them (the
 * reviews since are kept).  A kill at any instant leaves either side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "eg-scheduler-private.h"

#define KEY_WEIGHTS  "fsrs-weights"
#define KEY_PREVIOUS "fsrs-weights-previous"
#define KEY_LOG      "fsrs-weights-log"   /* the last review-log id when they were kept */

/**
 * eg_scheduler_read_fsrs_items:
 *
 * The collection's reviews as the optimizer's training items: grades
 * only (no resets to new, no previews that left the schedule alone), on
 * study days.
 */
EgFsrsItems *
eg_scheduler_read_fsrs_items (EgScheduler  *self,
                              GError      **error)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), NULL);

  if ((reviews = eg_store_list_reviews (self->store, 0, error)) == NULL)
    return NULL;
  rows = g_array_sized_new (FALSE, FALSE, sizeof (EgFsrsLogRow), reviews->len);
  for (guint i = 0; i < reviews->len; i++)
    {
      const EgReview *r = g_ptr_array_index (reviews, i);
      EgFsrsLogRow row = { r->card_id, r->reviewed_at, r->day, r->rating, r->state_before };

      if (r->rating < 1 || r->rating > 4 || !r->rescheduled
          || r->state_before < 0 || r->state_before > 3)
        continue;
      g_array_append_val (rows, row);
    }
  return eg_fsrs_items_new_from_rows ((const EgFsrsLogRow *) (void *) rows->data, rows->len);
}

/* Makes @text the "fsrs-weights" setting (NULL: none, the defaults) and
 * recomputes every card under it when @n_cards is given; inside the
 * caller's transaction */
static gboolean
use_weights (EgScheduler  *self,
             const char   *text,
             guint        *n_cards,
             GError      **error)
{
  EgSchedulerSettings settings;
  EgFsrsParams params;
  gboolean ok;

  eg_scheduler_settings_init (&settings);
  ok = (text != NULL ? eg_store_set_setting (self->store, KEY_WEIGHTS, text, error)
                     : _eg_store_delete_setting (self->store, KEY_WEIGHTS, error))
       && eg_scheduler_settings_load (&settings, self->store, error)
       && eg_scheduler_settings_to_params (&settings, &params, error)
       && (n_cards == NULL || _eg_scheduler_replay_log (self, &params, n_cards, NULL, error));
  eg_scheduler_settings_clear (&settings);
  return ok;
}

/* After the transaction: the scheduler takes the collection's settings */
static gboolean
finish (EgScheduler  *self,
        GError      **error)
{
  /* the restored rows of older undo steps would now be stale */
  g_queue_clear_full (&self->undo, (GDestroyNotify) _eg_undo_entry_free);
  return eg_scheduler_settings_load (&self->settings, self->store, error)
         && eg_scheduler_settings_to_params (&self->settings, &self->params, error);
}

/**
 * eg_scheduler_apply_weights:
 * @w: 21 FSRS parameters (eg_fsrs_fit(), or eg_fsrs_default_weights())
 * @n_cards: (out) (optional): the cards recomputed
 *
 * Makes @w the scheduler's parameters and recomputes every card under
 * them, in one transaction that also keeps what was before for
 * eg_scheduler_undo_weights().  Parameters the scheduler could not use
 * change nothing.
 */
gboolean
eg_scheduler_apply_weights (EgScheduler   *self,
                            const double  *w,
                            guint         *n_cards,
                            GError       **error)
{
  g_autofree char *before = NULL;
  g_autofree char *text = _eg_scheduler_format_weights (w);
  g_autofree char *log_id_text = NULL;
  gint64 log_id = 0;
  guint n = 0;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (w != NULL, FALSE);

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    if (!isfinite (w[i]))
      {
        g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_INVALID_SETTING,
                     _("FSRS parameter w%u is not a number; nothing was changed"), i);
        return FALSE;
      }
  if (!_eg_store_begin (self->store, error))
    return FALSE;
  /* what the collection holds (another program may have changed it);
   * "" for no setting */
  if ((before = eg_store_get_setting (self->store, KEY_WEIGHTS)) == NULL)
    before = g_strdup ("");
  if (!_eg_store_last_review_id (self->store, &log_id, error)
      || !_eg_store_keep_states (self->store, error)
      || !eg_store_set_setting (self->store, KEY_PREVIOUS, before, error)
      || !eg_store_set_setting (self->store, KEY_LOG,
                                (log_id_text = g_strdup_printf ("%" G_GINT64_FORMAT, log_id)),
                                error)
      || !use_weights (self, text, &n, error)
      || !_eg_store_commit (self->store, error))
    {
      _eg_store_rollback (self->store);
      return FALSE;
    }
  if (n_cards != NULL)
    *n_cards = n;
  return finish (self, error);
}

/**
 * eg_scheduler_can_undo_weights:
 *
 * Whether eg_scheduler_undo_weights() has a change to undo.
 */
gboolean
eg_scheduler_can_undo_weights (EgScheduler *self)
{
  g_autofree char *previous = NULL;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  previous = eg_store_get_setting (self->store, KEY_PREVIOUS);
  return previous != NULL;
}

static gboolean
nothing_to_undo (GError **error)
{
  g_set_error_literal (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_NOTHING_TO_UNDO,
                       _("There is no change of the FSRS parameters to undo"));
  return FALSE;
}

/* Inside the transaction: what undo does */
static gboolean
undo_weights (EgScheduler  *self,
              guint        *n_cards,
              GError      **error)
{
  g_autofree char *previous = eg_store_get_setting (self->store, KEY_PREVIOUS);
  g_autofree char *kept_log = eg_store_get_setting (self->store, KEY_LOG);
  const char *text;
  double w[EG_FSRS_N_PARAMS];
  gint64 log_id = 0;

  if (previous == NULL)
    return nothing_to_undo (error);
  text = *previous != '\0' ? previous : NULL;
  if ((text != NULL && !_eg_scheduler_parse_weights (KEY_PREVIOUS, text, w, error))
      || !_eg_store_last_review_id (self->store, &log_id, error))
    return FALSE;

  if (kept_log != NULL && g_ascii_strtoll (kept_log, NULL, 10) == log_id)
    {
      /* nothing graded since: the states kept are exact */
      if (!use_weights (self, text, NULL, error)
          || !_eg_store_restore_kept_states (self->store, n_cards, error))
        return FALSE;
    }
  else if (!use_weights (self, text, n_cards, error)
           || !_eg_store_forget_kept_states (self->store, error))
    return FALSE;

  return _eg_store_delete_setting (self->store, KEY_PREVIOUS, error)
         && _eg_store_delete_setting (self->store, KEY_LOG, error);
}

/**
 * eg_scheduler_undo_weights:
 * @n_cards: (out) (optional): the cards whose state came back
 *
 * Undoes the last eg_scheduler_apply_weights(): its parameters before
 * come back, with the cards' states before (exactly as they were when no
 * review was logged since; otherwise recomputed from the log).  Fails with
 * %EG_SCHEDULER_ERROR_NOTHING_TO_UNDO when there is no change to undo.
 */
gboolean
eg_scheduler_undo_weights (EgScheduler  *self,
                           guint        *n_cards,
                           GError      **error)
{
  guint n = 0;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  if (!_eg_store_begin (self->store, error))
    return FALSE;
  if (!undo_weights (self, &n, error) || !_eg_store_commit (self->store, error))
    {
      _eg_store_rollback (self->store);
      return FALSE;
    }
  if (n_cards != NULL)
    *n_cards = n;
  return finish (self, error);
}

/**
 * eg_scheduler_weights_are_default:
 *
 * Whether the scheduler uses FSRS-6's default parameters.
 */
gboolean
eg_scheduler_weights_are_default (EgScheduler *self)
{
  const double *defaults = eg_fsrs_default_weights ();

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    if (self->settings.weights[i] != defaults[i])
      return FALSE;
  return TRUE;
}
