/* eg-store.c - the SQLite collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "eg-backup.h"
#include "eg-store-private.h"

struct _EgStore
{
  GObject           parent_instance;
  sqlite3          *db;
  char             *path;
  GHashTable       *statements;   /* static SQL string -> prepared statement */
  EgStoreIntegrity  integrity;    /* only an OK collection is written to */
  gboolean          read_only;
  gboolean          checked;            /* a check passed on this connection */
  int               write_timeout_ms;   /* see eg_store_set_write_timeout() */
};

G_DEFINE_FINAL_TYPE (EgStore, eg_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (eg-store-error-quark, eg_store_error)

/* Each entry upgrades the schema from version i to i + 1.  Never edit an
 * entry once it has shipped: add a new one and bump EG_STORE_SCHEMA_VERSION.
 */
static const char * const migrations[] = {
  /* 0 -> 1: the initial schema */
  "CREATE TABLE decks ("
  "  id               INTEGER PRIMARY KEY,"
  "  key              TEXT NOT NULL UNIQUE,"
  "  title            TEXT NOT NULL,"
  "  source_path      TEXT,"
  "  default_language TEXT,"
  "  position         INTEGER NOT NULL DEFAULT 0,"
  "  created          INTEGER NOT NULL,"
  "  modified         INTEGER NOT NULL"
  ");"
  "CREATE TABLE sections ("
  "  id       INTEGER PRIMARY KEY,"
  "  deck_id  INTEGER NOT NULL REFERENCES decks (id) ON DELETE CASCADE,"
  "  key      TEXT NOT NULL,"
  "  heading  TEXT NOT NULL,"
  "  source   TEXT,"
  "  position INTEGER NOT NULL,"
  "  UNIQUE (deck_id, key)"
  ");"
  "CREATE TABLE cards ("
  "  id           INTEGER PRIMARY KEY,"
  "  deck_id      INTEGER NOT NULL REFERENCES decks (id),"
  "  section_id   INTEGER NOT NULL REFERENCES sections (id),"
  "  key          TEXT NOT NULL,"
  "  number       INTEGER NOT NULL,"
  "  position     INTEGER NOT NULL,"
  "  question     TEXT NOT NULL,"
  "  answer       TEXT NOT NULL,"
  "  content_hash TEXT NOT NULL,"
  "  created      INTEGER NOT NULL,"
  "  modified     INTEGER NOT NULL,"
  "  flag         INTEGER NOT NULL DEFAULT 0 CHECK (flag BETWEEN 0 AND 7),"
  "  suspended    INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),"
  "  buried_until INTEGER NOT NULL DEFAULT 0,"
  "  in_source    INTEGER NOT NULL DEFAULT 1 CHECK (in_source IN (0, 1)),"
  "  deleted      INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (deck_id, key)"
  ");"
  "CREATE INDEX cards_section ON cards (section_id, position);"
  "CREATE INDEX cards_key ON cards (key);"
  "CREATE TABLE card_parts ("
  "  card_id  INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name     TEXT NOT NULL,"
  "  text     TEXT NOT NULL,"
  "  PRIMARY KEY (card_id, position)"
  ") WITHOUT ROWID;"
  /* FSRS memory state; times are ms since the epoch (UTC) */
  "CREATE TABLE card_state ("
  "  card_id        INTEGER PRIMARY KEY REFERENCES cards (id) ON DELETE CASCADE,"
  "  state          INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),"
  "  due            INTEGER NOT NULL,"
  "  stability      REAL NOT NULL DEFAULT 0,"
  "  difficulty     REAL NOT NULL DEFAULT 0,"
  "  elapsed_days   INTEGER NOT NULL DEFAULT 0,"
  "  scheduled_days INTEGER NOT NULL DEFAULT 0,"
  "  reps           INTEGER NOT NULL DEFAULT 0,"
  "  lapses         INTEGER NOT NULL DEFAULT 0,"
  "  learning_steps INTEGER NOT NULL DEFAULT 0,"
  "  last_review    INTEGER"
  ");"
  "CREATE INDEX card_state_due ON card_state (state, due);"
  /* Append-only.  rating 0 is a manual change (reset to new). */
  "CREATE TABLE review_log ("
  "  id                INTEGER PRIMARY KEY,"
  "  card_id           INTEGER NOT NULL REFERENCES cards (id),"
  "  reviewed_at       INTEGER NOT NULL,"
  "  rating            INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 4),"
  "  state_before      INTEGER NOT NULL,"
  "  state_after       INTEGER NOT NULL,"
  "  stability_before  REAL NOT NULL,"
  "  stability_after   REAL NOT NULL,"
  "  difficulty_before REAL NOT NULL,"
  "  difficulty_after  REAL NOT NULL,"
  "  elapsed_days      INTEGER NOT NULL,"
  "  scheduled_days    INTEGER NOT NULL,"
  "  due_after         INTEGER NOT NULL,"
  "  duration_ms       INTEGER NOT NULL DEFAULT 0,"
  "  rescheduled       INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX review_log_card ON review_log (card_id, reviewed_at);"
  "CREATE INDEX review_log_time ON review_log (reviewed_at);"
  "CREATE TRIGGER review_log_append_only BEFORE UPDATE ON review_log BEGIN"
  "  SELECT RAISE (ABORT, 'the review log is append-only');"
  "END;"
  /* Highlights and notes, anchored by a W3C-style text quote selector */
  "CREATE TABLE annotations ("
  "  id             INTEGER PRIMARY KEY,"
  "  card_id        INTEGER NOT NULL REFERENCES cards (id),"
  "  kind           TEXT NOT NULL CHECK (kind IN ('highlight', 'note')),"
  "  field          TEXT NOT NULL,"
  "  quote_exact    TEXT NOT NULL DEFAULT '',"
  "  quote_prefix   TEXT NOT NULL DEFAULT '',"
  "  quote_suffix   TEXT NOT NULL DEFAULT '',"
  "  position_start INTEGER,"
  "  position_end   INTEGER,"
  "  body           TEXT NOT NULL DEFAULT '',"
  "  color          TEXT,"
  "  orphaned       INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),"
  "  created        INTEGER NOT NULL,"
  "  modified       INTEGER NOT NULL,"
  "  deleted        INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX annotations_card ON annotations (card_id);"
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  /* Full-text index over card text and annotations, rowid = cards.id.  The
   * store keeps it current (_eg_store_insert_card, _eg_store_reindex_card):
   * one insert per card is many times faster than triggers that update the
   * row once per part.
   */
  "CREATE VIRTUAL TABLE cards_fts USING fts5 ("
  "  question, answer, parts, annotations,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");",

  /* 1 -> 2: study days (local days starting at the day-start hour, counted
   * from 1970-01-01) so that a time zone or DST change never moves a card
   * to another day.  Existing rows are filled in with the default 04:00.
   */
  "ALTER TABLE card_state ADD COLUMN due_day INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE review_log ADD COLUMN day INTEGER NOT NULL DEFAULT 0;"
  "DROP TRIGGER review_log_append_only;"
  "UPDATE review_log SET day = CAST (julianday (date ((reviewed_at - 14400000) / 1000,"
  "                                                   'unixepoch', 'localtime'))"
  "                                  - 2440587.5 AS INTEGER);"
  "UPDATE card_state SET due_day ="
  "  CAST (julianday (date ((last_review - 14400000) / 1000, 'unixepoch', 'localtime'))"
  "        - 2440587.5 AS INTEGER) + scheduled_days"
  "  WHERE last_review IS NOT NULL;"
  "CREATE TRIGGER review_log_append_only BEFORE UPDATE ON review_log BEGIN"
  "  SELECT RAISE (ABORT, 'the review log is append-only');"
  "END;"
  "CREATE INDEX card_state_due_day ON card_state (state, due_day);"
  "CREATE INDEX review_log_day ON review_log (day);",

  /* 2 -> 3: the card search (eg-search.c) reads every card's place, flags
   * and times from this index rather than from the rows with their text,
   * twice as fast; it starts like cards_section, which it replaces.
   */
  "CREATE INDEX cards_search ON cards (section_id, position, deleted, number, flag,"
  "                                    suspended, buried_until, modified, deck_id);"
  "DROP INDEX cards_section;",

  /* 3 -> 4: a search that finds its cards by id (full text, rated:, has:)
   * reads them from this index rather than from the rows with their text:
   * a 100,000-card collection's rows fill 37 MB, the index 4.  Only id and
   * deleted are looked up: "section_id IN (…)" on a third column would
   * be a look-up per section and card.
   */
  "CREATE INDEX cards_by_id ON cards (id, deleted, key, position, number, flag, suspended,"
  "                                   buried_until, modified, deck_id, section_id);",

  /* 4 -> 5: the hash of the text each card had when its deck was last
   * imported, the base of the importer's three-way decision (the file's
   * text, the card's text now, the text last imported).  NULL for a card
   * never imported (added in the app).  Existing cards start from their
   * current text, as if they had just been imported.
   */
  "ALTER TABLE cards ADD COLUMN imported_hash TEXT;"
  "UPDATE cards SET imported_hash = content_hash;",
};

