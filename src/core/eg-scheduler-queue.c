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

#include <glib/gi18n-lib.h>
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

/* Remembers the version of each of @cards the queue takes */
static void
remember_cards (EgQueue *queue,
                GArray  *cards)
{
  for (guint i = 0; i < cards->len; i++)
    {
      const EgStudyCard *card = &g_array_index (cards, EgStudyCard, i);

      _eg_scheduler_remember_version (queue->versions, card->card_id, card->reps,
                                      card->last_review);
    }
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

/**
 * eg_scheduler_build_queue:
 *
 * Today's queue at @now_ms over the whole collection: (re)learning cards by
 * due time; review cards due today, least likely remembered first; new cards
 * in deck order, spread among the reviews.  Daily limits count what was
 * studied earlier today; suspended, buried and deleted cards are left out.
 *
 * This queue is what "due today" means, the one definition: the search's
 * is:due (the library's Due Today) and `engram-cli due` show its cards
 * (eg_queue_list_cards(), eg_queue_get_counts()): the (re)learning cards
 * due before the study day ends, the review cards due today or before up
 * to the reviews left of the daily limit, the new cards the new-card limit
 * still lets in.
 */
EgQueue *
eg_scheduler_build_queue (EgScheduler  *self,
                          gint64        now_ms,
                          GError      **error)
{
  EgQueueOptions options = { 0 };

  return eg_scheduler_build_queue_full (self, now_ms, &options, error);
}

static EgQueue *
queue_new (void)
{
  EgQueue *queue = g_new0 (EgQueue, 1);

  queue->main = g_array_new (FALSE, FALSE, sizeof (MainEntry));
  queue->learning = g_array_new (FALSE, FALSE, sizeof (LearnEntry));
  queue->versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return queue;
}

/* Custom study: these cards, now, in this order */
static gboolean
take_cards (EgScheduler           *self,
            EgQueue               *queue,
            const EgQueueOptions  *options,
            GError               **error)
{
  g_array_set_size (queue->learning, 0);
  for (guint i = 0; i < options->n_card_ids; i++)
    {
      EgStudyCard card;
      gboolean found;

      if (!_eg_store_get_study_card (self->store, options->card_ids[i], &card, &found, error))
        return FALSE;
      if (found)
        {
          MainEntry entry = {
            card.card_id,
            card.state == EG_FSRS_STATE_NEW ? ENTRY_NEW
            : card.state == EG_FSRS_STATE_REVIEW ? ENTRY_REVIEW : ENTRY_LEARNING
          };

          g_array_append_val (queue->main, entry);
          _eg_scheduler_remember_version (queue->versions, card.card_id, card.reps,
                                          card.last_review);
        }
    }
  return TRUE;
}

/* Every other card of the selection, in deck order */
static gboolean
take_all (EgScheduler         *self,
          EgQueue             *queue,
          const EgStudyScope  *scope,
          GError             **error)
{
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (EgStudyCard));

  if (!_eg_store_list_not_learning (self->store, scope, cards, error))
    return FALSE;
  for (guint i = 0; i < cards->len; i++)
    {
      const EgStudyCard *card = &g_array_index (cards, EgStudyCard, i);
      MainEntry entry = { card->card_id,
                          card->state == EG_FSRS_STATE_NEW ? ENTRY_NEW : ENTRY_REVIEW };

      g_array_append_val (queue->main, entry);
    }
  remember_cards (queue, cards);
  return TRUE;
}

/* Today's reviews (due by @horizon_day) and new cards, within the day's
 * limits (the new-card limit with what was added today; studying ahead,
 * @horizon_day after @today, lifts the review limit): new card i goes after
 * round ((i + 1) * R / (N + 1)) reviews */
