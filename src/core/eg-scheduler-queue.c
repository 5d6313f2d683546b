/* eg-scheduler-queue.c - today's study queue
 *
 * (Re)learning cards by due time; review cards due today, least likely
 * remembered first; new cards in deck order, spread among the reviews.
 * The queue remembers the version of each card it took, so that a grade
 * of a card another program graded meanwhile is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <string.h>

#include "eg-scheduler-private.h"

/* Learning cards due this soon are shown when nothing else is left. */
#define LEARN_AHEAD_MS (20 * 60 * 1000)

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
  GHashTable  *versions;   /* card id -> EgCardVersion the queue saw */
};

void
_eg_scheduler_remember_version (GHashTable *versions,
                                gint64      card_id,
                                int         reps,
                                gint64      last_review)
{
  EgCardVersion *version = g_new (EgCardVersion, 1);

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
  _eg_scheduler_remember_version (queue->versions, card_id, sqlite3_column_int (stmt, first),
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

gboolean
_eg_queue_remove_card (EgQueue *queue,
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
  queue->day_end = _eg_scheduler_day_start (self, today + 1);

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
  _eg_queue_remove_card (queue, card_id);
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
void
_eg_scheduler_requeue (EgScheduler *self,
                       EgQueue     *queue,
                       gint64       card_id,
                       gboolean     to_front,
                       gint64       now_ms)
{
  EgFsrsCard card;
  g_autoptr(GError) error = NULL;
  EgCardSnapshot *snapshot;
  int due_day;
  gboolean eligible;

  _eg_queue_remove_card (queue, card_id);

  snapshot = _eg_scheduler_snapshot_card (self, card_id, &card, &due_day, &error);
  if (snapshot == NULL)
    return;
  _eg_scheduler_remember_version (queue->versions, card_id, card.reps, card.last_review);
  eligible = !snapshot->suspended && snapshot->buried_until <= now_ms;
  _eg_card_snapshot_free (snapshot);
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

/* Inside the grade's transaction: is the card as the queue saw it? */
gboolean
_eg_scheduler_check_version (EgScheduler       *self,
                             EgQueue           *queue,
                             gint64             card_id,
                             const EgFsrsCard  *card,
                             GError           **error)
{
  EgCardVersion *version = g_hash_table_lookup (queue->versions, &card_id);
  EgCardVersion *written = g_hash_table_lookup (self->written, &card_id);

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
