/* test-library.c - the library window, in-process under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <webkit/webkit.h>

#include "eg-application.h"
#include "eg-card-editor.h"
#include "eg-card-row.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-import-conflicts.h"
#include "eg-import-preview.h"
#include "eg-store-private.h"
#include "eg-test-util.h"
#include "eg-window.h"

static EgLibraryPage *
page_of (EgWindow *window)
{
  return eg_window_get_library_page (window);
}

/* How many cards the table shows. */
static guint
n_rows (EgWindow *window)
{
  return g_list_model_get_n_items (eg_library_page_get_cards (page_of (window)));
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return eg_gui_test_shows_text (wait->window, wait->text, FALSE);
}

static const char *first_headings[] = {
  "🟢 301–320: Go Internals and Runtime",
  "🔵 401–420: Networking and Low-Level Programming",
  "⚙️ 701–720: Go Internals & Runtime",
  "📡 701–720: Network & Protocol-Level Programming",
  "🧩 1021–1045: Niche Patterns, Frameworks & Tricky Snippets",
};

/* the deck, its 12 sections, then 7 saved searches */
#define N_SEARCHES 7
#define FIRST_SECTION 1
#define FIRST_SEARCH (FIRST_SECTION + 12)

static void
check_library (EgWindow *window)
{
  GListModel *sidebar = eg_library_page_get_sidebar (page_of (window));
  GListModel *cards = eg_library_page_get_cards (page_of (window));
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));

  /* the sidebar: searches, the deck, 12 sections with their counts */
  g_assert_cmpuint (g_list_model_get_n_items (sidebar), ==, FIRST_SEARCH + N_SEARCHES);
  for (guint i = 0; i < G_N_ELEMENTS (first_headings); i++)
    if (!eg_gui_test_shows_text (GTK_WIDGET (window), first_headings[i], FALSE))
      g_test_fail_printf ("the sidebar does not show “%s”", first_headings[i]);
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window), "Due Today", FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window), "Leeches", FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window),
                                         "Expert Level Golang Interview Questions", FALSE));
  /* the counts are made in the background, after the first frame */
  wait.text = "0 due · 20 new · 20 cards";
  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window), "0 due · 25 new · 25 cards", FALSE));

  /* the deck is selected: all its cards; then the first section: its 20 */
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 245);
  g_assert_true (eg_library_page_select_sidebar (page_of (window), FIRST_SECTION));
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 20);
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window), "301", FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window), "What is M:N scheduling in Golang?",
                                         FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window), "20 cards", FALSE));
}

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
  g_assert_true (eg_store_set_deck_language (store, "expert-level-golang-interview-questions",
                                             "go", &error));

  window = eg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  eg_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  *store_out = store;
  return window;
}

/* A reload with the same decks and sections keeps the sidebar's items (and
 * so its rows); a new deck replaces them. */
static void
check_reload_keeps_rows (EgWindow *window,
                         EgStore  *store)
{
  static const char deck[] =
    "# Another Deck\n\n# 🧪 **1–1: Extra**\n\n### 1. What is new?\nThis.\n";
  GListModel *sidebar = eg_library_page_get_sidebar (page_of (window));
  g_autoptr(GObject) first = g_list_model_get_item (sidebar, FIRST_SECTION);
  g_autoptr(GObject) again = NULL;
  g_autoptr(GObject) after_import = NULL;
  g_autofree char *path = eg_test_tmp_path ("another.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  eg_window_reload (window);
  again = g_list_model_get_item (sidebar, FIRST_SECTION);
  g_assert_true (again == first);

  g_assert_true (g_file_set_contents (path, deck, -1, &error));
  report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  eg_window_reload (window);
  g_assert_cmpuint (g_list_model_get_n_items (sidebar), ==, FIRST_SEARCH + N_SEARCHES + 2);
  after_import = g_list_model_get_item (sidebar, FIRST_SECTION);
  g_assert_true (after_import != first);
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window), "Another Deck", FALSE));
}

