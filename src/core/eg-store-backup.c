/* eg-store-backup.c - backups of the collection
 *
 * Backups are the store's: opening an older collection backs it up before
 * upgrading it, and a backup is written, checked and restored with the
 * store's own connection and file helpers (eg-store-private.h).  The API
 * keeps its eg_backup_ prefix.
 *
 * A backup is a complete copy of the collection made with SQLite's online
 * backup API while the collection stays in use, written under a temporary
 * name, checked with `PRAGMA integrity_check`, synced and only then given
 * its name, so a crash never leaves a half backup that looks whole.  The
 * names say when and why (`2026-12-04T22-15-00Z-import.db`); only files
 * named so are ever listed, rotated or restored.
 *
 * Restoring first backs up what is there (or, when the collection is
 * damaged or not a collection at all, moves it aside, never deleting it),
 * then replaces the collection in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "eg-store-backup.h"
#include "eg-store-private.h"

#define PARTIAL_PREFIX ".partial-"
/* "2026-12-04T22-15-00Z" */
#define STAMP_LENGTH 20
/* a partial file this old is left from a crash, not being written */
#define PARTIAL_MAX_AGE_S (6 * 3600)

static const char * const reason_names[] = {
  [EG_BACKUP_REASON_MANUAL] = "manual",
  [EG_BACKUP_REASON_DAILY] = "daily",
  [EG_BACKUP_REASON_IMPORT] = "import",
  [EG_BACKUP_REASON_RESTORE] = "restore",
  [EG_BACKUP_REASON_UPGRADE] = "upgrade",
};

const char *
eg_backup_reason_to_string (EgBackupReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), "manual");

  return reason_names[reason];
}

void
eg_backup_info_free (EgBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->path);
  g_free (info);
}

/**
 * eg_backup_dir_for:
 * @collection_path: a collection file
 *
 * Returns: the folder of its backups: `backups` beside the default
 *   collection (`$XDG_DATA_HOME/engram/backups`), `NAME.backups` beside any
 *   other collection file
 */
char *
eg_backup_dir_for (const char *collection_path)
{
  g_autofree char *default_path = eg_store_default_path ();
  g_autofree char *dir = NULL;

  g_return_val_if_fail (collection_path != NULL, NULL);

  dir = g_path_get_dirname (collection_path);
  if (g_str_equal (collection_path, default_path))
    return g_build_filename (dir, "backups", NULL);
  return g_strconcat (collection_path, ".backups", NULL);
}

static char *
format_stamp (gint64 ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (ms / 1000);

  return g_date_time_format (time, "%Y-%m-%dT%H-%M-%SZ");
}

/* Reads a backup's name: "STAMP-REASON.db" or "STAMP-REASON-N.db". */
static gboolean
parse_name (const char     *name,
            gint64         *created,
            EgBackupReason *reason)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) time = NULL;
  const char *rest;
  gsize len;

  if (strlen (name) < STAMP_LENGTH + 5 || !g_str_has_suffix (name, ".db") ||
      name[STAMP_LENGTH] != '-')
    return FALSE;

  /* 2026-12-04T22-15-00Z -> 2026-12-04T22:15:00Z */
  iso = g_strndup (name, STAMP_LENGTH);
  iso[13] = ':';
  iso[16] = ':';
  time = g_date_time_new_from_iso8601 (iso, NULL);
  if (time == NULL)
    return FALSE;

  rest = name + STAMP_LENGTH + 1;
  for (guint i = 0; i < G_N_ELEMENTS (reason_names); i++)
    {
      len = strlen (reason_names[i]);
      if (strncmp (rest, reason_names[i], len) == 0 &&
          (g_str_equal (rest + len, ".db") ||
           (rest[len] == '-' && g_ascii_isdigit (rest[len + 1]))))
        {
          *created = g_date_time_to_unix (time) * 1000;
          *reason = i;
          return TRUE;
        }
    }
  return FALSE;
}