int
_eg_store_n_migrations (void)
{
  return G_N_ELEMENTS (migrations);
}

#define set_sqlite_error _eg_store_set_sqlite_error
#define exec_sql _eg_store_exec_sql

gboolean
_eg_store_migrate_db (sqlite3  *db,
                      int       version,
                      GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (version <= (int) G_N_ELEMENTS (migrations), FALSE);

  for (;;)
    {
      g_autofree char *bump = NULL;
      int current;

      /* read inside the transaction: another process may have migrated */
      if (!exec_sql (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      current = _eg_store_read_user_version (db);
      if (current < 0)
        {
          set_sqlite_error (db, error, "Cannot read the collection's version");
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (current >= version)
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return TRUE;
        }

      bump = g_strdup_printf ("PRAGMA user_version = %d", current + 1);
      if (!exec_sql (db, migrations[current], error) || !exec_sql (db, bump, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, "Cannot upgrade the collection to version %d: ", current + 1);
          return FALSE;
        }

      if (!exec_sql (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
}

static void
eg_store_finalize (GObject *object)
{
  EgStore *self = (EgStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  /* the file passed its check in this session, and what this connection
   * wrote was no damage: marked after the close, which may have moved the
   * log into the file */
  if (self->checked && self->integrity != EG_STORE_INTEGRITY_DAMAGED)
    _eg_store_stamp (self->path);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (eg_store_parent_class)->finalize (object);
}

static void
eg_store_class_init (EgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eg_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
eg_store_init (EgStore *self)
{
  self->write_timeout_ms = EG_STORE_BUSY_TIMEOUT_MS;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
}

/**
 * eg_store_default_path:
 *
 * Returns: the per-user collection, `$XDG_DATA_HOME/engram/collection.db`
 */
char *
eg_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "engram", "collection.db", NULL);
}

/* Reads and writes of a checked collection; every connection the same. */
static gboolean
configure (EgStore          *self,
           EgStoreOpenFlags  flags,
           GError          **error)
{
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, EG_STORE_BUSY_TIMEOUT_MS);

  if (!exec_sql (self->db, "PRAGMA foreign_keys = ON", error) ||
      /* recognising the file reads it: nothing is written before */
      !_eg_store_identify (self->db, self->path, G_N_ELEMENTS (migrations), error))
    return FALSE;

  if (flags & EG_STORE_OPEN_READ_ONLY)
    {
      self->read_only = TRUE;
      eg_store_set_integrity (self, EG_STORE_INTEGRITY_UNKNOWN);
      return TRUE;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_READ_ONLY,
                   "“%s” cannot be written (permission denied)", self->path);
      return FALSE;
    }

  /* Every commit reaches the disk before it returns (a grade is never lost
   * to a power cut).  Searches and sorts read the same pages over and over;
   * the default 2 MB cache holds a twentieth of a 100,000-card collection,
   * and it grows only as pages are read.
   */
  return exec_sql (self->db, "PRAGMA journal_mode = WAL", error) &&
         exec_sql (self->db, "PRAGMA synchronous = FULL", error) &&
         exec_sql (self->db, "PRAGMA cache_size = -32768", error);
}

/* Brings an older collection up to this build's schema, backed up first. */
static gboolean
upgrade (EgStore  *self,
         GError  **error)
{
  g_autoptr(EgBackupInfo) backup = NULL;
  int version = _eg_store_read_user_version (self->db);

  if (version >= (int) G_N_ELEMENTS (migrations))
    return TRUE;

  if (self->integrity != EG_STORE_INTEGRITY_OK && !eg_store_check (self, NULL, error))
    return FALSE;

  backup = eg_backup_create (self, EG_BACKUP_REASON_UPGRADE, g_get_real_time () / 1000,
                             NULL, error);
  if (backup == NULL)
    {
      g_prefix_error (error, "The collection was not upgraded, because it could not be "
                             "backed up first: ");
      return FALSE;
    }

  return _eg_store_migrate_db (self->db, G_N_ELEMENTS (migrations), error) &&
         _eg_store_claim (self->db, error);
}

/**
 * eg_store_open:
 * @path: the collection file; created (with its folder) when missing
 *
 * Opens the collection for reading and writing: as
 * eg_store_open_full() with %EG_STORE_OPEN_DEFAULT, so a damaged
 * collection is refused.
 */
EgStore *
eg_store_open (const char  *path,
               GError     **error)
{
  return eg_store_open_full (path, EG_STORE_OPEN_DEFAULT, error);
}

/**
 * eg_store_open_full:
 * @path: the collection file
 * @flags: %EG_STORE_OPEN_UNCHECKED to skip the integrity check (writes are
 *   then refused until eg_store_check() passes), %EG_STORE_OPEN_READ_ONLY
 *   never to write, %EG_STORE_OPEN_NO_CREATE to refuse a missing file
 *
 * Opens the collection, creating it when @path does not exist.  An existing
 * file is never initialised over: one that is empty, damaged, another
 * program's database or written by a newer Engram is refused and left as it
 * is.  An older collection is backed up, then upgraded.
 */
EgStore *
eg_store_open_full (const char        *path,
                    EgStoreOpenFlags   flags,
                    GError           **error)
{
  g_autoptr(EgStore) self = NULL;
  GStatBuf st;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int errsv = errno;

      if (errsv != ENOENT || (flags & (EG_STORE_OPEN_READ_ONLY | EG_STORE_OPEN_NO_CREATE)))
        {
          g_set_error (error, EG_STORE_ERROR,
                       errsv == EACCES ? EG_STORE_ERROR_READ_ONLY : EG_STORE_ERROR_OPEN,
                       "Cannot open the collection “%s”: %s", path,
                       errsv == EACCES ? "permission denied" : g_strerror (errsv));
          return NULL;
        }
      if (!_eg_store_create_file (path, G_N_ELEMENTS (migrations), error))
        return NULL;
      if (g_stat (path, &st) != 0)
        {
          int errsv2 = errno;
          g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_OPEN,
                       "Cannot open the collection “%s”: %s", path, g_strerror (errsv2));
          return NULL;
        }
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_COLLECTION,
                   "“%s” is not a file, so it cannot be a collection", path);
      return NULL;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_COLLECTION,
                   "“%s” is empty (0 bytes): the collection that was there is gone. "
                   "Engram left the file as it is", path);
      return NULL;
    }

  self = g_object_new (EG_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        ((flags & EG_STORE_OPEN_READ_ONLY) ? SQLITE_OPEN_READONLY
                                                          : SQLITE_OPEN_READWRITE) |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      if (self->db != NULL)
        _eg_store_set_sqlite_error_for (self->db, path, error, "Cannot open the collection");
      else
        g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_OPEN,
                     "Cannot open the collection “%s”: %s", path, sqlite3_errstr (rc));
      return NULL;
    }

  if (!configure (self, flags, error))
    return NULL;

  if (flags & (EG_STORE_OPEN_UNCHECKED | EG_STORE_OPEN_READ_ONLY))
    eg_store_set_integrity (self, EG_STORE_INTEGRITY_UNKNOWN);
  else if (flags & EG_STORE_OPEN_READ)
    {
      eg_store_set_integrity (self, EG_STORE_INTEGRITY_UNKNOWN);
      if (!_eg_store_stamp_matches (path) && !eg_store_check (self, NULL, error))
        return NULL;
    }
  else if (!eg_store_check (self, NULL, error) || !_eg_store_claim (self->db, error))
    return NULL;

  if (!(flags & EG_STORE_OPEN_READ_ONLY) && !upgrade (self, error))
    return NULL;

  /* a reader never writes, even after a check or an upgrade */
  if (flags & EG_STORE_OPEN_READ)
    eg_store_set_integrity (self, EG_STORE_INTEGRITY_UNKNOWN);

  return g_steal_pointer (&self);
}