static void
test_window_lists_sections_and_cards (void)
{
  g_autoptr(EgStore) store = NULL;
  EgWindow *window = seeded_window (&store);
  LabelWait wait;

  check_library (window);

  /* another section: its own cards, with the Markdown title made plain */
  g_assert_true (eg_library_page_select_sidebar (page_of (window), FIRST_SECTION + 11));
  wait = (LabelWait) { GTK_WIDGET (window), "1028" };
  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 5000));
  g_assert_cmpuint (n_rows (window), ==, 25);
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window),
                                         "Tricky Snippet: What is the output of fmt.Println(s) if "
                                         "s := []int{1,2,3}; append(s[:1], 4) is called?", FALSE));

  /* a saved search */
  g_assert_true (eg_library_page_select_sidebar (page_of (window), FIRST_SEARCH + 1));   /* New */
  g_assert_cmpuint (n_rows (window), ==, 245);

  check_reload_keeps_rows (window, store);
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GListModel *cards;
  guint       n;
  gboolean    at_least;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *wait = data;
  guint n = g_list_model_get_n_items (wait->cards);

  return wait->at_least ? n >= wait->n : n == wait->n;
}

/* Typed into the entry: results before the next frame, the word being
 * typed a prefix (from three letters, and not after a space). */
static void
check_typing (EgWindow *window)
{
  GtkEditable *entry = eg_library_page_get_search_entry (page_of (window));
  CountWait wait = { eg_library_page_get_cards (page_of (window)), 0, FALSE };
  guint whole;

  g_assert_true (eg_library_page_set_search (page_of (window), "goroutine"));
  whole = g_list_model_get_n_items (wait.cards);
  g_assert_cmpuint (whole, >, 10);

  gtk_editable_set_text (entry, "nothing-matches-this");
  g_assert_true (eg_gui_test_wait_for (count_is, &wait, 2000));
  gtk_editable_set_text (entry, "gorout");
  wait = (CountWait) { wait.cards, whole, TRUE };
  g_assert_true (eg_gui_test_wait_for (count_is, &wait, 2000));
  gtk_editable_set_text (entry, "gorout ");   /* a finished word: whole words only */
  wait = (CountWait) { wait.cards, 0, FALSE };
  g_assert_true (eg_gui_test_wait_for (count_is, &wait, 2000));
}

static void
test_search (void)
{
  g_autoptr(EgStore) store = NULL;
  EgWindow *window = seeded_window (&store);
  GListModel *cards;
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  /* New: every card */
  g_assert_true (eg_library_page_select_sidebar (page_of (window), FIRST_SEARCH + 1));
  cards = eg_library_page_get_cards (page_of (window));

  /* free text, through the same entry the user types in */
  g_assert_true (eg_library_page_set_search (page_of (window), "\"escape analysis\""));
  g_assert_cmpuint (g_list_model_get_n_items (cards), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cards), <, 20);
  wait = (LabelWait) { GTK_WIDGET (window),
                       "What is escape analysis and how can you visualize it?" };
  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 5000));

  /* a filter */
  g_assert_true (eg_library_page_set_search (page_of (window), "section:52 Tricky"));
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EgCardRow) row = g_list_model_get_item (cards, i);
      g_assert_true (g_str_has_prefix (eg_card_row_get_key (row), "52/"));
    }
  g_assert_cmpuint (g_list_model_get_n_items (cards), >=, 5);

  /* a bad query: shown, the table keeps its rows */
  {
    guint before = g_list_model_get_n_items (cards);

    g_assert_false (eg_library_page_set_search (page_of (window), "foo:bar (x"));
    g_assert_cmpuint (g_list_model_get_n_items (cards), ==, before);
  }

  check_typing (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The table of a deck shows that deck's cards only, also for a search with
 * OR; a search that is wrong is said with its own columns. */
static void
test_deck_search (void)
{
  static const char deck[] =
    "# Other Deck\n\n# Extra\n\n### 1. What is a zebraquux?\nA word.\n";
  g_autoptr(EgStore) store = NULL;
  EgWindow *window = seeded_window (&store);
  EgLibraryPage *library = page_of (window);
  GListModel *cards = eg_library_page_get_cards (library);
  g_autofree char *path = eg_test_tmp_path ("other.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  g_assert_true (g_file_set_contents (path, deck, -1, &error));
  report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  eg_window_reload (window);

  /* the Go deck, first in the sidebar; then the other deck, after its 12 sections */
  g_assert_true (eg_library_page_select_sidebar (library, 0));
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 245);
  g_assert_true (eg_library_page_set_search (library, "xyzzy OR zebraquux"));
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 0);
  g_assert_true (eg_library_page_select_sidebar (library, FIRST_SEARCH));
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 1);
  g_assert_true (eg_library_page_set_search (library, ""));
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 1);

  /* a wrong search in a deck: its own column */
  g_assert_false (eg_library_page_set_search (library, "foo:bar"));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "“foo:” at column 1;", TRUE,
                                            5000));

  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
