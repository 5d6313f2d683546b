/* eg-store-file.c - the collection's file: creating, recognising, checking
 *
 * A collection file is only ever initialised when Engram creates it: a new
 * collection is written under a temporary name and linked into place, so
 * the path never names a half-made file, and an existing file that is
 * empty, damaged or another program's database is refused and left exactly
 * as it is.  Errors say what is wrong with the file in a person's words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eg-store-private.h"

/* "Engr": PRAGMA application_id of every collection made since schema 4 */
#define EG_STORE_APPLICATION_ID 0x456e6772

/* A person's words for what went wrong with the file @path. */
static char *
describe_failure (sqlite3    *db,
                  const char *path,
                  int        *code_out)
{
  int code = sqlite3_extended_errcode (db);
  int errsv = sqlite3_system_errno (db);
  g_autofree char *dir = g_path_get_dirname (path);

  switch (code & 0xff)
    {
    case SQLITE_FULL:
      *code_out = EG_STORE_ERROR_FULL;
      return g_strdup_printf (_("the disk that holds “%s” is full"), path);

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      *code_out = EG_STORE_ERROR_BUSY;
      return g_strdup_printf (_("another program is writing to “%s”; try again when it "
                                "has finished"), path);

    case SQLITE_READONLY:
      *code_out = EG_STORE_ERROR_READ_ONLY;
      if (code == SQLITE_READONLY_CANTINIT || code == SQLITE_READONLY_CANTLOCK ||
          code == SQLITE_READONLY_DIRECTORY || access (dir, W_OK) != 0)
        return g_strdup_printf (_("the folder “%s” cannot be written (permission denied), "
                                  "so “%s” cannot be changed"), dir, path);
      return g_strdup_printf (_("“%s” cannot be written (permission denied)"), path);

    case SQLITE_CANTOPEN:
      *code_out = errsv == EACCES || errsv == EPERM ? EG_STORE_ERROR_READ_ONLY
                                                    : EG_STORE_ERROR_OPEN;
      if (errsv == EACCES || errsv == EPERM)
        return g_strdup_printf (_("“%s” cannot be opened (permission denied)"), path);
      if (errsv != 0)
        return g_strdup_printf (_("“%s” cannot be opened (%s)"), path, g_strerror (errsv));
      return g_strdup_printf (_("“%s” cannot be opened"), path);

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      *code_out = EG_STORE_ERROR_CORRUPT;
      return g_strdup_printf (_("“%s” is damaged or is not an Engram collection (%s)"),
                              path, sqlite3_errmsg (db));

    case SQLITE_IOERR:
      *code_out = errsv == ENOSPC ? EG_STORE_ERROR_FULL : EG_STORE_ERROR_IO;
      if (errsv == ENOSPC)
        return g_strdup_printf (_("the disk that holds “%s” is full"), path);
      return g_strdup_printf (_("reading or writing “%s” failed (%s)"), path,
                              errsv != 0 ? g_strerror (errsv) : sqlite3_errmsg (db));

    case SQLITE_NOMEM:
      *code_out = EG_STORE_ERROR_SQL;
      return g_strdup (_("there is not enough memory"));

    default:
      *code_out = EG_STORE_ERROR_SQL;
      return g_strdup_printf (_("%s (in “%s”)"), sqlite3_errmsg (db), path);
    }
}

/**
 * _eg_store_set_sqlite_error:
 * @what: what was being done, e.g. "Cannot save a setting"
 *
 * Sets @error from the last error of @db: "WHAT: the disk that holds
 * “PATH” is full".
 */
gboolean
_eg_store_set_sqlite_error (sqlite3     *db,
                            GError     **error,
                            const char  *what)
{
  return _eg_store_set_sqlite_error_for (db, sqlite3_db_filename (db, "main"), error, what);
}

/* As _eg_store_set_sqlite_error(), for a file SQLite could not open. */
gboolean
_eg_store_set_sqlite_error_for (sqlite3     *db,
                                const char  *path,
                                GError     **error,
                                const char  *what)
{
  g_autofree char *reason = NULL;
  int code;

  reason = describe_failure (db, path != NULL && path[0] != '\0' ? path : "(memory)", &code);
  /* TRANSLATORS: what was being done, and why it failed */
  g_set_error (error, EG_STORE_ERROR, code, _("%s: %s"), what, reason);
  return FALSE;
}

gboolean
_eg_store_exec_sql (sqlite3     *db,
                    const char  *sql,
                    GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _eg_store_set_sqlite_error (db, error, _("Cannot use the collection"));
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      /* FALSE, said here: the callers read *value only after TRUE, and the
       * compiler cannot see that the error helper never returns TRUE */
      _eg_store_set_sqlite_error (db, error, _("Cannot open the collection"));
      return FALSE;
    }
  *value = sqlite3_column_int (stmt, 0);
  return TRUE;
}

int
_eg_store_read_user_version (sqlite3 *db)
{
  int version;

  return query_int (db, "PRAGMA user_version", &version, NULL) ? version : -1;
}

