/* test-numbers.c - the library's numbers after a first card is studied
 * (issue 12, points 3, 4, 5 and 7), in-process under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "eg-application.h"
#include "eg-card-cell.h"
#include "eg-card-info.h"
#include "eg-card-row.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-sidebar-item.h"
#include "eg-test-util.h"
#include "eg-window.h"

/* the deck, its 12 sections, then the saved searches, Due Today first */
#define DECK 0
#define FIRST_SECTION 1
#define DUE_TODAY (FIRST_SECTION + 12)

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

static char *
item_string (EgWindow   *window,
             guint       position,
             const char *property)
{
  GListModel *sidebar = eg_library_page_get_sidebar (eg_window_get_library_page (window));
  g_autoptr(EgSidebarItem) item = g_list_model_get_item (sidebar, position);
  char *value = NULL;

  g_object_get (item, property, &value, NULL);
  return value;
}

/* The collection of the Go deck, its first card (16/301) studied once
 * (Good: learning, its next step in 10 minutes), in a window. */
static EgWindow *
window_after_one_card (EgStore    **store_out,
                       EgScheduler **scheduler_out)
{
  g_autofree char *db = eg_test_tmp_path ("collection.db");
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (seed);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(EgCard) card = NULL;
  g_autoptr(GError) error = NULL;
  EgStore *store;
  EgScheduler *scheduler;
  EgWindow *window;

  store = eg_store_open (db, &error);
  g_assert_no_error (error);
  /* the study day starts half a day from now, so the card due in 10 minutes
   * is due today whenever the test runs (at 03:55 it would not be, with the
   * default start at 04:00) */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *hour = g_strdup_printf ("%d", (g_date_time_get_hour (now) + 12) % 24);

    g_assert_true (eg_store_set_setting (store, "day-start-hour", hour, &error));
  }
  report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  scheduler = eg_scheduler_new (store, &error);
  g_assert_no_error (error);
  card = eg_store_find_card (store, "16/301", &error);
  g_assert_nonnull (card);
  queue = eg_scheduler_build_queue (scheduler, eg_time_now_ms (), &error);
  g_assert_true (eg_scheduler_grade (scheduler, queue, card->id, EG_FSRS_GOOD,
                                     eg_time_now_ms (), 4000, NULL, &error));
  g_assert_no_error (error);

  window = eg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  eg_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  *store_out = store;
  *scheduler_out = scheduler;
  return window;
}

/* Point 3: one card of twenty studied is 1/20 of the bar, not a full bar,
 * and the tooltip says on how many cards it stands.  Point 4: a section's
 * row counts what is in it; the deck's row what today's limits let in. */
static void
test_sidebar_counts (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  EgWindow *window = window_after_one_card (&store, &scheduler);
  GListModel *sidebar = eg_library_page_get_sidebar (eg_window_get_library_page (window));
  g_autoptr(EgSidebarItem) section = g_list_model_get_item (sidebar, FIRST_SECTION);
  g_autofree char *tooltip = NULL;
  g_autofree char *deck_tooltip = NULL;
  LabelWait wait = { GTK_WIDGET (window), "1 due · 19 new · 20 cards" };
  double mastery = -1;
  gboolean has_mastery = FALSE;

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  /* another section: nothing studied, nothing due */
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window), "0 due · 25 new · 25 cards",
                                         FALSE));
  /* the deck: 20 new a day, one already introduced today */
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (window),
                                         "Today: 19 new · 1 learning · 0 review", FALSE));

  g_object_get (section, "mastery", &mastery, "has-mastery", &has_mastery, NULL);
  g_assert_true (has_mastery);
  g_assert_cmpfloat (mastery, >, 0);
  g_assert_cmpfloat (mastery, <=, 0.05);
  tooltip = item_string (window, FIRST_SECTION, "tooltip");
  g_assert_nonnull (strstr (tooltip, "Known: 5 % of 20 cards (1 studied, expected recall 100 %)"));
  g_assert_nonnull (strstr (tooltip, "1 due today (learning or review)"));
  g_assert_nonnull (strstr (tooltip, "19 new, never studied"));
  deck_tooltip = item_string (window, DECK, "tooltip");
  g_assert_nonnull (strstr (deck_tooltip, "daily limits of 20 new cards and 200 reviews"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Point 5: Due Today lists today's queue, as engram-cli due counts it: 19
 * new cards (the limit left) and the learning card due in 10 minutes. */
static void
test_due_today_search (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  EgWindow *window = window_after_one_card (&store, &scheduler);
  EgLibraryPage *page = eg_window_get_library_page (window);
  GListModel *cards = eg_library_page_get_cards (page);
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  EgQueueCounts counts;

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  queue = eg_scheduler_build_queue (scheduler, eg_time_now_ms (), &error);
  g_assert_no_error (error);
  eg_queue_get_counts (queue, &counts);
  g_assert_cmpuint (counts.new_cards, ==, 19);
  g_assert_cmpuint (counts.learning, ==, 1);

  g_assert_true (eg_library_page_select_sidebar (page, DUE_TODAY));
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==,
                    counts.new_cards + counts.learning + counts.review);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The table's cell that shows @text */
static GtkWidget *
find_cell (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Point 7: the Due column says "in 10 min", its tooltip the exact time;
 * the card info says the same, with the same exact time. */
static void
test_due_column_and_card_info (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  EgWindow *window = window_after_one_card (&store, &scheduler);
  EgLibraryPage *page = eg_window_get_library_page (window);
  LabelWait wait = { GTK_WIDGET (window), "How does the Go scheduler work?" };
  g_autoptr(EgCardRow) row = NULL;
  g_autoptr(EgCardRow) new_row = NULL;
  g_autofree char *due = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *new_due = NULL;
  g_autofree char *tooltip = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *info;
  GtkWidget *cell;

  g_assert_true (eg_gui_test_wait_for (label_shown, &wait, 10000));
  g_assert_true (eg_library_page_select_sidebar (page, FIRST_SECTION));
  row = g_list_model_get_item (eg_library_page_get_cards (page), 0);
  new_row = g_list_model_get_item (eg_library_page_get_cards (page), 1);
  g_assert_cmpstr (eg_card_row_get_key (row), ==, "16/301");
  g_object_get (row, "due", &due, NULL);
  g_object_get (new_row, "due", &new_due, NULL);
  g_test_message ("the Due column says “%s”", due);
  g_assert_true (g_str_equal (due, "in 10 min") || g_str_equal (due, "in 9 min"));
  g_assert_cmpstr (new_due, ==, "New");
  g_object_get (row, "due-exact", &exact, NULL);
  /* "2026-12-04 21:51" */
  g_assert_nonnull (exact);
  g_assert_cmpuint (strlen (exact), ==, 16);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (window), due, FALSE, 5000));
  cell = find_cell (GTK_WIDGET (window), due);
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_get_has_tooltip (cell));
  tooltip = eg_card_cell_get_tooltip (cell);
  g_assert_cmpstr (tooltip, ==, exact);

  info = eg_card_info_new (scheduler, eg_card_row_get_id (row), eg_time_now_ms (), &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (info));
  g_assert_true (eg_gui_test_wait_for_text (info, exact, FALSE, 5000));
  g_assert_true (eg_gui_test_shows_text (info, due, FALSE));
  gtk_window_destroy (GTK_WINDOW (info));
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

  g_test_add_func ("/gui/numbers/sidebar-counts", test_sidebar_counts);
  g_test_add_func ("/gui/numbers/due-today-search", test_due_today_search);
  g_test_add_func ("/gui/numbers/due-column-and-card-info", test_due_column_and_card_info);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