preview_question (EgWindow *window)
{
  EgCardView *preview = eg_library_page_get_preview (page_of (window));
  char *text = eg_gui_test_eval (eg_card_view_get_web_view (preview),
                                 "document.getElementById('question').textContent.trim()", 5000);

  g_assert_nonnull (text);
  return text;
}

typedef struct
{
  EgWindow   *window;
  const char *text;
} PreviewWait;

static gboolean
preview_shows (gpointer data)
{
  PreviewWait *wait = data;
  g_autofree char *text = preview_question (wait->window);

  return g_strcmp0 (text, wait->text) == 0;
}

static void
test_preview_and_edit (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  EgWindow *window = seeded_window (&store);
  GtkSelectionModel *selection = eg_library_page_get_card_selection (page_of (window));
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };
  PreviewWait preview = { window, "What is M:N scheduling in Golang?" };
  EgCardEditor *editor = NULL;

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  eg_card_view_get_web_view (eg_library_page_get_preview (page_of (window)));

  /* the preview follows the selection */
  gtk_selection_model_select_item (selection, 1, TRUE);
  g_assert_true (eg_gui_test_wait_for (preview_shows, &preview, 15000));
  gtk_selection_model_select_item (selection, 2, TRUE);
  preview.text = "How does the Go garbage collector work?";
  g_assert_true (eg_gui_test_wait_for (preview_shows, &preview, 10000));

  /* edit it: the table and the preview show the change */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_of (window)), "library.edit-card",
                                             NULL));
  editor = EG_CARD_EDITOR (eg_gui_test_find_toplevel (EG_TYPE_CARD_EDITOR, NULL));
  g_assert_nonnull (editor);
  eg_card_editor_set_text (editor, "### 303. How does Go's garbage collector really work?\n"
                                   "Tri-colour mark and sweep.\n");
  g_assert_true (eg_card_editor_save (editor, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));

  wait.text = "How does Go's garbage collector really work?";
  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 5000));
  gtk_selection_model_select_item (selection, 2, TRUE);
  preview.text = "How does Go's garbage collector really work?";
  g_assert_true (eg_gui_test_wait_for (preview_shows, &preview, 10000));
  {
    g_autoptr(EgCard) card = eg_store_find_card (store, "16/303", &error);
    g_assert_cmpstr (card->answer, ==, "Tri-colour mark and sweep.");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_actions_and_undo (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  EgWindow *window = seeded_window (&store);
  GtkSelectionModel *selection = eg_library_page_get_card_selection (page_of (window));
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };
  EgStoreStats stats;

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_of (window)), "library.suspend", "b",
                                             TRUE));
  g_assert_true (eg_store_get_stats (store, &stats, &error));
  g_assert_cmpuint (stats.suspended, ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (eg_store_get_stats (store, &stats, &error));
  g_assert_cmpuint (stats.suspended, ==, 0);

  /* delete two, undo brings them back */
  gtk_selection_model_select_range (selection, 0, 2, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_of (window)), "library.delete",
                                             NULL));
  g_assert_true (eg_store_get_stats (store, &stats, &error));
  g_assert_cmpuint (stats.cards, ==, 243);
  g_assert_cmpuint (n_rows (window), ==, 243);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (eg_store_get_stats (store, &stats, &error));
  g_assert_cmpuint (stats.cards, ==, 245);
  g_assert_cmpuint (n_rows (window), ==, 245);

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
n_cards (EgStore *store)
{
  EgStoreStats stats = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (eg_store_get_stats (store, &stats, &error));
  g_assert_no_error (error);
  return stats.cards;
}

static gboolean
editor_closed (gpointer data)
{
  return eg_gui_test_find_toplevel (EG_TYPE_CARD_EDITOR, NULL) == NULL;
}

