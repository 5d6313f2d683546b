/* eg-store-study.c - the cards' scheduling state, as the scheduler reads
 * and writes it
 *
 * card_state holds each card's FSRS memory state; with the cards' flag,
 * suspension and burial it decides what a study session shows.  Here are
 * the queue's selections, the rows the statistics, the forecast and the
 * next due time are computed from, the write of a new state, and the
 * copies of a card's rows that undo puts back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-store-private.h"
#include "eg-store-sql.h"

/* The cards of a statement that returns id, state, due, reps, last_review */
static gboolean
collect (EgStore       *self,
         sqlite3_stmt  *stmt,
         GArray        *cards,
         GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgStudyCard card = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int (stmt, 3),
        sqlite3_column_int64 (stmt, 4),
      };

      g_array_append_val (cards, card);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot build the study queue"));
  return TRUE;
}

void
_eg_store_bind_scope (sqlite3_stmt       *stmt,
                      const EgStudyScope *scope)
{
  sqlite3_bind_int64 (stmt, 1, scope->now_ms);
  sqlite3_bind_int64 (stmt, 8, scope->deck_id);
  sqlite3_bind_int64 (stmt, 9, scope->section_id);
}

/**
 * _eg_store_list_learning:
 * @before_ms: (re)learning cards due before this time
 *
 * Appends to @cards (EgStudyCard) the (re)learning cards of @scope due
 * before @before_ms, by due time.
 */
gboolean
_eg_store_list_learning (EgStore             *self,
                         const EgStudyScope  *scope,
                         gint64               before_ms,
                         GArray              *cards,
                         GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT s.card_id, s.state, s.due, s.reps, coalesce (s.last_review, 0)"
    " FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE " EG_STORE_SQL_IS_LEARNING " AND s.due < ?2 AND " EG_STORE_SQL_ELIGIBLE
    "   AND " EG_STORE_SQL_IN_SCOPE
    " ORDER BY s.due, s.card_id", error);

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  sqlite3_bind_int64 (stmt, 2, before_ms);
  return collect (self, stmt, cards, error);
}

/**
 * _eg_store_list_due_reviews:
 * @day: review cards due on this study day or before
 * @limit: at most this many
 *
 * Appends to @cards the review cards of @scope due on @day, lowest
 * retrievability at @scope's time first.
 */
gboolean
_eg_store_list_due_reviews (EgStore             *self,
                            const EgStudyScope  *scope,
                            int                  day,
                            guint                limit,
                            GArray              *cards,
                            GError             **error)
{
  /* lowest retrievability first is highest t/S */
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT s.card_id, s.state, s.due, s.reps, coalesce (s.last_review, 0)"
    " FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE " EG_STORE_SQL_IS_REVIEW " AND s.due_day <= ?2 AND " EG_STORE_SQL_ELIGIBLE
    "   AND " EG_STORE_SQL_IN_SCOPE
    " ORDER BY (?1 - s.last_review) / s.stability DESC, s.card_id"
    " LIMIT ?3", error);

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  sqlite3_bind_int (stmt, 2, day);
  sqlite3_bind_int (stmt, 3, MIN (limit, G_MAXINT));
  return collect (self, stmt, cards, error);
}

/**
 * _eg_store_list_new_cards:
 *
 * Appends to @cards the first @limit new cards of @scope, in deck order.
 */
gboolean
_eg_store_list_new_cards (EgStore             *self,
                          const EgStudyScope  *scope,
                          guint                limit,
                          GArray              *cards,
                          GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT c.id, s.state, s.due, s.reps, coalesce (s.last_review, 0) FROM decks d"
    " JOIN sections sec ON sec.deck_id = d.id"
    " JOIN cards c ON c.section_id = sec.id"
    " JOIN card_state s ON s.card_id = c.id"
    " WHERE " EG_STORE_SQL_IS_NEW " AND " EG_STORE_SQL_ELIGIBLE " AND " EG_STORE_SQL_IN_SCOPE
    " ORDER BY d.position, d.id, sec.position, c.position"
    " LIMIT ?2", error);

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  sqlite3_bind_int (stmt, 2, MIN (limit, G_MAXINT));
  return collect (self, stmt, cards, error);
}