static gboolean
take_due (EgScheduler         *self,
          EgQueue             *queue,
          const EgStudyScope  *scope,
          int                  today,
          int                  horizon_day,
          GError             **error)
{
  g_autoptr(GArray) reviews = g_array_new (FALSE, FALSE, sizeof (EgStudyCard));
  g_autoptr(GArray) news = g_array_new (FALSE, FALSE, sizeof (EgStudyCard));
  g_auto(EgPlanScope) plan = { 0 };
  int introduced, reviewed, new_limit = _eg_scheduler_new_limit (self, today);
  guint review_limit;
  gboolean interview, cram;

  if ((introduced = _eg_store_count_graded (self->store, today, EG_FSRS_STATE_NEW, error)) < 0 ||
      (reviewed = _eg_store_count_graded (self->store, today, EG_FSRS_STATE_REVIEW, error)) < 0 ||
      /* interview-date mode: the plan's pacing and the cram window */
      !_eg_scheduler_interview_load (self, scope->now_ms, introduced, &plan, &new_limit,
                                     &interview, error))
    return FALSE;
  /* studying ahead is asked for: past the limit */
  review_limit = horizon_day > today ? G_MAXINT
                 : (guint) MAX (self->settings.reviews_per_day - reviewed, 0);
  cram = interview && horizon_day == today &&
         eg_plan_policy_in_cram_window (today, plan.interview_day);
  if (!_eg_store_list_due_reviews (self->store, scope, horizon_day,
                                   cram ? G_MAXINT : review_limit, reviews, error) ||
      !_eg_store_list_new_cards (self->store, scope, MAX (new_limit - introduced, 0),
                                 news, error))
    return FALSE;
  if (cram)
    _eg_scheduler_cram_reviews (self, scope, &plan, review_limit, reviews);
  if (interview)
    _eg_scheduler_plan_new_first (scope, &plan, (guint) MAX (new_limit - introduced, 0), news);
  remember_cards (queue, reviews);
  remember_cards (queue, news);

  for (guint r = 0, n = 0; r < reviews->len || n < news->len;)
    {
      MainEntry entry;
      guint due_reviews = news->len ? (guint) (((double) (n + 1) * reviews->len) /
                                               (news->len + 1) + 0.5) : reviews->len;

      if (n < news->len && (r >= due_reviews || r >= reviews->len))
        entry = (MainEntry) { g_array_index (news, EgStudyCard, n++).card_id, ENTRY_NEW };
      else
        entry = (MainEntry) { g_array_index (reviews, EgStudyCard, r++).card_id, ENTRY_REVIEW };
      g_array_append_val (queue->main, entry);
    }
  return TRUE;
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
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GArray) learning = g_array_new (FALSE, FALSE, sizeof (EgStudyCard));
  gint64 horizon;
  EgStudyScope scope;
  int today;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  horizon = now_ms + MAX (options->ahead_ms, 0);
  scope = (EgStudyScope) { options->deck_id, options->section_id, now_ms };
  queue = queue_new ();
  today = eg_scheduler_study_day (self, now_ms);
  queue->day_end = _eg_scheduler_day_start (self, today + 1);

  /* (re)learning, due before the day ends */
  if (!_eg_store_list_learning (self->store, &scope, MAX (queue->day_end, horizon), learning,
                                error))
    return NULL;
  for (guint i = 0; i < learning->len; i++)
    {
      const EgStudyCard *card = &g_array_index (learning, EgStudyCard, i);
      LearnEntry entry = { card->card_id, card->due };

      g_array_append_val (queue->learning, entry);
    }
  remember_cards (queue, learning);

  if (options->n_card_ids > 0)
    {
      if (!take_cards (self, queue, options, error))
        return NULL;
    }
  else if (options->all_cards)
    {
      if (!take_all (self, queue, &scope, error))
        return NULL;
    }
  else if (!take_due (self, queue, &scope, today, eg_scheduler_study_day (self, horizon), error))
    return NULL;

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
 * eg_queue_list_cards:
 *
 * What is due today (README, "Studying"): the cards left in the queue,
 * the (re)learning cards (due before the study day ends) first.
 *
 * Returns: (transfer full) (element-type gint64): their ids
 */
GArray *
eg_queue_list_cards (EgQueue *queue)
{
  GArray *ids;

  g_return_val_if_fail (queue != NULL, NULL);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                           queue->learning->len + queue->main->len - queue->main_pos);
  for (guint i = 0; i < queue->learning->len; i++)
    g_array_append_val (ids, g_array_index (queue->learning, LearnEntry, i).card_id);
  for (guint i = queue->main_pos; i < queue->main->len; i++)
    g_array_append_val (ids, g_array_index (queue->main, MainEntry, i).card_id);
  return ids;
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
               _("The card was reviewed elsewhere (in another window or program) since it "
                 "was shown; this grade was not saved"));
  return FALSE;
}
