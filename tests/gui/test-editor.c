/* test-editor.c - the card editor: question, answer and parts as fields,
 * the number shown, not edited (issue 12, point 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "eg-application.h"
#include "eg-card-editor.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-test-util.h"
#include "eg-window.h"

#define FIRST_SECTION 1

static EgWindow *
seeded_window (EgStore **store_out)
{
  g_autofree char *db = eg_test_tmp_path ("collection.db");
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (seed);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  EgStore *store;
  EgWindow *window;

  store = eg_store_open (db, &error);
  g_assert_no_error (error);
  report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  window = eg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  eg_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  *store_out = store;
  return window;
}

static gboolean
editor_closed (gpointer data)
{
  return eg_gui_test_find_toplevel (EG_TYPE_CARD_EDITOR, NULL) == NULL;
}

static void
set_answer (EgCardEditor *editor,
            const char   *answer)
{
  gtk_text_buffer_set_text (eg_card_editor_get_answer (editor), answer, -1);
}

/* Add Card: titled so, the number shown above the fields; a line that
 * would start another card is refused; parts are fields too. */
static void
test_add_card_fields (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = NULL;
  EgWindow *window = seeded_window (&store);
  GtkWidget *library = GTK_WIDGET (eg_window_get_library_page (window));
  EgCardEditor *editor;

  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "How does the Go scheduler work?",
                                            FALSE, 10000));
  g_assert_true (eg_library_page_select_sidebar (EG_LIBRARY_PAGE (library), FIRST_SECTION));
  g_assert_true (gtk_widget_activate_action (library, "library.add-card", NULL));
  editor = EG_CARD_EDITOR (eg_gui_test_find_toplevel (EG_TYPE_CARD_EDITOR, NULL));
  g_assert_nonnull (editor);
  if (editor == NULL)
    return;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Add Card");
  g_assert_cmpstr (eg_card_editor_get_number_text (editor), ==, "Card 321");
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (editor), "Card 321", FALSE));
  g_assert_cmpstr (gtk_editable_get_text (eg_card_editor_get_question (editor)), ==,
                   "New question?");
  g_assert_cmpuint (eg_card_editor_get_n_parts (editor), ==, 0);

  /* the question as a field: no "###" to break */
  gtk_editable_set_text (eg_card_editor_get_question (editor), "What is new here?");
  set_answer (editor, "One line.\n### 5. Not a card\n");
  g_assert_false (eg_card_editor_save (editor, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (error ? strstr (error->message, "starts like a card heading") : NULL);
  g_clear_error (&error);
  g_assert_null (eg_store_find_card (store, "16/321", NULL));

  gtk_editable_set_text (eg_card_editor_get_question (editor), "  ");
  set_answer (editor, "This card.");
  g_assert_false (eg_card_editor_save (editor, &error));
  g_clear_error (&error);

  /* a part, added with its button's action, needs a name */
  gtk_editable_set_text (eg_card_editor_get_question (editor), "What is new here?");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-part", NULL));
  g_assert_cmpuint (eg_card_editor_get_n_parts (editor), ==, 1);
  g_assert_false (eg_card_editor_save (editor, &error));
  g_assert_nonnull (error ? strstr (error->message, "needs a name") : NULL);
  g_clear_error (&error);

  eg_card_editor_set_text (editor, "### 321. What is new here?\nThis card.\n\n"
                                   "#### Indepth\nMore of it.\n");
  g_assert_cmpuint (eg_card_editor_get_n_parts (editor), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (eg_gui_test_wait_for (editor_closed, NULL, 5000));

  card = eg_store_find_card (store, "16/321", &error);
  g_assert_no_error (error);
  g_assert_cmpint (card->number, ==, 321);
  g_assert_cmpstr (card->question, ==, "What is new here?");
  g_assert_cmpstr (card->answer, ==, "This card.");
  g_assert_cmpuint (card->parts->len, ==, 1);
  g_assert_cmpstr (((EgCardPart *) g_ptr_array_index (card->parts, 0))->name, ==, "Indepth");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Edit Card: the card's own question in the field, its parts as fields. */
static void
test_edit_card_fields (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = NULL;
  EgWindow *window = seeded_window (&store);
  GtkWidget *library = GTK_WIDGET (eg_window_get_library_page (window));
  EgCardEditor *editor;

  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "How does the Go scheduler work?",
                                            FALSE, 10000));
  g_assert_true (eg_library_page_select_sidebar (EG_LIBRARY_PAGE (library), FIRST_SECTION));
  g_assert_true (gtk_widget_activate_action (library, "library.edit-card", NULL));
  editor = EG_CARD_EDITOR (eg_gui_test_find_toplevel (EG_TYPE_CARD_EDITOR, NULL));
  g_assert_nonnull (editor);
  if (editor == NULL)
    return;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Card");
  g_assert_cmpstr (eg_card_editor_get_number_text (editor), ==, "Card 301");
  g_assert_cmpstr (gtk_editable_get_text (eg_card_editor_get_question (editor)), ==,
                   "How does the Go scheduler work?");
  g_assert_cmpuint (eg_card_editor_get_n_parts (editor), ==, 1);

  gtk_editable_set_text (eg_card_editor_get_question (editor), "How does Go schedule?");
  g_assert_true (eg_card_editor_save (editor, &error));
  g_assert_no_error (error);
  card = eg_store_find_card (store, "16/301", &error);
  g_assert_cmpstr (card->question, ==, "How does Go schedule?");
  g_assert_cmpuint (card->parts->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *content = NULL;
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-editor");
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

  g_test_add_func ("/gui/editor/add-card-fields", test_add_card_fields);
  g_test_add_func ("/gui/editor/edit-card-fields", test_edit_card_fields);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
