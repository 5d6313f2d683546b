/* eg-scheduler-stats.c - what the collection has due: per section, per day
 * ahead, and when the next card comes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include "eg-scheduler-private.h"

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
  tomorrow = _eg_scheduler_day_start (self, today + 1);

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
      gint64 review = _eg_scheduler_day_start (self, sqlite3_column_int (stmt, 1));

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