/**
 * eg_store_check:
 *
 * Checks the collection's integrity (`PRAGMA quick_check`: it reads the
 * whole file, 0.8 s for 100,000 cards and 1,000,000 reviews).  Writes are
 * allowed once it passed; a damaged collection is only read from then on.
 */
gboolean
eg_store_check (EgStore       *self,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EG_IS_STORE (self), FALSE);

  if (_eg_store_quick_check (self->db, cancellable, &local_error))
    {
      eg_store_set_integrity (self, EG_STORE_INTEGRITY_OK);
      self->checked = TRUE;
      return TRUE;
    }
  if (g_error_matches (local_error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT))
    eg_store_set_integrity (self, EG_STORE_INTEGRITY_DAMAGED);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * eg_store_set_integrity:
 *
 * Tells the store what a check of its file (eg_store_check(), possibly on
 * another connection) found: only an %EG_STORE_INTEGRITY_OK collection is
 * written to.
 */
void
eg_store_set_integrity (EgStore            *self,
                        EgStoreIntegrity    integrity)
{
  g_return_if_fail (EG_IS_STORE (self));

  if (self->read_only)
    integrity = MIN (integrity, EG_STORE_INTEGRITY_UNKNOWN);
  self->integrity = integrity;
  sqlite3_exec (self->db, integrity == EG_STORE_INTEGRITY_OK ? "PRAGMA query_only = OFF"
                                                             : "PRAGMA query_only = ON",
                NULL, NULL, NULL);
}