/* Add Card writes nothing until the editor saves: Cancel leaves the section
 * as it was; Save adds one card, at the section's end, and the table shows
 * it. */
static void
test_add_card (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = NULL;
  EgWindow *window = seeded_window (&store);
  GtkWidget *library = GTK_WIDGET (page_of (window));
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };
  EgCardEditor *editor;

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  g_assert_true (eg_library_page_select_sidebar (EG_LIBRARY_PAGE (library), FIRST_SECTION));

  /* open, then cancel */
  g_assert_true (gtk_widget_activate_action (library, "library.add-card", NULL));
  editor = EG_CARD_EDITOR (eg_gui_test_find_toplevel (EG_TYPE_CARD_EDITOR, NULL));
  g_assert_nonnull (editor);
  if (editor == NULL)
    return;
  {
    g_autofree char *text = eg_card_editor_get_text (editor);
    g_assert_cmpstr (text, ==, "### 321. New question?\nThe answer.\n");
  }
  g_assert_cmpuint (n_cards (store), ==, 245);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL));
  g_assert_true (eg_gui_test_wait_for (editor_closed, NULL, 5000));
  g_assert_cmpuint (n_cards (store), ==, 245);
  g_assert_null (eg_store_find_card (store, "16/321", NULL));

  /* open, write, save */
  g_assert_true (gtk_widget_activate_action (library, "library.add-card", NULL));
  editor = EG_CARD_EDITOR (eg_gui_test_find_toplevel (EG_TYPE_CARD_EDITOR, NULL));
  g_assert_nonnull (editor);
  if (editor == NULL)
    return;
  eg_card_editor_set_text (editor, "### 321. What is new in this section?\nThis card.\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (eg_gui_test_wait_for (editor_closed, NULL, 5000));
  g_assert_cmpuint (n_cards (store), ==, 246);
  card = eg_store_find_card (store, "16/321", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (card->question, ==, "What is new in this section?");
  g_assert_cmpstr (card->answer, ==, "This card.");
  g_assert_cmpuint (n_rows (window), ==, 21);
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window), "21 cards", FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window), "Card saved", FALSE));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Another program removes a card: a fault the library can meet. */
static gint64
remove_card (EgStore    *store,
             const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) other = eg_store_open (eg_store_get_path (store), &error);
  g_autoptr(EgCard) card = eg_store_find_card (store, key, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  if (card == NULL)
    return 0;
  sql = g_strdup_printf ("DELETE FROM cards WHERE id = %" G_GINT64_FORMAT, card->id);
  g_assert_true (_eg_store_exec (other, sql, &error));
  g_assert_no_error (error);
  return card->id;
}

/* A card that cannot be read is said, for the preview and for the editor,
 * not passed over in silence. */
static void
test_errors_shown (void)
{
  g_autoptr(EgStore) store = NULL;
  EgWindow *window = seeded_window (&store);
  GtkSelectionModel *selection = eg_library_page_get_card_selection (page_of (window));
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };
  g_autofree char *message = NULL;
  gint64 id;

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  g_assert_true (eg_library_page_select_sidebar (page_of (window), FIRST_SECTION));
  id = remove_card (store, "16/302");
  message = g_strdup_printf ("No card %" G_GINT64_FORMAT, id);

  gtk_selection_model_select_item (selection, 1, TRUE);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), message, FALSE, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_of (window)), "library.edit-card",
                                             NULL));
  g_assert_null (eg_gui_test_find_toplevel (EG_TYPE_CARD_EDITOR, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
app_has_window (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));

  return window != NULL &&
         g_list_model_get_n_items (eg_library_page_get_sidebar (page_of (EG_WINDOW (window)))) ==
         FIRST_SEARCH + N_SEARCHES;
}

static guint
n_decks (EgStore *store)
{
  g_autoptr(GPtrArray) decks = eg_store_list_decks (store, NULL);

  return decks ? decks->len : 0;
}

static gboolean
deck_count_is_two (gpointer data)
{
  return n_decks (data) == 2;
}

/* An import shows what it would do and writes nothing until confirmed; a
 * file that is no deck says why. */
