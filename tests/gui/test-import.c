/* test-import.c - the import preview and its Undo, the export (issue 12,
 * points 12 and 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "eg-application.h"
#include "eg-core.h"
#include "app-fixture.h"
#include "eg-gui-test.h"
#include "eg-import-preview.h"
#include "eg-test-util.h"
#include "eg-window.h"

#define OLD_QUESTION "### 302. What is M:N scheduling?"
#define NEW_QUESTION "### 302. What is M:N scheduling in Golang?"

/* The default collection, imported from @text, the seed deck's file. */
static void
make_collection (const char *text)
{
  g_autofree char *path = eg_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *deck_path = eg_test_tmp_path ("older.md");
  g_autoptr(GFile) deck = g_file_new_for_path (deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgImportReport) report = NULL;

  eg_test_rm_rf (dir);
  g_assert_true (g_file_set_contents (deck_path, text, -1, NULL));
  store = eg_store_open (path, &error);
  g_assert_no_error (error);
  report = eg_import_file (store, deck, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE, NULL, NULL,
                           NULL, &error);
  g_assert_no_error (error);
  g_assert_true (eg_store_set_setting (store, "shipped-decks-imported", "1", &error));
}

static char *
seed_text (void)
{
  g_autofree char *path = eg_test_fixture ("expert-go-interview-questions.md");
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* The card @key's answer becomes @answer, as an edit in the app. */
static void
edit_card (const char *key,
           const char *answer)
{
  g_autofree char *path = eg_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);
  g_autoptr(EgCard) card = eg_store_find_card (store, key, &error);

  g_assert_no_error (error);
  g_assert_true (eg_store_update_card (store, card->id, card->question, answer, card->parts,
                                       eg_time_now_ms (), &error));
  g_assert_no_error (error);
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

typedef struct
{
  EgApplication *app;
  guint          n;
} LibraryWait;

static gboolean
library_shows (gpointer data)
{
  LibraryWait *wait = data;
  EgWindow *window = app_window (wait->app);
  GListModel *cards;

  if (window == NULL || eg_window_get_store (window) == NULL)
    return FALSE;
  cards = eg_library_page_get_cards (eg_window_get_library_page (window));
  return cards != NULL && g_list_model_get_n_items (cards) == wait->n;
}

/* The toast's button labelled @label, on screen in @widget */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The damaged original over a collection imported from an older file, with
 * one card edited since: a summary line, the changed card with its title
 * and what changed, the warnings in words; code points only in Details. */
static void
test_preview (void)
{
  g_autofree char *seed = seed_text ();
  g_autofree char *older = NULL;
  g_autofree char *seed_path = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (seed_path);
  g_auto(GStrv) around = g_strsplit (seed, NEW_QUESTION, 2);
  LibraryWait wait = { NULL, 245 };
  AdwMessageDialog *dialog;
  EgImportPreview *preview;
  EgApplication *app;

  /* the seed with its first NEW_QUESTION made OLD_QUESTION (split, not a
   * pointer into the text: gcc 12 -O3 takes that for a dangling pointer) */
  g_assert_cmpuint (g_strv_length (around), ==, 2);
  older = g_strjoin (OLD_QUESTION, around[0], around[1], NULL);
  make_collection (older);
  edit_card ("16/301", "My own answer.");

  wait.app = app = start_app ();
  g_assert_true (eg_gui_test_wait_for (library_shows, &wait, 20000));
  eg_window_import_file (app_window (app), file);
  dialog = eg_gui_test_wait_for_dialog ("Import This Deck?", 10000);
  g_assert_nonnull (dialog);

  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "“Expert Level Golang Interview Questions”: 245 cards\n"
                   "0 new, 1 updated, 244 unchanged, 0 removed from the file");
  preview = EG_IMPORT_PREVIEW (adw_message_dialog_get_extra_child (dialog));
  g_assert_true (EG_IS_IMPORT_PREVIEW (preview));
  g_assert_cmpuint (eg_import_preview_get_n_updated (preview), ==, 1);
  g_assert_cmpuint (eg_import_preview_get_n_notices (preview), ==, 2);
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (dialog),
                                         "What is M:N scheduling in Golang?", FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (dialog), "Card 302 · Question changed",
                                         FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (dialog),
                                         "75 characters damaged by a wrong encoding were "
                                         "repaired; 3 could not be repaired with certainty: "
                                         "lines 1214, 1407 and 2415.", FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (dialog),
                                         "2 cards repeat a part word for word; one copy was "
                                         "kept: lines 80 and 246.", FALSE));
  g_assert_false (eg_gui_test_shows_text (GTK_WIDGET (dialog), "U+", TRUE));

  /* opened: what changed, and the code points */
  eg_import_preview_expand_all (preview);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (dialog), "U+201D", TRUE, 5000));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (dialog),
                                            "Question before: What is M:N scheduling?\n"
                                            "Question in the file: What is M:N scheduling in "
                                            "Golang?", FALSE, 5000));

  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (count_cards (), ==, 245);
  stop_app (app);
}