/**
 * eg_store_set_write_timeout:
 * @ms: how long a change waits for another program's write to end; 0 to
 *   fail at once with %EG_STORE_ERROR_BUSY
 *
 * The app's main thread never waits on the database: it sets 0 and tries
 * again later (reads never wait for a writer).
 */
void
eg_store_set_write_timeout (EgStore *self,
                            int      ms)
{
  g_return_if_fail (EG_IS_STORE (self));

  self->write_timeout_ms = MAX (ms, 0);
}

/**
 * eg_store_set_cache_size:
 * @kib: how much memory the connection may keep of the file's pages
 *
 * A connection keeps up to 32 MB of pages, which searches and sorts read
 * again and again; one that reads the file once through (the app's
 * integrity check and backup, in a thread) needs little.
 */
void
eg_store_set_cache_size (EgStore *self,
                         int      kib)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (EG_IS_STORE (self));

  sql = g_strdup_printf ("PRAGMA cache_size = %d", -MAX (kib, 64));
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

EgStoreIntegrity
eg_store_get_integrity (EgStore *self)
{
  g_return_val_if_fail (EG_IS_STORE (self), EG_STORE_INTEGRITY_UNKNOWN);

  return self->integrity;
}

const char *
eg_store_get_path (EgStore *self)
{
  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  return self->path;
}

