/* eg-importer.c - import Markdown decks into the collection
 *
 * A deck is imported in one transaction.  Cards are matched by their stable
 * key (section + number), never by their position in the file: a changed
 * card is updated in place and keeps its scheduling history and annotations;
 * a card that is no longer in the file is reported and kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-importer"

#include "config.h"

#include "eg-importer.h"
#include "eg-store-private.h"

typedef struct
{
  gint64    id;
  gint64    section_id;
  int       number;
  int       position;
  gboolean  in_source;
  gboolean  deleted;
  gboolean  seen;
  char     *hash;
} Existing;

static void
existing_free (Existing *existing)
{
  g_free (existing->hash);
  g_free (existing);
}

void
eg_import_report_free (EgImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->name);
  g_free (report->deck_key);
  g_free (report->deck_title);
  g_clear_pointer (&report->removed_keys, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_free (report);
}

static gint64
ensure_deck (EgStore     *store,
             EgDeck      *deck,
             const char  *source_path,
             gint64       now_ms,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  sqlite3 *db = _eg_store_get_db (store);

  find = _eg_store_prepare (store,
                            "SELECT id, title, source_path, default_language FROM decks"
                            " WHERE key = ?1", error);
  if (find == NULL)
    return 0;
  sqlite3_bind_text (find, 1, deck->key, -1, SQLITE_STATIC);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (find, 0);
      const char *title = (const char *) sqlite3_column_text (find, 1);
      const char *path = (const char *) sqlite3_column_text (find, 2);
      const char *language = (const char *) sqlite3_column_text (find, 3);

      /* a file without a language directive keeps the deck's language */
      if (deck->default_language != NULL)
        language = deck->default_language;

      if (g_strcmp0 (title, deck->title) != 0 || g_strcmp0 (path, source_path) != 0 ||
          g_strcmp0 (language, (const char *) sqlite3_column_text (find, 3)) != 0)
        {
          g_autoptr(sqlite3_stmt) update = NULL;

          update = _eg_store_prepare (store,
                                      "UPDATE decks SET title = ?2, source_path = ?3,"
                                      " modified = ?4, default_language = ?5 WHERE id = ?1",
                                      error);
          if (update == NULL)
            return 0;
          sqlite3_bind_int64 (update, 1, id);
          sqlite3_bind_text (update, 2, deck->title, -1, SQLITE_STATIC);
          sqlite3_bind_text (update, 3, source_path, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (update, 4, now_ms);
          sqlite3_bind_text (update, 5, language, -1, SQLITE_TRANSIENT);
          if (!_eg_store_step_done (store, update, error))
            return 0;
        }
      return id;
    }

  insert = _eg_store_prepare (store,
                              "INSERT INTO decks (key, title, source_path, position, created,"
                              "                   modified, default_language)"
                              " VALUES (?1, ?2, ?3,"
                              "         (SELECT coalesce (max (position) + 1, 0) FROM decks),"
                              "         ?4, ?4, ?5)", error);
  if (insert == NULL)
    return 0;
  sqlite3_bind_text (insert, 1, deck->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, deck->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, source_path, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 4, now_ms);
  sqlite3_bind_text (insert, 5, deck->default_language, -1, SQLITE_STATIC);
  if (!_eg_store_step_done (store, insert, error))
    return 0;
  return sqlite3_last_insert_rowid (db);
}

