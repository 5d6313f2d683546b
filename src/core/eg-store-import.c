/* eg-store-import.c - the store's side of importing a deck
 *
 * The importer compares a deck file with the deck's rows, read here in one
 * read transaction that does not hold the write lock, and then writes what
 * changed through the functions below, inside its write transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-store-private.h"

/**
 * _eg_store_begin_read:
 *
 * Starts a read transaction: one snapshot of the collection, without the
 * write lock (in WAL mode other connections go on writing meanwhile).
 * End it with _eg_store_commit() or _eg_store_rollback().
 */
gboolean
_eg_store_begin_read (EgStore  *self,
                      GError  **error)
{
  return _eg_store_exec (self, "BEGIN DEFERRED", error);
}

/**
 * _eg_store_data_version:
 *
 * Returns: a number that changes whenever another connection has committed
 *   to the collection (PRAGMA data_version); inside a transaction, that of
 *   its snapshot.  -1 on error.
 */
gint64
_eg_store_data_version (EgStore  *self,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (self, "PRAGMA data_version", error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eg_store_set_error (self, error, _("Cannot read the collection's data version"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

void
_eg_stored_deck_free (EgStoredDeck *deck)
{
  if (deck == NULL)
    return;
  g_clear_pointer (&deck->sections, g_hash_table_unref);
  g_clear_pointer (&deck->cards, g_array_unref);
  g_string_chunk_free (deck->strings);
  g_free (deck);
}

static const char *
chunk_column (GStringChunk *strings,
              sqlite3_stmt *stmt,
              int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_string_chunk_insert (strings, text) : NULL;
}

static gboolean
read_sections (EgStore       *self,
               EgStoredDeck  *deck,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _eg_store_prepare (self,
                            "SELECT id, key, heading, source, position FROM sections"
                            " WHERE deck_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deck->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgStoredSection *section = g_new0 (EgStoredSection, 1);

      section->id = sqlite3_column_int64 (stmt, 0);
      section->heading = chunk_column (deck->strings, stmt, 2);
      section->source = chunk_column (deck->strings, stmt, 3);
      section->position = sqlite3_column_int (stmt, 4);
      g_hash_table_insert (deck->sections, (gpointer) chunk_column (deck->strings, stmt, 1),
                           section);
    }
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot read the deck's sections"));
  return TRUE;
}

static gboolean
read_cards (EgStore       *self,
            EgStoredDeck  *deck,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _eg_store_prepare (self,
                            "SELECT id, section_id, key, number, position, in_source, deleted,"
                            "       content_hash, imported_hash"
                            " FROM cards WHERE deck_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deck->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgStoredCard card = {
        .id = sqlite3_column_int64 (stmt, 0),
        .section_id = sqlite3_column_int64 (stmt, 1),
        .key = chunk_column (deck->strings, stmt, 2),
        .number = sqlite3_column_int (stmt, 3),
        .position = sqlite3_column_int (stmt, 4),
        .in_source = sqlite3_column_int (stmt, 5) != 0,
        .deleted = sqlite3_column_int (stmt, 6) != 0,
      };
      const char *content = (const char *) sqlite3_column_text (stmt, 7);
      const char *imported = (const char *) sqlite3_column_text (stmt, 8);

      /* the two hashes are mostly the same: keep one copy */
      card.content_hash = g_string_chunk_insert (deck->strings, content);
      if (imported != NULL)
        card.imported_hash = g_str_equal (imported, content)
                             ? card.content_hash
                             : g_string_chunk_insert (deck->strings, imported);
      g_array_append_val (deck->cards, card);
    }
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot read the deck's cards"));
  return TRUE;
}

/**
 * _eg_store_read_deck:
 *
 * Reads a deck, its sections and all its cards (deleted ones and ones no
 * longer in the file too), in the caller's transaction.
 *
 * Returns: (transfer full): the deck; its id is 0 when there is no deck
 *   @deck_key yet
 */
EgStoredDeck *
_eg_store_read_deck (EgStore     *self,
                     const char  *deck_key,
                     GError     **error)
{
  g_autoptr(EgStoredDeck) deck = g_new0 (EgStoredDeck, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  deck->strings = g_string_chunk_new (64 * 1024);
  deck->sections = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  deck->cards = g_array_new (FALSE, FALSE, sizeof (EgStoredCard));

  stmt = _eg_store_prepare (self,
                            "SELECT id, title, source_path, default_language FROM decks"
                            " WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, deck_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&deck);
  if (rc != SQLITE_ROW)
    {
      _eg_store_set_error (self, error, _("Cannot read the deck"));
      return NULL;
    }
  deck->id = sqlite3_column_int64 (stmt, 0);
  deck->title = chunk_column (deck->strings, stmt, 1);
  deck->source_path = chunk_column (deck->strings, stmt, 2);
  deck->default_language = chunk_column (deck->strings, stmt, 3);

  if (!read_sections (self, deck, error) || !read_cards (self, deck, error))
    return NULL;
  return g_steal_pointer (&deck);
}

/**
 * _eg_store_write_deck:
 * @deck_id: the deck to update, or 0 to add one
 *
 * Returns: the deck's id, or 0 on error
 */
gint64
_eg_store_write_deck (EgStore     *self,
                      gint64       deck_id,
                      const char  *key,
                      const char  *title,
                      const char  *source_path,
                      const char  *default_language,
                      gint64       now_ms,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (deck_id != 0)
    stmt = _eg_store_prepare (self,
                              "UPDATE decks SET title = ?2, source_path = ?3,"
                              " modified = ?4, default_language = ?5 WHERE id = ?1", error);
  else
    stmt = _eg_store_prepare (self,
                              "INSERT INTO decks (key, title, source_path, position, created,"
                              "                   modified, default_language)"
                              " VALUES (?6, ?2, ?3,"
                              "         (SELECT coalesce (max (position) + 1, 0) FROM decks),"
                              "         ?4, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  if (deck_id != 0)
    sqlite3_bind_int64 (stmt, 1, deck_id);
  else
    sqlite3_bind_text (stmt, 6, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, source_path, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now_ms);
  sqlite3_bind_text (stmt, 5, default_language, -1, SQLITE_STATIC);
  if (!_eg_store_step_done (self, stmt, error))
    return 0;
  return deck_id != 0 ? deck_id : sqlite3_last_insert_rowid (_eg_store_get_db (self));
}

/**
 * _eg_store_write_section:
 * @section_id: the section to update, or 0 to add one to @deck_id
 *
 * Returns: the section's id, or 0 on error
 */
gint64
_eg_store_write_section (EgStore     *self,
                         gint64       deck_id,
                         gint64       section_id,
                         const char  *key,
                         const char  *heading,
                         const char  *source,
                         int          position,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (section_id != 0)
    stmt = _eg_store_prepare (self,
                              "UPDATE sections SET heading = ?3, source = ?4, position = ?5"
                              " WHERE id = ?1", error);
  else
    stmt = _eg_store_prepare (self,
                              "INSERT INTO sections (deck_id, key, heading, source, position)"
                              " VALUES (?2, ?6, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, section_id);
  sqlite3_bind_int64 (stmt, 2, deck_id);
  sqlite3_bind_text (stmt, 3, heading, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, source, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, position);
  if (section_id == 0)
    sqlite3_bind_text (stmt, 6, key, -1, SQLITE_STATIC);
  if (!_eg_store_step_done (self, stmt, error))
    return 0;
  return section_id != 0 ? section_id : sqlite3_last_insert_rowid (_eg_store_get_db (self));
}

/**
 * _eg_store_place_card:
 *
 * Moves a card to its place in the deck file, and marks it as in the file.
 */
gboolean
_eg_store_place_card (EgStore  *self,
                      gint64    card_id,
                      gint64    section_id,
                      int       number,
                      int       position,
                      GError  **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "UPDATE cards SET section_id = ?2, number = ?3, position = ?4, in_source = 1"
    " WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int64 (stmt, 2, section_id);
  sqlite3_bind_int (stmt, 3, number);
  sqlite3_bind_int (stmt, 4, position);
  return _eg_store_step_done (self, stmt, error);
}

gboolean
_eg_store_set_imported_hash (EgStore     *self,
                             gint64       card_id,
                             const char  *hash,
                             GError     **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "UPDATE cards SET imported_hash = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
  return _eg_store_step_done (self, stmt, error);
}

gboolean
_eg_store_set_not_in_source (EgStore  *self,
                             gint64    card_id,
                             GError  **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "UPDATE cards SET in_source = 0 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  return _eg_store_step_done (self, stmt, error);
}

/**
 * _eg_store_get_question:
 *
 * Returns: (transfer full): the card's question (Markdown)
 */
char *
_eg_store_get_question (EgStore  *self,
                        gint64    card_id,
                        GError  **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self, "SELECT question FROM cards WHERE id = ?1", error);
  char *question;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, card_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eg_store_set_error (self, error, _("Cannot read the card's question"));
      sqlite3_reset (stmt);
      return NULL;
    }
  question = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return question;
}