static void
test_import_preview (void)
{
  static const char deck[] =
    "# Another Deck\n\n# 🧪 **1–2: Extra**\n\n### 1. What is new?\nThis.\n\n---\n\n"
    "### 2. What else?\nThat.\n";
  g_autoptr(EgStore) store = NULL;
  EgWindow *window = seeded_window (&store);
  g_autofree char *path = eg_test_tmp_path ("import.md");
  g_autofree char *binary = eg_test_tmp_path ("binary.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (binary);
  AdwMessageDialog *dialog;
  LabelWait label = { GTK_WIDGET (window), "How does the Go scheduler work?" };

  g_assert_true (eg_gui_test_wait_for (label_shown, &label, 10000));
  g_assert_true (g_file_set_contents (path, deck, -1, NULL));

  /* the preview, then Cancel: nothing written */
  eg_window_import_file (window, file);
  g_assert_nonnull (dialog = eg_gui_test_wait_for_dialog ("Import This Deck?", 10000));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "“Another Deck”: 2 cards\n2 new, 0 updated"));
  g_assert_cmpuint (n_decks (store), ==, 1);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (n_decks (store), ==, 1);

  /* again, then Import */
  eg_window_import_file (window, file);
  g_assert_nonnull (dialog = eg_gui_test_wait_for_dialog ("Import This Deck?", 10000));
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (eg_gui_test_wait_for (deck_count_is_two, store, 10000));
  label.text = "Another Deck";
  g_assert_true (eg_gui_test_wait_for (label_shown, &label, 10000));

  /* not a deck: said, nothing written */
  g_assert_true (g_file_set_contents (binary, "\x7f" "ELF\x02\x01\x01\x00\xff\xfe binary", 16, NULL));
  eg_window_import_file (window, bad_file);
  g_assert_nonnull (dialog = eg_gui_test_wait_for_dialog ("The Deck Cannot Be Imported", 10000));
  g_assert_cmpuint (n_decks (store), ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
}

static EgCardRow *
row_at (EgWindow *window,
        guint     position)
{
  return g_list_model_get_item (eg_library_page_get_cards (page_of (window)), position);
}

/* The Cards menu's flag, bury and reset, on the selected cards: written,
 * shown in the table, said, and undoable. */
static void
test_flag_bury_reset (void)
{
  static const char *keys[] = { "16/301", "16/302", "16/303" };
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCardRow) row = NULL;
  g_autofree char *status = NULL;
  g_autofree char *due = NULL;
  EgWindow *window = seeded_window (&store);
  GtkWidget *library = GTK_WIDGET (page_of (window));
  GtkSelectionModel *selection = eg_library_page_get_card_selection (page_of (window));
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  g_assert_true (eg_library_page_select_sidebar (page_of (window), FIRST_SECTION));
  gtk_selection_model_select_range (selection, 0, 3, TRUE);

  /* flag, then unflag */
  g_assert_true (gtk_widget_activate_action (library, "library.flag", "i", 1));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(EgCard) card = eg_store_find_card (store, keys[i], &error);
      g_assert_cmpint (card->flag, ==, 1);
    }
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "3 flagged", FALSE, 5000));
  {
    g_autoptr(EgCardRow) flagged = row_at (window, 0);   /* the table shows its icon */

    g_assert_cmpint (eg_card_row_get_flag (flagged), ==, 1);
  }
  g_assert_true (gtk_widget_activate_action (library, "library.flag", "i", 0));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(EgCard) card = eg_store_find_card (store, keys[i], &error);
      g_assert_cmpint (card->flag, ==, 0);
    }
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "3 unflagged", FALSE, 5000));
  {
    g_autoptr(EgCardRow) unflagged = row_at (window, 0);

    g_assert_cmpint (eg_card_row_get_flag (unflagged), ==, 0);
  }

  /* bury, then undo */
  g_assert_true (gtk_widget_activate_action (library, "library.bury", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(EgCard) card = eg_store_find_card (store, keys[i], &error);
      g_assert_cmpint (card->buried_until, >, eg_time_now_ms ());
    }
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "3 buried until tomorrow", FALSE,
                                            5000));
  row = row_at (window, 0);
  g_object_get (row, "status", &status, NULL);
  g_assert_cmpstr (status, ==, "Buried");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(EgCard) card = eg_store_find_card (store, keys[i], &error);
      g_assert_cmpint (card->buried_until, <=, eg_time_now_ms ());
    }

  /* reset a reviewed card to new */
  {
    g_autoptr(EgCard) card = eg_store_find_card (store, "16/301", &error);

    scheduler = eg_scheduler_new (store, &error);
    queue = eg_scheduler_build_queue (scheduler, eg_time_now_ms (), &error);
    g_assert_true (eg_scheduler_grade (scheduler, queue, card->id, EG_FSRS_GOOD, eg_time_now_ms (),
                                       1000, NULL, &error));
    g_assert_no_error (error);
  }
  eg_window_reload (window);
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_clear_object (&row);
  row = row_at (window, 0);
  g_object_get (row, "due", &due, NULL);
  g_assert_cmpstr (due, !=, "New");
  g_assert_true (gtk_widget_activate_action (library, "library.reset", NULL));
  {
    g_autoptr(EgCard) card = eg_store_find_card (store, "16/301", &error);
    g_assert_cmpint (card->state.state, ==, 0);
  }
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "1 reset to new", FALSE, 5000));
  g_clear_pointer (&due, g_free);
  g_object_get (row, "due", &due, NULL);
  g_assert_cmpstr (due, ==, "New");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
