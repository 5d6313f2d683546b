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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <string.h>

#include "eg-scheduler.h"
#include "eg-store-private.h"
#include "eg-time.h"

/* Learning cards due this soon are shown when nothing else is left. */
#define LEARN_AHEAD_MS (20 * 60 * 1000)

/* The columns of card_state, in table order, as the undo snapshots copy them. */
#define MAX_STATE_COLUMNS 32

typedef struct
{
  gint64          card_id;
  sqlite3_value  *state[MAX_STATE_COLUMNS];
  int             n_state;
  int             flag;
  int             suspended;
  gint64          buried_until;
  gint64          deleted;
  int             reps;
  gint64          last_review;
} Snapshot;

typedef struct
{
  EgUndoKind  kind;
  GPtrArray  *snapshots;   /* Snapshot */
  GArray     *log_ids;     /* gint64: review_log rows this change added */
} UndoEntry;

typedef enum
{
  ENTRY_NEW,
  ENTRY_REVIEW,
  ENTRY_LEARNING,   /* custom study: a learning card shown now, not when due */
} EntryKind;

typedef struct
{
  gint64     card_id;
  EntryKind  kind;
} MainEntry;

typedef struct
{
  gint64 card_id;
  gint64 due;
} LearnEntry;

struct _EgQueue
{
  GArray      *main;       /* MainEntry: reviews with new cards mixed in */
  guint        main_pos;
  GArray      *learning;   /* LearnEntry, by due time, due before day_end */
  gint64       day_end;
  GHashTable  *versions;   /* card id -> Version the queue saw */
};

/* What a card's state was when the queue took it: a grade of a card that
 * another program graded meanwhile is refused (see check_version()). */
typedef struct
{
  int     reps;
  gint64  last_review;
} Version;

struct _EgScheduler
{
  GObject              parent_instance;
  EgStore             *store;
  EgSchedulerSettings  settings;
  EgFsrsParams         params;
  GQueue               undo;      /* UndoEntry, newest first */
  GHashTable          *written;   /* card id -> Version of this scheduler's last change */
};

G_DEFINE_FINAL_TYPE (EgScheduler, eg_scheduler, G_TYPE_OBJECT)

G_DEFINE_QUARK (eg-scheduler-error-quark, eg_scheduler_error)

/* ------------------------------------------------------------------ */
/* Settings                                                             */
/* ------------------------------------------------------------------ */

void
eg_scheduler_settings_init (EgSchedulerSettings *settings)
{
  static const char * const learning[] = { "1m", "10m", NULL };
  static const char * const relearning[] = { "10m", NULL };

  memset (settings, 0, sizeof *settings);
  settings->desired_retention = 0.90;
  settings->learning_steps = g_strdupv ((char **) learning);
  settings->relearning_steps = g_strdupv ((char **) relearning);
  settings->new_per_day = 20;
  settings->reviews_per_day = 200;
  settings->maximum_interval = 36500;
  settings->fuzz = TRUE;
  settings->day_start_hour = 4;
  memcpy (settings->weights, eg_fsrs_default_weights (), sizeof settings->weights);
}

void
eg_scheduler_settings_clear (EgSchedulerSettings *settings)
{
  g_clear_pointer (&settings->learning_steps, g_strfreev);
  g_clear_pointer (&settings->relearning_steps, g_strfreev);
}

static gboolean
invalid_setting (GError     **error,
                 const char  *key,
                 const char  *value,
                 const char  *expected)
{
  g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_INVALID_SETTING,
               "Setting “%s” is “%s”; %s", key, value, expected);
  return FALSE;
}

static gboolean
parse_int (const char  *key,
           const char  *value,
           int          min,
           int          max,
           int         *out,
           GError     **error)
{
  gint64 n;

  if (!g_ascii_string_to_signed (value, 10, min, max, &n, NULL))
    {
      g_autofree char *expected = g_strdup_printf ("expected a whole number from %d to %d",
                                                   min, max);
      return invalid_setting (error, key, value, expected);
    }
  *out = (int) n;
  return TRUE;
}

/**
 * eg_scheduler_settings_load:
 *
 * Reads the settings from the collection; keys that are not set keep the
 * defaults of eg_scheduler_settings_init().
 */
