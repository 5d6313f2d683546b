/* eg-stats.c - the statistics of the collection, a deck or a section:
 * today's reviews, what falls due in the next days, the reviews of each day
 * of the last year with the current streak, and the cards by state
 *
 * The store reads the rows (eg-store-stats.c); the days are the scheduler's
 * study days.  Nothing here needs a display: the app draws these figures
 * and `engram-cli stats --json` prints them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-stats"

#include "config.h"

#include <math.h>

#include "eg-stats.h"
#include "eg-store-private.h"
#include "eg-time.h"

static gboolean
compute_today (EgStore             *store,
               const EgStudyScope  *scope,
               EgStats             *stats,
               GError             **error)
{
  EgStoreDayReviews day;

  if (!_eg_store_stats_day (store, scope, stats->today, &day, error))
    return FALSE;
  stats->reviews_today = day.reviews;
  stats->time_today_ms = day.duration_ms;
  stats->again_today = day.again;
  stats->again_rate = day.reviews > 0 ? (double) day.again / day.reviews : -1;
  stats->retention_reviews = day.review_state;
  stats->retention_passed = day.review_state_passed;
  stats->true_retention = day.review_state > 0
                          ? (double) day.review_state_passed / day.review_state : -1;
  return TRUE;
}

static gboolean
compute_due (EgScheduler         *scheduler,
             const EgStudyScope  *scope,
             EgStats             *stats,
             GError             **error)
{
  EgStore *store = eg_scheduler_get_store (scheduler);
  guint reviews[EG_STATS_DUE90_DAYS] = { 0 };
  g_autoptr(GArray) learning = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!_eg_store_stats_reviews_due (store, scope, stats->today, EG_STATS_DUE90_DAYS, reviews,
                                    error) ||
      !_eg_store_stats_learning_due (store, scope, learning, error))
    return FALSE;
  for (guint i = 0; i < EG_STATS_DUE90_DAYS; i++)
    stats->due[i].review = reviews[i];
  for (guint i = 0; i < learning->len; i++)
    {
      int day = eg_scheduler_study_day (scheduler, g_array_index (learning, gint64, i));

      day = MAX (day, stats->today);
      if (day - stats->today < EG_STATS_DUE90_DAYS)
        stats->due[day - stats->today].learning++;
    }
  return TRUE;
}

static gboolean
compute_history (EgStore             *store,
                 const EgStudyScope  *scope,
                 EgStats             *stats,
                 GError             **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (EgStoreDayCount));
  int expected;

  if (!_eg_store_stats_review_days (store, scope, stats->today, days, error))
    return FALSE;

  stats->history_first_day = stats->today - (EG_STATS_HISTORY_DAYS - 1);
  for (guint i = 0; i < days->len; i++)
    {
      const EgStoreDayCount *count = &g_array_index (days, EgStoreDayCount, i);

      if (count->day < stats->history_first_day)
        break;
      stats->history[count->day - stats->history_first_day] = count->reviews;
    }

  /* latest first: the streak ends today, or yesterday when today has none yet */
  expected = stats->today;
  for (guint i = 0; i < days->len; i++)
    {
      int day = g_array_index (days, EgStoreDayCount, i).day;

      if (i == 0 && day == stats->today - 1)
        expected = day;
      if (day != expected)
        break;
      stats->streak++;
      expected--;
    }
  return TRUE;
}

static gboolean
compute_months (EgStore             *store,
                const EgStudyScope  *scope,
                EgStats             *stats,
                GError             **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (EgStoreDayRetention));
  guint m = 0;

  for (guint i = 0; i < EG_STATS_MONTHS; i++)
    stats->months[i].first_day = eg_time_month_first_day (stats->today,
                                                          EG_STATS_MONTHS - 1 - i);
  if (!_eg_store_stats_retention_days (store, scope, stats->months[0].first_day, stats->today,
                                       days, error))
    return FALSE;
  /* earliest first: move to the month of each day */
  for (guint i = 0; i < days->len; i++)
    {
      const EgStoreDayRetention *day = &g_array_index (days, EgStoreDayRetention, i);

      while (m + 1 < EG_STATS_MONTHS && day->day >= stats->months[m + 1].first_day)
        m++;
      stats->months[m].reviews += day->reviews;
      stats->months[m].passed += day->passed;
    }
  for (guint i = 0; i < EG_STATS_MONTHS; i++)
    {
      EgStatsMonth *month = &stats->months[i];

      month->rate = month->reviews > 0 ? (double) month->passed / month->reviews : -1;
    }
  return TRUE;
}

/* the lower edge of each stability bucket, in days */
const double eg_stats_stability_edges[EG_STATS_STABILITY_BUCKETS] = {
  0, 1, 2, 4, 7, 14, 30, 60, 120, 365
};

/* The bucket of @value among @n buckets of width 1 / @per_unit from @lowest;
 * values out of range go to the first or the last */
static guint
linear_bucket (double value,
               double lowest,
               double per_unit,
               guint  n)
{
  double i = floor ((value - lowest) * per_unit);

  return i < 0 ? 0 : i >= n ? n - 1 : (guint) i;
}