/**
 * eg_store_set_memory_map:
 * @bytes: how much of the file SQLite may map into memory; 0 for none
 *
 * Mapping is faster for short processes that read much of the collection
 * (engram-cli), but the mapped pages count as the process's memory, so the
 * app does not map.
 */
void
eg_store_set_memory_map (EgStore *self,
                         gsize    bytes)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (EG_IS_STORE (self));

  sql = g_strdup_printf ("PRAGMA mmap_size = %" G_GSIZE_FORMAT, bytes);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

int
eg_store_get_schema_version (EgStore *self)
{
  g_return_val_if_fail (EG_IS_STORE (self), -1);

  return _eg_store_read_user_version (self->db);
}

sqlite3 *
_eg_store_get_db (EgStore *self)
{
  return self->db;
}

/* Why a write to a collection that is not known to be sound is refused. */
static gboolean
refuse_write (EgStore     *self,
              GError     **error,
              const char  *what)
{
  if (self->integrity == EG_STORE_INTEGRITY_DAMAGED)
    g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT,
                 "%s: “%s” is damaged, so Engram only reads it; restore a backup",
                 what, self->path);
  else if (self->read_only)
    g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_READ_ONLY,
                 "%s: “%s” is open for reading only", what, self->path);
  else
    g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_BUSY,
                 "%s: “%s” is still being checked; try again in a moment", what, self->path);
  return FALSE;
}