gboolean
eg_scheduler_settings_load (EgSchedulerSettings  *settings,
                            EgStore              *store,
                            GError              **error)
{
  g_autofree char *retention = eg_store_get_setting (store, "desired-retention");
  g_autofree char *learning = eg_store_get_setting (store, "learning-steps");
  g_autofree char *relearning = eg_store_get_setting (store, "relearning-steps");
  g_autofree char *new_per_day = eg_store_get_setting (store, "new-per-day");
  g_autofree char *reviews_per_day = eg_store_get_setting (store, "reviews-per-day");
  g_autofree char *maximum = eg_store_get_setting (store, "maximum-interval");
  g_autofree char *fuzz = eg_store_get_setting (store, "fuzz");
  g_autofree char *day_start = eg_store_get_setting (store, "day-start-hour");
  g_autofree char *weights = eg_store_get_setting (store, "fsrs-weights");

  eg_scheduler_settings_clear (settings);
  eg_scheduler_settings_init (settings);

  if (retention != NULL)
    {
      char *end = NULL;
      double value = g_ascii_strtod (retention, &end);

      if (end == retention || *end != '\0' || !(value >= 0.7 && value <= 0.99))
        return invalid_setting (error, "desired-retention", retention,
                                "expected a number from 0.70 to 0.99");
      settings->desired_retention = value;
    }
  if (learning != NULL)
    {
      g_strfreev (settings->learning_steps);
      settings->learning_steps = g_strsplit_set (g_strstrip (learning), " ,", -1);
    }
  if (relearning != NULL)
    {
      g_strfreev (settings->relearning_steps);
      settings->relearning_steps = g_strsplit_set (g_strstrip (relearning), " ,", -1);
    }
  if ((new_per_day && !parse_int ("new-per-day", new_per_day, 0, 9999,
                                  &settings->new_per_day, error)) ||
      (reviews_per_day && !parse_int ("reviews-per-day", reviews_per_day, 0, 99999,
                                      &settings->reviews_per_day, error)) ||
      (maximum && !parse_int ("maximum-interval", maximum, 1, 36500,
                              &settings->maximum_interval, error)) ||
      (day_start && !parse_int ("day-start-hour", day_start, 0, 23,
                                &settings->day_start_hour, error)))
    return FALSE;
  if (fuzz != NULL)
    {
      if (!g_str_equal (fuzz, "true") && !g_str_equal (fuzz, "false"))
        return invalid_setting (error, "fuzz", fuzz, "expected true or false");
      settings->fuzz = g_str_equal (fuzz, "true");
    }
  if (weights != NULL)
    {
      g_auto(GStrv) items = g_strsplit (weights, ",", -1);

      if (g_strv_length (items) != EG_FSRS_N_PARAMS)
        return invalid_setting (error, "fsrs-weights", weights, "expected 21 numbers");
      for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
        {
          char *end = NULL;

          settings->weights[i] = g_ascii_strtod (items[i], &end);
          if (end == items[i] || *end != '\0')
            return invalid_setting (error, "fsrs-weights", weights, "expected 21 numbers");
        }
    }

  /* empty lists ("") mean no steps */
  for (char **p = settings->learning_steps; p && *p; p++)
    if (**p == '\0')
      {
        g_strfreev (settings->learning_steps);
        settings->learning_steps = g_new0 (char *, 1);
        break;
      }
  for (char **p = settings->relearning_steps; p && *p; p++)
    if (**p == '\0')
      {
        g_strfreev (settings->relearning_steps);
        settings->relearning_steps = g_new0 (char *, 1);
        break;
      }

  return TRUE;
}

gboolean
eg_scheduler_settings_to_params (const EgSchedulerSettings  *settings,
                                 EgFsrsParams               *params,
                                 GError                    **error)
{
  return eg_fsrs_params_init (params, settings->weights, EG_FSRS_N_PARAMS,
                              settings->desired_retention, settings->maximum_interval,
                              settings->fuzz, TRUE,
                              (const char * const *) settings->learning_steps,
                              (const char * const *) settings->relearning_steps,
                              error);
}

gboolean
eg_scheduler_settings_save (const EgSchedulerSettings  *settings,
                            EgStore                    *store,
                            GError                    **error)
{
  g_autoptr(GString) weights = g_string_new (NULL);
  g_autofree char *learning = g_strjoinv (" ", settings->learning_steps);
  g_autofree char *relearning = g_strjoinv (" ", settings->relearning_steps);
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  EgFsrsParams params;
  struct { const char *key; char *value; } items[] = {
    { "desired-retention", g_strdup (g_ascii_dtostr (number, sizeof number,
                                                     settings->desired_retention)) },
    { "learning-steps", g_strdup (learning) },
    { "relearning-steps", g_strdup (relearning) },
    { "new-per-day", g_strdup_printf ("%d", settings->new_per_day) },
    { "reviews-per-day", g_strdup_printf ("%d", settings->reviews_per_day) },
    { "maximum-interval", g_strdup_printf ("%d", settings->maximum_interval) },
    { "fuzz", g_strdup (settings->fuzz ? "true" : "false") },
    { "day-start-hour", g_strdup_printf ("%d", settings->day_start_hour) },
    { "fsrs-weights", NULL },
  };
  gboolean ok = TRUE;

  /* refuse what the scheduler could not use */
  if (!eg_scheduler_settings_to_params (settings, &params, error))
    ok = FALSE;

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    g_string_append_printf (weights, "%s%s", i ? "," : "",
                            g_ascii_dtostr (number, sizeof number, settings->weights[i]));
  items[G_N_ELEMENTS (items) - 1].value = g_strdup (weights->str);

  if (ok && !_eg_store_begin (store, error))
    ok = FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (items); i++)
    ok = eg_store_set_setting (store, items[i].key, items[i].value, error);
  if (ok)
    ok = _eg_store_commit (store, error);
  else
    _eg_store_rollback (store);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    g_free (items[i].value);
  return ok;
}

/* ------------------------------------------------------------------ */
/* The object                                                           */
/* ------------------------------------------------------------------ */

