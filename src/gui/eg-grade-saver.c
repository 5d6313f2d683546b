/* eg-grade-saver.c - commits a grade without making the main thread wait
 *
 * The app's store does not wait for another program's write
 * (eg_store_set_write_timeout() 0): a grade that meets a busy collection
 * (EG_STORE_ERROR_BUSY: another program holds the write lock, or the
 * collection has not passed its integrity check yet) is kept as the user gave
 * it and tried again every EG_GRADE_SAVER_RETRY_MS, on a timer of the main
 * loop, until it is committed.  After the timeout it is given up and
 * ::finished reports the error.  Each try is one transaction: nothing is
 * written by a try that fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-grade-saver"

#include "config.h"

#include "eg-grade-saver.h"

struct _EgGradeSaver
{
  GObject         parent_instance;

  guint           timeout_ms;

  /* while a grade waits */
  EgScheduler    *scheduler;
  EgQueue        *queue;        /* borrowed: its owner keeps it while a grade waits */
  EgPendingGrade  pending;
  guint           retry_id;
  gint64          deadline;     /* monotonic µs */
};

G_DEFINE_FINAL_TYPE (EgGradeSaver, eg_grade_saver, G_TYPE_OBJECT)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
commit (EgGradeSaver  *self,
        GError       **error)
{
  return eg_scheduler_grade_full (self->scheduler, self->queue, self->pending.card_id,
                                  self->pending.rating, self->pending.graded_at,
                                  self->pending.duration_ms, self->pending.reschedule, NULL,
                                  error);
}

static gboolean
is_busy (const GError *error)
{
  return g_error_matches (error, EG_STORE_ERROR, EG_STORE_ERROR_BUSY);
}

static void
forget (EgGradeSaver *self)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_object (&self->scheduler);
  self->queue = NULL;
}

static gboolean
retry_cb (gpointer data)
{
  EgGradeSaver *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  EgPendingGrade grade;

  if (!commit (self, &error) && is_busy (error) && g_get_monotonic_time () < self->deadline)
    return G_SOURCE_CONTINUE;

  self->retry_id = 0;
  grade = self->pending;
  /* the handler may save the next grade at once */
  scheduler = g_steal_pointer (&self->scheduler);
  self->queue = NULL;
  g_signal_emit (self, signals[FINISHED], 0, &grade, error);
  return G_SOURCE_REMOVE;
}

/**
 * eg_grade_saver_save:
 * @queue: (nullable): the queue the card came from (see eg_scheduler_grade());
 *   it must live until the grade is finished or cancelled
 *
 * Commits @grade now if the collection is free.  If another program is
 * writing, returns %EG_GRADE_SAVE_WAITING and tries again until it is
 * committed or the timeout passes; ::finished then tells the outcome.  One
 * grade waits at a time.
 */
EgGradeSave
eg_grade_saver_save (EgGradeSaver          *self,
                     EgScheduler           *scheduler,
                     EgQueue               *queue,
                     const EgPendingGrade  *grade,
                     GError               **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EG_IS_GRADE_SAVER (self), EG_GRADE_SAVE_FAILED);
  g_return_val_if_fail (EG_IS_SCHEDULER (scheduler), EG_GRADE_SAVE_FAILED);
  g_return_val_if_fail (grade != NULL, EG_GRADE_SAVE_FAILED);
  g_return_val_if_fail (self->retry_id == 0, EG_GRADE_SAVE_FAILED);

  g_set_object (&self->scheduler, scheduler);
  self->queue = queue;
  self->pending = *grade;
  if (commit (self, &local_error))
    {
      forget (self);
      return EG_GRADE_SAVE_DONE;
    }
  if (!is_busy (local_error))
    {
      forget (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return EG_GRADE_SAVE_FAILED;
    }

  self->deadline = g_get_monotonic_time () + (gint64) self->timeout_ms * 1000;
  self->retry_id = g_timeout_add (EG_GRADE_SAVER_RETRY_MS, retry_cb, self);
  return EG_GRADE_SAVE_WAITING;
}

/**
 * eg_grade_saver_get_pending:
 *
 * Returns: (nullable): the grade that waits for the collection, or %NULL
 */
const EgPendingGrade *
eg_grade_saver_get_pending (EgGradeSaver *self)
{
  g_return_val_if_fail (EG_IS_GRADE_SAVER (self), NULL);

  return self->retry_id != 0 ? &self->pending : NULL;
}

/**
 * eg_grade_saver_finish_now:
 *
 * Tries the waiting grade one last time, and stops waiting whatever the
 * outcome (::finished is not emitted).
 *
 * Returns: %TRUE if it was committed (or nothing waited)
 */
gboolean
eg_grade_saver_finish_now (EgGradeSaver  *self,
                           GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (EG_IS_GRADE_SAVER (self), FALSE);

  if (self->retry_id == 0)
    return TRUE;
  ok = commit (self, error);
  forget (self);
  return ok;
}

/**
 * eg_grade_saver_cancel:
 *
 * Drops the waiting grade, unsaved.
 */
void
eg_grade_saver_cancel (EgGradeSaver *self)
{
  g_return_if_fail (EG_IS_GRADE_SAVER (self));

  forget (self);
}

/**
 * eg_grade_saver_set_timeout:
 *
 * How long a grade waits for a busy collection (EG_GRADE_SAVER_TIMEOUT_MS
 * by default); for the next grade.
 */
void
eg_grade_saver_set_timeout (EgGradeSaver *self,
                            guint         timeout_ms)
{
  g_return_if_fail (EG_IS_GRADE_SAVER (self));

  self->timeout_ms = timeout_ms;
}

static void
eg_grade_saver_dispose (GObject *object)
{
  forget (EG_GRADE_SAVER (object));

  G_OBJECT_CLASS (eg_grade_saver_parent_class)->dispose (object);
}

static void
eg_grade_saver_class_init (EgGradeSaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eg_grade_saver_dispose;

  /**
   * EgGradeSaver::finished:
   * @grade: (type gpointer): the EgPendingGrade that waited
   * @error: (nullable): why it was not saved; %NULL when it was committed
   *
   * A grade that waited for the collection was committed or given up.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_POINTER, G_TYPE_ERROR);
}

static void
eg_grade_saver_init (EgGradeSaver *self)
{
  self->timeout_ms = EG_GRADE_SAVER_TIMEOUT_MS;
}

EgGradeSaver *
eg_grade_saver_new (void)
{
  return g_object_new (EG_TYPE_GRADE_SAVER, NULL);
}