gboolean
_eg_store_set_error (EgStore     *self,
                     GError     **error,
                     const char  *what)
{
  if (self->integrity != EG_STORE_INTEGRITY_OK &&
      (sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_READONLY)
    return refuse_write (self, error, what);
  return set_sqlite_error (self->db, error, what);
}

sqlite3_stmt *
_eg_store_prepare (EgStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _eg_store_set_error (self, error, "Cannot prepare a query");
      return NULL;
    }
  return stmt;
}

/**
 * _eg_store_cached:
 * @sql: a string literal (the cache is keyed by its address)
 *
 * Returns: (transfer none): a prepared statement owned by the store, reset
 *   and with its bindings cleared
 */
sqlite3_stmt *
_eg_store_cached (EgStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _eg_store_set_error (self, error, "Cannot prepare a query");
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/**
 * _eg_store_step_done:
 *
 * Runs a statement that returns no rows and resets it.
 */
gboolean
_eg_store_step_done (EgStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, "Cannot write to the collection");
  return TRUE;
}

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
  id = sqlite3_last_insert_rowid (self->db);

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

gboolean
_eg_store_exec (EgStore     *self,
                const char  *sql,
                GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _eg_store_set_error (self, error, "Cannot use the collection");
  return TRUE;
}

gboolean
_eg_store_begin (EgStore  *self,
                 GError  **error)
{
  int rc;

  if (self->integrity != EG_STORE_INTEGRITY_OK)
    return refuse_write (self, error, "Cannot change the collection");

  if (self->write_timeout_ms != EG_STORE_BUSY_TIMEOUT_MS)
    sqlite3_busy_timeout (self->db, self->write_timeout_ms);
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (self->write_timeout_ms != EG_STORE_BUSY_TIMEOUT_MS)
    sqlite3_busy_timeout (self->db, EG_STORE_BUSY_TIMEOUT_MS);

  if (rc != SQLITE_OK)
    return _eg_store_set_error (self, error, "Cannot change the collection");
  return TRUE;
}

gboolean
_eg_store_commit (EgStore  *self,
                  GError  **error)
{
  if (!exec_sql (self->db, "COMMIT", error))
    {
      _eg_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_eg_store_rollback (EgStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
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

gboolean
eg_store_is_empty (EgStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EG_IS_STORE (self), TRUE);

  stmt = _eg_store_prepare (self, "SELECT NOT EXISTS (SELECT 1 FROM cards)", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  return sqlite3_column_int (stmt, 0) != 0;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text);
}

GPtrArray *
eg_store_list_decks (EgStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) decks = NULL;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  stmt = _eg_store_prepare (self,
                            "SELECT id, key, title, source_path, default_language FROM decks"
                            " ORDER BY position, id",
                            error);
  if (stmt == NULL)
    return NULL;

  decks = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_deck_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgDeckInfo *info = g_new0 (EgDeckInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->key = column_dup (stmt, 1);
      info->title = column_dup (stmt, 2);
      info->source_path = column_dup (stmt, 3);
      info->default_language = column_dup (stmt, 4);
      g_ptr_array_add (decks, info);
    }
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, "Cannot list decks");
      return NULL;
    }

  return g_steal_pointer (&decks);
}

/* the counts come from one pass over the cards, not a query per section */
#define SECTION_QUERY \
  "WITH counts AS (SELECT k.section_id AS id, count(*) AS n, sum (s.state = 0) AS n_new" \
  "                FROM cards k JOIN card_state s ON s.card_id = k.id" \
  "                WHERE k.deleted = 0 GROUP BY k.section_id)" \
  "SELECT c.id, c.deck_id, c.key, c.heading, c.source," \
  "       coalesce (counts.n, 0), coalesce (counts.n_new, 0)" \
  "  FROM sections c JOIN decks d ON d.id = c.deck_id LEFT JOIN counts ON counts.id = c.id "
/* The same without the counts, which take a pass over every card */
#define HEADING_QUERY \
  "SELECT c.id, c.deck_id, c.key, c.heading, c.source, 0, 0" \
  "  FROM sections c JOIN decks d ON d.id = c.deck_id "