/**
 * _eg_store_list_not_learning:
 *
 * Appends to @cards every new and review card of @scope, due or not, in
 * deck order.
 */
gboolean
_eg_store_list_not_learning (EgStore             *self,
                             const EgStudyScope  *scope,
                             GArray              *cards,
                             GError             **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT c.id, s.state, s.due, s.reps, coalesce (s.last_review, 0) FROM decks d"
    " JOIN sections sec ON sec.deck_id = d.id"
    " JOIN cards c ON c.section_id = sec.id"
    " JOIN card_state s ON s.card_id = c.id"
    " WHERE (" EG_STORE_SQL_IS_NEW " OR " EG_STORE_SQL_IS_REVIEW ")"
    "   AND " EG_STORE_SQL_ELIGIBLE " AND " EG_STORE_SQL_IN_SCOPE
    " ORDER BY d.position, d.id, sec.position, c.position", error);

  if (stmt == NULL)
    return FALSE;
  _eg_store_bind_scope (stmt, scope);
  return collect (self, stmt, cards, error);
}

/**
 * _eg_store_get_study_card:
 * @found: (out): whether the card exists and is neither deleted nor
 *   suspended
 */
gboolean
_eg_store_get_study_card (EgStore      *self,
                          gint64        card_id,
                          EgStudyCard  *card,
                          gboolean     *found,
                          GError      **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT s.card_id, s.state, s.due, s.reps, coalesce (s.last_review, 0)"
    " FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE c.id = ?1 AND c.deleted = 0 AND c.suspended = 0", error);
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (EgStudyCard));

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  if (!collect (self, stmt, cards, error))
    return FALSE;
  *found = cards->len > 0;
  if (*found)
    *card = g_array_index (cards, EgStudyCard, 0);
  return TRUE;
}

/**
 * _eg_store_snapshot_card:
 *
 * Reads a card's scheduling state and copies its rows, for undo.
 *
 * Returns: the copy, or %NULL (%EG_STORE_ERROR_NOT_FOUND for a card that
 *   does not exist or is deleted)
 */
EgCardSnapshot *
_eg_store_snapshot_card (EgStore  *self,
                         gint64    card_id,
                         GError  **error)
{
  sqlite3_stmt *stmt;
  EgCardSnapshot *snapshot;
  int rc;

  stmt = _eg_store_cached (self,
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
        g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                     _("There is no card %lld"), (long long) card_id);
      else
        _eg_store_set_error (self, error, _("Cannot read the card"));
      sqlite3_reset (stmt);
      return NULL;
    }

  snapshot = g_new0 (EgCardSnapshot, 1);
  snapshot->card_id = card_id;
  snapshot->flag = sqlite3_column_int (stmt, 0);
  snapshot->suspended = sqlite3_column_int (stmt, 1);
  snapshot->buried_until = sqlite3_column_int64 (stmt, 2);
  _eg_store_read_state (stmt, 3, &snapshot->state);
  snapshot->deleted = sqlite3_column_int64 (stmt, 14);
  snapshot->n_columns = MIN (sqlite3_column_count (stmt) - 15,
                             (int) G_N_ELEMENTS (snapshot->columns));
  for (int i = 0; i < snapshot->n_columns; i++)
    snapshot->columns[i] = sqlite3_value_dup (sqlite3_column_value (stmt, 15 + i));
  sqlite3_reset (stmt);

  return snapshot;
}

