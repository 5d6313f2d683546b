/* test-library-search.c - the library's search: its scope shown and
 * removable, a page for no results, errors with the columns as typed, the
 * words found marked in the preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>
#include <webkit/webkit.h>

#include "eg-application.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-test-util.h"
#include "eg-window.h"

/* the deck, its 12 sections, then the saved searches */
#define FIRST_SECTION 1
#define FIRST_SEARCH (FIRST_SECTION + 12)
#define SECTION_TITLE "🟢 301–320: Go Internals and Runtime"

static EgStore *store;

static EgWindow *
open_window (void)
{
  EgWindow *window = eg_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  eg_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), "How does the Go scheduler work?",
                                            FALSE, 10000));
  return window;
}

static guint
n_rows (EgLibraryPage *page)
{
  return g_list_model_get_n_items (eg_library_page_get_cards (page));
}

/* How many cards the core finds for @query, everywhere */
static guint
count_everywhere (const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSearch) search = eg_search_new (query, &error);
  g_autoptr(GArray) ids = NULL;

  g_assert_no_error (error);
  ids = eg_search_card_ids (store, search, EG_SORT_DECK_ORDER, FALSE, eg_time_now_ms (), &error);
  g_assert_no_error (error);
  return ids ? ids->len : 0;
}

/* The mapped button that sets library.search-all to @target */
static GtkWidget *
find_scope_button (GtkWidget *widget,
                   gboolean   target)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                 "library.search-all") == 0)
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (value != NULL && g_variant_get_boolean (value) == target &&
          !gtk_widget_has_css_class (widget, "pill"))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_scope_button (child, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The texts of the labels in @widget */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* A search runs in the selected section, says so with a chip, and the chip
 * removes the scope; a button brings it back. */
static void
test_scope_chip (void)
{
  EgWindow *window = open_window ();
  EgLibraryPage *page = eg_window_get_library_page (window);
  guint everywhere = count_everywhere ("goroutine*");   /* as typed: a prefix */
  guint in_section;
  GtkWidget *chip;
  GtkWidget *restore;

  g_assert_true (eg_library_page_select_sidebar (page, FIRST_SECTION));
  /* no search: no scope to show */
  g_assert_null (find_scope_button (GTK_WIDGET (page), TRUE));

  g_assert_true (eg_library_page_set_search (page, "goroutine"));
  in_section = n_rows (page);
  g_assert_cmpuint (in_section, >, 0);
  g_assert_cmpuint (in_section, <, everywhere);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (page), "Only in", FALSE, 5000));
  chip = find_scope_button (GTK_WIDGET (page), TRUE);
  g_assert_nonnull (chip);
  if (chip == NULL)
    goto out;
  g_assert_true (has_label (chip, SECTION_TITLE));

  /* the chip removes the scope: every deck */
  g_signal_emit_by_name (chip, "clicked");
  g_assert_cmpuint (n_rows (page), ==, everywhere);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (page), "In all decks", FALSE, 5000));
  g_assert_null (find_scope_button (GTK_WIDGET (page), TRUE));
  restore = find_scope_button (GTK_WIDGET (page), FALSE);
  g_assert_nonnull (restore);
  if (restore == NULL)
    goto out;
  g_assert_true (has_label (restore, "Search Only “" SECTION_TITLE "”"));

  /* and back into the section */
  g_signal_emit_by_name (restore, "clicked");
  g_assert_cmpuint (n_rows (page), ==, in_section);

  /* another section: the search is in it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "library.search-all", "b", TRUE));
  g_assert_cmpuint (n_rows (page), ==, everywhere);
  g_assert_true (eg_library_page_select_sidebar (page, FIRST_SECTION + 1));
  g_assert_cmpuint (n_rows (page), <, everywhere);
  g_assert_nonnull (find_scope_button (GTK_WIDGET (page), TRUE));

out:
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* No results: a page that says so, and how to find more; not a blank pane */
static void
test_no_results (void)
{
  EgWindow *window = open_window ();
  EgLibraryPage *page = eg_window_get_library_page (window);
  GtkWidget *table = GTK_WIDGET (eg_library_page_get_card_table (page));

  g_assert_true (eg_library_page_select_sidebar (page, FIRST_SECTION));
  g_assert_true (eg_library_page_set_search (page, "webassembly"));
  g_assert_cmpuint (n_rows (page), ==, 0);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (page), "No Results Found", FALSE, 5000));
  g_assert_false (gtk_widget_get_mapped (table));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (page),
                                         "No card in “" SECTION_TITLE "” matches this search.",
                                         TRUE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (page), "Search All Decks", FALSE));

  /* Search All Decks finds it elsewhere: the table is back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "library.search-all", "b", TRUE));
  g_assert_cmpuint (n_rows (page), ==, count_everywhere ("webassembly"));
  g_assert_cmpuint (n_rows (page), >, 0);
  g_assert_true (eg_gui_test_wait_for (widget_mapped, table, 5000));
  g_assert_false (eg_gui_test_shows_text (GTK_WIDGET (page), "No Results Found", FALSE));

  /* nothing anywhere: no button to search elsewhere */
  g_assert_true (eg_library_page_set_search (page, "zebraquux"));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (page), "No card matches this search.",
                                            TRUE, 5000));
  g_assert_false (eg_gui_test_shows_text (GTK_WIDGET (page), "Search All Decks", FALSE));

  /* a saved search with nothing in it */
  g_assert_true (eg_library_page_set_search (page, ""));
  g_assert_true (eg_library_page_select_sidebar (page, FIRST_SEARCH + 3));   /* Flagged */
  g_assert_cmpuint (n_rows (page), ==, 0);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (page), "No Cards Here", FALSE, 5000));

  /* a section whose heading has an "&": said as it is, not read as markup */
  g_assert_true (eg_library_page_select_sidebar (page, FIRST_SECTION + 5));
  g_assert_true (eg_library_page_set_search (page, "zebraquux"));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (page),
                                            "Go Internals & Runtime” matches this search.",
                                            TRUE, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The error of a wrong search names the column as typed, whatever the
 * sidebar's selection (the CLI says column 8 too). */
