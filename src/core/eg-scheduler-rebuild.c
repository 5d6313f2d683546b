/* eg-scheduler-rebuild.c - every card's state recomputed from the review log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include "eg-scheduler-private.h"

typedef struct
{
  gint64 reviewed_at;
  int    rating;
  int    day;
} LogRow;

typedef struct
{
  gint64      card_id;
  gint64      created;
  guint       first;      /* in the rows array */
  guint       n_rows;
  EgFsrsCard  card;       /* the result */
  int         due_day;
} Replay;

typedef struct
{
  const EgFsrsParams *params;
  const LogRow       *rows;
  Replay             *replays;
  guint               begin;
  guint               end;
  GError             *error;
} ReplayJob;

/* Replays the log rows of cards begin..end-1 (runs in a worker thread). */
static gpointer
replay_cards (gpointer data)
{
  ReplayJob *job = data;

  for (guint i = job->begin; i < job->end && job->error == NULL; i++)
    {
      Replay *replay = &job->replays[i];

      eg_fsrs_card_init_new (&replay->card, replay->created);
      replay->due_day = 0;
      for (guint r = replay->first; r < replay->first + replay->n_rows; r++)
        {
          const LogRow *row = &job->rows[r];
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
              g_prefix_error (&job->error, "Card %" G_GINT64_FORMAT ": ", replay->card_id);
              break;
            }
          replay->card = next;
          replay->due_day = row->day + next.scheduled_days;
        }
    }
  return NULL;
}

/**
 * eg_scheduler_rebuild:
 *
 * Recomputes every card's scheduling state from the review log (with the
 * current settings) and writes it, in one transaction.  Cards are replayed
 * on all processors: each card's history is independent of the others.
 */
gboolean
eg_scheduler_rebuild (EgScheduler  *self,
                      guint        *n_cards,
                      guint        *n_reviews,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (LogRow));
  g_autoptr(GArray) replays = g_array_new (FALSE, FALSE, sizeof (Replay));
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  ReplayJob jobs[8];
  guint n_jobs;
  int rc;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  if (!_eg_store_begin (self->store, error))
    return FALSE;

  /* every card, with its log rows in order (LEFT JOIN: cards never reviewed too) */
  stmt = _eg_store_prepare (self->store,
    "SELECT c.id, c.created, l.reviewed_at, l.rating, l.day"
    " FROM cards c LEFT JOIN review_log l ON l.card_id = c.id AND l.rescheduled = 1"
    " ORDER BY c.id, l.reviewed_at, l.id", error);
  if (stmt == NULL)
    goto failed;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (replays->len == 0 || g_array_index (replays, Replay, replays->len - 1).card_id != id)
        {
          Replay replay = { id, sqlite3_column_int64 (stmt, 1), rows->len, 0 };

          g_array_append_val (replays, replay);
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          LogRow row = {
            sqlite3_column_int64 (stmt, 2),
            sqlite3_column_int (stmt, 3),
            sqlite3_column_int (stmt, 4),
          };

          g_array_append_val (rows, row);
          g_array_index (replays, Replay, replays->len - 1).n_rows++;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self->store, error, "Cannot read the review log");
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  n_jobs = CLAMP (g_get_num_processors (), 1, G_N_ELEMENTS (jobs));
  n_jobs = MIN (n_jobs, MAX (replays->len / 16, 1));
  for (guint j = 0; j < n_jobs; j++)
    {
      jobs[j] = (ReplayJob) {
        &self->params, (const LogRow *) (void *) rows->data, (Replay *) (void *) replays->data,
        (guint) ((guint64) replays->len * j / n_jobs),
        (guint) ((guint64) replays->len * (j + 1) / n_jobs),
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
        goto failed;
      }

  for (guint i = 0; i < replays->len; i++)
    {
      Replay *replay = &g_array_index (replays, Replay, i);

      if (!_eg_scheduler_write_state (self, replay->card_id, &replay->card, replay->due_day, error))
        goto failed;
    }

  if (!_eg_store_commit (self->store, error))
    return FALSE;

  /* the restored rows of older undo steps would now be stale */
  g_queue_clear_full (&self->undo, (GDestroyNotify) _eg_undo_entry_free);

  if (n_cards != NULL)
    *n_cards = replays->len;
  if (n_reviews != NULL)
    *n_reviews = rows->len;
  return TRUE;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  _eg_store_rollback (self->store);
  return FALSE;
}
