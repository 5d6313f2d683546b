/* test-feedback.c - feedback and the card's marks (issue 12, points 8, 9)
 *
 * Toasts show at the foot of the card, never over the grade buttons, and a
 * new toast takes the place of the one on screen; the card's marks show on
 * the card in review and in the library's table, and the menus' check
 * items have them as state; every undo says what it undid, and the
 * library's undo never takes back a grade.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "eg-application.h"
#include "eg-card-row.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-library-page.h"
#include "eg-review-page-private.h"
#include "eg-test-util.h"
#include "eg-window.h"
#include "review-fixture.h"

/* ------------------------------------------------------------------ */
/* Toasts on screen                                                     */
/* ------------------------------------------------------------------ */

static void
collect_toasts (GtkWidget *widget,
                GPtrArray *toasts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
    g_ptr_array_add (toasts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_toasts (child, toasts);
}

/* The toast widgets on screen in @window */
static GPtrArray *
toasts_shown (EgWindow *window)
{
  GPtrArray *toasts = g_ptr_array_new ();

  collect_toasts (GTK_WIDGET (window), toasts);
  return toasts;
}

typedef struct
{
  EgWindow   *window;
  const char *text;
} ToastWait;

/* Exactly one toast is on screen, and it says @text. */
static gboolean
only_toast_is (gpointer data)
{
  ToastWait *wait = data;
  g_autoptr(GPtrArray) toasts = toasts_shown (wait->window);

  return toasts->len == 1 &&
         eg_gui_test_shows_text (g_ptr_array_index (toasts, 0), wait->text, FALSE);
}

static gboolean
wait_for_only_toast (EgWindow   *window,
                     const char *text)
{
  ToastWait wait = { window, text };

  return eg_gui_test_wait_for (only_toast_is, &wait, 5000);
}

static EgCard *
find_card (EgStore    *store,
           const char *key)
{
  g_autoptr(GError) error = NULL;
  EgCard *card = eg_store_find_card (store, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card;
}

static gboolean
page_flagged (EgReviewPage *page)
{
  gboolean flagged = FALSE;

  g_object_get (page, "flagged", &flagged, NULL);
  return flagged;
}

/* F then S: the screen says "Card suspended", not the flag's toast still
 * (a toast queued behind the one on screen lagged one action behind), and
 * no toast covers the buttons under the card. */
static void
test_toast_replaces_and_clears_buttons (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) toasts = NULL;
  graphene_rect_t toast_bounds, bar_bounds, inter;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.flag", NULL));
  g_assert_true (wait_for_only_toast (f.window, "Card flagged"));

  /* the toast is above the grade buttons, not over them */
  toasts = toasts_shown (f.window);
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (toasts, 0),
                                            GTK_WIDGET (f.window), &toast_bounds));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (f.page->bar_stack),
                                            GTK_WIDGET (f.window), &bar_bounds));
  g_assert_cmpfloat (bar_bounds.size.height, >, 0);
  g_assert_false (graphene_rect_intersection (&toast_bounds, &bar_bounds, &inter));
  g_assert_cmpfloat (toast_bounds.origin.y + toast_bounds.size.height, <=, bar_bounds.origin.y);

  /* as soon as the next card shows, its toast is the one on screen: not
   * after the flag's toast has had its time */
  g_assert_true (act_and_wait (&f, "review.suspend", NULL, "shown"));
  g_assert_false (eg_gui_test_shows_text (GTK_WIDGET (f.window), "Card flagged", FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (f.window), "Card suspended", FALSE));
  g_assert_true (wait_for_only_toast (f.window, "Card suspended"));
  fixture_teardown (&f);
}

/* The flag shows on the card in review, and review.flag's state (the
 * "flagged" property it is bound to) follows the card on screen. */