/* Undo in the toast of an import restores the collection from the backup
 * the import took: the cards are as many as before, the library reloads. */
static void
test_undo (void)
{
  static const char deck[] =
    "# Another Deck\n\n# Extra\n\n### 1. What is new?\nThis.\n\n---\n\n"
    "### 2. What else?\nThat.\n";
  g_autofree char *seed = seed_text ();
  g_autofree char *path = eg_test_tmp_path ("another.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LibraryWait wait = { NULL, 245 };
  AdwMessageDialog *dialog;
  EgApplication *app;
  EgWindow *window;
  GtkWidget *undo;

  make_collection (seed);
  g_assert_true (g_file_set_contents (path, deck, -1, NULL));
  wait.app = app = start_app ();
  g_assert_true (eg_gui_test_wait_for (library_shows, &wait, 20000));
  window = app_window (app);

  eg_window_import_file (window, file);
  dialog = eg_gui_test_wait_for_dialog ("Import This Deck?", 10000);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "Imported: 2 added, 0 updated",
                                            FALSE, 10000));
  g_assert_cmpuint (count_cards (), ==, 247);

  undo = find_button (GTK_WIDGET (window), "_Undo");
  g_assert_nonnull (undo);
  gtk_widget_activate (undo);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window),
                                            "Import undone: the collection is as it was before",
                                            FALSE, 20000));
  g_assert_true (eg_gui_test_wait_for (library_shows, &wait, 20000));
  g_assert_cmpuint (count_cards (), ==, 245);
  g_assert_false (eg_gui_test_shows_text (GTK_WIDGET (window), "Another Deck", FALSE));

  stop_app (app);
}

static gboolean
chooser_shown (gpointer data)
{
  return eg_gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL) != NULL;
}

typedef struct
{
  GtkWindow *chooser;
  GFile     *file;
} Chosen;

static gboolean
chooser_has_file (gpointer data)
{
  Chosen *chosen = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chosen->chooser));

  return file != NULL && g_file_equal (file, chosen->file);
}

/* Export Deck…: the deck's title as the name, Markdown or JSON, and the
 * toast offers to open the folder. */
static void
test_export (void)
{
  g_autofree char *seed = seed_text ();
  g_autofree char *path = eg_test_tmp_path ("exported.json");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *shown = NULL;
  g_autofree char *dir_uri = g_filename_to_uri (dir, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GListModel) filters = NULL;
  Chosen chosen;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  LibraryWait wait = { NULL, 245 };
  GtkWindow *chooser;
  EgApplication *app;
  EgWindow *window;
  GtkWidget *open;
  GVariant *target;

  make_collection (seed);
  wait.app = app = start_app ();
  g_assert_true (eg_gui_test_wait_for (library_shows, &wait, 20000));
  window = app_window (app);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  g_assert_true (eg_gui_test_wait_for (chooser_shown, NULL, 5000));
  chooser = eg_gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "Expert Level Golang Interview Questions.md");
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);

  /* the user picks a folder and types a JSON name */
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
  chosen.chooser = chooser;
  chosen.file = file;
  g_assert_true (eg_gui_test_wait_for (chooser_has_file, &chosen, 5000));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  shown = g_strdup_printf ("Deck exported to “%s”", base);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), shown, FALSE, 10000));
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (json_parser_get_root (parser)), "decks")), ==, 1);

  open = find_button (GTK_WIDGET (window), "_Open Folder");
  g_assert_nonnull (open);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==, "win.open-folder");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open));
  g_assert_cmpstr (target ? g_variant_get_string (target, NULL) : NULL, ==, dir_uri);

  /* the JSON filter with the name suggested: a .json file */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  g_assert_true (eg_gui_test_wait_for (chooser_shown, NULL, 5000));
  chooser = eg_gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
  g_clear_object (&filters);
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  {
    g_autoptr(GtkFileFilter) json = g_list_model_get_item (filters, 1);
    g_autofree char *json_path = g_build_filename (dir, "Expert Level Golang Interview "
                                                        "Questions.json", NULL);
    g_autofree char *md_path = g_build_filename (dir, "Expert Level Golang Interview "
                                                      "Questions.md", NULL);
    g_autoptr(GFile) md_file = g_file_new_for_path (md_path);

    gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), json);
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder,
                                                        NULL));
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                       "Expert Level Golang Interview Questions.md");
    chosen = (Chosen) { chooser, md_file };
    g_assert_true (eg_gui_test_wait_for (chooser_has_file, &chosen, 5000));
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window),
                                              "Deck exported to “Expert Level Golang Interview "
                                              "Questions.json”", FALSE, 10000));
    g_assert_true (json_parser_load_from_file (parser, json_path, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (md_path, G_FILE_TEST_EXISTS));
  }

  stop_app (app);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *content = NULL;
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-import");
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

  g_test_add_func ("/gui/import/preview", test_preview);
  g_test_add_func ("/gui/import/undo", test_undo);
  g_test_add_func ("/gui/import/export", test_export);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