static EgSectionInfo *
read_section (sqlite3_stmt *stmt)
{
  EgSectionInfo *info = g_new0 (EgSectionInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->deck_id = sqlite3_column_int64 (stmt, 1);
  info->key = column_dup (stmt, 2);
  info->heading = column_dup (stmt, 3);
  info->source = column_dup (stmt, 4);
  info->n_cards = sqlite3_column_int (stmt, 5);
  info->n_new = sqlite3_column_int (stmt, 6);
  return info;
}

/* The sections @query (SECTION_QUERY or HEADING_QUERY) finds, of one deck
 * or of every deck (@deck_id 0), in deck order */
static GPtrArray *
list_sections (EgStore     *self,
               const char  *query,
               gint64       deck_id,
               GError     **error)
{
  g_autofree char *sql = g_strconcat (query, " WHERE ?1 = 0 OR c.deck_id = ?1"
                                      " ORDER BY d.position, d.id, c.position", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  int rc;

  stmt = _eg_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deck_id);

  sections = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_section_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sections, read_section (stmt));
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, "Cannot list sections");
      return NULL;
    }

  return g_steal_pointer (&sections);
}

/**
 * eg_store_list_sections:
 * @deck_id: a deck, or 0 for the sections of every deck
 *
 * Returns: (transfer full): the sections in deck order
 */
GPtrArray *
eg_store_list_sections (EgStore  *self,
                        gint64    deck_id,
                        GError  **error)
{
  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  return list_sections (self, SECTION_QUERY, deck_id, error);
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
                   "No section %" G_GINT64_FORMAT, section_id);
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
 * stay; the change is one transaction.
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

  g_return_val_if_fail (EG_IS_STORE (self), FALSE);
  g_return_val_if_fail (question != NULL && answer != NULL, FALSE);

  if (!(existing = eg_store_get_card (self, card_id, error)))
    return FALSE;

  hash = eg_card_hash (question, answer, parts);
  if (!_eg_store_begin (self, error))
    return FALSE;
  if (!_eg_store_replace_card_content (self, card_id, question, answer, parts, hash, FALSE,
                                       now_ms, error))
    {
      _eg_store_rollback (self);
      return FALSE;
    }
  return _eg_store_commit (self, error);
}

/**
 * eg_store_set_deck_language:
 * @language: (nullable): a language id such as "go", or %NULL for none
 *
 * Sets the language of the inline code in a deck's cards.
 */
gboolean
eg_store_set_deck_language (EgStore     *self,
                            const char  *deck_key,
                            const char  *language,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EG_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_key != NULL, FALSE);

  stmt = _eg_store_prepare (self, "UPDATE decks SET default_language = ?2 WHERE key = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, deck_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, language, -1, SQLITE_STATIC);
  if (!_eg_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND, "No deck “%s”", deck_key);
      return FALSE;
    }
  return TRUE;
}

/**
 * eg_store_list_section_headings:
 *
 * As eg_store_list_sections(), without the counts (n_cards and n_new are
 * 0), which take a pass over every card.
 */
GPtrArray *
eg_store_list_section_headings (EgStore  *self,
                                gint64    deck_id,
                                GError  **error)
{
  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  return list_sections (self, HEADING_QUERY, deck_id, error);
}

/* A key is either unique on its own ("36") or qualified by its deck
 * ("expert-level-golang-interview-questions:36").
 */
static void
split_deck_key (const char  *key,
                char       **deck_key,
                char       **rest)
{
  const char *colon = strchr (key, ':');

  if (colon != NULL)
    {
      *deck_key = g_strndup (key, colon - key);
      *rest = g_strdup (colon + 1);
    }
  else
    {
      *deck_key = NULL;
      *rest = g_strdup (key);
    }
}

