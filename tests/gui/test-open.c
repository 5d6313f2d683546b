/* test-open.c - decks opened from the desktop: "engram deck.md", "Open With
 * Engram" in a file manager, a file dropped on the window (issue 16, point 2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "eg-application.h"
#include "eg-core.h"
#include "app-fixture.h"
#include "eg-gui-test.h"
#include "eg-import-preview.h"
#include "eg-test-util.h"
#include "eg-window.h"

#define PREVIEW_HEADING "Import This Deck?"
#define REFUSED_HEADING "The Deck Cannot Be Imported"

static const char another_deck[] =
  "# Another Deck\n\n# Extra\n\n### 1. What is new?\nThis.\n\n---\n\n"
  "### 2. What else?\nThat.\n";

static const char third_deck[] =
  "# Third Deck\n\n# More\n\n### 1. What is third?\nIt.\n";

/* A deck file @name in the test's folder, holding @text */
static GFile *
write_deck (const char *name,
            const char *text,
            gssize      length)
{
  g_autofree char *path = eg_test_tmp_path (name);

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  return g_file_new_for_path (path);
}

static guint
count_cards (void)
{
  g_autofree char *path = eg_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open_full (path, EG_STORE_OPEN_READ_ONLY, &error);
  EgStoreStats stats = { 0 };

  g_assert_no_error (error);
  g_assert_true (eg_store_get_stats (store, &stats, &error));
  return stats.cards;
}

static guint
count_main_windows (EgApplication *app)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    n += EG_IS_WINDOW (l->data);
  return n;
}

static gboolean
library_ready (gpointer data)
{
  EgWindow *window = app_window (data);
  GListModel *cards;

  if (window == NULL || eg_window_get_store (window) == NULL)
    return FALSE;
  cards = eg_library_page_get_cards (eg_window_get_library_page (window));
  return cards != NULL && g_list_model_get_n_items (cards) == 245;
}

/* The running app with the seed deck's 245 cards on screen */
static EgApplication *
start_with_library (void)
{
  EgApplication *app;

  make_shipped_collection ();
  app = start_app ();
  g_assert_true (eg_gui_test_wait_for (library_ready, app, 20000));
  return app;
}

/* The preview for the deck titled @title, over @window */
static AdwMessageDialog *
wait_for_preview (EgWindow   *window,
                  const char *title)
{
  AdwMessageDialog *dialog = eg_gui_test_wait_for_dialog (PREVIEW_HEADING, 20000);

  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return NULL;
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (EG_IS_IMPORT_PREVIEW (adw_message_dialog_get_extra_child (dialog)));
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), title) != NULL);
  return dialog;
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  if (dialog == NULL)
    return;
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* g_application_open(), as "engram deck.md" or a file manager's "Open With
 * Engram" reaches the running app: the preview, in the same window; nothing
 * written until Import is chosen, then the deck's cards are added. */
static void
test_open_running (void)
{
  g_autoptr(GFile) file = write_deck ("another.md", another_deck, -1);
  AdwMessageDialog *dialog;
  EgApplication *app = start_with_library ();
  EgWindow *window = app_window (app);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  dialog = wait_for_preview (window, "“Another Deck”: 2 cards\n2 new, 0 updated");
  g_assert_cmpuint (count_main_windows (app), ==, 1);
  g_assert_cmpuint (count_cards (), ==, 245);

  answer (dialog, "import");
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "Imported: 2 added, 0 updated",
                                            FALSE, 20000));
  g_assert_cmpuint (count_cards (), ==, 247);
  stop_app (app);
}

static guint
count_previews (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      n += ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
           g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                      PREVIEW_HEADING) == 0;
    }
  return n;
}

static gboolean
two_previews (gpointer data)
{
  return count_previews () > 1;
}

/* A second deck opened while a preview shows: still one window, one preview
 * at a time; the first preview's Import imports the first deck, and the
 * second preview comes after.  Two decks opened at once: one after the other. */
