/* test-collection.c - the app's collection: a damaged or empty file, the
 * check and the daily backup after the first frame, the Backups window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "eg-application.h"
#include "eg-preferences.h"
#include "eg-core.h"
#include "app-fixture.h"
#include "eg-gui-test.h"
#include "eg-test-util.h"
#include "eg-toast.h"
#include "eg-window.h"

static const int damaged_pages[] = { 20, 40, 60, 80, -1 };

/* The default collection with the seed deck and @n_grades reviews. */
static void
make_collection (guint n_grades)
{
  g_autofree char *path = eg_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *deck_path = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) deck = g_file_new_for_path (deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  gint64 now = eg_time_now_ms ();

  eg_test_rm_rf (dir);
  store = eg_store_open (path, &error);
  g_assert_no_error (error);
  report = eg_import_file (store, deck, now, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (eg_store_set_setting (store, "shipped-decks-imported", "1", &error));
  scheduler = eg_scheduler_new (store, &error);
  for (guint i = 0; i < n_grades; i++)
    {
      g_autoptr(EgQueue) queue = eg_scheduler_build_queue (scheduler, now, &error);

      g_assert_true (eg_scheduler_grade (scheduler, queue, eg_queue_peek (queue, now),
                                         EG_FSRS_GOOD, now, 1000, NULL, &error));
    }
  g_assert_no_error (error);
}

static EgBackupInfo *
back_up (gint64 at_ms)
{
  g_autofree char *path = eg_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);
  EgBackupInfo *info;

  g_assert_no_error (error);
  info = eg_backup_create (store, EG_BACKUP_REASON_MANUAL, at_ms, NULL, &error);
  g_assert_no_error (error);
  return info;
}

static gboolean
damaged_page_shown (gpointer data)
{
  EgWindow *window = app_window (data);
  EgBackupList *list;

  if (window == NULL)
    return FALSE;
  list = eg_damaged_page_get_list (eg_window_get_damaged_page (window));
  return gtk_widget_get_mapped (GTK_WIDGET (eg_window_get_damaged_page (window))) &&
         !eg_backup_list_is_loading (list);
}

static gboolean
library_shown (gpointer data)
{
  EgWindow *window = app_window (data);

  return window != NULL && eg_window_get_store (window) != NULL &&
         eg_library_page_get_cards (eg_window_get_library_page (window)) != NULL &&
         g_list_model_get_n_items (eg_library_page_get_cards (eg_window_get_library_page (window))) > 0 &&
         !gtk_widget_get_mapped (GTK_WIDGET (eg_window_get_damaged_page (window)));
}

static gboolean
store_shown (gpointer data)
{
  EgWindow *window = app_window (data);

  return window != NULL && eg_window_get_store (window) != NULL &&
         !gtk_widget_get_mapped (GTK_WIDGET (eg_window_get_damaged_page (window)));
}

static gboolean
checked (gpointer data)
{
  EgWindow *window = app_window (data);

  return window != NULL && eg_window_get_store (window) != NULL &&
         eg_store_get_integrity (eg_window_get_store (window)) == EG_STORE_INTEGRITY_OK;
}