static gint64
ensure_section (EgStore        *store,
                gint64          deck_id,
                EgDeckSection  *section,
                int             position,
                GError        **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;

  find = _eg_store_prepare (store,
                            "SELECT id, heading IS ?3 AND source IS ?4 AND position = ?5"
                            " FROM sections WHERE deck_id = ?1 AND key = ?2", error);
  if (find == NULL)
    return 0;
  sqlite3_bind_int64 (find, 1, deck_id);
  sqlite3_bind_text (find, 2, section->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (find, 3, section->heading, -1, SQLITE_STATIC);
  sqlite3_bind_text (find, 4, section->source, -1, SQLITE_STATIC);
  sqlite3_bind_int (find, 5, position);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (find, 0);

      if (sqlite3_column_int (find, 1))
        return id;

      write = _eg_store_prepare (store,
                                 "UPDATE sections SET heading = ?3, source = ?4, position = ?5"
                                 " WHERE id = ?1", error);
      if (write == NULL)
        return 0;
      sqlite3_bind_int64 (write, 1, id);
      sqlite3_bind_text (write, 3, section->heading, -1, SQLITE_STATIC);
      sqlite3_bind_text (write, 4, section->source, -1, SQLITE_STATIC);
      sqlite3_bind_int (write, 5, position);
      return _eg_store_step_done (store, write, error) ? id : 0;
    }

  write = _eg_store_prepare (store,
                             "INSERT INTO sections (deck_id, key, heading, source, position)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (write == NULL)
    return 0;
  sqlite3_bind_int64 (write, 1, deck_id);
  sqlite3_bind_text (write, 2, section->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 3, section->heading, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 4, section->source, -1, SQLITE_STATIC);
  sqlite3_bind_int (write, 5, position);
  if (!_eg_store_step_done (store, write, error))
    return 0;
  return sqlite3_last_insert_rowid (_eg_store_get_db (store));
}

static GHashTable *
load_existing (EgStore  *store,
               gint64    deck_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) existing = NULL;
  int rc;

  existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) existing_free);
  stmt = _eg_store_prepare (store,
                            "SELECT key, id, section_id, number, position, in_source, deleted,"
                            "       content_hash"
                            " FROM cards WHERE deck_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deck_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Existing *e = g_new0 (Existing, 1);

      e->id = sqlite3_column_int64 (stmt, 1);
      e->section_id = sqlite3_column_int64 (stmt, 2);
      e->number = sqlite3_column_int (stmt, 3);
      e->position = sqlite3_column_int (stmt, 4);
      e->in_source = sqlite3_column_int (stmt, 5) != 0;
      e->deleted = sqlite3_column_int (stmt, 6) != 0;
      e->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_hash_table_insert (existing, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), e);
    }
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (store, error, "Cannot read the deck's cards");
      return NULL;
    }

  return g_steal_pointer (&existing);
}

