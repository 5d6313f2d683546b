/* eg-store-reviews.c - the review log
 *
 * The log is append-only: one row per grade (and per reset, with rating
 * 0); replaying it gives back every card's scheduling state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

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
      _eg_store_set_error (self, error, "Cannot read the review log");
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
