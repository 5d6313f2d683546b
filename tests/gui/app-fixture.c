/* app-fixture.c - the whole application, started and stopped in a test:
 * registered without uniqueness, activated as a user's start does, and
 * its windows destroyed before it quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "app-fixture.h"
#include "eg-test-util.h"

EgApplication *
start_app (void)
{
  EgApplication *app = eg_application_new ();
  g_autoptr(GError) error = NULL;

  /* HANDLES_OPEN kept: tests open decks as a file manager does */
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) |
                                                G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  return app;
}

void
stop_app (EgApplication *app)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
}

EgWindow *
app_window (EgApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (EG_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* The default collection with the seed deck, so that no first start runs */
void
make_shipped_collection (void)
{
  g_autofree char *path = eg_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *deck_path = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) deck = g_file_new_for_path (deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgImportReport) report = NULL;

  eg_test_rm_rf (dir);
  store = eg_store_open (path, &error);
  g_assert_no_error (error);
  report = eg_import_file (store, deck, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE, NULL, NULL,
                           NULL, &error);
  g_assert_no_error (error);
  g_assert_true (eg_store_set_setting (store, "shipped-decks-imported", "1", &error));
}