static void
test_review_marks (void)
{
  Fixture f = { 0 };

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  g_assert_false (gtk_widget_get_visible (f.page->marks_box));
  g_assert_false (page_flagged (f.page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.flag", NULL));
  g_assert_true (page_flagged (f.page));
  g_assert_true (gtk_widget_get_visible (f.page->marks_box));
  g_assert_true (gtk_widget_get_visible (f.page->flag_mark));
  g_assert_true (gtk_widget_has_css_class (f.page->flag_mark, "flag-1"));
  g_assert_false (gtk_widget_get_visible (f.page->suspended_mark));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (f.page), "Flagged", FALSE));

  /* the next card has no flag: neither has the page */
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (3), "shown"));
  g_assert_false (page_flagged (f.page));
  g_assert_false (gtk_widget_get_visible (f.page->marks_box));

  /* F on it again: flagged; F again: not */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.flag", NULL));
  g_assert_true (page_flagged (f.page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.flag", NULL));
  g_assert_false (page_flagged (f.page));
  g_assert_false (gtk_widget_get_visible (f.page->flag_mark));
  fixture_teardown (&f);
}

/* Each undo in review says what it undid. */
static void
test_review_undo_says_what (void)
{
  Fixture f = { 0 };
  g_autoptr(EgCard) card = NULL;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (3), "shown"));
  g_assert_true (act_and_wait (&f, "review.undo", NULL, "shown"));
  g_assert_true (wait_for_only_toast (f.window, "Undid grade Good on card 1"));
  card = find_card (f.store, "three/1");
  g_assert_cmpint (card->state.reps, ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.flag", NULL));
  g_assert_true (act_and_wait (&f, "review.undo", NULL, "shown"));
  g_assert_true (wait_for_only_toast (f.window, "Undid flag on card 1"));
  g_assert_false (page_flagged (f.page));
  fixture_teardown (&f);
}

/* ------------------------------------------------------------------ */
/* The library                                                          */
/* ------------------------------------------------------------------ */

static gboolean
table_filled (gpointer data)
{
  EgWindow *window = data;

  return g_list_model_get_n_items (eg_library_page_get_cards (eg_window_get_library_page (window)))
         == 3;
}

/* Back in the library with its table filled */
static void
back_to_library (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "review.back", NULL));
  g_assert_true (eg_gui_test_wait_for (table_filled, f->window, 10000));
}

static gboolean
library_mark (EgWindow   *window,
              const char *name)
{
  gboolean on = FALSE;

  g_object_get (eg_window_get_library_page (window), name, &on, NULL);
  return on;
}

/* The widgets of the table that show @row's cells */
static void
collect_cells (GtkWidget *widget,
               GPtrArray *cells)
{
  if (GTK_IS_INSCRIPTION (widget) || GTK_IS_IMAGE (widget))
    g_ptr_array_add (cells, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, cells);
}

/* The cells of the table's row that shows @question, and its flag icon */
static GPtrArray *
row_cells (EgWindow    *window,
           const char  *question,
           GtkWidget  **flag)
{
  EgLibraryPage *library = eg_window_get_library_page (window);
  GtkWidget *table = GTK_WIDGET (eg_library_page_get_card_table (library));
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *cells = g_ptr_array_new ();
  GtkWidget *row = NULL;

  collect_cells (table, all);
  for (guint i = 0; i < all->len && row == NULL; i++)
    {
      GtkWidget *cell = g_ptr_array_index (all, i);

      if (GTK_IS_INSCRIPTION (cell) &&
          g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), question) == 0)
        row = gtk_widget_get_parent (gtk_widget_get_parent (cell));   /* cell, row */
    }
  g_assert_nonnull (row);
  *flag = NULL;
  if (row != NULL)
    collect_cells (row, cells);
  for (guint i = 0; i < cells->len; i++)
    if (GTK_IS_IMAGE (g_ptr_array_index (cells, i)))
      *flag = g_ptr_array_index (cells, i);
  return cells;
}

/* Ctrl+Z in the library after reviewing: nothing to undo there, and the
 * grade stays; a flag set in the library is undone, saying so. */