static void
test_open_second (void)
{
  g_autoptr(GFile) first = write_deck ("another.md", another_deck, -1);
  g_autoptr(GFile) second = write_deck ("third.md", third_deck, -1);
  GFile *both[2] = { second, first };
  AdwMessageDialog *dialog;
  EgApplication *app = start_with_library ();
  EgWindow *window = app_window (app);

  g_application_open (G_APPLICATION (app), &first, 1, "");
  dialog = wait_for_preview (window, "“Another Deck”");
  g_application_open (G_APPLICATION (app), &second, 1, "");
  /* the second waits for its turn: never a second window, nor a second
   * preview over the first (its dry run takes milliseconds) */
  g_assert_false (eg_gui_test_wait_for (two_previews, NULL, 3000));
  g_assert_cmpuint (count_main_windows (app), ==, 1);
  g_assert_true (app_window (app) == window);

  /* Import in the first preview imports the first deck, not the second */
  answer (dialog, "import");
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "Imported: 2 added, 0 updated",
                                            FALSE, 20000));
  dialog = wait_for_preview (window, "“Third Deck”: 1 card\n1 new");
  g_assert_cmpuint (count_cards (), ==, 247);
  g_assert_cmpuint (count_main_windows (app), ==, 1);
  answer (dialog, "cancel");
  g_assert_cmpuint (count_cards (), ==, 247);

  /* two files in one open */
  g_application_open (G_APPLICATION (app), both, 2, "");
  dialog = wait_for_preview (window, "“Third Deck”");
  g_assert_cmpuint (count_previews (), ==, 1);
  answer (dialog, "cancel");
  dialog = wait_for_preview (window, "“Another Deck”: 2 cards\n0 new, 0 updated, 2 unchanged");
  answer (dialog, "cancel");
  g_assert_cmpuint (count_main_windows (app), ==, 1);
  g_assert_cmpuint (count_cards (), ==, 247);
  stop_app (app);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* A file list dropped on the window, as from a file manager: the preview */
static void
test_drop (void)
{
  g_autoptr(GFile) file = write_deck ("another.md", another_deck, -1);
  g_auto(GValue) value = G_VALUE_INIT;
  AdwMessageDialog *dialog;
  EgApplication *app = start_with_library ();
  EgWindow *window = app_window (app);
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  gboolean accepted = FALSE;
  GdkFileList *list;
  GFile *files[1];

  g_assert_nonnull (target);
  if (target != NULL)
    {
      files[0] = file;
      list = gdk_file_list_new_from_array (files, 1);
      g_value_init (&value, GDK_TYPE_FILE_LIST);
      g_value_take_boxed (&value, list);
      g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
      g_assert_true (accepted);
      dialog = wait_for_preview (window, "“Another Deck”: 2 cards");
      g_assert_cmpuint (count_cards (), ==, 245);
      answer (dialog, "cancel");
      g_assert_cmpuint (count_cards (), ==, 245);
    }
  stop_app (app);
}

/* A file that is not a deck, opened or dropped: the importer's message
 * naming it, and nothing written. */
static void
test_open_not_a_deck (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(GFile) file = write_deck ("picture.png", png, sizeof png - 1);
  AdwMessageDialog *dialog;
  EgApplication *app = start_with_library ();
  EgWindow *window = app_window (app);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  dialog = eg_gui_test_wait_for_dialog (REFUSED_HEADING, 20000);
  g_assert_nonnull (dialog);
  if (dialog != NULL)
    {
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
      g_assert_true (strstr (adw_message_dialog_get_body (dialog), "picture.png") != NULL);
      g_assert_true (strstr (adw_message_dialog_get_body (dialog), "not a Markdown deck") != NULL);
    }
  answer (dialog, "close");
  g_assert_null (eg_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, PREVIEW_HEADING));
  g_assert_cmpuint (count_cards (), ==, 245);
  stop_app (app);
}

/* "engram deck.md" on the very first start: the deck arrives before the
 * collection is made; its preview comes once the shipped decks are in. */
static void
test_open_at_start (void)
{
  g_autoptr(GFile) file = write_deck ("another.md", another_deck, -1);
  g_autofree char *path = eg_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  EgApplication *app = eg_application_new ();

  eg_test_rm_rf (dir);
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) |
                                                G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  /* no activate first: the open starts the app, as on the command line */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_assert_cmpuint (count_main_windows (app), ==, 1);

  dialog = eg_gui_test_wait_for_dialog (PREVIEW_HEADING, 60000);
  g_assert_nonnull (dialog);
  /* the first start's import ended before the preview was made */
  g_assert_cmpuint (count_cards (), ==, 245);
  g_assert_true (eg_gui_test_wait_for (library_ready, app, 20000));
  if (dialog != NULL)
    g_assert_true (strstr (adw_message_dialog_get_body (dialog),
                           "“Another Deck”: 2 cards\n2 new") != NULL);
  answer (dialog, "cancel");
  g_assert_cmpuint (count_cards (), ==, 245);
  stop_app (app);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *content = NULL;
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-open");
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

  g_test_add_func ("/gui/open/running", test_open_running);
  g_test_add_func ("/gui/open/second", test_open_second);
  g_test_add_func ("/gui/open/drop", test_drop);
  g_test_add_func ("/gui/open/not-a-deck", test_open_not_a_deck);
  g_test_add_func ("/gui/open/at-start", test_open_at_start);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