chooser_shown (gpointer data)
{
  return eg_gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL) != NULL;
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

/* Import Deck… from the main menu: a file chooser, the preview, then the
 * import. */
static void
test_import_action (void)
{
  static const char deck[] =
    "# Another Deck\n\n# 🧪 **1–1: Extra**\n\n### 1. What is new?\nThis.\n";
  g_autoptr(EgStore) store = NULL;
  EgWindow *window = seeded_window (&store);
  g_autofree char *path = eg_test_tmp_path ("chosen.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };
  AdwMessageDialog *dialog;
  GtkWindow *chooser;

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  g_assert_true (g_file_set_contents (path, deck, -1, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  g_assert_true (eg_gui_test_wait_for (chooser_shown, NULL, 5000));
  chooser = eg_gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  g_assert_true (eg_gui_test_wait_for (chooser_has_file, chooser, 5000));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  g_assert_nonnull (dialog = eg_gui_test_wait_for_dialog ("Import This Deck?", 10000));
  g_assert_cmpuint (n_decks (store), ==, 1);
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (eg_gui_test_wait_for (deck_count_is_two, store, 10000));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "Imported: 1 added, 0 updated",
                                            FALSE, 5000));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window), "Another Deck", FALSE));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The bytes of the database and of its write-ahead log. */
static char *
file_state (const char *db_path)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autoptr(GBytes) a = eg_test_read_bytes (db_path);
  g_autoptr(GBytes) b = eg_test_read_bytes (wal);
  g_autofree char *ha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, a);
  g_autofree char *hb = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, b);

  return g_strdup_printf ("%s %s", ha, hb);
}

/* Export goes through eg_output_write(): never over the collection, through
 * a symlink. */