static void
snapshot_free (Snapshot *snapshot)
{
  for (int i = 0; i < snapshot->n_state; i++)
    sqlite3_value_free (snapshot->state[i]);
  g_free (snapshot);
}

static void
undo_entry_free (UndoEntry *entry)
{
  g_ptr_array_unref (entry->snapshots);
  g_array_unref (entry->log_ids);
  g_free (entry);
}

static void
eg_scheduler_finalize (GObject *object)
{
  EgScheduler *self = (EgScheduler *)object;

  g_queue_clear_full (&self->undo, (GDestroyNotify) undo_entry_free);
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

static gint64
day_start (EgScheduler *self,
           int          day)
{
  return eg_time_study_day_start (day, self->settings.day_start_hour);
}

/* ------------------------------------------------------------------ */
/* Rows                                                                 */
/* ------------------------------------------------------------------ */

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
static Snapshot *
snapshot_card (EgScheduler  *self,
               gint64        card_id,
               EgFsrsCard   *fsrs,
               int          *due_day,
               GError      **error)
{
  sqlite3_stmt *stmt;
  Snapshot *snapshot;
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

  snapshot = g_new0 (Snapshot, 1);
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
static gboolean
restore_snapshot (EgScheduler  *self,
                  Snapshot     *snapshot,
                  GError      **error)
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

static gboolean
write_state (EgScheduler       *self,
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

static gint64
append_log (EgScheduler       *self,
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

static UndoEntry *
undo_entry_new (EgUndoKind kind)
{
  UndoEntry *entry = g_new0 (UndoEntry, 1);

  entry->kind = kind;
  entry->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) snapshot_free);
  entry->log_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return entry;
}

static void
push_undo (EgScheduler *self,
           UndoEntry   *entry)
{
  g_queue_push_head (&self->undo, entry);
  while (g_queue_get_length (&self->undo) > EG_SCHEDULER_UNDO_LEVELS)
    undo_entry_free (g_queue_pop_tail (&self->undo));
}

/* ------------------------------------------------------------------ */
/* The queue                                                            */
/* ------------------------------------------------------------------ */

#define ELIGIBLE "c.deleted = 0 AND c.suspended = 0 AND c.buried_until <= ?1"
/* ?8 deck, ?9 section: 0 for all */
#define SELECTED "(?8 = 0 OR c.deck_id = ?8) AND (?9 = 0 OR c.section_id = ?9)"

static void
remember_version (GHashTable *versions,
                  gint64      card_id,
                  int         reps,
                  gint64      last_review)
{
  Version *version = g_new (Version, 1);

  version->reps = reps;
  version->last_review = last_review;
  g_hash_table_insert (versions, g_memdup2 (&card_id, sizeof card_id), version);
}

/* Columns @first and @first + 1 are the card's reps and last_review. */
static void
remember_row (EgQueue      *queue,
              gint64        card_id,
              sqlite3_stmt *stmt,
              int           first)
{
  remember_version (queue->versions, card_id, sqlite3_column_int (stmt, first),
                    sqlite3_column_int64 (stmt, first + 1));
}

static int
count_today (EgScheduler  *self,
             int           today,
             int           state_before,
             GError      **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self->store,
    "SELECT count(*) FROM review_log"
    " WHERE day = ?1 AND state_before = ?2 AND rating > 0 AND rescheduled = 1", error);
  int n;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int (stmt, 1, today);
  sqlite3_bind_int (stmt, 2, state_before);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eg_store_set_error (self->store, error, "Cannot count today's reviews");
      sqlite3_reset (stmt);
      return -1;
    }
  n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
collect_ids (EgScheduler  *self,
             EgQueue      *queue,
             sqlite3_stmt *stmt,
             GArray       *ids,
             GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
      remember_row (queue, id, stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self->store, error, "Cannot build the study queue");
  return TRUE;
}

static void
insert_learning (EgQueue *queue,
                 gint64   card_id,
                 gint64   due)
{
  LearnEntry entry = { card_id, due };
  guint i = queue->learning->len;

  while (i > 0 && g_array_index (queue->learning, LearnEntry, i - 1).due > due)
    i--;
  g_array_insert_val (queue->learning, i, entry);
}

static gboolean
remove_card (EgQueue *queue,
             gint64   card_id)
{
  for (guint i = 0; i < queue->learning->len; i++)
    if (g_array_index (queue->learning, LearnEntry, i).card_id == card_id)
      {
        g_array_remove_index (queue->learning, i);
        return TRUE;
      }
  for (guint i = queue->main_pos; i < queue->main->len; i++)
    if (g_array_index (queue->main, MainEntry, i).card_id == card_id)
      {
        g_array_remove_index (queue->main, i);
        return TRUE;
      }
  return FALSE;
}

static void
bind_selection (sqlite3_stmt         *stmt,
                const EgQueueOptions *options)
{
  sqlite3_bind_int64 (stmt, 8, options->deck_id);
  sqlite3_bind_int64 (stmt, 9, options->section_id);
}

/**
 * eg_scheduler_build_queue:
 *
 * Today's queue at @now_ms over the whole collection: (re)learning cards by
 * due time; review cards due today, least likely remembered first; new cards
 * in deck order, spread among the reviews.  Daily limits count what was
 * studied earlier today; suspended, buried and deleted cards are left out.
 */
EgQueue *
eg_scheduler_build_queue (EgScheduler  *self,
                          gint64        now_ms,
                          GError      **error)
{
  EgQueueOptions options = { 0 };

  return eg_scheduler_build_queue_full (self, now_ms, &options, error);
}

/**
 * eg_scheduler_build_queue_full:
 * @options: which cards (a deck, a section), studying ahead, or every card
 *
 * As eg_scheduler_build_queue(), for part of the collection.
 */
EgQueue *
eg_scheduler_build_queue_full (EgScheduler           *self,
                               gint64                 now_ms,
                               const EgQueueOptions  *options,
                               GError               **error)
{
  g_autoptr(EgQueue) queue = g_new0 (EgQueue, 1);
  g_autoptr(GArray) reviews = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) news = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 horizon = now_ms + MAX (options->ahead_ms, 0);
  int today, horizon_day, introduced, reviewed;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  queue->main = g_array_new (FALSE, FALSE, sizeof (MainEntry));
  queue->learning = g_array_new (FALSE, FALSE, sizeof (LearnEntry));
  queue->versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  today = eg_scheduler_study_day (self, now_ms);
  horizon_day = eg_scheduler_study_day (self, horizon);
  queue->day_end = day_start (self, today + 1);

  if ((introduced = count_today (self, today, EG_FSRS_STATE_NEW, error)) < 0 ||
      (reviewed = count_today (self, today, EG_FSRS_STATE_REVIEW, error)) < 0)
    return NULL;

  /* (re)learning, due before the day ends */
  stmt = _eg_store_cached (self->store,
    "SELECT s.card_id, s.due, s.reps, coalesce (s.last_review, 0)"
    " FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE s.state IN (1, 3) AND s.due < ?2 AND " ELIGIBLE " AND " SELECTED
    " ORDER BY s.due, s.card_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int64 (stmt, 2, MAX (queue->day_end, horizon));
  bind_selection (stmt, options);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LearnEntry entry = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (queue->learning, entry);
      remember_row (queue, entry.card_id, stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self->store, error, "Cannot build the study queue");
      return NULL;
    }

  if (options->n_card_ids > 0)
    {
      /* custom study: these cards, now, in this order */
      stmt = _eg_store_cached (self->store,
        "SELECT s.state, s.reps, coalesce (s.last_review, 0)"
        " FROM card_state s JOIN cards c ON c.id = s.card_id"
        " WHERE c.id = ?2 AND c.deleted = 0 AND c.suspended = 0", error);
      if (stmt == NULL)
        return NULL;
      g_array_set_size (queue->learning, 0);
      for (guint i = 0; i < options->n_card_ids; i++)
        {
          sqlite3_bind_int64 (stmt, 2, options->card_ids[i]);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              int state = sqlite3_column_int (stmt, 0);
              MainEntry entry = {
                options->card_ids[i],
                state == EG_FSRS_STATE_NEW ? ENTRY_NEW
                : state == EG_FSRS_STATE_REVIEW ? ENTRY_REVIEW : ENTRY_LEARNING
              };

              g_array_append_val (queue->main, entry);
              remember_row (queue, entry.card_id, stmt, 1);
            }
          sqlite3_reset (stmt);
        }
      return g_steal_pointer (&queue);
    }

  if (options->all_cards)
    {
      /* every other card of the selection, in deck order */
      stmt = _eg_store_cached (self->store,
        "SELECT c.id, s.state, s.reps, coalesce (s.last_review, 0) FROM decks d"
        " JOIN sections sec ON sec.deck_id = d.id"
        " JOIN cards c ON c.section_id = sec.id"
        " JOIN card_state s ON s.card_id = c.id"
        " WHERE s.state IN (0, 2) AND " ELIGIBLE " AND " SELECTED
        " ORDER BY d.position, d.id, sec.position, c.position", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, now_ms);
      bind_selection (stmt, options);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          MainEntry entry = { sqlite3_column_int64 (stmt, 0),
                              sqlite3_column_int (stmt, 1) == 0 ? ENTRY_NEW : ENTRY_REVIEW };
          g_array_append_val (queue->main, entry);
          remember_row (queue, entry.card_id, stmt, 2);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _eg_store_set_error (self->store, error, "Cannot build the study queue");
          return NULL;
        }
      return g_steal_pointer (&queue);
    }

  /* reviews due; lowest retrievability first is highest t/S */
  stmt = _eg_store_cached (self->store,
    "SELECT s.card_id, s.reps, coalesce (s.last_review, 0)"
    " FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE s.state = 2 AND s.due_day <= ?2 AND " ELIGIBLE " AND " SELECTED
    " ORDER BY (?1 - s.last_review) / s.stability DESC, s.card_id"
    " LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int (stmt, 2, horizon_day);
  sqlite3_bind_int (stmt, 3, MAX (self->settings.reviews_per_day - reviewed, 0));
  bind_selection (stmt, options);
  if (!collect_ids (self, queue, stmt, reviews, error))
    return NULL;

  /* new cards in deck order */
  stmt = _eg_store_cached (self->store,
    "SELECT c.id, s.reps, coalesce (s.last_review, 0) FROM decks d"
    " JOIN sections sec ON sec.deck_id = d.id"
    " JOIN cards c ON c.section_id = sec.id"
    " JOIN card_state s ON s.card_id = c.id"
    " WHERE s.state = 0 AND " ELIGIBLE " AND " SELECTED
    " ORDER BY d.position, d.id, sec.position, c.position"
    " LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int (stmt, 2, MAX (self->settings.new_per_day - introduced, 0));
  bind_selection (stmt, options);
  if (!collect_ids (self, queue, stmt, news, error))
    return NULL;

  /* new card i goes after round ((i + 1) * R / (N + 1)) reviews */
  for (guint r = 0, n = 0; r < reviews->len || n < news->len;)
    {
      MainEntry entry;
      guint due_reviews = news->len ? (guint) (((double) (n + 1) * reviews->len) /
                                               (news->len + 1) + 0.5) : reviews->len;

      if (n < news->len && (r >= due_reviews || r >= reviews->len))
        entry = (MainEntry) { g_array_index (news, gint64, n++), ENTRY_NEW };
      else
        entry = (MainEntry) { g_array_index (reviews, gint64, r++), ENTRY_REVIEW };
      g_array_append_val (queue->main, entry);
    }

  return g_steal_pointer (&queue);
}

/**
 * eg_queue_remove:
 *
 * Takes a card out of the queue (after suspending or burying it).
 */
void
eg_queue_remove (EgQueue *queue,
                 gint64   card_id)
{
  g_return_if_fail (queue != NULL);
  remove_card (queue, card_id);
}

/**
 * eg_queue_peek:
 *
 * Returns: the card to show at @now_ms, or 0 when nothing is left now
 */
gint64
eg_queue_peek (EgQueue *queue,
               gint64   now_ms)
{
  g_return_val_if_fail (queue != NULL, 0);

  if (queue->learning->len > 0 &&
      g_array_index (queue->learning, LearnEntry, 0).due <= now_ms)
    return g_array_index (queue->learning, LearnEntry, 0).card_id;
  if (queue->main_pos < queue->main->len)
    return g_array_index (queue->main, MainEntry, queue->main_pos).card_id;
  if (queue->learning->len > 0 &&
      g_array_index (queue->learning, LearnEntry, 0).due <= now_ms + LEARN_AHEAD_MS)
    return g_array_index (queue->learning, LearnEntry, 0).card_id;
  return 0;
}

void
eg_queue_get_counts (EgQueue       *queue,
                     EgQueueCounts *counts)
{
  g_return_if_fail (queue != NULL);

  memset (counts, 0, sizeof *counts);
  counts->learning = queue->learning->len;
  for (guint i = queue->main_pos; i < queue->main->len; i++)
    {
      EntryKind kind = g_array_index (queue->main, MainEntry, i).kind;

      if (kind == ENTRY_NEW)
        counts->new_cards++;
      else if (kind == ENTRY_LEARNING)
        counts->learning++;
      else
        counts->review++;
    }
}

/**
 * eg_queue_get_next_due:
 *
 * Returns: when the first learning card left in the queue is due, or 0
 */
gint64
eg_queue_get_next_due (EgQueue *queue)
{
  g_return_val_if_fail (queue != NULL, 0);

  if (queue->learning->len == 0)
    return 0;
  return g_array_index (queue->learning, LearnEntry, 0).due;
}

void
eg_queue_free (EgQueue *queue)
{
  if (queue == NULL)
    return;
  g_array_unref (queue->main);
  g_array_unref (queue->learning);
  g_hash_table_unref (queue->versions);
  g_free (queue);
}

/* After a change of @card_id, put it where its new state belongs. */
static void
requeue (EgScheduler *self,
         EgQueue     *queue,
         gint64       card_id,
         gboolean     to_front,
         gint64       now_ms)
{
  EgFsrsCard card;
  g_autoptr(GError) error = NULL;
  Snapshot *snapshot;
  int due_day;
  gboolean eligible;

  remove_card (queue, card_id);

  snapshot = snapshot_card (self, card_id, &card, &due_day, &error);
  if (snapshot == NULL)
    return;
  remember_version (queue->versions, card_id, card.reps, card.last_review);
  eligible = !snapshot->suspended && snapshot->buried_until <= now_ms;
  snapshot_free (snapshot);
  if (!eligible)
    return;

  if (card.state == EG_FSRS_STATE_LEARNING || card.state == EG_FSRS_STATE_RELEARNING)
    {
      if (card.due < queue->day_end)
        insert_learning (queue, card_id, card.due);
    }
  else if (to_front)
    {
      MainEntry entry = { card_id, card.state == EG_FSRS_STATE_NEW ? ENTRY_NEW : ENTRY_REVIEW };

      g_array_insert_val (queue->main, queue->main_pos, entry);
    }
}

/* ------------------------------------------------------------------ */
/* Changes                                                              */
/* ------------------------------------------------------------------ */

/* Inside the grade's transaction: is the card as the queue saw it? */
static gboolean
check_version (EgScheduler       *self,
               EgQueue           *queue,
               gint64             card_id,
               const EgFsrsCard  *card,
               GError           **error)
{
  Version *version = g_hash_table_lookup (queue->versions, &card_id);
  Version *written = g_hash_table_lookup (self->written, &card_id);

  if (version == NULL ||
      (version->reps == card->reps && version->last_review == card->last_review) ||
      (written != NULL && written->reps == card->reps &&
       written->last_review == card->last_review))
    return TRUE;

  g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_STALE,
               "The card was reviewed elsewhere (in another window or program) since it "
               "was shown; this grade was not saved");
  return FALSE;
}

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

