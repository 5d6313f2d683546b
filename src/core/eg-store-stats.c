/* eg-store-stats.c - the rows the statistics (eg-stats.c) are computed
 * from: today's reviews, reviews per study day, the cards by state and
 * what falls due in the next days, for a deck, a section or everything
 *
 * Reviews count when they are grades (rating above 0) that rescheduled
 * their card, as _eg_store_count_graded() counts them; the reviews of a
 * deleted card stay in the history (they were done).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "eg-store-private.h"
#include "eg-store-sql.h"

#define IS_GRADE "l.rating > 0 AND l.rescheduled = 1"

/**
 * _eg_store_stats_day:
 * @day: a study day
 *
 * Sums the grades of @scope's cards on @day.
 */
gboolean
_eg_store_stats_day (EgStore             *self,
                     const EgStudyScope  *scope,
                     int                  day,
                     EgStoreDayReviews   *reviews,
                     GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT count(*), coalesce (sum (l.duration_ms), 0),"
    "       coalesce (sum (l.rating = 1), 0),"
    "       coalesce (sum (l.state_before = " EG_STORE_STATE_REVIEW "), 0),"
    "       coalesce (sum (l.state_before = " EG_STORE_STATE_REVIEW " AND l.rating > 1), 0)"
    " FROM review_log l JOIN cards c ON c.id = l.card_id"
    " WHERE l.day = ?2 AND " IS_GRADE " AND " EG_STORE_SQL_IN_SCOPE, error);

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  sqlite3_bind_int (stmt, 2, day);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eg_store_set_error (self, error, _("Cannot count today's reviews"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  *reviews = (EgStoreDayReviews) {
    .reviews = sqlite3_column_int (stmt, 0),
    .duration_ms = sqlite3_column_int64 (stmt, 1),
    .again = sqlite3_column_int (stmt, 2),
    .review_state = sqlite3_column_int (stmt, 3),
    .review_state_passed = sqlite3_column_int (stmt, 4),
  };
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * _eg_store_stats_review_days:
 * @days: (element-type EgStoreDayCount): gets every study day on or
 *   before @last_day with grades of @scope's cards, latest first, and how
 *   many
 */
gboolean
_eg_store_stats_review_days (EgStore             *self,
                             const EgStudyScope  *scope,
                             int                  last_day,
                             GArray              *days,
                             GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT l.day, count(*) FROM review_log l JOIN cards c ON c.id = l.card_id"
    " WHERE l.day <= ?2 AND " IS_GRADE " AND " EG_STORE_SQL_IN_SCOPE
    " GROUP BY l.day ORDER BY l.day DESC", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  sqlite3_bind_int (stmt, 2, last_day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgStoreDayCount count = { sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1) };

      g_array_append_val (days, count);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot count the reviews per day"));
  return TRUE;
}

/**
 * _eg_store_stats_retention_days:
 * @days: (element-type EgStoreDayRetention): gets every study day from
 *   @first_day to @last_day with grades of @scope's cards in the review
 *   state, and how many of those were not Again
 */
gboolean
_eg_store_stats_retention_days (EgStore             *self,
                                const EgStudyScope  *scope,
                                int                  first_day,
                                int                  last_day,
                                GArray              *days,
                                GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT l.day, count(*), coalesce (sum (l.rating > 1), 0)"
    " FROM review_log l JOIN cards c ON c.id = l.card_id"
    " WHERE l.day >= ?2 AND l.day <= ?3 AND l.state_before = " EG_STORE_STATE_REVIEW
    "   AND " IS_GRADE " AND " EG_STORE_SQL_IN_SCOPE
    " GROUP BY l.day ORDER BY l.day", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  sqlite3_bind_int (stmt, 2, first_day);
  sqlite3_bind_int (stmt, 3, last_day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgStoreDayRetention day = {
        sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2)
      };

      g_array_append_val (days, day);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot compute the true retention"));
  return TRUE;
}

/**
 * _eg_store_stats_mature:
 * @counts: (element-type gint64 guint): gets, for each section of @scope
 *   that has some, its cards in the review state (not deleted; suspended
 *   or not) whose interval is @min_interval days or more, keyed by a
 *   g_malloc()ed section id
 */
gboolean
_eg_store_stats_mature (EgStore             *self,
                        const EgStudyScope  *scope,
                        int                  min_interval,
                        GHashTable          *counts,
                        GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT c.section_id, count(*) FROM cards c JOIN card_state s ON s.card_id = c.id"
    " WHERE c.deleted = 0 AND s.state = " EG_STORE_STATE_REVIEW
    "   AND s.scheduled_days >= ?2 AND " EG_STORE_SQL_IN_SCOPE
    " GROUP BY c.section_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  sqlite3_bind_int (stmt, 2, min_interval);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (counts, g_memdup2 (&id, sizeof id),
                           GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot count the mature cards"));
  return TRUE;
}

/**
 * _eg_store_stats_studied:
 * @cards: (element-type EgFsrsCard): gets the state, stability, difficulty
 *   and last review of every card of @scope that has been studied (not new,
 *   with a last review; not deleted; suspended or not)
 */
gboolean
_eg_store_stats_studied (EgStore             *self,
                         const EgStudyScope  *scope,
                         GArray              *cards,
                         GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT s.state, s.stability, s.difficulty, s.last_review"
    " FROM cards c JOIN card_state s ON s.card_id = c.id"
    " WHERE c.deleted = 0 AND s.state != " EG_STORE_STATE_NEW
    "   AND s.last_review IS NOT NULL AND " EG_STORE_SQL_IN_SCOPE, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgFsrsCard card = {
        .state = (EgFsrsState) sqlite3_column_int (stmt, 0),
        .stability = sqlite3_column_double (stmt, 1),
        .difficulty = sqlite3_column_double (stmt, 2),
        .last_review = sqlite3_column_int64 (stmt, 3),
      };

      g_array_append_val (cards, card);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot read the cards' memory states"));
  return TRUE;
}

/**
 * _eg_store_stats_states:
 * @counts: (array fixed-size=5): gets the cards of @scope that are not
 *   suspended in each EgFsrsState, and the suspended ones last
 *
 * Deleted cards are left out.
 */
gboolean
_eg_store_stats_states (EgStore             *self,
                        const EgStudyScope  *scope,
                        guint               *counts,
                        GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT CASE WHEN c.suspended THEN 4 ELSE s.state END, count(*)"
    " FROM cards c JOIN card_state s ON s.card_id = c.id"
    " WHERE c.deleted = 0 AND " EG_STORE_SQL_IN_SCOPE
    " GROUP BY 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  memset (counts, 0, 5 * sizeof (guint));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = sqlite3_column_int (stmt, 0);

      if (i >= 0 && i < 5)
        counts[i] = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot count the cards by state"));
  return TRUE;
}

/**
 * _eg_store_stats_reviews_due:
 * @counts: (array length=n_days): added to: the review cards of @scope due
 *   on each study day from @day on (those overdue count on @day)
 *
 * Counts the cards a session may show at @scope's time, as
 * _eg_store_count_reviews_ahead() does.
 */
gboolean
_eg_store_stats_reviews_due (EgStore             *self,
                             const EgStudyScope  *scope,
                             int                  day,
                             guint                n_days,
                             guint               *counts,
                             GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT max (s.due_day, ?2), count(*) FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE " EG_STORE_SQL_IS_REVIEW " AND s.due_day < ?2 + ?3 AND " EG_STORE_SQL_ELIGIBLE
    "   AND " EG_STORE_SQL_IN_SCOPE
    " GROUP BY 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  sqlite3_bind_int (stmt, 2, day);
  sqlite3_bind_int (stmt, 3, n_days);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    counts[sqlite3_column_int (stmt, 0) - day] += sqlite3_column_int (stmt, 1);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot compute the forecast"));
  return TRUE;
}

/**
 * _eg_store_stats_learning_due:
 * @due: (element-type gint64): gets when each (re)learning card of @scope
 *   a session may show is due
 */
gboolean
_eg_store_stats_learning_due (EgStore             *self,
                              const EgStudyScope  *scope,
                              GArray              *due,
                              GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT s.due FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE " EG_STORE_SQL_IS_LEARNING " AND " EG_STORE_SQL_ELIGIBLE " AND " EG_STORE_SQL_IN_SCOPE, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 when = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (due, when);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot compute the forecast"));
  return TRUE;
}
