/* test-backup.c - backups: taking, checking, rotating, restoring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

#define DAY_MS (24 * 3600 * G_GINT64_CONSTANT (1000))

static const char *tmpdir;

/* A collection with the seed deck and @n_grades reviews. */
static EgStore *
make_collection (const char *name,
                 guint       n_grades,
                 gint64      now)
{
  g_autofree char *path = eg_test_tmp_path (name);
  g_autofree char *deck_path = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) deck = g_file_new_for_path (deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  EgStore *store = eg_store_open (path, &error);

  g_assert_no_error (error);
  report = eg_import_file (store, deck, now, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  scheduler = eg_scheduler_new (store, &error);
  for (guint i = 0; i < n_grades; i++)
    {
      g_autoptr(EgQueue) queue = eg_scheduler_build_queue (scheduler, now, &error);

      g_assert_true (eg_scheduler_grade (scheduler, queue, eg_queue_peek (queue, now),
                                         EG_FSRS_GOOD, now, 1000, NULL, &error));
      g_assert_no_error (error);
    }
  return store;
}

/* The review log as text, every column. */
static char *
dump_log (const char *path)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM review_log ORDER BY id", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (text, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (text, '\n');
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
count_files (const char *dir,
             const char *prefix)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

static void
test_create_and_list (void)
{
  gint64 now = 1796400000000;
  g_autoptr(EgStore) store = make_collection ("create.db", 3, now);
  g_autoptr(EgBackupInfo) info = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = eg_backup_dir_for (eg_store_get_path (store));
  g_autofree char *expected_dir = g_strconcat (eg_store_get_path (store), ".backups", NULL);
  g_autofree char *log = NULL;
  g_autofree char *backup_log = NULL;
  EgBackupInfo *listed;

  g_assert_cmpstr (dir, ==, expected_dir);

  info = eg_backup_create (store, EG_BACKUP_REASON_MANUAL, now, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "2026-12-04T16-00-00Z-manual.db");
  g_assert_cmpint (info->created, ==, now);
  g_assert_cmpint (info->cards, ==, 245);
  g_assert_cmpint (info->reviews, ==, 3);
  g_assert_cmpint (info->size, >, 100000);

  list = eg_backup_list (eg_store_get_path (store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  listed = g_ptr_array_index (list, 0);
  g_assert_cmpstr (listed->name, ==, info->name);
  g_assert_cmpint (listed->reason, ==, EG_BACKUP_REASON_MANUAL);
  g_assert_cmpint (listed->reviews, ==, 3);

  /* the same second again: a second file, not a replaced one */
  g_clear_pointer (&info, eg_backup_info_free);
  info = eg_backup_create (store, EG_BACKUP_REASON_IMPORT, now, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "2026-12-04T16-00-00Z-import.db");

  /* a complete copy, in one file, whatever the collection's log holds */
  log = dump_log (eg_store_get_path (store));
  backup_log = dump_log (info->path);
  g_assert_cmpstr (log, ==, backup_log);
  {
    g_autofree char *wal = g_strconcat (info->path, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpuint (count_files (dir, ".partial-"), ==, 0);
}

/* Files that are not our backups are never listed, rotated or restored; a
 * partial file left by a crash is not a backup, and is removed once old. */
static void
test_partial_files (void)
{
  gint64 now = 1796400000000;
  g_autoptr(EgStore) store = make_collection ("partial.db", 0, now);
  g_autofree char *dir = eg_backup_dir_for (eg_store_get_path (store));
  g_autofree char *partial = g_build_filename (dir, ".partial-ABC123", NULL);
  g_autofree char *fresh = g_build_filename (dir, ".partial-DEF456", NULL);
  g_autofree char *mine = g_build_filename (dir, "my notes.db", NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(EgBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  struct utimbuf old = { 1000, 1000 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (partial, "half a backup", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "being written", -1, NULL));
  g_assert_true (g_file_set_contents (mine, "not a backup", -1, NULL));
  g_assert_cmpint (g_utime (partial, &old), ==, 0);

  list = eg_backup_list (eg_store_get_path (store), &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_false (eg_backup_restore (eg_store_get_path (store), ".partial-ABC123", now, NULL,
                                     NULL, &error));
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  info = eg_backup_create (store, EG_BACKUP_REASON_MANUAL, g_get_real_time () / 1000, NULL,
                           &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));
}

/* A damaged collection is not backed up: no file that looks whole. */
static void
test_damaged_not_backed_up (void)
{
  gint64 now = 1796400000000;
  g_autoptr(EgStore) made = make_collection ("damaged.db", 0, now);
  g_autofree char *path = g_strdup (eg_store_get_path (made));
  g_autofree char *dir = eg_backup_dir_for (path);
  const int pages[] = { 20, 40, 60, 80, -1 };
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&made);
  eg_test_damage_pages (path, pages);
  store = eg_store_open_full (path, EG_STORE_OPEN_UNCHECKED, &error);
  g_assert_no_error (error);

  info = eg_backup_create (store, EG_BACKUP_REASON_DAILY, now, NULL, &error);
  g_assert_null (info);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (count_files (dir, ""), ==, 0);
}

/* What rotation must keep, computed on its own: the newest backup of each
 * of the last 7 days, 4 ISO weeks and 12 months with backups, and the 3
 * newest. */
static gboolean
should_keep (GPtrArray *names,
             guint      index)
{
  const char *formats[] = { "%Y-%m-%d", "%G-%V", "%Y-%m" };
  const guint limits[] = { 7, 4, 12 };

  if (index < 3)
    return TRUE;
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i <= index; i++)
        {
          gint64 t = GPOINTER_TO_SIZE (g_ptr_array_index (names, i));
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
          g_autoptr(GDateTime) local = g_date_time_to_local (utc);
          char *period = g_date_time_format (local, formats[f]);
          gboolean is_new = !g_hash_table_contains (seen, period);

          g_hash_table_add (seen, period);
          if (i == index && is_new && g_hash_table_size (seen) <= limits[f])
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_rotation (void)
{
  gint64 start = 1767268800000;   /* 2026-01-01T12:00:00Z */
  g_autofree char *path = eg_test_tmp_path ("rotate.db");
  g_autoptr(EgStore) store = eg_store_open (path, NULL);
  g_autoptr(GPtrArray) times = g_ptr_array_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint expected = 0;

  /* a backup a day for 420 days, two on some days */
  for (guint day = 0; day < 420; day++)
    for (guint k = 0; k < (day % 5 == 0 ? 2 : 1); k++)
      {
        gint64 t = start + day * DAY_MS + k * 3600000;
        g_autoptr(EgBackupInfo) info =
          eg_backup_create (store, k ? EG_BACKUP_REASON_IMPORT : EG_BACKUP_REASON_DAILY, t,
                            NULL, &error);

        g_assert_no_error (error);
        g_assert_nonnull (info);
        g_ptr_array_insert (times, 0, GSIZE_TO_POINTER ((gsize) (t / 1000)));
      }

  for (guint i = 0; i < times->len; i++)
    expected += should_keep (times, i);
  g_assert_cmpuint (expected, >=, 12);

  list = eg_backup_list (eg_store_get_path (store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, expected);
  for (guint i = 0, j = 0; i < times->len; i++)
    if (should_keep (times, i))
      {
        EgBackupInfo *info = g_ptr_array_index (list, j++);

        g_assert_cmpint (info->created / 1000, ==, GPOINTER_TO_SIZE (g_ptr_array_index (times, i)));
      }
}

static void
test_daily_once (void)
{
  gint64 now = 1796400000000;
  g_autoptr(EgStore) store = make_collection ("daily.db", 0, now);
  g_autoptr(EgBackupInfo) first = NULL;
  g_autoptr(EgBackupInfo) second = NULL;
  g_autoptr(EgBackupInfo) next_day = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (eg_backup_create_daily (store, now, NULL, &first, &error));
  g_assert_nonnull (first);
  g_assert_cmpint (first->reason, ==, EG_BACKUP_REASON_DAILY);
  g_assert_true (eg_backup_create_daily (store, now + 3600000, NULL, &second, &error));
  g_assert_null (second);
  g_assert_true (eg_backup_create_daily (store, now + DAY_MS, NULL, &next_day, &error));
  g_assert_nonnull (next_day);
  g_assert_no_error (error);
}

/* Restoring brings back the exact review log, after backing up the
 * collection as it was. */
static void
test_restore (void)
{
  gint64 now = 1796400000000;
  g_autoptr(EgStore) store = make_collection ("restore.db", 4, now);
  g_autofree char *path = g_strdup (eg_store_get_path (store));
  g_autoptr(EgBackupInfo) info = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at_backup = NULL;
  g_autofree char *later = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_log = NULL;

  info = eg_backup_create (store, EG_BACKUP_REASON_MANUAL, now, NULL, &error);
  g_assert_no_error (error);
  at_backup = dump_log (path);

  scheduler = eg_scheduler_new (store, &error);
  queue = eg_scheduler_build_queue (scheduler, now + 1000, &error);
  g_assert_true (eg_scheduler_grade (scheduler, queue, eg_queue_peek (queue, now + 1000),
                                     EG_FSRS_AGAIN, now + 1000, 1000, NULL, &error));
  later = dump_log (path);
  g_assert_cmpstr (later, !=, at_backup);

  /* restored while this connection is still open */
  g_assert_true (eg_backup_restore (path, info->name, now + 2000, NULL, &kept, &error));
  g_assert_no_error (error);
  restored = dump_log (path);
  g_assert_cmpstr (restored, ==, at_backup);

  g_assert_nonnull (kept);
  g_assert_true (g_str_has_suffix (kept, "-restore.db"));
  kept_log = dump_log (kept);
  g_assert_cmpstr (kept_log, ==, later);

  /* the open connection sees the restored collection */
  {
    EgStoreStats stats;

    g_assert_true (eg_store_get_stats (store, &stats, &error));
    g_assert_cmpuint (stats.reviews_logged, ==, 4);
  }
}

/* A damaged collection is moved aside (kept, byte for byte) and the backup
 * put in its place. */
static void
test_restore_damaged (void)
{
  gint64 now = 1796400000000;
  g_autoptr(EgStore) store = make_collection ("restore-damaged.db", 2, now);
  g_autofree char *path = g_strdup (eg_store_get_path (store));
  const int pages[] = { 20, 40, 60, 80, -1 };
  g_autoptr(EgBackupInfo) info = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) kept_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at_backup = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(EgStore) reopened = NULL;

  info = eg_backup_create (store, EG_BACKUP_REASON_MANUAL, now, NULL, &error);
  at_backup = dump_log (path);
  g_clear_object (&store);

  eg_test_damage_pages (path, pages);
  damaged = eg_test_read_bytes (path);

  g_assert_true (eg_backup_restore (path, info->name, now + 1000, NULL, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (strstr (kept, ".set-aside-") != NULL);
  kept_bytes = eg_test_read_bytes (kept);
  g_assert_true (g_bytes_equal (kept_bytes, damaged));

  reopened = eg_store_open (path, &error);
  g_assert_no_error (error);
  restored = dump_log (path);
  g_assert_cmpstr (restored, ==, at_backup);
}

/* A damaged backup is not restored, and the collection stays as it is. */
static void
test_restore_damaged_backup (void)
{
  gint64 now = 1796400000000;
  g_autoptr(EgStore) store = make_collection ("bad-backup.db", 1, now);
  g_autofree char *path = g_strdup (eg_store_get_path (store));
  const int pages[] = { 20, 40, -1 };
  g_autoptr(EgBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  info = eg_backup_create (store, EG_BACKUP_REASON_MANUAL, now, NULL, &error);
  eg_test_damage_pages (info->path, pages);
  before = dump_log (path);

  g_assert_false (eg_backup_restore (path, info->name, now, NULL, NULL, &error));
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, info->name));
  after = dump_log (path);
  g_assert_cmpstr (after, ==, before);
  {
    g_autofree char *dir = eg_backup_dir_for (path);

    g_assert_cmpuint (count_files (dir, ""), ==, 1);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  tmpdir = eg_test_setup_dirs ("engram-test-backup");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/backup/create-and-list", test_create_and_list);
  g_test_add_func ("/backup/partial-files", test_partial_files);
  g_test_add_func ("/backup/damaged-not-backed-up", test_damaged_not_backed_up);
  g_test_add_func ("/backup/rotation", test_rotation);
  g_test_add_func ("/backup/daily-once", test_daily_once);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore-damaged", test_restore_damaged);
  g_test_add_func ("/backup/restore-damaged-backup", test_restore_damaged_backup);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
