/* eg-store-weights.c - the cards' scheduling states kept across a change
 * of the FSRS parameters, so that the change can be undone exactly
 *
 * card_state_before_weights holds a copy of card_state taken in the
 * transaction that changes the parameters (eg-scheduler-weights.c); undo
 * copies it back in another.  The caller holds the transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-store-private.h"

#define STATE_COLUMNS "state, due, stability, difficulty, elapsed_days, scheduled_days, reps," \
                      " lapses, learning_steps, last_review, due_day"

static gboolean
exec (EgStore     *self,
      const char  *sql,
      const char  *what,
      GError     **error)
{
  if (sqlite3_exec (_eg_store_get_db (self), sql, NULL, NULL, NULL) != SQLITE_OK)
    return _eg_store_set_error (self, error, what);
  return TRUE;
}

/* Replaces the kept copy with every card's state now. */
gboolean
_eg_store_keep_states (EgStore  *self,
                       GError  **error)
{
  return exec (self, "DELETE FROM card_state_before_weights;"
                     "INSERT INTO card_state_before_weights (card_id, " STATE_COLUMNS ")"
                     "  SELECT card_id, " STATE_COLUMNS " FROM card_state",
               _("Cannot keep the cards’ scheduling"), error);
}

/* Puts the kept states back (cards created since keep theirs) and empties
 * the copy. */
gboolean
_eg_store_restore_kept_states (EgStore  *self,
                               guint    *n_cards,
                               GError  **error)
{
  if (!exec (self, "UPDATE card_state SET (" STATE_COLUMNS ") ="
                   "  (SELECT " STATE_COLUMNS " FROM card_state_before_weights k"
                   "   WHERE k.card_id = card_state.card_id)"
                   " WHERE card_id IN (SELECT card_id FROM card_state_before_weights)",
             _("Cannot restore the cards’ scheduling"), error))
    return FALSE;
  if (n_cards != NULL)
    *n_cards = (guint) sqlite3_changes (_eg_store_get_db (self));
  return _eg_store_forget_kept_states (self, error);
}

gboolean
_eg_store_forget_kept_states (EgStore  *self,
                              GError  **error)
{
  return exec (self, "DELETE FROM card_state_before_weights",
               _("Cannot restore the cards’ scheduling"), error);
}

/* The id of the newest review-log row (0 when the log is empty): a row
 * added since tells that the kept states are no longer the whole story. */
gboolean
_eg_store_last_review_id (EgStore  *self,
                          gint64   *id,
                          GError  **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self, "SELECT coalesce (max (id), 0) FROM review_log",
                                         error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _eg_store_set_error (self, error, _("Cannot read the review log"));
    }
  *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_eg_store_delete_setting (EgStore     *self,
                          const char  *key,
                          GError     **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self, "DELETE FROM settings WHERE key = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return _eg_store_step_done (self, stmt, error);
}