/* Every table of schema version 1, which all later versions keep. */
static gboolean
has_engram_tables (sqlite3  *db,
                   int      *result,
                   GError  **error)
{
  return query_int (db,
                    "SELECT count(*) = 7 FROM sqlite_schema WHERE type = 'table' AND name IN"
                    " ('decks', 'sections', 'cards', 'card_parts', 'card_state', 'review_log',"
                    "  'settings')", result, error);
}

/**
 * _eg_store_identify:
 *
 * Checks that @db is an Engram collection this build can open: written by
 * Engram (its application id, or the tables of an older collection made
 * before the id was set) and not by a newer schema.
 */
gboolean
_eg_store_identify (sqlite3     *db,
                    const char  *path,
                    int          n_versions,
                    GError     **error)
{
  int application_id, version, tables;

  if (!query_int (db, "PRAGMA application_id", &application_id, error) ||
      !query_int (db, "PRAGMA user_version", &version, error))
    return FALSE;

  if (application_id != 0 && application_id != EG_STORE_APPLICATION_ID)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_COLLECTION,
                   _("“%s” is another program's database, not an Engram collection; "
                     "it was left as it is"), path);
      return FALSE;
    }

  if (version > n_versions)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Engram (schema version %d, this version "
                     "understands up to %d); it was left as it is"),
                   path, version, n_versions);
      return FALSE;
    }

  if (application_id == 0)
    {
      if (!has_engram_tables (db, &tables, error))
        return FALSE;
      if (version < 1 || !tables)
        {
          g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_COLLECTION,
                       _("“%s” is another program's database (or an empty one), not an "
                         "Engram collection; it was left as it is"), path);
          return FALSE;
        }
    }

  return TRUE;
}

/* Sets the application id of a collection made before schema 4 had one. */
gboolean
_eg_store_claim (sqlite3  *db,
                 GError  **error)
{
  int application_id;
  g_autofree char *sql = NULL;

  if (!query_int (db, "PRAGMA application_id", &application_id, error))
    return FALSE;
  if (application_id == EG_STORE_APPLICATION_ID)
    return TRUE;
  sql = g_strdup_printf ("PRAGMA application_id = %d", EG_STORE_APPLICATION_ID);
  return _eg_store_exec_sql (db, sql, error);
}

/* ------------------------------------------------------------------ */
/* The mark of the last check                                          */
/* ------------------------------------------------------------------ */

/* Where the mark of the last check of @path is kept: in the cache, since
 * losing it costs only one more check. */
static char *
stamp_path (const char *path)
{
  g_autofree char *real = g_canonicalize_filename (path, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, real, -1);

  return g_build_filename (g_get_user_cache_dir (), "engram", "checked", hash, NULL);
}

/* The file and its log as they are now: any write changes one of them. */
static char *
describe_file_state (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf db_st, wal_st;
  gboolean has_wal;

  if (g_stat (path, &db_st) != 0)
    return NULL;
  /* readers make an empty log; only one with frames in it counts */
  has_wal = g_stat (wal, &wal_st) == 0 && wal_st.st_size > 0;
  return g_strdup_printf ("%ju %ju %jd %jd.%09ld %jd %jd.%09ld\n",
                          (uintmax_t) db_st.st_dev, (uintmax_t) db_st.st_ino,
                          (intmax_t) db_st.st_size, (intmax_t) db_st.st_mtim.tv_sec,
                          db_st.st_mtim.tv_nsec,
                          has_wal ? (intmax_t) wal_st.st_size : -1,
                          has_wal ? (intmax_t) wal_st.st_mtim.tv_sec : -1,
                          has_wal ? wal_st.st_mtim.tv_nsec : 0);
}

/**
 * _eg_store_stamp:
 *
 * Remembers that @path, as it is now, passed the integrity check.
 */
void
_eg_store_stamp (const char *path)
{
  g_autofree char *stamp = stamp_path (path);
  g_autofree char *dir = g_path_get_dirname (stamp);
  g_autofree char *state = describe_file_state (path);

  /* a torn or lost mark only costs one more check: no sync */
  if (state != NULL && g_mkdir_with_parents (dir, 0700) == 0)
    g_file_set_contents_full (stamp, state, -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL);
}

/**
 * _eg_store_stamp_matches:
 *
 * Returns: whether @path is unchanged since it last passed the check (a
 *   program that damages the file changes its time or size)
 */
gboolean
_eg_store_stamp_matches (const char *path)
{
  g_autofree char *stamp = stamp_path (path);
  g_autofree char *state = describe_file_state (path);
  g_autofree char *stamped = NULL;

  return state != NULL && g_file_get_contents (stamp, &stamped, NULL, NULL) &&
         g_str_equal (state, stamped);
}

/**
 * _eg_store_describe_finding:
 *
 * Returns: the first finding of an integrity check on one line, without
 *   SQLite's "*** in database main ***" banner
 */
