/* eg-store-cards.c - the cards of the collection: their text, parts and
 * full-text index row, read and written
 *
 * A card is its row in cards, its parts (card_parts), its scheduling state
 * (card_state, created New with the card) and its row in the full-text
 * index cards_fts, which this file keeps current.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-store-private.h"
#include "eg-store-sql.h"

static gboolean
insert_parts (EgStore    *self,
              gint64      card_id,
              GPtrArray  *parts,
              GError    **error)
{
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      EgCardPart *part = g_ptr_array_index (parts, i);
      sqlite3_stmt *stmt = _eg_store_cached (self,
        "INSERT INTO card_parts (card_id, position, name, text) VALUES (?1, ?2, ?3, ?4)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, card_id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, part->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, part->text, -1, SQLITE_STATIC);
      if (!_eg_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Adds the card's full-text index row: its text as given, with its parts
 * as _eg_store_reindex_card() joins them, and its annotations.  Binding the
 * text is three times faster than _eg_store_reindex_card()'s INSERT … SELECT,
 * which counts when an import rewrites a whole deck.
 */
static gboolean
index_card_text (EgStore     *self,
                 gint64       card_id,
                 const char  *question,
                 const char  *answer,
                 GPtrArray   *parts,
                 GError     **error)
{
  g_autoptr(GString) parts_text = g_string_new (NULL);
  sqlite3_stmt *stmt;

  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      EgCardPart *part = g_ptr_array_index (parts, i);

      if (i > 0)
        g_string_append_c (parts_text, '\n');
      g_string_append_printf (parts_text, "%s %s", part->name, part->text);
    }

  stmt = _eg_store_cached (self,
    "INSERT INTO cards_fts (rowid, question, answer, parts, annotations)"
    " VALUES (?1, ?2, ?3, ?4,"
    "         coalesce ((SELECT group_concat (quote_exact || ' ' || body, char (10))"
    "                    FROM annotations WHERE card_id = ?1 AND deleted = 0), ''))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_text (stmt, 2, question, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, answer, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, parts_text->str, parts_text->len, SQLITE_STATIC);
  return _eg_store_step_done (self, stmt, error);
}

/**
 * _eg_store_insert_card:
 *
 * Adds a new card (content, parts, a New scheduling state due at @now_ms,
 * and its full-text index row) inside the caller's transaction.
 *
 * Returns: the card's id, or 0 on error
 */