/* Puts a card's rows back exactly as they were copied. */
gboolean
_eg_store_restore_snapshot (EgStore               *self,
                            const EgCardSnapshot  *snapshot,
                            GError               **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT OR REPLACE INTO card_state VALUES (");
  g_autoptr(sqlite3_stmt) insert = NULL;
  sqlite3_stmt *stmt;

  for (int i = 0; i < snapshot->n_columns; i++)
    g_string_append (sql, i ? ", ?" : "?");
  g_string_append (sql, ")");

  insert = _eg_store_prepare (self, sql->str, error);
  if (insert == NULL)
    return FALSE;
  for (int i = 0; i < snapshot->n_columns; i++)
    sqlite3_bind_value (insert, i + 1, snapshot->columns[i]);
  if (!_eg_store_step_done (self, insert, error))
    return FALSE;

  stmt = _eg_store_cached (self,
    "UPDATE cards SET flag = ?2, suspended = ?3, buried_until = ?4, deleted = ?5 WHERE id = ?1",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, snapshot->card_id);
  sqlite3_bind_int (stmt, 2, snapshot->flag);
  sqlite3_bind_int (stmt, 3, snapshot->suspended);
  sqlite3_bind_int64 (stmt, 4, snapshot->buried_until);
  sqlite3_bind_int64 (stmt, 5, snapshot->deleted);
  return _eg_store_step_done (self, stmt, error);
}

void
_eg_card_snapshot_free (EgCardSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  for (int i = 0; i < snapshot->n_columns; i++)
    sqlite3_value_free (snapshot->columns[i]);
  g_free (snapshot);
}

/**
 * _eg_store_write_state:
 *
 * Sets a card's scheduling state (the one write of card_state after the
 * card is created), inside the caller's transaction.
 */
gboolean
_eg_store_write_state (EgStore            *self,
                       gint64              card_id,
                       const EgCardState  *state,
                       GError            **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "UPDATE card_state SET state = ?2, due = ?3, stability = ?4, difficulty = ?5,"
    "  elapsed_days = ?6, scheduled_days = ?7, reps = ?8, lapses = ?9,"
    "  learning_steps = ?10, last_review = ?11, due_day = ?12"
    " WHERE card_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int (stmt, 2, state->state);
  sqlite3_bind_int64 (stmt, 3, state->due);
  sqlite3_bind_double (stmt, 4, state->stability);
  sqlite3_bind_double (stmt, 5, state->difficulty);
  sqlite3_bind_int (stmt, 6, state->elapsed_days);
  sqlite3_bind_int (stmt, 7, state->scheduled_days);
  sqlite3_bind_int (stmt, 8, state->reps);
  sqlite3_bind_int (stmt, 9, state->lapses);
  sqlite3_bind_int (stmt, 10, state->learning_steps);
  if (state->last_review != 0)
    sqlite3_bind_int64 (stmt, 11, state->last_review);
  else
    sqlite3_bind_null (stmt, 11);
  sqlite3_bind_int (stmt, 12, state->due_day);
  return _eg_store_step_done (self, stmt, error);
}

/**
 * _eg_store_set_card_field:
 *
 * Sets a card's flag, suspension (0 or 1), burial (the time it ends) or
 * deletion (the time), inside the caller's transaction.
 */
gboolean
_eg_store_set_card_field (EgStore      *self,
                          gint64        card_id,
                          EgCardField   field,
                          gint64        value,
                          GError      **error)
{
  static const char * const updates[] = {
    [EG_CARD_FIELD_FLAG] = "UPDATE cards SET flag = ?2 WHERE id = ?1",
    [EG_CARD_FIELD_SUSPENDED] = "UPDATE cards SET suspended = ?2 WHERE id = ?1",
    [EG_CARD_FIELD_BURIED_UNTIL] = "UPDATE cards SET buried_until = ?2 WHERE id = ?1",
    [EG_CARD_FIELD_DELETED] = "UPDATE cards SET deleted = ?2 WHERE id = ?1",
  };
  sqlite3_stmt *stmt;

  g_assert ((guint) field < G_N_ELEMENTS (updates));

  if (!(stmt = _eg_store_cached (self, updates[field], error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int64 (stmt, 2, value);
  return _eg_store_step_done (self, stmt, error);
}

/**
 * _eg_store_foreach_state:
 * @day: the study day of @now_ms
 * @day_end_ms: when it ends
 *
 * Calls @func for every card that is not deleted, in no particular order.
 */
gboolean
_eg_store_foreach_state (EgStore           *self,
                         gint64             now_ms,
                         int                day,
                         gint64             day_end_ms,
                         EgStudyStateFunc   func,
                         gpointer           user_data,
                         GError           **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT c.section_id, s.state, s.stability, s.last_review,"
    "       " EG_STORE_SQL_DUE ", " EG_STORE_SQL_ACTIVE
    " FROM cards c JOIN card_state s ON s.card_id = c.id"
    " WHERE c.deleted = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int (stmt, 2, day);
  sqlite3_bind_int64 (stmt, 3, day_end_ms);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgStudyState state = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int (stmt, 1),
        sqlite3_column_double (stmt, 2),
        sqlite3_column_int64 (stmt, 3),
        sqlite3_column_type (stmt, 3) != SQLITE_NULL,
        sqlite3_column_int (stmt, 4) != 0,
        sqlite3_column_int (stmt, 5) != 0,
      };

      func (&state, user_data);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot count the sections' cards"));
  return TRUE;
}

/**
 * _eg_store_count_reviews_ahead:
 * @counts: (array length=n_days): added to: the review cards due on each
 *   study day from @day on (those overdue count on @day)
 *
 * Counts what is active at @now_ms.
 */
gboolean
_eg_store_count_reviews_ahead (EgStore  *self,
                               gint64    now_ms,
                               int       day,
                               guint     n_days,
                               guint    *counts,
                               GError  **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT max (s.due_day, ?2), count(*) FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE " EG_STORE_SQL_IS_REVIEW " AND s.due_day < ?2 + ?3 AND " EG_STORE_SQL_ELIGIBLE
    " GROUP BY 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_ms);
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
 * _eg_store_list_learning_due:
 * @due: (element-type gint64): gets when each active (re)learning card is due
 */
gboolean
_eg_store_list_learning_due (EgStore  *self,
                             gint64    now_ms,
                             GArray   *due,
                             GError  **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT s.due FROM card_state s JOIN cards c ON c.id = s.card_id"
    " WHERE " EG_STORE_SQL_IS_LEARNING " AND " EG_STORE_SQL_ELIGIBLE, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_ms);
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

/**
 * _eg_store_next_due:
 * @day: the study day of @now_ms
 * @new_cards_come: whether new cards are studied at all (a daily limit
 *   above 0)
 */
gboolean
_eg_store_next_due (EgStore      *self,
                    gint64        now_ms,
                    int           day,
                    gboolean      new_cards_come,
                    EgStudyNext  *next,
                    GError      **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT (SELECT min (s.due) FROM card_state s JOIN cards c ON c.id = s.card_id"
    "         WHERE " EG_STORE_SQL_IS_LEARNING " AND s.due > ?1 AND " EG_STORE_SQL_ELIGIBLE "),"
    "       (SELECT min (s.due_day) FROM card_state s JOIN cards c ON c.id = s.card_id"
    "         WHERE " EG_STORE_SQL_IS_REVIEW " AND s.due_day > ?2 AND " EG_STORE_SQL_ELIGIBLE "),"
    "       EXISTS (SELECT 1 FROM card_state s JOIN cards c ON c.id = s.card_id"
    "                WHERE (" EG_STORE_SQL_IS_REVIEW " OR (" EG_STORE_SQL_IS_NEW " AND ?3))"
    "                  AND s.due_day <= ?2 AND c.deleted = 0"
    "                  AND c.suspended = 0),"
    "       (SELECT min (buried_until) FROM cards WHERE buried_until > ?1 AND deleted = 0"
    "          AND suspended = 0)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int (stmt, 2, day);
  sqlite3_bind_int (stmt, 3, new_cards_come ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eg_store_set_error (self, error, _("Cannot find the next due card"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  *next = (EgStudyNext) {
    sqlite3_column_int64 (stmt, 0),
    sqlite3_column_int (stmt, 1),
    sqlite3_column_type (stmt, 1) != SQLITE_NULL,
    sqlite3_column_int (stmt, 2) != 0,
    sqlite3_column_int64 (stmt, 3),
  };
  sqlite3_reset (stmt);
  return TRUE;
}