static gboolean
import_card (EgStore         *store,
             GHashTable      *existing,
             gint64           deck_id,
             gint64           section_id,
             int              position,
             EgDeckCard      *card,
             gint64           now_ms,
             EgImportReport  *report,
             GError         **error)
{
  Existing *e = g_hash_table_lookup (existing, card->key);

  if (e == NULL)
    {
      EgNewCard new_card = {
        .deck_id = deck_id,
        .section_id = section_id,
        .key = card->key,
        .number = card->number,
        .position = position,
        .question = card->question,
        .answer = card->answer,
        .parts = card->parts,
        .content_hash = card->content_hash,
        .imported_hash = card->content_hash,
      };

      if (!_eg_store_insert_card (store, &new_card, now_ms, error))
        return FALSE;
      report->added++;
      return TRUE;
    }

  if (e->seen)
    return TRUE;  /* the parser makes keys unique; never count a card twice */
  e->seen = TRUE;

  if (e->section_id != section_id || e->number != card->number ||
      e->position != position || !e->in_source)
    {
      sqlite3_stmt *stmt = _eg_store_cached (store,
        "UPDATE cards SET section_id = ?2, number = ?3, position = ?4, in_source = 1"
        " WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, e->id);
      sqlite3_bind_int64 (stmt, 2, section_id);
      sqlite3_bind_int (stmt, 3, card->number);
      sqlite3_bind_int (stmt, 4, position);
      if (!_eg_store_step_done (store, stmt, error))
        return FALSE;
    }

  if (g_strcmp0 (e->hash, card->content_hash) == 0)
    {
      report->unchanged++;
      return TRUE;
    }

  if (!_eg_store_replace_card_content (store, e->id, card->question, card->answer, card->parts,
                                       card->content_hash, TRUE, now_ms, error))
    return FALSE;

  report->updated++;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
mark_removed (EgStore         *store,
              GHashTable      *existing,
              EgImportReport  *report,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  const char *key;
  Existing *e;

  stmt = _eg_store_prepare (store, "UPDATE cards SET in_source = 0 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, existing);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &e))
    {
      if (e->seen || e->deleted)
        continue;

      g_ptr_array_add (report->removed_keys, g_strdup (key));
      report->removed++;
      if (e->in_source)
        {
          sqlite3_bind_int64 (stmt, 1, e->id);
          if (!_eg_store_step_done (store, stmt, error))
            return FALSE;
        }
    }

  g_ptr_array_sort (report->removed_keys, compare_strings);
  return TRUE;
}

/**
 * eg_import_deck:
 * @source_path: (nullable): where the deck came from, remembered for updates
 * @now_ms: the time written as created/modified, ms since the epoch
 * @progress: (nullable): called with the fraction done, on the calling thread
 *
 * Imports @deck in one transaction: on any error, or when cancelled, nothing
 * is written.  With %EG_IMPORT_FLAGS_DRY_RUN the report says what an import
 * would do and the transaction is rolled back.
 *
 * Returns: (transfer full): what was added, updated, unchanged and removed
 */
EgImportReport *
eg_import_deck (EgStore               *store,
                EgDeck                *deck,
                const char            *source_path,
                gint64                 now_ms,
                EgImportFlags          flags,
                GCancellable          *cancellable,
                EgImportProgressFunc   progress,
                gpointer               progress_data,
                GError               **error)
{
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GHashTable) existing = NULL;
  gint64 deck_id;
  guint done = 0;

  g_return_val_if_fail (EG_IS_STORE (store), NULL);
  g_return_val_if_fail (deck != NULL, NULL);

  report = g_new0 (EgImportReport, 1);
  report->name = g_strdup (deck->name);
  report->deck_key = g_strdup (deck->key);
  report->deck_title = g_strdup (deck->title);
  report->sections = deck->sections->len;
  report->cards = deck->n_cards;
  report->n_repaired = deck->n_repaired;
  report->removed_keys = g_ptr_array_new_with_free_func (g_free);
  report->warnings = g_ptr_array_ref (deck->warnings);

  if (!_eg_store_begin (store, error))
    return NULL;

  if (!(deck_id = ensure_deck (store, deck, source_path, now_ms, error)) ||
      !(existing = load_existing (store, deck_id, error)))
    goto failed;

  for (guint i = 0; i < deck->sections->len; i++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, i);
      gint64 section_id;

      if (!(section_id = ensure_section (store, deck_id, section, i, error)))
        goto failed;

      for (guint j = 0; j < section->cards->len; j++)
        {
          if (!import_card (store, existing, deck_id, section_id, j,
                            g_ptr_array_index (section->cards, j), now_ms, report, error))
            goto failed;

          if (++done % 512 == 0)
            {
              if (g_cancellable_set_error_if_cancelled (cancellable, error))
                goto failed;
              if (progress != NULL)
                progress ((double) done / deck->n_cards, progress_data);
            }
        }
    }

  if (!mark_removed (store, existing, report, error))
    goto failed;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  if (flags & EG_IMPORT_FLAGS_DRY_RUN)
    _eg_store_rollback (store);
  else if (!_eg_store_commit (store, error))
    return NULL;

  if (progress != NULL)
    progress (1.0, progress_data);

  return g_steal_pointer (&report);

failed:
  _eg_store_rollback (store);
  if (error != NULL && *error != NULL)
    g_prefix_error (error, "%s: ", deck->name);
  return NULL;
}

/**
 * eg_import_file:
 *
 * Loads, repairs, parses and imports a deck file (see eg_deck_load() and
 * eg_import_deck()).
 */
EgImportReport *
eg_import_file (EgStore               *store,
                GFile                 *file,
                gint64                 now_ms,
                EgImportFlags          flags,
                GCancellable          *cancellable,
                EgImportProgressFunc   progress,
                gpointer               progress_data,
                GError               **error)
{
  g_autoptr(EgDeck) deck = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (EG_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  deck = eg_deck_load (file, cancellable, error);
  if (deck == NULL)
    return NULL;

  path = g_file_get_path (file);
  return eg_import_deck (store, deck, path, now_ms, flags, cancellable,
                         progress, progress_data, error);
}
