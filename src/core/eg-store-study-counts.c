/* eg-store-study-counts.c - how many cards a study session could take, in
 * one pass: what the page a session ends on says and offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-store-private.h"
#include "eg-store-sql.h"

/**
 * _eg_store_count_study:
 * @today: the study day of @scope's time
 * @ahead_day: reviews due on this study day or before count in
 *   @counts->due_by_ahead
 * @learning_before: (re)learning cards due before this time count
 *
 * Counts the cards of @scope a session may show (neither deleted, suspended
 * nor buried), as the queue's selections would take them without limits.
 */
gboolean
_eg_store_count_study (EgStore             *self,
                       const EgStudyScope  *scope,
                       int                  today,
                       int                  ahead_day,
                       gint64               learning_before,
                       EgStudyCounts       *counts,
                       GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT coalesce (sum (" EG_STORE_SQL_IS_NEW "), 0),"
    "       coalesce (sum ((" EG_STORE_SQL_IS_REVIEW ") AND s.due_day <= ?2), 0),"
    "       coalesce (sum ((" EG_STORE_SQL_IS_REVIEW ") AND s.due_day <= ?3), 0),"
    "       coalesce (sum ((" EG_STORE_SQL_IS_NEW ") OR (" EG_STORE_SQL_IS_REVIEW ")), 0),"
    "       coalesce (sum ((" EG_STORE_SQL_IS_LEARNING ") AND s.due < ?4), 0)"
    " FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE " EG_STORE_SQL_ELIGIBLE
    "   AND (?8 = 0 OR c.deck_id = ?8) AND (?9 = 0 OR c.section_id = ?9)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scope->now_ms);
  sqlite3_bind_int (stmt, 2, today);
  sqlite3_bind_int (stmt, 3, ahead_day);
  sqlite3_bind_int64 (stmt, 4, learning_before);
  sqlite3_bind_int64 (stmt, 8, scope->deck_id);
  sqlite3_bind_int64 (stmt, 9, scope->section_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eg_store_set_error (self, error, _("Cannot count the cards to study"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  *counts = (EgStudyCounts) {
    .new_cards = sqlite3_column_int (stmt, 0),
    .due_today = sqlite3_column_int (stmt, 1),
    .due_by_ahead = sqlite3_column_int (stmt, 2),
    .not_learning = sqlite3_column_int (stmt, 3),
    .learning = sqlite3_column_int (stmt, 4),
  };
  sqlite3_reset (stmt);
  return TRUE;
}
