/* eg-scheduler-rebuild.c - every card's state recomputed from the review log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-scheduler-private.h"

/* What a card's replay gives */
typedef struct
{
  EgFsrsCard  card;
  int         due_day;
} Replay;

typedef struct
{
  const EgFsrsParams      *params;
  const EgStoreHistory    *cards;
  const EgStoreHistoryRow *rows;
  Replay                  *replays;   /* one per card */
  guint                    begin;
  guint                    end;
  GError                  *error;
} ReplayJob;

/* Replays the log rows of cards begin..end-1 (runs in a worker thread). */
static gpointer
replay_cards (gpointer data)
{
  ReplayJob *job = data;

  for (guint i = job->begin; i < job->end && job->error == NULL; i++)
    {
      const EgStoreHistory *history = &job->cards[i];
      Replay *replay = &job->replays[i];

      eg_fsrs_card_init_new (&replay->card, history->created);
      replay->due_day = 0;
      for (guint r = history->first; r < history->first + history->n_rows; r++)
        {
          const EgStoreHistoryRow *row = &job->rows[r];
          EgFsrsCard next;

          if (row->rating == 0)
            {
              eg_fsrs_card_init_new (&replay->card, row->reviewed_at);
              replay->due_day = 0;
              continue;
            }
          if (!eg_fsrs_review (job->params, &replay->card, row->reviewed_at,
                               (EgFsrsRating) row->rating, &next, &job->error))
            {
              g_prefix_error (&job->error, _("Card %lld: "), (long long) history->card_id);
              break;
            }
          replay->card = next;
          replay->due_day = row->day + next.scheduled_days;
        }
    }
  return NULL;
}

/**
 * _eg_scheduler_replay_log:
 * @params: the parameters to replay under
 *
 * Recomputes every card's scheduling state from the review log under
 * @params and writes it, inside the caller's transaction.  Cards are
 * replayed on all processors: each card's history is independent of the
 * others.
 */
gboolean
_eg_scheduler_replay_log (EgScheduler         *self,
                          const EgFsrsParams  *params,
                          guint               *n_cards,
                          guint               *n_reviews,
                          GError             **error)
{
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (EgStoreHistory));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (EgStoreHistoryRow));
  g_autoptr(GArray) replays = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  ReplayJob jobs[8];
  guint n_jobs;

  if (!_eg_store_read_history (self->store, cards, rows, error))
    return FALSE;

  replays = g_array_sized_new (FALSE, TRUE, sizeof (Replay), cards->len);
  g_array_set_size (replays, cards->len);
  n_jobs = CLAMP (g_get_num_processors (), 1, G_N_ELEMENTS (jobs));
  n_jobs = MIN (n_jobs, MAX (cards->len / 16, 1));
  for (guint j = 0; j < n_jobs; j++)
    {
      jobs[j] = (ReplayJob) {
        params,
        (const EgStoreHistory *) (void *) cards->data,
        (const EgStoreHistoryRow *) (void *) rows->data,
        (Replay *) (void *) replays->data,
        (guint) ((guint64) cards->len * j / n_jobs),
        (guint) ((guint64) cards->len * (j + 1) / n_jobs),
        NULL,
      };
      if (j > 0)
        g_ptr_array_add (threads, g_thread_new ("eg-rebuild", replay_cards, &jobs[j]));
    }
  if (n_jobs > 0)
    replay_cards (&jobs[0]);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  for (guint j = 0; j < n_jobs; j++)
    if (jobs[j].error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&jobs[j].error));
        for (guint k = j + 1; k < n_jobs; k++)
          g_clear_error (&jobs[k].error);
        return FALSE;
      }

  for (guint i = 0; i < cards->len; i++)
    {
      Replay *replay = &g_array_index (replays, Replay, i);
      EgCardState state;

      eg_card_state_from_fsrs (&state, &replay->card, replay->due_day);
      if (!_eg_store_write_state (self->store, g_array_index (cards, EgStoreHistory, i).card_id,
                                  &state, error))
        return FALSE;
    }

  if (n_cards != NULL)
    *n_cards = cards->len;
  if (n_reviews != NULL)
    *n_reviews = rows->len;
  return TRUE;
}

/**
 * eg_scheduler_rebuild:
 *
 * Recomputes every card's scheduling state from the review log (with the
 * current settings) and writes it, in one transaction.
 */
gboolean
eg_scheduler_rebuild (EgScheduler  *self,
                      guint        *n_cards,
                      guint        *n_reviews,
                      GError      **error)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  if (!_eg_store_begin (self->store, error))
    return FALSE;
  if (!_eg_scheduler_replay_log (self, &self->params, n_cards, n_reviews, error))
    {
      _eg_store_rollback (self->store);
      return FALSE;
    }
  if (!_eg_store_commit (self->store, error))
    return FALSE;

  /* the restored rows of older undo steps would now be stale */
  g_queue_clear_full (&self->undo, (GDestroyNotify) _eg_undo_entry_free);
  return TRUE;
}
