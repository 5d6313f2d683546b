/* eg-store-plan.c - the cards of an interview plan's scope, with their
 * scheduling state, as the planner (eg-plan.c), the study queue in
 * interview mode and the workload estimate read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-store-private.h"
#include "eg-store-sql.h"

/**
 * _eg_store_list_scope_cards:
 * @deck_id: the deck, or 0 for every deck
 * @now_ms: a card buried until later is marked buried
 * @cards: (element-type EgScopeCard): the rows are appended here
 *
 * Appends the cards of @deck_id that study may show (neither deleted nor
 * suspended; buried ones count, their burial ends), in deck order.
 */
gboolean
_eg_store_list_scope_cards (EgStore  *self,
                            gint64    deck_id,
                            gint64    now_ms,
                            GArray   *cards,
                            GError  **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "SELECT c.id, c.deck_id, c.section_id, c.buried_until > ?2, " EG_STORE_STATE_COLUMNS
    " FROM decks d"
    " JOIN sections sec ON sec.deck_id = d.id"
    " JOIN cards c ON c.section_id = sec.id"
    " JOIN card_state s ON s.card_id = c.id"
    " WHERE c.deleted = 0 AND c.suspended = 0 AND (?1 = 0 OR c.deck_id = ?1)"
    " ORDER BY d.position, d.id, sec.position, c.position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deck_id);
  sqlite3_bind_int64 (stmt, 2, now_ms);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgScopeCard card = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int (stmt, 3),
      };

      _eg_store_read_state (stmt, 4, &card.state);
      g_array_append_val (cards, card);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot read the cards of the plan"));
  return TRUE;
}