EgSectionInfo *
eg_store_find_section (EgStore     *self,
                       const char  *key,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(EgSectionInfo) found = NULL;
  g_autofree char *deck_key = NULL;
  g_autofree char *section_key = NULL;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  split_deck_key (key, &deck_key, &section_key);
  stmt = _eg_store_prepare (self,
                            SECTION_QUERY
                            " WHERE c.key = ?1 AND (?2 IS NULL OR d.key = ?2)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, section_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, deck_key, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (found != NULL)
        {
          g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_AMBIGUOUS,
                       "Section “%s” exists in several decks; write DECK:%s", key, key);
          return NULL;
        }
      found = read_section (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, "Cannot look up the section");
      return NULL;
    }
  if (found == NULL)
    g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                 "No section “%s”", key);

  return g_steal_pointer (&found);
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
  card->key = column_dup (stmt, 3);
  card->section_key = column_dup (stmt, 4);
  card->number = sqlite3_column_int (stmt, 5);
  card->question = column_dup (stmt, 6);
  card->answer = column_dup (stmt, 7);
  card->content_hash = column_dup (stmt, 8);
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

          part->name = column_dup (stmt, 0);
          part->text = column_dup (stmt, 1);
          g_ptr_array_add (card->parts, part);
        }
      if (rc != SQLITE_DONE)
        return _eg_store_set_error (self, error, "Cannot read card parts");
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
      _eg_store_set_error (self, error, "Cannot list cards");
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
      _eg_store_set_error (self, error, "Cannot list cards");
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

  split_deck_key (key, &deck_key, &card_key);
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
      _eg_store_set_error (self, error, "Cannot look up the card");
      return NULL;
    }

  if (cards->len == 0)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                   "No card “%s” (card keys look like SECTION/NUMBER, e.g. 16/301)", key);
      return NULL;
    }
  if (cards->len > 1)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_AMBIGUOUS,
                   "Card “%s” exists in several decks; write DECK:%s", key, key);
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
      _eg_store_set_error (self, error, "Cannot read the card");
      return NULL;
    }
  if (cards->len == 0)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                   "No card %" G_GINT64_FORMAT, card_id);
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
      _eg_store_set_error (self, error, "Cannot read cards");
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
      r->card_key = column_dup (stmt, 2);
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

gboolean
eg_store_get_stats (EgStore       *self,
                    EgStoreStats  *stats,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EG_IS_STORE (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  stmt = _eg_store_prepare (self,
    "SELECT (SELECT count(*) FROM decks),"
    "       (SELECT count(*) FROM sections),"
    "       count(*),"
    "       coalesce (sum (s.state = 0), 0),"
    "       coalesce (sum (s.state = 1), 0),"
    "       coalesce (sum (s.state = 2), 0),"
    "       coalesce (sum (s.state = 3), 0),"
    "       coalesce (sum (c.suspended), 0),"
    "       coalesce (sum (c.in_source = 0), 0),"
    "       (SELECT count(*) FROM review_log),"
    "       (SELECT count(*) FROM annotations WHERE deleted = 0)"
    "  FROM cards c JOIN card_state s ON s.card_id = c.id WHERE c.deleted = 0",
    error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _eg_store_set_error (self, error, "Cannot compute statistics");

  stats->decks = sqlite3_column_int (stmt, 0);
  stats->sections = sqlite3_column_int (stmt, 1);
  stats->cards = sqlite3_column_int (stmt, 2);
  stats->new_cards = sqlite3_column_int (stmt, 3);
  stats->learning = sqlite3_column_int (stmt, 4);
  stats->review = sqlite3_column_int (stmt, 5);
  stats->relearning = sqlite3_column_int (stmt, 6);
  stats->suspended = sqlite3_column_int (stmt, 7);
  stats->not_in_source = sqlite3_column_int (stmt, 8);
  stats->reviews_logged = sqlite3_column_int (stmt, 9);
  stats->annotations = sqlite3_column_int (stmt, 10);
  return TRUE;
}

char *
eg_store_get_setting (EgStore    *self,
                      const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  stmt = _eg_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return column_dup (stmt, 0);
}

gboolean
eg_store_set_setting (EgStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EG_IS_STORE (self), FALSE);

  stmt = _eg_store_prepare (self,
                            "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _eg_store_set_error (self, error, "Cannot save a setting");
  return TRUE;
}

void
eg_deck_info_free (EgDeckInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->key);
  g_free (info->title);
  g_free (info->source_path);
  g_free (info->default_language);
  g_free (info);
}

void
eg_section_info_free (EgSectionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->key);
  g_free (info->heading);
  g_free (info->source);
  g_free (info);
}

void
eg_review_free (EgReview *review)
{
  if (review == NULL)
    return;
  g_free (review->card_key);
  g_free (review);
}

/* Kept for the callers of the old name: see eg_card_copy(). */
EgCard *
eg_store_card_copy (const EgCard *card)
{
  return eg_card_copy (card);
}
