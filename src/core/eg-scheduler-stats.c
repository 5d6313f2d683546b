/* eg-scheduler-stats.c - what the collection has due: per section, per day
 * ahead, and when the next card comes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include "eg-scheduler-private.h"

typedef struct
{
  const EgFsrsParams *params;
  gint64              now_ms;
  GArray             *stats;      /* EgSectionStats */
  GHashTable         *index;      /* section id -> its index in stats */
} SectionCount;

static void
count_card (const EgStudyState *state,
            gpointer            user_data)
{
  SectionCount *count = user_data;
  EgSectionStats *current;
  gpointer found;
  guint i;

  if (g_hash_table_lookup_extended (count->index, &state->section_id, NULL, &found))
    i = GPOINTER_TO_UINT (found);
  else
    {
      EgSectionStats fresh = { state->section_id, 0, 0, 0, 0, 0 };

      i = count->stats->len;
      g_array_append_val (count->stats, fresh);
      g_hash_table_insert (count->index, g_memdup2 (&state->section_id, sizeof (gint64)),
                           GUINT_TO_POINTER (i));
    }

  current = &g_array_index (count->stats, EgSectionStats, i);
  current->total++;
  if (state->state == EG_FSRS_STATE_NEW)
    current->new_cards++;
  else if (state->reviewed)
    {
      EgFsrsCard card = {
        .state = (EgFsrsState) state->state,
        .stability = state->stability,
        .last_review = state->last_review,
      };

      current->mastery += eg_fsrs_retrievability (count->params, &card, count->now_ms);
      current->reviewed++;
    }
  if (state->due && state->active)
    current->due++;
}

/**
 * eg_scheduler_section_stats:
 *
 * Returns: (transfer full): an #EgSectionStats for every section that has
 *   cards: how many cards, new, due today (limits aside: (re)learning cards
 *   due before the study day ends, review cards due today or before;
 *   neither suspended nor buried), studied, and how well the section is
 *   known: the expected recall of its cards now, a card never studied
 *   counting as not known (the current retrievability of its studied
 *   cards, summed, over all its cards)
 */
GArray *
eg_scheduler_section_stats (EgScheduler  *self,
                            gint64        now_ms,
                            GError      **error)
{
  g_autoptr(GArray) stats = g_array_new (FALSE, TRUE, sizeof (EgSectionStats));
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  SectionCount count = { &self->params, now_ms, stats, index };
  int today;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), NULL);

  today = eg_scheduler_study_day (self, now_ms);
  if (!_eg_store_foreach_state (self->store, now_ms, today,
                                _eg_scheduler_day_start (self, today + 1), count_card, &count,
                                error))
    return NULL;

  for (guint i = 0; i < stats->len; i++)
    {
      EgSectionStats *s = &g_array_index (stats, EgSectionStats, i);

      s->mastery = s->total > 0 ? s->mastery / s->total : 0;
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
  g_autoptr(GArray) learning = g_array_new (FALSE, FALSE, sizeof (gint64));
  int today;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), NULL);

  days = g_array_sized_new (FALSE, TRUE, sizeof (guint), n_days);
  g_array_set_size (days, n_days);
  today = eg_scheduler_study_day (self, now_ms);

  if (!_eg_store_count_reviews_ahead (self->store, now_ms, today, n_days,
                                      (guint *) (void *) days->data, error) ||
      !_eg_store_list_learning_due (self->store, now_ms, learning, error))
    return NULL;
  for (guint i = 0; i < learning->len; i++)
    {
      int day = MAX (eg_scheduler_study_day (self, g_array_index (learning, gint64, i)), today);

      if (day - today < (int) n_days)
        g_array_index (days, guint, day - today)++;
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
  EgStudyNext next;
  int today;
  gint64 best;
  gint64 tomorrow;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), 0);

  today = eg_scheduler_study_day (self, now_ms);
  tomorrow = _eg_scheduler_day_start (self, today + 1);

  /* a daily limit of 0: new cards never come */
  if (!_eg_store_next_due (self->store, now_ms, today, self->settings.new_per_day > 0, &next,
                           error))
    return 0;

  best = next.learning_due;
  if (next.has_review_day)
    {
      gint64 review = _eg_scheduler_day_start (self, next.review_day);

      best = best ? MIN (best, review) : review;
    }
  /* new cards or reviews left over by today's limits come back tomorrow */
  if (next.waiting)
    best = best ? MIN (best, tomorrow) : tomorrow;
  if (next.unburied != 0)
    best = best ? MIN (best, next.unburied) : next.unburied;

  return best;
}
