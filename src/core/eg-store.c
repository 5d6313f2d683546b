/* eg-store.c - the SQLite collection: opening, checking, upgrading, transactions
 *
 * EgStore owns the connection to the collection file.  This file opens it
 * (never initialising over a file it did not create), checks its integrity,
 * brings an older schema up to date (eg-store-schema.c) after a backup, and
 * gives the other files of the store prepared statements, transactions and
 * errors.  The store's files (eg-store-*.c, sharing eg-store-private.h) are
 * the only code that knows the tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "eg-store-private.h"
#include "eg-store-sql.h"

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
  int               read_depth;         /* see eg_store_begin_read() */
  gboolean          read_owned;         /* the outermost began the transaction */
};

G_DEFINE_FINAL_TYPE (EgStore, eg_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (eg-store-error-quark, eg_store_error)

#define set_sqlite_error _eg_store_set_sqlite_error
#define exec_sql _eg_store_exec_sql

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
      !_eg_store_identify (self->db, self->path, _eg_store_n_migrations (), error))
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
                   _("“%s” cannot be written (permission denied)"), self->path);
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
  int version = _eg_store_read_user_version (self->db);

  if (version >= (int) _eg_store_n_migrations ())
    return TRUE;

  if (self->integrity != EG_STORE_INTEGRITY_OK && !eg_store_check (self, NULL, error))
    return FALSE;

  if (!_eg_store_back_up_for_upgrade (self, error))
    {
      g_prefix_error (error, _("The collection was not upgraded, because it could not be "
                               "backed up first: "));
      return FALSE;
    }

  return _eg_store_migrate_db (self->db, _eg_store_n_migrations (), error) &&
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
                       _("Cannot open the collection “%s”: %s"), path,
                       errsv == EACCES ? _("permission denied") : g_strerror (errsv));
          return NULL;
        }
      if (!_eg_store_create_file (path, _eg_store_n_migrations (), error))
        return NULL;
      if (g_stat (path, &st) != 0)
        {
          int errsv2 = errno;
          g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_OPEN,
                       _("Cannot open the collection “%s”: %s"), path, g_strerror (errsv2));
          return NULL;
        }
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_COLLECTION,
                   _("“%s” is not a file, so it cannot be a collection"), path);
      return NULL;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_COLLECTION,
                   _("“%s” is empty (0 bytes): the collection that was there is gone. "
                     "Engram left the file as it is"), path);
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
        _eg_store_set_sqlite_error_for (self->db, path, error, _("Cannot open the collection"));
      else
        g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_OPEN,
                     _("Cannot open the collection “%s”: %s"), path, sqlite3_errstr (rc));
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
                 _("%s: “%s” is damaged, so Engram only reads it; restore a backup"),
                 what, self->path);
  else if (self->read_only)
    g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_READ_ONLY,
                 _("%s: “%s” is open for reading only"), what, self->path);
  else
    g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_BUSY,
                 _("%s: “%s” is still being checked; try again in a moment"), what, self->path);
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
      _eg_store_set_error (self, error, _("Cannot prepare a query"));
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
      _eg_store_set_error (self, error, _("Cannot prepare a query"));
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
    return _eg_store_set_error (self, error, _("Cannot write to the collection"));
  return TRUE;
}

gboolean
_eg_store_exec (EgStore     *self,
                const char  *sql,
                GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _eg_store_set_error (self, error, _("Cannot use the collection"));
  return TRUE;
}

gboolean
_eg_store_begin (EgStore  *self,
                 GError  **error)
{
  int rc;

  if (self->integrity != EG_STORE_INTEGRITY_OK)
    return refuse_write (self, error, _("Cannot change the collection"));

  if (self->write_timeout_ms != EG_STORE_BUSY_TIMEOUT_MS)
    sqlite3_busy_timeout (self->db, self->write_timeout_ms);
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (self->write_timeout_ms != EG_STORE_BUSY_TIMEOUT_MS)
    sqlite3_busy_timeout (self->db, EG_STORE_BUSY_TIMEOUT_MS);

  if (rc != SQLITE_OK)
    return _eg_store_set_error (self, error, _("Cannot change the collection"));
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

/**
 * eg_store_begin_read:
 *
 * Makes the reads until eg_store_end_read() see one snapshot of the
 * collection, and take its lock once rather than once per statement.  In
 * WAL mode other connections go on writing meanwhile.  Calls nest; inside
 * a transaction already open (a change in progress) this does nothing.
 */
gboolean
eg_store_begin_read (EgStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (EG_IS_STORE (self), FALSE);

  if (self->read_depth == 0)
    {
      self->read_owned = sqlite3_get_autocommit (self->db) != 0;
      if (self->read_owned && !_eg_store_exec (self, "BEGIN", error))
        return FALSE;
    }
  self->read_depth++;
  return TRUE;
}

/**
 * eg_store_end_read:
 *
 * Ends what eg_store_begin_read() began.
 */
void
eg_store_end_read (EgStore *self)
{
  g_return_if_fail (EG_IS_STORE (self));
  g_return_if_fail (self->read_depth > 0);

  if (--self->read_depth == 0 && self->read_owned && !sqlite3_get_autocommit (self->db))
    {
      /* a read transaction has nothing to commit: this cannot lose data */
      if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
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
    "       coalesce (sum (s.state = " EG_STORE_STATE_NEW "), 0),"
    "       coalesce (sum (s.state = " EG_STORE_STATE_LEARNING "), 0),"
    "       coalesce (sum (s.state = " EG_STORE_STATE_REVIEW "), 0),"
    "       coalesce (sum (s.state = " EG_STORE_STATE_RELEARNING "), 0),"
    "       coalesce (sum (c.suspended), 0),"
    "       coalesce (sum (c.in_source = 0), 0),"
    "       (SELECT count(*) FROM review_log),"
    "       (SELECT count(*) FROM annotations WHERE deleted = 0)"
    "  FROM cards c JOIN card_state s ON s.card_id = c.id WHERE c.deleted = 0",
    error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _eg_store_set_error (self, error, _("Cannot compute statistics"));

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
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  stmt = _eg_store_cached (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = _eg_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
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
    return _eg_store_set_error (self, error, _("Cannot save a setting"));
  return TRUE;
}