static EgBackupInfo *
info_new (const char *dir,
          const char *name,
          gboolean    counts)
{
  g_autoptr(EgBackupInfo) info = g_new0 (EgBackupInfo, 1);
  GStatBuf st;

  if (!parse_name (name, &info->created, &info->reason))
    return NULL;
  info->name = g_strdup (name);
  info->path = g_build_filename (dir, name, NULL);
  if (g_lstat (info->path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  info->size = st.st_size;
  info->cards = info->reviews = -1;
  if (counts)
    _eg_store_count_file (info->path, &info->cards, &info->reviews);
  return g_steal_pointer (&info);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const EgBackupInfo *x = *(EgBackupInfo * const *) a;
  const EgBackupInfo *y = *(EgBackupInfo * const *) b;

  if (x->created != y->created)
    return x->created < y->created ? 1 : -1;
  return -g_strcmp0 (x->name, y->name);
}

static GPtrArray *
list_dir (const char  *dir,
          gboolean     counts,
          GError     **error)
{
  g_autoptr(GPtrArray) backups =
    g_ptr_array_new_with_free_func ((GDestroyNotify) eg_backup_info_free);
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  folder = g_dir_open (dir, 0, &local_error);
  if (folder == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_IO,
                   _("Cannot list the backups: %s"), local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      EgBackupInfo *info = info_new (dir, name, counts);

      if (info != NULL)
        g_ptr_array_add (backups, info);
    }
  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

/**
 * eg_backup_list:
 *
 * Returns: (transfer full): the backups of @collection_path, newest first,
 *   with their cards and reviews counted (-1 for one that cannot be read)
 */
GPtrArray *
eg_backup_list (const char  *collection_path,
                GError     **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (collection_path != NULL, NULL);

  dir = eg_backup_dir_for (collection_path);
  return list_dir (dir, TRUE, error);
}

/* ------------------------------------------------------------------ */
/* Rotation                                                             */
/* ------------------------------------------------------------------ */

/* Keeps the newest backup of each of the first @n periods (of @format). */
static void
keep_per_period (GPtrArray   *backups,
                 gboolean    *keep,
                 const char  *format,
                 guint        n)
{
  g_autofree char *last = NULL;
  guint periods = 0;

  for (guint i = 0; i < backups->len && periods < n; i++)
    {
      EgBackupInfo *info = g_ptr_array_index (backups, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (info->created / 1000);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *period = g_date_time_format (local, format);

      if (g_strcmp0 (period, last) != 0)
        {
          keep[i] = TRUE;
          periods++;
          g_free (last);
          last = g_steal_pointer (&period);
        }
    }
}

static void
rotate (const char *dir)
{
  g_autoptr(GPtrArray) backups = list_dir (dir, FALSE, NULL);
  g_autofree gboolean *keep = NULL;

  if (backups == NULL)
    return;

  keep = g_new0 (gboolean, backups->len);
  for (guint i = 0; i < MIN (backups->len, EG_BACKUP_KEEP_NEWEST); i++)
    keep[i] = TRUE;
  keep_per_period (backups, keep, "%Y-%m-%d", EG_BACKUP_KEEP_DAILY);
  keep_per_period (backups, keep, "%G-W%V", EG_BACKUP_KEEP_WEEKLY);
  keep_per_period (backups, keep, "%Y-%m", EG_BACKUP_KEEP_MONTHLY);

  for (guint i = 0; i < backups->len; i++)
    if (!keep[i])
      g_unlink (((EgBackupInfo *) g_ptr_array_index (backups, i))->path);
}

/* Removes what a crash left behind: partial files that are not being written. */
static void
remove_stale_partials (const char *dir,
                       gint64      now_ms)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  if (folder == NULL)
    return;
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, PARTIAL_PREFIX))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          now_ms / 1000 - st.st_mtime > PARTIAL_MAX_AGE_S)
        g_unlink (path);
    }
}