static gboolean
compute_distributions (EgScheduler         *scheduler,
                       const EgStudyScope  *scope,
                       EgStats             *stats,
                       GError             **error)
{
  const EgFsrsParams *params = eg_scheduler_get_params (scheduler);
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (EgFsrsCard));

  if (!_eg_store_stats_studied (eg_scheduler_get_store (scheduler), scope, cards, error))
    return FALSE;
  stats->studied = cards->len;
  for (guint i = 0; i < cards->len; i++)
    {
      const EgFsrsCard *card = &g_array_index (cards, EgFsrsCard, i);
      double r = eg_fsrs_retrievability (params, card, scope->now_ms);
      guint s = EG_STATS_STABILITY_BUCKETS - 1;

      while (s > 0 && card->stability < eg_stats_stability_edges[s])
        s--;
      stats->stability[s]++;
      stats->difficulty[linear_bucket (card->difficulty, 1, 1,
                                       EG_STATS_DIFFICULTY_BUCKETS)]++;
      stats->retrievability[linear_bucket (r, 0, 10, EG_STATS_RETRIEVABILITY_BUCKETS)]++;
    }
  return TRUE;
}

static void
clear_section (gpointer data)
{
  EgStatsSection *section = data;

  g_free (section->key);
  g_free (section->heading);
}

static gboolean
compute_sections (EgScheduler         *scheduler,
                  const EgStudyScope  *scope,
                  EgStats             *stats,
                  GError             **error)
{
  EgStore *store = eg_scheduler_get_store (scheduler);
  g_autoptr(GHashTable) mature = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        NULL);
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GArray) known = NULL;

  stats->sections = g_array_new (FALSE, TRUE, sizeof (EgStatsSection));
  g_array_set_clear_func (stats->sections, clear_section);
  if (!(sections = eg_store_list_sections (store, scope->deck_id, error)) ||
      !(known = eg_scheduler_section_stats (scheduler, scope->now_ms, error)) ||
      !_eg_store_stats_mature (store, scope, EG_STATS_MATURE_DAYS, mature, error))
    return FALSE;
  for (guint i = 0; i < known->len; i++)
    {
      EgSectionStats *s = &g_array_index (known, EgSectionStats, i);

      g_hash_table_insert (index, &s->section_id, s);
    }
  for (guint i = 0; i < sections->len; i++)
    {
      EgSectionInfo *info = g_ptr_array_index (sections, i);
      EgSectionStats *s = g_hash_table_lookup (index, &info->id);
      EgStatsSection section = { info->id, NULL, NULL, 0, 0, 0, 0 };

      if (s == NULL || s->total == 0 || (scope->section_id != 0 && info->id != scope->section_id))
        continue;
      section.key = g_strdup (info->key);
      section.heading = g_strdup (info->heading);
      section.cards = s->total;
      section.mastery = s->mastery;
      section.mature = GPOINTER_TO_UINT (g_hash_table_lookup (mature, &info->id));
      section.mature_share = (double) section.mature / section.cards;
      g_array_append_val (stats->sections, section);
    }
  return TRUE;
}

static gboolean
compute_states (EgStore             *store,
                const EgStudyScope  *scope,
                EgStats             *stats,
                GError             **error)
{
  guint counts[5];

  if (!_eg_store_stats_states (store, scope, counts, error))
    return FALSE;
  stats->new_cards = counts[EG_FSRS_STATE_NEW];
  stats->learning = counts[EG_FSRS_STATE_LEARNING];
  stats->review = counts[EG_FSRS_STATE_REVIEW];
  stats->relearning = counts[EG_FSRS_STATE_RELEARNING];
  stats->suspended = counts[4];
  return TRUE;
}

/**
 * eg_stats_compute:
 * @deck_id: the deck, or 0 for every deck
 * @section_id: the section, or 0 for every section
 * @now_ms: the time the statistics are for
 *
 * Returns: (transfer full): the statistics of the cards in scope at
 *   @now_ms, or %NULL with @error set
 */
EgStats *
eg_stats_compute (EgScheduler  *scheduler,
                  gint64        deck_id,
                  gint64        section_id,
                  gint64        now_ms,
                  GError      **error)
{
  EgStore *store;
  g_autoptr(EgStats) stats = NULL;
  EgStudyScope scope = { deck_id, section_id, now_ms };

  g_return_val_if_fail (EG_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = eg_scheduler_get_store (scheduler);
  stats = g_new0 (EgStats, 1);
  stats->today = eg_scheduler_study_day (scheduler, now_ms);

  if (!compute_today (store, &scope, stats, error) ||
      !compute_due (scheduler, &scope, stats, error) ||
      !compute_history (store, &scope, stats, error) ||
      !compute_months (store, &scope, stats, error) ||
      !compute_distributions (scheduler, &scope, stats, error) ||
      !compute_sections (scheduler, &scope, stats, error) ||
      !compute_states (store, &scope, stats, error))
    return NULL;
  return g_steal_pointer (&stats);
}

void
eg_stats_free (EgStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->sections, g_array_unref);
  g_free (stats);
}
