/* bench-backup.c - checking and backing up a large collection
 *
 * On a synthetic collection of 100,000 cards and 1,000,000 reviews prints
 * medians of:
 *
 *   - opening it for writing, with its integrity check (quick_check)
 *   - a backup (online copy + integrity_check of the copy), and its size
 *   - a restore (a backup of the collection first, then the copy)
 *
 * beside baselines measured in the same run: opening without the check,
 * and copying the file's bytes.  The app checks and backs up after its first
 * frame, in a worker thread; engram-cli checks before any command writes.
 *
 *   bench-backup [COLLECTION]   (an existing `engram-dev bench-gen` collection)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-collection.h"
#include "eg-core.h"
#include "eg-test-util.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(EgBackupInfo) last = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *size = NULL;
  gint64 now, start;
  EgStoreStats stats;
  GStatBuf st;

  eg_test_setup_dirs ("engram-bench-backup");
  store = eg_bench_open_collection (argc > 1 ? argv[1] : NULL, &path, &now, &stats);
  g_clear_object (&store);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  size = g_format_size (st.st_size);
  g_print ("collection file: %s\n", size);

  /* 1. opening for writing: the integrity check */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(EgStore) opened = NULL;

      start = g_get_monotonic_time ();
      opened = eg_store_open (path, &error);
      eg_bench_add (samples, eg_bench_ms_since (start));
      g_assert_no_error (error);
    }
  eg_bench_report ("open for writing (with quick_check)", samples, NULL);

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(EgStore) opened = NULL;

      start = g_get_monotonic_time ();
      opened = eg_store_open_full (path, EG_STORE_OPEN_UNCHECKED, &error);
      eg_bench_add (samples, eg_bench_ms_since (start));
      g_assert_no_error (error);
    }
  eg_bench_report ("  baseline: open without the check", samples, NULL);

  /* 2. a backup: copy and check */
  store = eg_store_open_full (path, EG_STORE_OPEN_UNCHECKED, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      g_clear_pointer (&last, eg_backup_info_free);
      start = g_get_monotonic_time ();
      last = eg_backup_create (store, EG_BACKUP_REASON_MANUAL, now + i * 1000, NULL, &error);
      eg_bench_add (samples, eg_bench_ms_since (start));
      g_assert_no_error (error);
    }
  g_free (size);
  size = g_format_size (last->size);
  g_print ("backup: %s, %d cards, %d reviews\n", size, last->cards, last->reviews);
  eg_bench_report ("back up (copy + integrity_check)", samples, NULL);

  copy = eg_test_tmp_path ("copy.db");
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GFile) from = g_file_new_for_path (path);
      g_autoptr(GFile) to = g_file_new_for_path (copy);

      start = g_get_monotonic_time ();
      g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
      eg_bench_add (samples, eg_bench_ms_since (start));
      g_assert_no_error (error);
    }
  eg_bench_report ("  baseline: copy the file's bytes", samples, NULL);
  g_clear_object (&store);

  /* 3. a restore: a backup of what is there, then the copy */
  for (int i = 0; i < 2; i++)
    {
      start = g_get_monotonic_time ();
      g_assert_true (eg_backup_restore (path, last->name, now + 10000 + i * 1000, NULL, NULL,
                                        &error));
      eg_bench_add (samples, eg_bench_ms_since (start));
      g_assert_no_error (error);
    }
  eg_bench_report ("restore (backup first, then replace)", samples, NULL);

  eg_test_cleanup_dirs ();
  return 0;
}
