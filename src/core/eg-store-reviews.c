/* eg-store-reviews.c - the review log
 *
 * The log is append-only: one row per grade (and per reset, with rating
 * 0); replaying it gives back every card's scheduling state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-store-private.h"

/**
 * eg_store_list_reviews:
 * @card_id: a card, or 0 for every card
 *
 * Returns: (transfer full): the review log (EgReview), oldest first
 */
GPtrArray *
eg_store_list_reviews (EgStore  *self,
                       gint64    card_id,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);

#define REVIEW_QUERY \
  "SELECT l.id, l.card_id, c.key, l.reviewed_at, l.rating, l.state_before, l.state_after," \
  "       l.stability_before, l.stability_after, l.difficulty_before, l.difficulty_after," \
  "       l.elapsed_days, l.scheduled_days, l.due_after, l.duration_ms, l.rescheduled, l.day" \
  " FROM review_log l JOIN cards c ON c.id = l.card_id"

  /* one card's through the index review_log_card, not a scan of the log */
  if (card_id != 0)
    stmt = _eg_store_prepare (self, REVIEW_QUERY " WHERE l.card_id = ?1"
                              " ORDER BY l.reviewed_at, l.id", error);
  else
    stmt = _eg_store_prepare (self, REVIEW_QUERY " ORDER BY l.reviewed_at, l.id", error);
#undef REVIEW_QUERY
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, card_id);

  reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_review_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgReview *r = g_new0 (EgReview, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->card_id = sqlite3_column_int64 (stmt, 1);
      r->card_key = _eg_store_column_dup (stmt, 2);
      r->reviewed_at = sqlite3_column_int64 (stmt, 3);
      r->rating = sqlite3_column_int (stmt, 4);
      r->state_before = sqlite3_column_int (stmt, 5);
      r->state_after = sqlite3_column_int (stmt, 6);
      r->stability_before = sqlite3_column_double (stmt, 7);
      r->stability_after = sqlite3_column_double (stmt, 8);
      r->difficulty_before = sqlite3_column_double (stmt, 9);
      r->difficulty_after = sqlite3_column_double (stmt, 10);
      r->elapsed_days = sqlite3_column_int (stmt, 11);
      r->scheduled_days = sqlite3_column_int (stmt, 12);
      r->due_after = sqlite3_column_int64 (stmt, 13);
      r->duration_ms = sqlite3_column_int64 (stmt, 14);
      r->rescheduled = sqlite3_column_int (stmt, 15) != 0;
      r->day = sqlite3_column_int (stmt, 16);
      g_ptr_array_add (reviews, r);
    }
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot read the review log"));
      return NULL;
    }

  return g_steal_pointer (&reviews);
}

void
eg_review_free (EgReview *review)
{
  if (review == NULL)
    return;
  g_free (review->card_key);
  g_free (review);
}

/**
 * _eg_store_append_review:
 * @review: the row; its id and card_key are not read
 *
 * Appends a row to the review log inside the caller's transaction.
 *
 * Returns: the new row's id, or 0 on error
 */
gint64
_eg_store_append_review (EgStore         *self,
                         const EgReview  *review,
                         GError         **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, state_after,"
    "  stability_before, stability_after, difficulty_before, difficulty_after,"
    "  elapsed_days, scheduled_days, due_after, duration_ms, rescheduled, day)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?15, ?14)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, review->card_id);
  sqlite3_bind_int64 (stmt, 2, review->reviewed_at);
  sqlite3_bind_int (stmt, 3, review->rating);
  sqlite3_bind_int (stmt, 4, review->state_before);
  sqlite3_bind_int (stmt, 5, review->state_after);
  sqlite3_bind_double (stmt, 6, review->stability_before);
  sqlite3_bind_double (stmt, 7, review->stability_after);
  sqlite3_bind_double (stmt, 8, review->difficulty_before);
  sqlite3_bind_double (stmt, 9, review->difficulty_after);
  sqlite3_bind_int (stmt, 10, review->elapsed_days);
  sqlite3_bind_int (stmt, 11, review->scheduled_days);
  sqlite3_bind_int64 (stmt, 12, review->due_after);
  sqlite3_bind_int64 (stmt, 13, MAX (review->duration_ms, 0));
  sqlite3_bind_int (stmt, 14, review->day);
  sqlite3_bind_int (stmt, 15, review->rescheduled ? 1 : 0);
  if (!_eg_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_eg_store_get_db (self));
}

/**
 * _eg_store_delete_review:
 *
 * Removes a row the caller appended (undo), inside its transaction.
 */
gboolean
_eg_store_delete_review (EgStore  *self,
                         gint64    review_id,
                         GError  **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self, "DELETE FROM review_log WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, review_id);
  return _eg_store_step_done (self, stmt, error);
}

/**
 * _eg_store_count_graded:
 * @state_before: an EgFsrsState
 *
 * Returns: how many cards in @state_before were graded on study day @day
 *   (resets and previews left out), or -1 on error
 */
int
_eg_store_count_graded (EgStore  *self,
                        int       day,
                        int       state_before,
                        GError  **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT count(*) FROM review_log"
    " WHERE day = ?1 AND state_before = ?2 AND rating > 0 AND rescheduled = 1", error);
  int n;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int (stmt, 1, day);
  sqlite3_bind_int (stmt, 2, state_before);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eg_store_set_error (self, error, _("Cannot count today's reviews"));
      sqlite3_reset (stmt);
      return -1;
    }
  n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * _eg_store_read_history:
 * @cards: (element-type EgStoreHistory): gets every card, by id, cards
 *   never reviewed too
 * @rows: (element-type EgStoreHistoryRow): gets the rows that rescheduled
 *   each card, in order
 */
gboolean
_eg_store_read_history (EgStore  *self,
                        GArray   *cards,
                        GArray   *rows,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* LEFT JOIN: cards never reviewed too */
  stmt = _eg_store_prepare (self,
    "SELECT c.id, c.created, l.reviewed_at, l.rating, l.day"
    " FROM cards c LEFT JOIN review_log l ON l.card_id = c.id AND l.rescheduled = 1"
    " ORDER BY c.id, l.reviewed_at, l.id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (cards->len == 0 || g_array_index (cards, EgStoreHistory, cards->len - 1).card_id != id)
        {
          EgStoreHistory card = { id, sqlite3_column_int64 (stmt, 1), rows->len, 0 };

          g_array_append_val (cards, card);
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          EgStoreHistoryRow row = {
            sqlite3_column_int64 (stmt, 2),
            sqlite3_column_int (stmt, 3),
            sqlite3_column_int (stmt, 4),
          };

          g_array_append_val (rows, row);
          g_array_index (cards, EgStoreHistory, cards->len - 1).n_rows++;
        }
    }
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot read the review log"));
  return TRUE;
}