/**
 * eg_scheduler_grade_full:
 * @reschedule: %FALSE for a preview: the review is logged (marked as not
 *   rescheduling) but the card's schedule stays as it was
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
  UndoEntry *entry = NULL;
  Snapshot *snapshot;
  EgFsrsCard before, after;
  gint64 log_id;
  int today, due_day;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (rating >= EG_FSRS_AGAIN && rating <= EG_FSRS_EASY, FALSE);

  if (!_eg_store_begin (self->store, error))
    return FALSE;

  snapshot = snapshot_card (self, card_id, &before, NULL, error);
  if (snapshot == NULL)
    goto failed;
  entry = undo_entry_new (EG_UNDO_GRADE);
  g_ptr_array_add (entry->snapshots, snapshot);
  if (queue != NULL && !check_version (self, queue, card_id, &before, error))
    goto failed;

  if (!eg_fsrs_review (&self->params, &before, now_ms, rating, &after, error))
    goto failed;

  today = eg_scheduler_study_day (self, now_ms);
  due_day = today + after.scheduled_days;
  if ((reschedule && !write_state (self, card_id, &after, due_day, error)) ||
      !(log_id = append_log (self, card_id, now_ms, rating, today, &before, &after,
                             duration_ms, reschedule, error)))
    goto failed;
  if (!_eg_store_commit (self->store, error))
    goto failed;

  g_array_append_val (entry->log_ids, log_id);
  push_undo (self, entry);
  if (reschedule)
    remember_version (self->written, card_id, after.reps, after.last_review);

  if (queue != NULL)
    {
      if (reschedule)
        requeue (self, queue, card_id, FALSE, now_ms);
      else
        remove_card (queue, card_id);
    }

  if (result != NULL)
    *result = (EgGradeResult) { before, after, log_id, due_day };
  return TRUE;

failed:
  _eg_store_rollback (self->store);
  if (entry != NULL)
    undo_entry_free (entry);
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
  Snapshot *snapshot;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  snapshot = snapshot_card (self, card_id, &card, NULL, error);
  if (snapshot == NULL)
    return FALSE;
  snapshot_free (snapshot);

  return eg_fsrs_preview (&self->params, &card, now_ms, outcomes, error);
}

typedef gboolean (*ChangeFunc) (EgScheduler  *self,
                                gint64        card_id,
                                const EgFsrsCard *card,
                                gpointer      data,
                                UndoEntry    *entry,
                                GError      **error);

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
  UndoEntry *entry = undo_entry_new (kind);

  if (!_eg_store_begin (self->store, error))
    {
      undo_entry_free (entry);
      return FALSE;
    }

  for (guint i = 0; i < n_cards; i++)
    {
      EgFsrsCard card;
      Snapshot *snapshot = snapshot_card (self, card_ids[i], &card, NULL, error);

      if (snapshot == NULL)
        goto failed;
      g_ptr_array_add (entry->snapshots, snapshot);
      if (!func (self, card_ids[i], &card, data, entry, error))
        goto failed;
    }

  if (!_eg_store_commit (self->store, error))
    goto failed;

  push_undo (self, entry);
  return TRUE;

failed:
  _eg_store_rollback (self->store);
  undo_entry_free (entry);
  return FALSE;
}

static gboolean
update_card_column (EgScheduler  *self,
                    const char   *sql,
                    gint64        card_id,
                    gint64        value,
                    GError      **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int64 (stmt, 2, value);
  return _eg_store_step_done (self->store, stmt, error);
}

static gboolean
suspend_one (EgScheduler       *self,
             gint64             card_id,
             const EgFsrsCard  *card,
             gpointer           data,
             UndoEntry         *entry,
             GError           **error)
{
  return update_card_column (self, "UPDATE cards SET suspended = ?2 WHERE id = ?1",
                             card_id, GPOINTER_TO_INT (data), error);
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
          UndoEntry         *entry,
          GError           **error)
{
  return update_card_column (self, "UPDATE cards SET buried_until = ?2 WHERE id = ?1",
                             card_id, *(gint64 *) data, error);
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

  until = day_start (self, eg_scheduler_study_day (self, now_ms) + 1);
  return change_cards (self, EG_UNDO_BURY, card_ids, n_cards, bury_one, &until, error);
}

static gboolean
flag_one (EgScheduler       *self,
          gint64             card_id,
          const EgFsrsCard  *card,
          gpointer           data,
          UndoEntry         *entry,
          GError           **error)
{
  return update_card_column (self, "UPDATE cards SET flag = ?2 WHERE id = ?1",
                             card_id, GPOINTER_TO_INT (data), error);
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
                   "A flag is a number from 0 (none) to 7, not %d", flag);
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
           UndoEntry         *entry,
           GError           **error)
{
  gint64 now_ms = *(gint64 *) data;
  EgFsrsCard fresh;
  gint64 log_id;

  eg_fsrs_card_init_new (&fresh, now_ms);
  if (!write_state (self, card_id, &fresh, 0, error) ||
      !(log_id = append_log (self, card_id, now_ms, 0, eg_scheduler_study_day (self, now_ms),
                             card, &fresh, 0, TRUE, error)))
    return FALSE;
  g_array_append_val (entry->log_ids, log_id);
  remember_version (self->written, card_id, fresh.reps, fresh.last_review);
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
            UndoEntry         *entry,
            GError           **error)
{
  return update_card_column (self, "UPDATE cards SET deleted = ?2 WHERE id = ?1",
                             card_id, *(gint64 *) data, error);
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
  UndoEntry *entry;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);

  entry = g_queue_peek_head (&self->undo);
  if (entry == NULL)
    {
      g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_NOTHING_TO_UNDO,
                   "There is nothing to undo");
      return FALSE;
    }

  if (!_eg_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < entry->log_ids->len; i++)
    {
      sqlite3_stmt *stmt = _eg_store_cached (self->store,
                                             "DELETE FROM review_log WHERE id = ?1", error);

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, g_array_index (entry->log_ids, gint64, i));
      if (!_eg_store_step_done (self->store, stmt, error))
        goto failed;
    }
  for (guint i = entry->snapshots->len; i > 0; i--)
    if (!restore_snapshot (self, g_ptr_array_index (entry->snapshots, i - 1), error))
      goto failed;

  if (!_eg_store_commit (self->store, error))
    goto failed;

  g_queue_pop_head (&self->undo);
  for (guint i = 0; i < entry->snapshots->len; i++)
    {
      Snapshot *snapshot = g_ptr_array_index (entry->snapshots, i);

      remember_version (self->written, snapshot->card_id, snapshot->reps,
                        snapshot->last_review);
    }

  if (kind != NULL)
    *kind = entry->kind;
  if (card_id != NULL)
    *card_id = entry->snapshots->len ? ((Snapshot *) g_ptr_array_index (entry->snapshots, 0))->card_id : 0;

  if (queue != NULL)
    for (guint i = entry->snapshots->len; i > 0; i--)
      requeue (self, queue, ((Snapshot *) g_ptr_array_index (entry->snapshots, i - 1))->card_id,
               TRUE, now_ms);

  undo_entry_free (entry);
  return TRUE;

failed:
  _eg_store_rollback (self->store);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Rebuild, forecast                                                    */