gint64
_eg_store_insert_card (EgStore           *self,
                       const EgNewCard   *card,
                       gint64             now_ms,
                       GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = _eg_store_cached (self,
    "INSERT INTO cards (deck_id, section_id, key, number, position, question, answer,"
    "                   content_hash, created, modified, imported_hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, card->deck_id);
  sqlite3_bind_int64 (stmt, 2, card->section_id);
  sqlite3_bind_text (stmt, 3, card->key, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, card->number);
  sqlite3_bind_int (stmt, 5, card->position);
  sqlite3_bind_text (stmt, 6, card->question, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, card->answer, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, card->content_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, now_ms);
  sqlite3_bind_text (stmt, 10, card->imported_hash, -1, SQLITE_STATIC);
  if (!_eg_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_eg_store_get_db (self));

  stmt = _eg_store_cached (self, "INSERT INTO card_state (card_id, due) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now_ms);
  if (!_eg_store_step_done (self, stmt, error) || !insert_parts (self, id, card->parts, error))
    return 0;

  if (!index_card_text (self, id, card->question, card->answer, card->parts, error))
    return 0;

  return id;
}

/**
 * _eg_store_replace_card_content:
 * @imported: %TRUE when the text comes from the deck file (it becomes the
 *   card's last imported text), %FALSE for an edit in the app
 *
 * Replaces a card's question, answer and parts (its key, history and
 * annotations stay) inside the caller's transaction.
 */
gboolean
_eg_store_replace_card_content (EgStore     *self,
                                gint64       card_id,
                                const char  *question,
                                const char  *answer,
                                GPtrArray   *parts,
                                const char  *content_hash,
                                gboolean     imported,
                                gint64       now_ms,
                                GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _eg_store_cached (self,
    "UPDATE cards SET question = ?2, answer = ?3, content_hash = ?4, modified = ?5,"
    "                 imported_hash = CASE WHEN ?6 THEN ?4 ELSE imported_hash END"
    " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_text (stmt, 2, question, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, answer, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, content_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now_ms);
  sqlite3_bind_int (stmt, 6, imported);
  if (!_eg_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _eg_store_cached (self, "DELETE FROM card_parts WHERE card_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  if (!_eg_store_step_done (self, stmt, error) || !insert_parts (self, card_id, parts, error))
    return FALSE;

  stmt = _eg_store_cached (self, "DELETE FROM cards_fts WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  return _eg_store_step_done (self, stmt, error) &&
         index_card_text (self, card_id, question, answer, parts, error);
}

/**
 * _eg_store_reindex_card:
 *
 * Rewrites the card's full-text index row from its current text, parts and
 * annotations; call it after changing any of them.
 */
gboolean
_eg_store_reindex_card (EgStore  *self,
                        gint64    card_id,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = _eg_store_cached (self, "DELETE FROM cards_fts WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  if (!_eg_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _eg_store_cached (self,
    "INSERT INTO cards_fts (rowid, question, answer, parts, annotations)"
    " SELECT c.id, c.question, c.answer,"
    "        coalesce ((SELECT group_concat (name || ' ' || text, char (10))"
    "                   FROM card_parts WHERE card_id = c.id), ''),"
    "        coalesce ((SELECT group_concat (quote_exact || ' ' || body, char (10))"
    "                   FROM annotations WHERE card_id = c.id AND deleted = 0), '')"
    " FROM cards c WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  return _eg_store_step_done (self, stmt, error);
}

void
_eg_store_read_state (sqlite3_stmt *stmt,
                      int           col,
                      EgCardState  *state)
{
  state->state = sqlite3_column_int (stmt, col + 0);
  state->due = sqlite3_column_int64 (stmt, col + 1);
  state->stability = sqlite3_column_double (stmt, col + 2);
  state->difficulty = sqlite3_column_double (stmt, col + 3);
  state->elapsed_days = sqlite3_column_int (stmt, col + 4);
  state->scheduled_days = sqlite3_column_int (stmt, col + 5);
  state->reps = sqlite3_column_int (stmt, col + 6);
  state->lapses = sqlite3_column_int (stmt, col + 7);
  state->learning_steps = sqlite3_column_int (stmt, col + 8);
  state->last_review = sqlite3_column_int64 (stmt, col + 9);
  state->due_day = sqlite3_column_int (stmt, col + 10);
}

#define CARD_QUERY \
  "SELECT c.id, c.deck_id, c.section_id, c.key, sec.key, c.number, c.question, c.answer," \
  "       c.content_hash, c.created, c.modified, c.flag, c.suspended, c.buried_until," \
  "       c.in_source, " EG_STORE_STATE_COLUMNS \
  "  FROM cards c JOIN card_state s ON s.card_id = c.id" \
  "  JOIN sections sec ON sec.id = c.section_id JOIN decks d ON d.id = c.deck_id"

static EgCard *
read_card (sqlite3_stmt *stmt)
{
  EgCard *card = g_new0 (EgCard, 1);

  card->id = sqlite3_column_int64 (stmt, 0);
  card->deck_id = sqlite3_column_int64 (stmt, 1);
  card->section_id = sqlite3_column_int64 (stmt, 2);
  card->key = _eg_store_column_dup (stmt, 3);
  card->section_key = _eg_store_column_dup (stmt, 4);
  card->number = sqlite3_column_int (stmt, 5);
  card->question = _eg_store_column_dup (stmt, 6);
  card->answer = _eg_store_column_dup (stmt, 7);
  card->content_hash = _eg_store_column_dup (stmt, 8);
  card->created = sqlite3_column_int64 (stmt, 9);
  card->modified = sqlite3_column_int64 (stmt, 10);
  card->flag = sqlite3_column_int (stmt, 11);
  card->suspended = sqlite3_column_int (stmt, 12) != 0;
  card->buried_until = sqlite3_column_int64 (stmt, 13);
  card->in_source = sqlite3_column_int (stmt, 14) != 0;
  _eg_store_read_state (stmt, 15, &card->state);
  card->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  return card;
}

static gboolean
load_parts (EgStore    *self,
            GPtrArray  *cards,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (cards->len == 0)
    return TRUE;

  stmt = _eg_store_prepare (self,
                            "SELECT name, text FROM card_parts WHERE card_id = ?"
                            " ORDER BY position",
                            error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < cards->len; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, card->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          EgCardPart *part = g_new0 (EgCardPart, 1);

          part->name = _eg_store_column_dup (stmt, 0);
          part->text = _eg_store_column_dup (stmt, 1);
          g_ptr_array_add (card->parts, part);
        }
      if (rc != SQLITE_DONE)
        return _eg_store_set_error (self, error, _("Cannot read card parts"));
    }

  return TRUE;
}

/**
 * eg_store_list_cards:
 * @section_id: a section, or 0 for every card
 *
 * Returns: (transfer full): the cards (with their parts and state) in deck
 *   order, deleted cards left out
 */
GPtrArray *
eg_store_list_cards (EgStore  *self,
                     gint64    section_id,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  /* two statements: "?1 = 0 OR c.section_id = ?1" would keep SQLite from
   * finding a section's cards through its index */
  if (section_id != 0)
    stmt = _eg_store_prepare (self,
                              CARD_QUERY " WHERE c.deleted = 0 AND c.section_id = ?1"
                              " ORDER BY c.position", error);
  else
    stmt = _eg_store_prepare (self,
                              CARD_QUERY " WHERE c.deleted = 0"
                              " ORDER BY d.position, d.id, sec.position, c.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, section_id);

  cards = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cards, read_card (stmt));
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot list cards"));
      return NULL;
    }

  if (!load_parts (self, cards, error))
    return NULL;

  return g_steal_pointer (&cards);
}

/**
 * eg_store_list_card_ids:
 * @section_id: a section
 *
 * The ids alone of what eg_store_list_cards() lists for a section, read
 * from an index.
 *
 * Returns: (transfer full) (element-type gint64): the ids, in deck order
 */
GArray *
eg_store_list_card_ids (EgStore  *self,
                        gint64    section_id,
                        GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  stmt = _eg_store_cached (self,
                           "SELECT id FROM cards WHERE section_id = ?1 AND deleted = 0"
                           " ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, section_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot list cards"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * eg_store_find_card:
 * @key: "SECTION/NUMBER", or "DECK:SECTION/NUMBER" when several decks have it
 */
EgCard *
eg_store_find_card (EgStore     *self,
                    const char  *key,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *deck_key = NULL;
  g_autofree char *card_key = NULL;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  _eg_store_split_key (key, &deck_key, &card_key);
  stmt = _eg_store_prepare (self,
                            CARD_QUERY
                            " WHERE c.deleted = 0 AND c.key = ?1 AND (?2 IS NULL OR d.key = ?2)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, card_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, deck_key, -1, SQLITE_STATIC);

  cards = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cards, read_card (stmt));
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot look up the card"));
      return NULL;
    }

  if (cards->len == 0)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                   _("No card “%s” (card keys look like SECTION/NUMBER, e.g. 16/301)"), key);
      return NULL;
    }
  if (cards->len > 1)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_AMBIGUOUS,
                   _("Card “%s” exists in several decks; write DECK:%s"), key, key);
      return NULL;
    }

  if (!load_parts (self, cards, error))
    return NULL;

  return g_ptr_array_steal_index (cards, 0);
}

/**
 * eg_store_get_card:
 *
 * Returns: (transfer full): the card with id @card_id (deleted ones too)
 */
EgCard *
eg_store_get_card (EgStore  *self,
                   gint64    card_id,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  stmt = _eg_store_prepare (self, CARD_QUERY " WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, card_id);

  cards = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_free);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_ptr_array_add (cards, read_card (stmt));
  else if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot read the card"));
      return NULL;
    }
  if (cards->len == 0)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                   _("No card %lld"), (long long) card_id);
      return NULL;
    }
  if (!load_parts (self, cards, error))
    return NULL;

  return g_ptr_array_steal_index (cards, 0);
}