char *
_eg_store_describe_finding (const char *finding)
{
  g_auto(GStrv) lines = g_strsplit (finding ? finding : _("unknown damage"), "\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || g_str_has_prefix (lines[i], "***"))
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, lines[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
progress_cancelled (gpointer data)
{
  return g_cancellable_is_cancelled (data);
}

/**
 * _eg_store_quick_check:
 *
 * Runs `PRAGMA quick_check` (every page and b-tree is read; about 0.8 s
 * for 100,000 cards and 1,000,000 reviews).  A damaged file is reported as
 * %EG_STORE_ERROR_CORRUPT with SQLite's first finding.
 */
gboolean
_eg_store_quick_check (sqlite3       *db,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *path = sqlite3_db_filename (db, "main");
  g_autofree char *finding = NULL;
  int rc;

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 10000, progress_cancelled, cancellable);
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    finding = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_progress_handler (db, 0, NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_ROW)
    return _eg_store_set_sqlite_error (db, error, _("Cannot check the collection"));
  if (g_strcmp0 (finding, "ok") != 0)
    {
      g_autofree char *what = _eg_store_describe_finding (finding);

      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s); Engram leaves it as it is"), path, what);
      return FALSE;
    }
  return TRUE;
}

/**
 * _eg_store_set_io_error:
 *
 * Sets @error for a failed file operation: "WHAT “PATH”: permission denied".
 */
gboolean
_eg_store_set_io_error (GError     **error,
                        int          errsv,
                        const char  *what,
                        const char  *path)
{
  g_set_error (error, EG_STORE_ERROR,
               errsv == ENOSPC ? EG_STORE_ERROR_FULL
               : errsv == EACCES || errsv == EPERM || errsv == EROFS ? EG_STORE_ERROR_READ_ONLY
               : EG_STORE_ERROR_IO,
               _("%s “%s”: %s"), what, path,
               errsv == ENOSPC ? _("the disk is full")
               : errsv == EACCES || errsv == EPERM ? _("permission denied")
               : g_strerror (errsv));
  return FALSE;
}

/* Makes a file's content, or a folder's names, durable. */
gboolean
_eg_store_sync_path (const char  *path,
                     gboolean     folder,
                     GError     **error)
{
  int fd = open (path, (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  int errsv;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  errsv = errno;
  if (fd >= 0)
    close (fd);
  return _eg_store_set_io_error (error, errsv, _("Cannot save"), path);
}

/**
 * _eg_store_create_file:
 *
 * Makes a new, empty collection at @path, which must not exist: it is
 * written under a temporary name in the same folder and then linked to
 * @path, which fails without harm if another process made one first.
 *
 * Returns: %TRUE when @path now names a collection (ours or the other's)
 */
gboolean
_eg_store_create_file (const char  *path,
                       int          n_versions,
                       GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strconcat (path, ".new-XXXXXX", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  gboolean ok;
  int fd, errsv;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return _eg_store_set_io_error (error, errno, _("Cannot create the folder"), dir);

  /* a log left by a collection that is gone would be read into the new one */
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *aside = _eg_store_set_aside (path, error);

      if (aside == NULL)
        return FALSE;
    }

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return _eg_store_set_io_error (error, errno, _("Cannot create a new collection in"), dir);
  close (fd);

  sql = g_strdup_printf ("PRAGMA application_id = %d", EG_STORE_APPLICATION_ID);
  if (sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      if (db != NULL)
        _eg_store_set_sqlite_error (db, error, _("Cannot create a new collection"));
      else
        _eg_store_set_io_error (error, ENOMEM, _("Cannot create the collection"), path);
      sqlite3_close (db);
      g_unlink (tmp);
      return FALSE;
    }
  ok = _eg_store_exec_sql (db, sql, error) &&
       _eg_store_migrate_db (db, n_versions, error) &&
       _eg_store_exec_sql (db, "PRAGMA journal_mode = WAL", error);
  if (sqlite3_close (db) != SQLITE_OK && ok)
    ok = _eg_store_set_io_error (error, EIO, _("Cannot create the collection"), path);

  if (ok)
    {
      /* the file is complete on disk before its name appears */
      ok = _eg_store_sync_path (tmp, FALSE, error);
    }

  if (ok && link (tmp, path) != 0 && (errsv = errno) != EEXIST)
    ok = _eg_store_set_io_error (error, errsv, _("Cannot create the collection"), path);
  g_unlink (tmp);

  return ok && _eg_store_sync_path (dir, TRUE, error);
}

/**
 * _eg_store_count_file:
 * @cards: (out): the cards that are not deleted, or -1
 * @reviews: (out): the rows of the review log, or -1
 *
 * Counts what a collection file (a backup) holds, reading it only.
 */
void
_eg_store_count_file (const char *path,
                      int        *cards,
                      int        *reviews)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;

  *cards = *reviews = -1;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM cards WHERE deleted = 0),"
                              "       (SELECT count(*) FROM review_log)",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *cards = sqlite3_column_int (stmt, 0);
      *reviews = sqlite3_column_int (stmt, 1);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
}