/* ------------------------------------------------------------------ */

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

      if (!write_state (self, replay->card_id, &replay->card, replay->due_day, error))
        goto failed;
    }

  if (!_eg_store_commit (self->store, error))
    return FALSE;

  /* the restored rows of older undo steps would now be stale */
  g_queue_clear_full (&self->undo, (GDestroyNotify) undo_entry_free);

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

/**
 * eg_scheduler_section_stats:
 *
 * Returns: (transfer full): an #EgSectionStats for every section that has
 *   cards: how many cards, new, due now, and how well it is known (the mean
 *   current retrievability of its reviewed cards)
 */
GArray *
eg_scheduler_section_stats (EgScheduler  *self,
                            gint64        now_ms,
                            GError      **error)
{
  g_autoptr(GArray) stats = g_array_new (FALSE, TRUE, sizeof (EgSectionStats));
  g_autoptr(GArray) reviewed = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int today;
  int rc;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), NULL);

  today = eg_scheduler_study_day (self, now_ms);
  stmt = _eg_store_cached (self->store,
    "SELECT c.section_id, s.state, s.stability, s.last_review,"
    "       (s.state IN (1, 3) AND s.due <= ?1) OR (s.state = 2 AND s.due_day <= ?2),"
    "       c.suspended = 0 AND c.buried_until <= ?1"
    " FROM cards c JOIN card_state s ON s.card_id = c.id"
    " WHERE c.deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int (stmt, 2, today);

  /* the array does not move while it is read: grow it first, then index */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 section = sqlite3_column_int64 (stmt, 0);
      int state = sqlite3_column_int (stmt, 1);
      gpointer found;
      guint i;
      EgSectionStats *current;

      if (g_hash_table_lookup_extended (index, &section, NULL, &found))
        i = GPOINTER_TO_UINT (found);
      else
        {
          EgSectionStats fresh = { section, 0, 0, 0, 0 };
          guint zero = 0;
          gint64 *key = g_new (gint64, 1);

          *key = section;
          i = stats->len;
          g_array_append_val (stats, fresh);
          g_array_append_val (reviewed, zero);
          g_hash_table_insert (index, key, GUINT_TO_POINTER (i));
        }

      current = &g_array_index (stats, EgSectionStats, i);
      current->total++;
      if (state == EG_FSRS_STATE_NEW)
        current->new_cards++;
      else if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          EgFsrsCard card = {
            .state = (EgFsrsState) state,
            .stability = sqlite3_column_double (stmt, 2),
            .last_review = sqlite3_column_int64 (stmt, 3),
          };

          current->mastery += eg_fsrs_retrievability (&self->params, &card, now_ms);
          g_array_index (reviewed, guint, i)++;
        }
      if (sqlite3_column_int (stmt, 4) && sqlite3_column_int (stmt, 5))
        current->due++;
    }
  sqlite3_reset (stmt);
  /* the keys were allocated for the index */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, index);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self->store, error, "Cannot count the sections' cards");
      return NULL;
    }

  for (guint i = 0; i < stats->len; i++)
    {
      EgSectionStats *s = &g_array_index (stats, EgSectionStats, i);
      guint n = g_array_index (reviewed, guint, i);

      s->mastery = n > 0 ? s->mastery / n : -1;
    }
  return g_steal_pointer (&stats);
}