/**
 * eg_store_get_cards:
 *
 * Reads many cards at once, for tables: their content and state, without
 * their parts.
 *
 * Returns: (transfer full): the cards in the order of @card_ids (ids that
 *   do not exist are left out)
 */
GPtrArray *
eg_store_get_cards (EgStore       *self,
                    const gint64  *card_ids,
                    guint          n_cards,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GString) sql = g_string_new (CARD_QUERY " WHERE c.id IN (");
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  for (guint i = 0; i < n_cards; i++)
    g_string_append (sql, i ? ",?" : "?");
  g_string_append (sql, ")");

  cards = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_free);
  if (n_cards == 0)
    return g_steal_pointer (&cards);

  stmt = _eg_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_cards; i++)
    sqlite3_bind_int64 (stmt, i + 1, card_ids[i]);

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) eg_card_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgCard *card = read_card (stmt);

      g_hash_table_insert (by_id, &card->id, card);
    }
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot read cards"));
      return NULL;
    }

  for (guint i = 0; i < n_cards; i++)
    {
      EgCard *card = NULL;

      if (g_hash_table_steal_extended (by_id, &card_ids[i], NULL, (gpointer *) &card))
        g_ptr_array_add (cards, card);
    }
  return g_steal_pointer (&cards);
}

/**
 * eg_store_add_card:
 * @parts: (element-type EgCardPart) (nullable): the card's named parts
 *
 * Adds a new card at the end of a section, numbered after its last card.
 *
 * Returns: the new card's id, or 0 on error
 */