/* Answers the message dialog with @heading. */
static void
respond (const char *heading,
         const char *response)
{
  AdwMessageDialog *dialog = eg_gui_test_wait_for_dialog (heading, 10000);

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static const char *
page_text (EgWindow *window)
{
  return eg_damaged_page_get_description (eg_window_get_damaged_page (window));
}

static gint64
count_reviews (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open_full (path, EG_STORE_OPEN_READ_ONLY, &error);
  EgStoreStats stats = { 0 };

  g_assert_no_error (error);
  g_assert_true (eg_store_get_stats (store, &stats, &error));
  return stats.reviews_logged;
}

static char *
find_set_aside (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, base) && strstr (name, ".set-aside-") &&
        !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

/* A damaged collection: the page says so and lists the backups; nothing is
 * written to it; Restore brings back the backup and keeps the damaged file. */
static void
test_damaged_start (void)
{
  g_autofree char *path = eg_store_default_path ();
  g_autoptr(EgBackupInfo) backup = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *aside = NULL;
  EgApplication *app;
  EgWindow *window;
  GVariant *target;

  make_collection (3);
  backup = back_up (eg_time_now_ms () - 3600 * 1000);
  eg_test_damage_pages (path, damaged_pages);
  damaged = eg_test_read_bytes (path);

  app = start_app ();
  g_assert_true (eg_gui_test_wait_for (damaged_page_shown, app, 20000));
  window = app_window (app);
  g_assert_null (eg_window_get_store (window));
  g_assert_nonnull (strstr (page_text (window), path));
  g_assert_nonnull (strstr (page_text (window), "is damaged"));
  g_assert_cmpuint (eg_backup_list_get_n_backups (eg_damaged_page_get_list (
                      eg_window_get_damaged_page (window))), ==, 1);
  after = eg_test_read_bytes (path);
  g_assert_true (g_bytes_equal (after, damaged));

  /* what can be read is shown; nothing is written */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-read-only", NULL);
  g_assert_true (eg_gui_test_wait_for (store_shown, app, 20000));
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (eg_store_set_setting (eg_window_get_store (window), "new-per-day", "5",
                                          &error));
    g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_READ_ONLY);
  }
  g_clear_pointer (&after, g_bytes_unref);
  after = eg_test_read_bytes (path);
  g_assert_true (g_bytes_equal (after, damaged));

  target = g_variant_new_string (backup->name);
  g_action_group_activate_action (G_ACTION_GROUP (app), "restore-backup", target);
  respond ("Restore This Backup?", "restore");
  g_assert_true (eg_gui_test_wait_for (library_shown, app, 20000));
  g_assert_cmpint (count_reviews (path), ==, 3);

  aside = find_set_aside (path);
  g_assert_nonnull (aside);
  kept = eg_test_read_bytes (aside);
  g_assert_true (g_bytes_equal (kept, damaged));

  stop_app (app);
}

/* A zero-length collection is not taken for a first start: the page says
 * so, the file stays as it is; a new collection moves it aside first. */