static void
test_error_column (void)
{
  static const guint selections[] = { 0, FIRST_SECTION, FIRST_SEARCH, FIRST_SEARCH + 5 };
  EgWindow *window = open_window ();
  EgLibraryPage *page = eg_window_get_library_page (window);

  for (guint i = 0; i < G_N_ELEMENTS (selections); i++)
    {
      g_assert_true (eg_library_page_select_sidebar (page, selections[i]));
      g_assert_false (eg_library_page_set_search (page, "escape foo:bar"));
      if (!eg_gui_test_wait_for_text (GTK_WIDGET (page), "Unknown filter “foo:” at column 8;",
                                      TRUE, 5000))
        g_test_fail_printf ("sidebar row %u: the error does not say column 8", selections[i]);
      g_assert_true (eg_library_page_set_search (page, ""));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
evaluate (EgLibraryPage *page,
          const char    *script)
{
  EgCardView *preview = eg_library_page_get_preview (page);
  char *text = eg_gui_test_eval (eg_card_view_get_web_view (preview), script, 5000);

  return text != NULL ? text : g_strdup ("");
}

/* The marks in the preview: their texts, and the HTML of each */
#define MARKS_SCRIPT \
  "document.getElementById('question').textContent.trim() + ' | ' + " \
  "Array.from(document.querySelectorAll('mark.engram-match'))" \
  ".map((m) => m.textContent.toLowerCase()).join(',')"
#define MARKS_HTML_SCRIPT \
  "Array.from(document.querySelectorAll('mark.engram-match'))" \
  ".map((m) => m.innerHTML).join(',')"

typedef struct
{
  EgLibraryPage *page;
  const char    *expected;
} MarksWait;

static gboolean
marks_are (gpointer data)
{
  MarksWait *wait = data;
  g_autofree char *marks = evaluate (wait->page, MARKS_SCRIPT);

  return g_strcmp0 (marks, wait->expected) == 0;
}

static void
check_marks (EgLibraryPage *page,
             const char    *expected)
{
  MarksWait wait = { page, expected };

  if (!eg_gui_test_wait_for (marks_are, &wait, 15000))
    {
      g_autofree char *marks = evaluate (page, MARKS_SCRIPT);

      g_test_message ("the preview shows “%s”, not “%s”", marks, expected);
      g_test_fail ();
    }
}

/* The preview marks the words the search looks for, in its text nodes */
static void
test_marks (void)
{
  EgWindow *window = open_window ();
  EgLibraryPage *page = eg_window_get_library_page (window);
  GtkSelectionModel *selection = eg_library_page_get_card_selection (page);
  g_autofree char *html = NULL;

  eg_card_view_get_web_view (eg_library_page_get_preview (page));
  g_assert_true (eg_library_page_select_sidebar (page, FIRST_SECTION));

  /* a word and a prefix (typed: the last word is a prefix too) */
  g_assert_true (eg_library_page_set_search (page, "scheduler processo"));
  gtk_selection_model_select_item (selection, 0, TRUE);
  check_marks (page, "How does the Go scheduler work? | "
                     "scheduler,scheduler,scheduler,processor,processor,processor,scheduler");

  /* another search, the same card: the marks follow */
  g_assert_true (eg_library_page_set_search (page, "\"work stealing\""));
  check_marks (page, "How does the Go scheduler work? | work stealing");

  /* no search, no marks */
  g_assert_true (eg_library_page_set_search (page, ""));
  gtk_selection_model_select_item (selection, 0, TRUE);
  check_marks (page, "How does the Go scheduler work? | ");

  /* text that looks like HTML stays text */
  g_assert_true (eg_library_page_select_sidebar (page, 0));
  g_assert_true (eg_library_page_set_search (page, "<- pool"));
  g_assert_cmpuint (n_rows (page), >, 0);
  gtk_selection_model_select_item (selection, 0, TRUE);
  check_marks (page, "How do you manage TCP connection pools? | "
                     "pools,pool,<-,pool,pool,<-,pool,pool");
  html = evaluate (page, MARKS_HTML_SCRIPT);
  g_assert_cmpstr (html, ==, "pools,Pool,&lt;-,pool,pool,&lt;-,pool,pool");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *seed = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  int status;

  /* WebKit and GLib derive paths from it; meson runs us by absolute path. */
  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-gui-search");

  g_test_init (&argc, &argv, NULL);
  content = g_test_build_filename (G_TEST_DIST, "..", "content", NULL);
  g_setenv ("ENGRAM_CONTENT_DIR", content, TRUE);
  g_test_set_nonfatal_assertions ();

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  /* one collection for every test: they only read it */
  db = eg_test_tmp_path ("search.db");
  seed = eg_test_fixture ("expert-go-interview-questions.md");
  file = g_file_new_for_path (seed);
  store = eg_store_open (db, &error);
  g_assert_no_error (error);
  report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/library-search/scope-chip", test_scope_chip);
  g_test_add_func ("/gui/library-search/no-results", test_no_results);
  g_test_add_func ("/gui/library-search/error-column", test_error_column);
  g_test_add_func ("/gui/library-search/marks", test_marks);

  status = g_test_run ();
  g_clear_object (&store);
  eg_test_cleanup_dirs ();
  return status;
}