/**
 * eg_scheduler_forecast:
 *
 * Returns: (transfer full): guint counts of cards due on each of the next
 *   @n_days study days, today first (overdue cards count today); limits are
 *   not applied
 */
GArray *
eg_scheduler_forecast (EgScheduler  *self,
                       gint64        now_ms,
                       guint         n_days,
                       GError      **error)
{
  g_autoptr(GArray) days = NULL;
  sqlite3_stmt *stmt;
  int today;
  int rc;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), NULL);

  days = g_array_sized_new (FALSE, TRUE, sizeof (guint), n_days);
  g_array_set_size (days, n_days);
  today = eg_scheduler_study_day (self, now_ms);

  stmt = _eg_store_cached (self->store,
    "SELECT max (s.due_day, ?2), count(*) FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE s.state = 2 AND s.due_day < ?2 + ?3 AND " ELIGIBLE
    " GROUP BY 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int (stmt, 2, today);
  sqlite3_bind_int (stmt, 3, n_days);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_index (days, guint, sqlite3_column_int (stmt, 0) - today) += sqlite3_column_int (stmt, 1);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self->store, error, "Cannot compute the forecast");
      return NULL;
    }

  stmt = _eg_store_cached (self->store,
    "SELECT s.due FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE s.state IN (1, 3) AND " ELIGIBLE, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now_ms);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int day = MAX (eg_scheduler_study_day (self, sqlite3_column_int64 (stmt, 0)), today);

      if (day - today < (int) n_days)
        g_array_index (days, guint, day - today)++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self->store, error, "Cannot compute the forecast");
      return NULL;
    }

  return g_steal_pointer (&days);
}