static void
test_empty_file_start (void)
{
  g_autofree char *path = eg_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *aside = NULL;
  EgApplication *app;
  EgWindow *window;
  GStatBuf st;

  eg_test_rm_rf (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));

  app = start_app ();
  g_assert_true (eg_gui_test_wait_for (damaged_page_shown, app, 20000));
  window = app_window (app);
  g_assert_nonnull (strstr (page_text (window), "is empty"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);

  g_action_group_activate_action (G_ACTION_GROUP (app), "start-new-collection", NULL);
  respond ("Start a New Collection?", "start");
  g_assert_true (eg_gui_test_wait_for (library_shown, app, 30000));
  g_assert_cmpuint (g_list_model_get_n_items (eg_library_page_get_cards (eg_window_get_library_page (window))), ==, 245);

  aside = find_set_aside (path);
  g_assert_nonnull (aside);
  g_assert_cmpint (g_stat (aside, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);

  stop_app (app);
}

static gboolean
daily_backup_taken (gpointer data)
{
  g_autofree char *path = eg_store_default_path ();
  g_autoptr(GPtrArray) backups = eg_backup_list (path, NULL);

  return backups != NULL && backups->len == 1 &&
         ((EgBackupInfo *) g_ptr_array_index (backups, 0))->reason == EG_BACKUP_REASON_DAILY;
}

/* After the first frame, off the main thread: the check (until then the
 * collection is not written to) and the day's backup, once a day. */
static void
test_check_and_daily_backup (void)
{
  g_autofree char *path = eg_store_default_path ();
  g_autoptr(GPtrArray) backups = NULL;
  EgApplication *app;

  make_collection (2);

  app = start_app ();
  g_assert_true (eg_gui_test_wait_for (library_shown, app, 20000));
  g_assert_true (eg_gui_test_wait_for (checked, app, 20000));
  g_assert_true (eg_gui_test_wait_for (daily_backup_taken, NULL, 20000));
  stop_app (app);

  /* the second start of the day takes none */
  app = start_app ();
  g_assert_true (eg_gui_test_wait_for (checked, app, 20000));
  stop_app (app);
  backups = eg_backup_list (path, NULL);
  g_assert_cmpuint (backups->len, ==, 1);
}

typedef struct
{
  EgBackupList *list;
  guint         n;
} ListWait;

static gboolean
list_has (gpointer data)
{
  ListWait *wait = data;

  return !eg_backup_list_is_loading (wait->list) &&
         eg_backup_list_get_n_backups (wait->list) == wait->n;
}

/* the old one and today's */
static gboolean
two_backups (gpointer data)
{
  g_autofree char *path = eg_store_default_path ();
  g_autoptr(GPtrArray) backups = eg_backup_list (path, NULL);

  return backups != NULL && backups->len == 2;
}

/* Backups (main menu): Preferences at its Backups page, the list, Back Up
 * Now, Restore (the library reloads, the collection as it was is backed up
 * first; Preferences keeps no hold on the collection replaced). */
static void
test_backups_page (void)
{
  g_autofree char *path = eg_store_default_path ();
  g_autoptr(EgBackupInfo) old = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  AdwPreferencesWindow *preferences;
  EgApplication *app;
  ListWait wait;

  make_collection (1);
  old = back_up (eg_time_now_ms () - 2 * 24 * 3600 * 1000);

  app = start_app ();
  g_assert_true (eg_gui_test_wait_for (checked, app, 20000));
  g_assert_true (eg_gui_test_wait_for (two_backups, NULL, 20000));

  g_action_group_activate_action (G_ACTION_GROUP (app), "backups", NULL);
  preferences = ADW_PREFERENCES_WINDOW (eg_gui_test_find_toplevel (EG_TYPE_PREFERENCES, NULL));
  g_assert_nonnull (preferences);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (preferences), ==, "backups");
  backups = eg_backup_list (path, NULL);
  wait = (ListWait) { eg_preferences_get_backup_list (EG_PREFERENCES (preferences)),
                      backups->len };
  g_assert_true (eg_gui_test_wait_for (list_has, &wait, 10000));

  /* as its Back Up Now button does */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "app.back-up-now", NULL));
  wait.n++;
  g_assert_true (eg_gui_test_wait_for (list_has, &wait, 20000));

  /* grade once more, then go back to the old backup: one review */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EgStore) store = eg_store_open (path, &error);
    g_autoptr(EgScheduler) scheduler = eg_scheduler_new (store, &error);
    g_autoptr(EgQueue) queue = eg_scheduler_build_queue (scheduler, eg_time_now_ms (), &error);

    g_assert_true (eg_scheduler_grade (scheduler, queue, eg_queue_peek (queue, eg_time_now_ms ()),
                                       EG_FSRS_GOOD, eg_time_now_ms (), 1000, NULL, &error));
  }
  g_assert_cmpint (count_reviews (path), ==, 2);
  g_action_group_activate_action (G_ACTION_GROUP (app), "restore-backup",
                                  g_variant_new_string (old->name));
  respond ("Restore This Backup?", "restore");
  g_assert_true (eg_gui_test_wait_for (checked, app, 20000));
  g_assert_cmpint (count_reviews (path), ==, 1);
  /* Preferences, still open, has the study settings of the restored collection */
  g_assert_true (eg_window_get_preferences (app_window (app)) == GTK_WIDGET (preferences));
  g_assert_nonnull (eg_preferences_get_row (EG_PREFERENCES (preferences), "new-per-day"));
  g_assert_true (eg_preferences_apply (EG_PREFERENCES (preferences), "new-per-day", "31", NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EgStore) store = eg_store_open (path, &error);
    g_autofree char *saved = NULL;

    g_assert_no_error (error);
    saved = eg_store_get_setting (store, "new-per-day");
    g_assert_cmpstr (saved, ==, "31");
  }

  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = eg_backup_list (path, NULL);
  g_assert_cmpint (((EgBackupInfo *) g_ptr_array_index (backups, 0))->reason, ==,
                   EG_BACKUP_REASON_RESTORE);
  g_assert_cmpint (((EgBackupInfo *) g_ptr_array_index (backups, 0))->reviews, ==, 2);

  stop_app (app);
}

/* A toast shows its text as it is, "&" and "<" in a file name too. */
static void
test_toast_text (void)
{
  const char *text = "Kept in “/home/r&d/<notes>/collection.db”";
  g_autoptr(AdwToast) toast = g_object_ref_sink (eg_toast_new (text));
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pango_parse_markup (adw_toast_get_title (toast), -1, 0, NULL, &shown, NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shown, ==, text);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *content = NULL;
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-collection");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  content = g_test_build_filename (G_TEST_DIST, "..", "content", NULL);
  g_setenv ("ENGRAM_CONTENT_DIR", content, TRUE);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add_func ("/gui/collection/damaged-start", test_damaged_start);
  g_test_add_func ("/gui/collection/empty-file-start", test_empty_file_start);
  g_test_add_func ("/gui/collection/check-and-daily-backup", test_check_and_daily_backup);
  g_test_add_func ("/gui/collection/backups-page", test_backups_page);
  g_test_add_func ("/gui/collection/toast-text", test_toast_text);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