/* ------------------------------------------------------------------ */
/* Copying                                                              */
/* ------------------------------------------------------------------ */

/* Copies the database of @source into the new file @dest_path and checks the
 * copy; the copy is a plain rollback-journal file, complete on disk. */
static gboolean
copy_database (sqlite3       *source,
               const char    *dest_path,
               GCancellable  *cancellable,
               GError       **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  g_autoptr(sqlite3_stmt) check = NULL;
  gint64 waited_ms = 0;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       NULL) != SQLITE_OK)
    {
      if (dest != NULL)
        _eg_store_set_sqlite_error (dest, error, _("Cannot write a backup"));
      sqlite3_close (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      _eg_store_set_sqlite_error (dest, error, _("Cannot write a backup"));
      sqlite3_close (dest);
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, 4096);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        {
          sqlite3_sleep (20);
          waited_ms += 20;
        }
    }
  while ((rc == SQLITE_OK || ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
                              waited_ms < EG_STORE_BUSY_TIMEOUT_MS)) &&
         !g_cancellable_is_cancelled (cancellable));
  sqlite3_backup_finish (backup);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    ;
  else if (rc != SQLITE_DONE)
    {
      /* the error is the source's when reading it failed */
      if (sqlite3_errcode (dest) != SQLITE_OK)
        _eg_store_set_sqlite_error (dest, error, _("Cannot write a backup"));
      else
        _eg_store_set_sqlite_error (source, error, _("Cannot back up the collection"));
    }
  else if (_eg_store_exec_sql (dest, "PRAGMA journal_mode = DELETE", error) &&
           sqlite3_prepare_v2 (dest, "PRAGMA integrity_check (1)", -1, &check,
                               NULL) == SQLITE_OK &&
           sqlite3_step (check) == SQLITE_ROW)
    {
      const char *finding = (const char *) sqlite3_column_text (check, 0);

      if (g_str_equal (finding, "ok"))
        ok = TRUE;
      else
        {
          g_autofree char *what = _eg_store_describe_finding (finding);

          g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT,
                       _("The collection “%s” is damaged (%s), so it was not backed up"),
                       sqlite3_db_filename (source, "main"), what);
        }
    }
  else if (error == NULL || *error == NULL)
    _eg_store_set_sqlite_error (dest, error, _("Cannot check the backup"));

  g_clear_pointer (&check, sqlite3_finalize);
  if (sqlite3_close (dest) != SQLITE_OK && ok)
    ok = _eg_store_set_io_error (error, EIO, _("Cannot write the backup"), dest_path);

  return ok && _eg_store_sync_path (dest_path, FALSE, error);
}

static char *
new_partial (const char  *dir,
             GError     **error)
{
  g_autofree char *path = g_build_filename (dir, PARTIAL_PREFIX "XXXXXX", NULL);
  int fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      _eg_store_set_io_error (error, errno, _("Cannot write a backup in"), dir);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&path);
}

/* Gives the finished copy @partial its name, never over another file. */
static EgBackupInfo *
publish (const char      *dir,
         const char      *partial,
         EgBackupReason   reason,
         gint64           now_ms,
         GError         **error)
{
  g_autofree char *stamp = format_stamp (now_ms);

  for (guint i = 1; i < 100; i++)
    {
      g_autofree char *name = i == 1
        ? g_strdup_printf ("%s-%s.db", stamp, reason_names[reason])
        : g_strdup_printf ("%s-%s-%u.db", stamp, reason_names[reason], i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (link (partial, path) == 0)
        {
          g_unlink (partial);
          if (!_eg_store_sync_path (dir, TRUE, error))
            return NULL;
          return info_new (dir, name, TRUE);
        }
      if (errno != EEXIST)
        {
          _eg_store_set_io_error (error, errno, _("Cannot write the backup"), path);
          return NULL;
        }
    }
  _eg_store_set_io_error (error, EEXIST, _("Cannot name the backup in"), dir);
  return NULL;
}

static EgBackupInfo *
backup_db (sqlite3         *db,
           const char      *collection_path,
           EgBackupReason   reason,
           gint64           now_ms,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autofree char *dir = eg_backup_dir_for (collection_path);
  g_autofree char *partial = NULL;
  EgBackupInfo *info;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      _eg_store_set_io_error (error, errno, _("Cannot create the backup folder"), dir);
      return NULL;
    }
  remove_stale_partials (dir, now_ms);

  if (!(partial = new_partial (dir, error)))
    return NULL;
  if (!copy_database (db, partial, cancellable, error) ||
      !(info = publish (dir, partial, reason, now_ms, error)))
    {
      g_unlink (partial);
      return NULL;
    }

  rotate (dir);
  return info;
}