/**
 * eg_scheduler_next_due:
 *
 * Returns: when the next card after @now_ms becomes due (ms): a learning
 *   step, the start of the study day a review is due, or tomorrow when new
 *   cards wait for the daily limit; 0 when no card will ever be due
 */
gint64
eg_scheduler_next_due (EgScheduler  *self,
                       gint64        now_ms,
                       GError      **error)
{
  sqlite3_stmt *stmt;
  int today;
  gint64 best = 0;
  gint64 tomorrow;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), 0);

  today = eg_scheduler_study_day (self, now_ms);
  tomorrow = day_start (self, today + 1);

  stmt = _eg_store_cached (self->store,
    "SELECT (SELECT min (s.due) FROM card_state s JOIN cards c ON c.id = s.card_id"
    "         WHERE s.state IN (1, 3) AND s.due > ?1 AND " ELIGIBLE "),"
    "       (SELECT min (s.due_day) FROM card_state s JOIN cards c ON c.id = s.card_id"
    "         WHERE s.state = 2 AND s.due_day > ?2 AND " ELIGIBLE "),"
    "       EXISTS (SELECT 1 FROM card_state s JOIN cards c ON c.id = s.card_id"
    "                WHERE (s.state = 2 OR (s.state = 0 AND ?3 > 0))"
    "                  AND s.due_day <= ?2 AND c.deleted = 0"
    "                  AND c.suspended = 0),"
    "       (SELECT min (buried_until) FROM cards WHERE buried_until > ?1 AND deleted = 0"
    "          AND suspended = 0)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int (stmt, 2, today);
  sqlite3_bind_int (stmt, 3, self->settings.new_per_day);   /* 0: new cards never come */
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eg_store_set_error (self->store, error, "Cannot find the next due card");
      sqlite3_reset (stmt);
      return 0;
    }

  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    best = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      gint64 review = day_start (self, sqlite3_column_int (stmt, 1));

      best = best ? MIN (best, review) : review;
    }
  /* new cards or reviews left over by today's limits come back tomorrow */
  if (sqlite3_column_int (stmt, 2))
    best = best ? MIN (best, tomorrow) : tomorrow;
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    {
      gint64 unburied = sqlite3_column_int64 (stmt, 3);

      best = best ? MIN (best, unburied) : unburied;
    }
  sqlite3_reset (stmt);

  return best;
}