static void
test_export (void)
{
  g_autoptr(EgStore) store = NULL;
  EgWindow *window = seeded_window (&store);
  const char *db = eg_store_get_path (store);
  g_autofree char *target = eg_test_tmp_path ("exported.md");
  g_autofree char *link_path = eg_test_tmp_path ("export-link.md");
  g_autoptr(GFile) collection = g_file_new_for_path (db);
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autofree char *state_before = NULL;
  g_autofree char *state_after = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  LabelWait label = { GTK_WIDGET (window), "0 due · 20 new · 20 cards" };

  g_assert_true (eg_gui_test_wait_for (label_shown, &label, 10000));

  state_before = file_state (db);
  g_assert_false (eg_window_export_deck (window, collection, &error));
  g_assert_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_COLLECTION);
  g_assert_true (error != NULL && g_str_has_prefix (error->message, db));
  state_after = file_state (db);
  g_assert_cmpstr (state_before, ==, state_after);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink (target, link_path), ==, 0);
  g_assert_true (eg_window_export_deck (window, link, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# Expert Level Golang Interview Questions\n"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_first_start_imports_shipped_deck (void)
{
  g_autoptr(EgApplication) app = eg_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autofree char *db = eg_store_default_path ();
  GtkWindow *window;
  EgStoreStats stats = { 0 };

  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  g_assert_true (eg_gui_test_wait_for (app_has_window, app, 20000));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  check_library (EG_WINDOW (window));

  store = eg_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (eg_store_get_stats (store, &stats, &error));
  g_assert_cmpuint (stats.cards, ==, 245);
  g_assert_cmpuint (stats.sections, ==, 12);

  gtk_window_destroy (window);
  g_application_quit (G_APPLICATION (app));
}

static gboolean
card_has_file_answer (gpointer data)
{
  g_autoptr(EgCard) card = eg_store_find_card (data, "9/1", NULL);

  return card != NULL && g_strcmp0 (card->answer, "This, file.") == 0;
}

/* A card changed both in the file and in the app is listed in the preview
 * with a check button; ticked, the import takes the file's version. */
static void
test_import_conflict (void)
{
  static const char v1[] =
    "# Another Deck\n\n## From 9 Extra\n\n# Extra\n\n### 1. What is new?\nThis.\n\n---\n\n"
    "### 2. What else?\nThat.\n";
  static const char v2[] =
    "# Another Deck\n\n## From 9 Extra\n\n# Extra\n\n### 1. What is new?\nThis, file.\n\n---\n\n"
    "### 2. What else?\nThat.\n";
  g_autoptr(EgStore) store = NULL;
  EgWindow *window = seeded_window (&store);
  g_autofree char *path = eg_test_tmp_path ("conflict.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(EgCard) card = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *conflicts;

  g_assert_true (g_file_set_contents (path, v1, -1, NULL));
  report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  card = eg_store_find_card (store, "9/1", &error);
  g_assert_no_error (error);
  g_assert_true (eg_store_update_card (store, card->id, card->question, "This, mine.",
                                       card->parts, eg_time_now_ms (), &error));
  g_assert_true (g_file_set_contents (path, v2, -1, NULL));

  eg_window_import_file (window, file);
  g_assert_nonnull (dialog = eg_gui_test_wait_for_dialog ("Import This Deck?", 10000));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "0 new, 0 updated, 1 unchanged, 0 removed from the file; "
                            "1 changed both in the file and here"));
  conflicts = GTK_WIDGET (eg_import_preview_get_conflicts (
                            EG_IMPORT_PREVIEW (adw_message_dialog_get_extra_child (dialog))));
  g_assert_true (EG_IS_IMPORT_CONFLICTS (conflicts));
  g_assert_cmpuint (eg_import_conflicts_get_n_rows (EG_IMPORT_CONFLICTS (conflicts)), ==, 1);
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (dialog), "What is new?", FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (dialog), "9/1", FALSE));

  eg_import_conflicts_set_theirs (EG_IMPORT_CONFLICTS (conflicts), 0, TRUE);
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (eg_gui_test_wait_for (card_has_file_answer, store, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *content = NULL;
  int status;

  /* WebKit and GLib derive paths from it; meson runs us by absolute path. */
  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-gui");

  g_test_init (&argc, &argv, NULL);
  content = g_test_build_filename (G_TEST_DIST, "..", "content", NULL);
  g_setenv ("ENGRAM_CONTENT_DIR", content, TRUE);
  g_test_set_nonfatal_assertions ();

  if (!gtk_init_check ())
    {
      /* TAP: skip the whole plan when there is no display */
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add_func ("/gui/library/sections-and-cards", test_window_lists_sections_and_cards);
  g_test_add_func ("/gui/library/search", test_search);
  g_test_add_func ("/gui/library/deck-search", test_deck_search);
  g_test_add_func ("/gui/library/preview-and-edit", test_preview_and_edit);
  g_test_add_func ("/gui/library/actions-and-undo", test_actions_and_undo);
  g_test_add_func ("/gui/library/add-card", test_add_card);
  g_test_add_func ("/gui/library/errors-shown", test_errors_shown);
  g_test_add_func ("/gui/library/flag-bury-reset", test_flag_bury_reset);
  g_test_add_func ("/gui/library/import-action", test_import_action);
  g_test_add_func ("/gui/library/first-start", test_first_start_imports_shipped_deck);
  g_test_add_func ("/gui/library/import-preview", test_import_preview);
  g_test_add_func ("/gui/library/export", test_export);
  g_test_add_func ("/gui/library/import-conflict", test_import_conflict);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