/**
 * eg_backup_create:
 * @store: the collection, open in any mode: the backup only reads it
 * @now_ms: the time the backup is named after
 *
 * Backs up the collection into its backup folder (eg_backup_dir_for()),
 * checks the copy, then rotates the folder: the newest backup of each of
 * the last 7 days, 4 weeks and 12 months that have backups is kept, and the
 * 3 newest.  A damaged collection is not backed up (%EG_STORE_ERROR_CORRUPT).
 *
 * Returns: (transfer full): the new backup
 */
EgBackupInfo *
eg_backup_create (EgStore         *store,
                  EgBackupReason   reason,
                  gint64           now_ms,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_return_val_if_fail (EG_IS_STORE (store), NULL);
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), NULL);

  return backup_db (_eg_store_get_db (store), eg_store_get_path (store), reason, now_ms,
                    cancellable, error);
}

gboolean
_eg_store_back_up_for_upgrade (EgStore  *self,
                               GError  **error)
{
  g_autoptr(EgBackupInfo) backup =
    eg_backup_create (self, EG_BACKUP_REASON_UPGRADE, g_get_real_time () / 1000, NULL, error);

  return backup != NULL;
}

/**
 * eg_backup_create_daily:
 * @created: (out) (optional): the backup, or %NULL when today's existed
 *
 * Backs up the collection unless a backup was already taken today (local
 * time), whatever its reason.
 */
gboolean
eg_backup_create_daily (EgStore        *store,
                        gint64          now_ms,
                        GCancellable   *cancellable,
                        EgBackupInfo  **created,
                        GError        **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (now_ms / 1000);
  g_autoptr(GDateTime) now = g_date_time_to_local (now_utc);
  EgBackupInfo *info;

  g_return_val_if_fail (EG_IS_STORE (store), FALSE);

  if (created != NULL)
    *created = NULL;
  dir = eg_backup_dir_for (eg_store_get_path (store));
  if (!(backups = list_dir (dir, FALSE, error)))
    return FALSE;
  for (guint i = 0; i < backups->len; i++)
    {
      EgBackupInfo *b = g_ptr_array_index (backups, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (b->created / 1000);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);

      if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
        return TRUE;
    }

  info = eg_backup_create (store, EG_BACKUP_REASON_DAILY, now_ms, cancellable, error);
  if (info == NULL)
    return FALSE;
  if (created != NULL)
    *created = info;
  else
    eg_backup_info_free (info);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Restoring                                                            */
/* ------------------------------------------------------------------ */

/* Opens a backup for reading and makes sure it is whole and a collection. */
static sqlite3 *
open_backup (EgBackupInfo  *info,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) check = NULL;
  sqlite3 *db = NULL;
  const char *finding = NULL;

  if (sqlite3_open_v2 (info->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      !_eg_store_identify (db, info->path, EG_STORE_SCHEMA_VERSION, error))
    {
      if (db != NULL && (error == NULL || *error == NULL))
        _eg_store_set_sqlite_error (db, error, _("Cannot read the backup"));
      sqlite3_close (db);
      return NULL;
    }

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check (1)", -1, &check, NULL) == SQLITE_OK &&
      sqlite3_step (check) == SQLITE_ROW)
    finding = (const char *) sqlite3_column_text (check, 0);
  if (g_strcmp0 (finding, "ok") != 0)
    {
      g_autofree char *what = _eg_store_describe_finding (finding ? finding
                                                                  : sqlite3_errmsg (db));

      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT,
                   _("The backup “%s” is damaged (%s); choose another one"), info->name, what);
      g_clear_pointer (&check, sqlite3_finalize);
      sqlite3_close (db);
      return NULL;
    }
  g_clear_pointer (&check, sqlite3_finalize);
  return db;
}