gint64
eg_store_add_card (EgStore     *self,
                   gint64       section_id,
                   const char  *question,
                   const char  *answer,
                   GPtrArray   *parts,
                   gint64       now_ms,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *key = NULL;
  EgNewCard card = { 0 };
  gint64 id;

  g_return_val_if_fail (EG_IS_STORE (self), 0);
  g_return_val_if_fail (question != NULL && answer != NULL, 0);

  if (!_eg_store_begin (self, error))
    return 0;

  stmt = _eg_store_prepare (self,
                            "SELECT sec.deck_id, sec.key,"
                            "       (SELECT coalesce (max (number), 0) + 1 FROM cards"
                            "         WHERE section_id = sec.id),"
                            "       (SELECT coalesce (max (position), -1) + 1 FROM cards"
                            "         WHERE section_id = sec.id)"
                            " FROM sections sec WHERE sec.id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, section_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                   _("No section %lld"), (long long) section_id);
      goto failed;
    }

  hash = eg_card_hash (question, answer, parts);
  key = g_strdup_printf ("%s/%d", sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2));
  card.deck_id = sqlite3_column_int64 (stmt, 0);
  card.section_id = section_id;
  card.key = key;
  card.number = sqlite3_column_int (stmt, 2);
  card.position = sqlite3_column_int (stmt, 3);
  card.question = question;
  card.answer = answer;
  card.parts = parts;
  card.content_hash = hash;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!(id = _eg_store_insert_card (self, &card, now_ms, error)) ||
      !_eg_store_commit (self, error))
    goto failed;
  return id;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  _eg_store_rollback (self);
  return 0;
}

/**
 * eg_store_update_card:
 * @parts: (element-type EgCardPart): the card's named parts
 *
 * Saves an edited card.  Its key, scheduling state, history and annotations
 * stay, its highlights placed again over the new text (orphaned where they
 * cannot be); the change is one transaction.
 */
gboolean
eg_store_update_card (EgStore     *self,
                      gint64       card_id,
                      const char  *question,
                      const char  *answer,
                      GPtrArray   *parts,
                      gint64       now_ms,
                      GError     **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(EgCard) existing = NULL;
  EgCard edited;

  g_return_val_if_fail (EG_IS_STORE (self), FALSE);
  g_return_val_if_fail (question != NULL && answer != NULL, FALSE);

  if (!(existing = eg_store_get_card (self, card_id, error)))
    return FALSE;

  hash = eg_card_hash (question, answer, parts);
  edited = (EgCard) {
    .id = card_id,
    .question = (char *) question,
    .answer = (char *) answer,
    .parts = parts,
    .content_hash = hash,
  };
  if (!_eg_store_begin (self, error))
    return FALSE;
  /* highlights first: the full-text row written next has their new quotes */
  if (!_eg_store_reanchor_card (self, &edited, NULL, NULL, error) ||
      !_eg_store_replace_card_content (self, card_id, question, answer, parts, hash, FALSE,
                                       now_ms, error))
    {
      _eg_store_rollback (self);
      return FALSE;
    }
  return _eg_store_commit (self, error);
}

/* Kept for the callers of the old name: see eg_card_copy(). */
EgCard *
eg_store_card_copy (const EgCard *card)
{
  return eg_card_copy (card);
}