static void
test_library_undo_leaves_grades (void)
{
  Fixture f = { 0 };
  g_autoptr(EgCard) card = NULL;
  GtkSelectionModel *selection;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (3), "shown"));
  back_to_library (&f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL));
  g_assert_true (wait_for_only_toast (f.window, "Nothing to undo in the library"));
  card = find_card (f.store, "three/1");
  g_assert_cmpint (card->state.reps, ==, 1);
  g_clear_pointer (&card, eg_card_free);

  /* a library change is undone, and said */
  selection = eg_library_page_get_card_selection (eg_window_get_library_page (f.window));
  g_assert_true (gtk_selection_model_select_item (selection, 1, TRUE));
  g_assert_false (library_mark (f.window, "flagged"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (eg_window_get_library_page (f.window)),
                                             "library.flagged", NULL));
  card = find_card (f.store, "three/2");
  g_assert_cmpint (card->flag, ==, 1);
  g_clear_pointer (&card, eg_card_free);
  g_assert_true (library_mark (f.window, "flagged"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL));
  g_assert_true (wait_for_only_toast (f.window, "Undid flag on card 2"));
  card = find_card (f.store, "three/2");
  g_assert_cmpint (card->flag, ==, 0);
  g_clear_pointer (&card, eg_card_free);
  card = find_card (f.store, "three/1");
  g_assert_cmpint (card->state.reps, ==, 1);

  /* and then there is nothing more for the library */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL));
  g_assert_true (wait_for_only_toast (f.window, "Nothing to undo in the library"));
  fixture_teardown (&f);
}

typedef struct
{
  EgWindow   *window;
  const char *question;
  gboolean    flagged;
  gboolean    dimmed;
} RowWait;

static gboolean
row_shows (gpointer data)
{
  RowWait *wait = data;
  GtkWidget *flag = NULL;
  g_autoptr(GPtrArray) cells = row_cells (wait->window, wait->question, &flag);
  gboolean dimmed = cells->len > 0;

  for (guint i = 0; i < cells->len; i++)
    dimmed &= gtk_widget_has_css_class (g_ptr_array_index (cells, i), "dim-label");
  return flag != NULL && dimmed == wait->dimmed &&
         gtk_widget_get_visible (flag) == wait->flagged &&
         gtk_widget_has_css_class (flag, "flag-1") == wait->flagged;
}

/* The table shows a flagged card's red flag and dims a suspended card's
 * row; the Cards menu's check items have the selection's marks. */
static void
test_table_marks (void)
{
  Fixture f = { 0 };
  GtkWidget *library;
  GtkSelectionModel *selection;
  RowWait wait = { NULL, "What does defer do?", FALSE, FALSE };

  fixture_setup (&f, THREE_CARDS);
  wait.window = f.window;
  g_assert_true (start_and_wait (&f));
  back_to_library (&f);
  library = GTK_WIDGET (eg_window_get_library_page (f.window));
  selection = eg_library_page_get_card_selection (EG_LIBRARY_PAGE (library));
  g_assert_true (eg_gui_test_wait_for (row_shows, &wait, 5000));

  g_assert_true (gtk_selection_model_select_item (selection, 1, TRUE));
  g_assert_true (gtk_widget_activate_action (library, "library.flagged", NULL));
  wait.flagged = TRUE;
  g_assert_true (eg_gui_test_wait_for (row_shows, &wait, 5000));
  g_assert_true (library_mark (f.window, "flagged"));
  g_assert_false (library_mark (f.window, "suspended"));

  g_assert_true (gtk_widget_activate_action (library, "library.suspended", NULL));
  wait.dimmed = TRUE;
  g_assert_true (eg_gui_test_wait_for (row_shows, &wait, 5000));
  g_assert_true (library_mark (f.window, "suspended"));
  g_assert_true (wait_for_only_toast (f.window, "1 suspended"));

  /* another row: not flagged, not dimmed; the items follow the selection */
  g_assert_true (gtk_selection_model_select_item (selection, 0, TRUE));
  g_assert_false (library_mark (f.window, "flagged"));
  g_assert_false (library_mark (f.window, "suspended"));

  /* unticking takes the mark off */
  g_assert_true (gtk_selection_model_select_item (selection, 1, TRUE));
  g_assert_true (gtk_widget_activate_action (library, "library.suspended", NULL));
  wait.dimmed = FALSE;
  g_assert_true (eg_gui_test_wait_for (row_shows, &wait, 5000));
  g_assert_false (library_mark (f.window, "suspended"));
  fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-feedback");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();
  /* toasts come and go at once: their place is measured where they stay */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/feedback/toast-replaces-and-clears-buttons",
                   test_toast_replaces_and_clears_buttons);
  g_test_add_func ("/gui/feedback/review-marks", test_review_marks);
  g_test_add_func ("/gui/feedback/review-undo-says-what", test_review_undo_says_what);
  g_test_add_func ("/gui/feedback/library-undo-leaves-grades", test_library_undo_leaves_grades);
  g_test_add_func ("/gui/feedback/table-marks", test_table_marks);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