/**
 * eg_backup_find:
 * @name: a backup's file name, as eg_backup_list() gives it
 * @counts: whether to open it and count its cards and reviews
 *
 * Returns: (transfer full): the backup of @collection_path named @name
 */
EgBackupInfo *
eg_backup_find (const char  *collection_path,
                const char  *name,
                gboolean     counts,
                GError     **error)
{
  g_autofree char *dir = NULL;
  EgBackupInfo *info = NULL;

  g_return_val_if_fail (collection_path != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  dir = eg_backup_dir_for (collection_path);
  if (strchr (name, G_DIR_SEPARATOR) == NULL)
    info = info_new (dir, name, counts);
  if (info == NULL)
    g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                 _("There is no backup “%s” in “%s” (engram-cli backup list shows them)"),
                 name, dir);
  return info;
}

/* Copies @source over the collection @store, in one transaction. */
static gboolean
restore_into (EgStore       *store,
              sqlite3       *source,
              GCancellable  *cancellable,
              GError       **error)
{
  sqlite3 *db = _eg_store_get_db (store);
  sqlite3_backup *backup = sqlite3_backup_init (db, "main", source, "main");
  gint64 waited_ms = 0;
  int rc;

  if (backup == NULL)
    return _eg_store_set_sqlite_error (db, error, _("Cannot restore the backup"));

  /* all pages in one step: a step that is not the last would hold the
   * collection's write lock between steps */
  while ((rc = sqlite3_backup_step (backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
    {
      if (waited_ms >= EG_STORE_BUSY_TIMEOUT_MS || g_cancellable_is_cancelled (cancellable))
        break;
      sqlite3_sleep (20);
      waited_ms += 20;
    }
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    return _eg_store_set_sqlite_error (db, error, _("Cannot restore the backup"));
  return TRUE;
}

static char *
aside_name (const char *collection_path,
            gint64      now_ms)
{
  g_autofree char *stamp = format_stamp (now_ms);

  for (guint i = 1;; i++)
    {
      char *name = i == 1 ? g_strdup_printf ("%s.set-aside-%s", collection_path, stamp)
                          : g_strdup_printf ("%s.set-aside-%s-%u", collection_path, stamp, i);

      if (!g_file_test (name, G_FILE_TEST_EXISTS))
        return name;
      g_free (name);
    }
}

/**
 * eg_backup_set_aside:
 *
 * Moves the collection file (with its `-wal` and `-shm`) to a new name
 * beside it, `NAME.set-aside-STAMP`, so that a new collection or a backup can
 * take its place; nothing is deleted.
 *
 * Returns: (transfer full): the new name
 */
char *
eg_backup_set_aside (const char  *collection_path,
                     gint64       now_ms,
                     GError     **error)
{
  g_autofree char *aside = aside_name (collection_path, now_ms);
  g_autofree char *dir = g_path_get_dirname (collection_path);
  static const char * const suffixes[] = { "-wal", "-shm" };

  /* the log first: a collection made at the old name must never find it */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (collection_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          _eg_store_set_io_error (error, errno, _("Cannot move aside"), from);
          return NULL;
        }
    }
  if (g_rename (collection_path, aside) != 0 && errno != ENOENT)
    {
      _eg_store_set_io_error (error, errno, _("Cannot move aside"), collection_path);
      return NULL;
    }
  if (!_eg_store_sync_path (dir, TRUE, error))
    return NULL;
  return g_steal_pointer (&aside);
}

char *
_eg_store_set_aside (const char  *path,
                     GError     **error)
{
  return eg_backup_set_aside (path, g_get_real_time () / 1000, error);
}

/* Puts a copy of @source at @collection_path, where there is no file now. */
static gboolean
restore_as_new (const char    *collection_path,
                sqlite3       *source,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (collection_path);
  g_autofree char *tmp = g_strconcat (collection_path, ".new-XXXXXX", NULL);
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  int errsv;

  if (fd < 0)
    return _eg_store_set_io_error (error, errno, _("Cannot restore into"), dir);
  close (fd);

  if (!copy_database (source, tmp, cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (link (tmp, collection_path) != 0)
    {
      errsv = errno;
      g_unlink (tmp);
      if (errsv == EEXIST)
        g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_BUSY,
                     _("Cannot restore the backup: another program made a new collection "
                       "“%s” meanwhile"), collection_path);
      else
        _eg_store_set_io_error (error, errsv, _("Cannot restore the backup to"), collection_path);
      return FALSE;
    }
  g_unlink (tmp);
  return _eg_store_sync_path (dir, TRUE, error);
}

/**
 * eg_backup_restore:
 * @name: the backup's file name, as eg_backup_list() gives it
 * @kept: (out) (optional): where the collection as it was is kept: its
 *   backup, or where it was moved when it could not be backed up (damaged,
 *   or not a collection); %NULL when there was none
 *
 * Replaces the collection with the backup @name.  The backup is checked
 * first.  A sound collection is backed up ("restore"), then replaced in one
 * transaction, so other programs that have it open see either the old or
 * the restored collection.  A damaged one, or a file that is not a
 * collection, is moved aside (eg_backup_set_aside()) and the backup copied
 * into its place.  The app must reopen the collection afterwards.
 */
gboolean
eg_backup_restore (const char     *collection_path,
                   const char     *name,
                   gint64          now_ms,
                   GCancellable   *cancellable,
                   char          **kept,
                   GError        **error)
{
  g_autoptr(EgBackupInfo) info = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgBackupInfo) before = NULL;
  g_autoptr(GError) open_error = NULL;
  sqlite3 *source;
  gboolean ok;

  g_return_val_if_fail (collection_path != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (kept != NULL)
    *kept = NULL;
  if (!(info = eg_backup_find (collection_path, name, FALSE, error)) ||
      !(source = open_backup (info, error)))
    return FALSE;

  store = eg_store_open_full (collection_path, EG_STORE_OPEN_NO_CREATE, &open_error);
  if (store != NULL)
    {
      ok = (before = eg_backup_create (store, EG_BACKUP_REASON_RESTORE, now_ms,
                                       cancellable, error)) != NULL &&
           restore_into (store, source, cancellable, error);
      if (ok && kept != NULL)
        *kept = g_strdup (before->path);
    }
  else if (g_error_matches (open_error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT) ||
           g_error_matches (open_error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_COLLECTION) ||
           !g_file_test (collection_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *aside = NULL;

      ok = (!g_file_test (collection_path, G_FILE_TEST_EXISTS) ||
            (aside = eg_backup_set_aside (collection_path, now_ms, error)) != NULL) &&
           restore_as_new (collection_path, source, cancellable, error);
      if (ok && kept != NULL)
        *kept = g_steal_pointer (&aside);
    }
  else
    {
      /* Translators: the reason follows */
      g_propagate_prefixed_error (error, g_steal_pointer (&open_error),
                                  _("The backup was not restored: "));
      ok = FALSE;
    }

  sqlite3_close (source);
  return ok;
}
