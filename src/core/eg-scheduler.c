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

static void
state_to_fsrs (const EgCardState *state,
               EgFsrsCard        *card)
{
  card->state = (EgFsrsState) state->state;
  card->stability = state->stability;
  card->difficulty = state->difficulty;
  card->due = state->due;
  card->last_review = state->last_review;
  card->elapsed_days = state->elapsed_days;
  card->scheduled_days = state->scheduled_days;
  card->reps = state->reps;
  card->lapses = state->lapses;
  card->learning_steps = state->learning_steps;
}

/* Reads a card's scheduling state (and copies its rows for undo). */
EgCardSnapshot *
_eg_scheduler_snapshot_card (EgScheduler  *self,
                             gint64        card_id,
                             EgFsrsCard   *fsrs,
                             int          *due_day,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  EgCardSnapshot *snapshot;
  EgCardState state;
  int rc;

  stmt = _eg_store_cached (self->store,
    "SELECT c.flag, c.suspended, c.buried_until, " EG_STORE_STATE_COLUMNS ", c.deleted, s.*"
    " FROM cards c JOIN card_state s ON s.card_id = c.id"
    " WHERE c.id = ?1 AND c.deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, card_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_NO_CARD,
                     "There is no card %" G_GINT64_FORMAT, card_id);
      else
        _eg_store_set_error (self->store, error, "Cannot read the card");
      sqlite3_reset (stmt);
      return NULL;
    }

  snapshot = g_new0 (EgCardSnapshot, 1);
  snapshot->card_id = card_id;
  snapshot->flag = sqlite3_column_int (stmt, 0);
  snapshot->suspended = sqlite3_column_int (stmt, 1);
  snapshot->buried_until = sqlite3_column_int64 (stmt, 2);
  _eg_store_read_state (stmt, 3, &state);
  snapshot->reps = state.reps;
  snapshot->last_review = state.last_review;
  snapshot->deleted = sqlite3_column_int64 (stmt, 14);
  snapshot->n_state = MIN (sqlite3_column_count (stmt) - 15, MAX_STATE_COLUMNS);
  for (int i = 0; i < snapshot->n_state; i++)
    snapshot->state[i] = sqlite3_value_dup (sqlite3_column_value (stmt, 15 + i));
  sqlite3_reset (stmt);

  if (fsrs != NULL)
    state_to_fsrs (&state, fsrs);
  if (due_day != NULL)
    *due_day = state.due_day;

  return snapshot;
}

/* Puts a card's rows back exactly as they were copied. */
gboolean
_eg_scheduler_restore_snapshot (EgScheduler    *self,
                                EgCardSnapshot *snapshot,
                                GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT OR REPLACE INTO card_state VALUES (");
  g_autoptr(sqlite3_stmt) insert = NULL;
  sqlite3_stmt *stmt;

  for (int i = 0; i < snapshot->n_state; i++)
    g_string_append (sql, i ? ", ?" : "?");
  g_string_append (sql, ")");

  insert = _eg_store_prepare (self->store, sql->str, error);
  if (insert == NULL)
    return FALSE;
  for (int i = 0; i < snapshot->n_state; i++)
    sqlite3_bind_value (insert, i + 1, snapshot->state[i]);
  if (!_eg_store_step_done (self->store, insert, error))
    return FALSE;

  stmt = _eg_store_cached (self->store,
    "UPDATE cards SET flag = ?2, suspended = ?3, buried_until = ?4, deleted = ?5 WHERE id = ?1",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, snapshot->card_id);
  sqlite3_bind_int (stmt, 2, snapshot->flag);
  sqlite3_bind_int (stmt, 3, snapshot->suspended);
  sqlite3_bind_int64 (stmt, 4, snapshot->buried_until);
  sqlite3_bind_int64 (stmt, 5, snapshot->deleted);
  return _eg_store_step_done (self->store, stmt, error);
}

gboolean
_eg_scheduler_write_state (EgScheduler       *self,
                           gint64             card_id,
                           const EgFsrsCard  *card,
                           int                due_day,
                           GError           **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self->store,
    "UPDATE card_state SET state = ?2, due = ?3, stability = ?4, difficulty = ?5,"
    "  elapsed_days = ?6, scheduled_days = ?7, reps = ?8, lapses = ?9,"
    "  learning_steps = ?10, last_review = ?11, due_day = ?12"
    " WHERE card_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int (stmt, 2, card->state);
  sqlite3_bind_int64 (stmt, 3, card->due);
  sqlite3_bind_double (stmt, 4, card->stability);
  sqlite3_bind_double (stmt, 5, card->difficulty);
  sqlite3_bind_int (stmt, 6, card->elapsed_days);
  sqlite3_bind_int (stmt, 7, card->scheduled_days);
  sqlite3_bind_int (stmt, 8, card->reps);
  sqlite3_bind_int (stmt, 9, card->lapses);
  sqlite3_bind_int (stmt, 10, card->learning_steps);
  if (card->last_review != 0)
    sqlite3_bind_int64 (stmt, 11, card->last_review);
  else
    sqlite3_bind_null (stmt, 11);
  sqlite3_bind_int (stmt, 12, due_day);
  return _eg_store_step_done (self->store, stmt, error);
}

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
  sqlite3_stmt *stmt = _eg_store_cached (self->store,
    "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, state_after,"
    "  stability_before, stability_after, difficulty_before, difficulty_after,"
    "  elapsed_days, scheduled_days, due_after, duration_ms, rescheduled, day)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?15, ?14)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int64 (stmt, 2, now_ms);
  sqlite3_bind_int (stmt, 3, rating);
  sqlite3_bind_int (stmt, 4, before->state);
  sqlite3_bind_int (stmt, 5, after->state);
  sqlite3_bind_double (stmt, 6, before->stability);
  sqlite3_bind_double (stmt, 7, after->stability);
  sqlite3_bind_double (stmt, 8, before->difficulty);
  sqlite3_bind_double (stmt, 9, after->difficulty);
  sqlite3_bind_int (stmt, 10, after->elapsed_days);
  sqlite3_bind_int (stmt, 11, after->scheduled_days);
  sqlite3_bind_int64 (stmt, 12, after->due);
  sqlite3_bind_int64 (stmt, 13, MAX (duration_ms, 0));
  sqlite3_bind_int (stmt, 14, day);
  sqlite3_bind_int (stmt, 15, rescheduled ? 1 : 0);
  if (!_eg_store_step_done (self->store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_eg_store_get_db (self->store));
}
