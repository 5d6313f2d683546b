/* test-library-narrow.c - the library at 360, 600, 800 and 1280 px wide
 *
 * Narrow, the sidebar, the card table and the preview are a navigation:
 * a section or saved search leads to its cards, a card to its preview,
 * back goes back; the preview folds away before the sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <webkit/webkit.h>

#include "eg-application.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-test-util.h"
#include "eg-window.h"

/* the deck, its 12 sections, then the saved searches */
#define FIRST_SECTION 1
#define FIRST_SEARCH (FIRST_SECTION + 12)

typedef struct
{
  EgStore       *store;
  EgWindow      *window;
  EgLibraryPage *page;
  GtkWidget     *sidebar_list;
  GtkWidget     *card_list;     /* the table's own list view */
  GtkWidget     *back_button;
} Narrow;

static gboolean
find_widget (GtkWidget  *widget,
             gboolean  (*match) (GtkWidget *widget, gpointer data),
             gpointer    data,
             GtkWidget **found)
{
  if (match (widget, data))
    {
      *found = widget;
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_widget (child, match, data, found))
      return TRUE;
  return FALSE;
}

static gboolean
is_list_view (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_LIST_VIEW (widget);
}

/* the sidebar: a list view of its own, not a column view's */
static gboolean
is_sidebar_list (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_LIST_VIEW (widget) && !GTK_IS_COLUMN_VIEW (gtk_widget_get_parent (widget));
}

/* the header bar's back button (by its icon: what a user sees) */
static gboolean
is_back_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0;
}

static gboolean
library_ready (gpointer data)
{
  Narrow *n = data;

  return g_list_model_get_n_items (eg_library_page_get_cards (n->page)) == 245 &&
         gtk_widget_get_mapped (GTK_WIDGET (n->page));
}

typedef struct
{
  Narrow *n;
  int     width;
} WidthWait;

static gboolean
page_width_is (gpointer data)
{
  WidthWait *wait = data;

  return gtk_widget_get_width (GTK_WIDGET (wait->n->page)) == wait->width;
}

static void
narrow_open (Narrow *n,
             int     width)
{
  g_autofree char *db = eg_test_tmp_path ("narrow.db");
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (seed);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int frame = 0;

  eg_test_rm_rf (db);
  n->store = eg_store_open (db, &error);
  g_assert_no_error (error);
  report = eg_import_file (n->store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  n->window = eg_window_new (NULL);
  n->page = eg_window_get_library_page (n->window);
  eg_window_set_store (n->window, n->store);
  /* @width for the page: the window's frame (borders drawn without a
   * compositor) comes on top */
  {
    int window_min = 0;
    int page_min = 0;

    gtk_widget_measure (GTK_WIDGET (n->window), GTK_ORIENTATION_HORIZONTAL, -1, &window_min,
                        NULL, NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (n->page), GTK_ORIENTATION_HORIZONTAL, -1, &page_min,
                        NULL, NULL, NULL);
    frame = window_min - page_min;
    gtk_window_set_default_size (GTK_WINDOW (n->window), width + frame, 600);
  }
  gtk_window_present (GTK_WINDOW (n->window));
  g_assert_true (eg_gui_test_wait_for (library_ready, n, 10000));
  {
    /* no wider than the screen (Xvfb's is 1280 px) */
    WidthWait wait = { n, MIN (width, 1280 - frame) };

    if (!eg_gui_test_wait_for (page_width_is, &wait, 5000))
      g_test_fail_printf ("the library is %d px wide, not %d",
                          gtk_widget_get_width (GTK_WIDGET (n->page)), wait.width);
  }

  g_assert_true (find_widget (GTK_WIDGET (n->page), is_sidebar_list, NULL, &n->sidebar_list));
  g_assert_true (find_widget (GTK_WIDGET (eg_library_page_get_card_table (n->page)),
                              is_list_view, NULL, &n->card_list));
  g_assert_true (find_widget (GTK_WIDGET (n->page), is_back_button, NULL, &n->back_button));
}

static void
narrow_close (Narrow *n)
{
  gtk_window_destroy (GTK_WINDOW (n->window));
  g_clear_object (&n->store);
}

typedef struct
{
  Narrow     *n;
  const char *pane;
} PaneWait;

/* What the library shows, from what is mapped: "sidebar" (alone), "card"
 * (the preview without the table), else "cards" */
static const char *
pane_of (Narrow *n)
{
  GtkWidget *view = GTK_WIDGET (eg_library_page_get_preview (n->page));

  if (gtk_widget_get_mapped (n->sidebar_list) && !gtk_widget_get_mapped (n->card_list) &&
      !gtk_widget_get_mapped (view))
    return "sidebar";
  if (gtk_widget_get_mapped (view) && !gtk_widget_get_mapped (n->card_list))
    return "card";
  return "cards";
}

static gboolean
pane_is (gpointer data)
{
  PaneWait *wait = data;

  return g_strcmp0 (pane_of (wait->n), wait->pane) == 0;
}

static gboolean
wait_for_pane (Narrow     *n,
               const char *pane)
{
  PaneWait wait = { n, pane };
  gboolean ok = eg_gui_test_wait_for (pane_is, &wait, 5000);

  if (!ok)
    g_test_fail_printf ("the library shows “%s”, not “%s”", pane_of (n), pane);
  return ok;
}

/* What is on screen: the sidebar, the table, the preview, the back button */
static void
check_shown (Narrow   *n,
             gboolean  sidebar,
             gboolean  table,
             gboolean  preview,
             gboolean  back)
{
  GtkWidget *view = GTK_WIDGET (eg_library_page_get_preview (n->page));

  /* the frame that shows the change */
  for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_widget_get_mapped (n->sidebar_list), ==, sidebar);
  g_assert_cmpint (gtk_widget_get_mapped (n->card_list), ==, table);
  g_assert_cmpint (gtk_widget_get_mapped (view), ==, preview);
  g_assert_cmpint (gtk_widget_get_mapped (n->back_button), ==, back);
}

typedef struct
{
  Narrow     *n;
  const char *question;
} PreviewWait;

static gboolean
preview_shows (gpointer data)
{
  PreviewWait *wait = data;
  EgCardView *preview = eg_library_page_get_preview (wait->n->page);
  g_autofree char *text =
    eg_gui_test_eval (eg_card_view_get_web_view (preview),
                      "document.getElementById('question').textContent.trim()", 5000);

  return g_strcmp0 (text, wait->question) == 0;
}

static void
activate_row (GtkWidget *list,
              guint      position)
{
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", position));
}

/* The navigation of a window too narrow for the sidebar and the preview:
 * sidebar → cards → card, and back. */
static void
check_folded_navigation (Narrow *n)
{
  GListModel *cards = eg_library_page_get_cards (n->page);
  PreviewWait preview = { n, "How does the Go garbage collector work?" };

  /* it starts on the sidebar */
  wait_for_pane (n, "sidebar");
  check_shown (n, TRUE, FALSE, FALSE, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (n->window), "win.show-sections", NULL));
  wait_for_pane (n, "sidebar");

  /* a section (a click or Enter): its cards */
  activate_row (n->sidebar_list, FIRST_SECTION);
  wait_for_pane (n, "cards");
  check_shown (n, FALSE, TRUE, FALSE, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 20);
  g_assert_true (gtk_widget_has_focus (n->card_list) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (n->window)),
                                         GTK_WIDGET (eg_library_page_get_card_table (n->page))));

  /* a card: the card, alone, without the table's search */
  activate_row (n->card_list, 2);
  wait_for_pane (n, "card");
  check_shown (n, FALSE, FALSE, TRUE, TRUE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (eg_library_page_get_search_entry (n->page))));
  g_assert_true (eg_gui_test_wait_for (preview_shows, &preview, 15000));

  /* back: the cards, then the sidebar */
  gtk_widget_activate (n->back_button);
  wait_for_pane (n, "cards");
  check_shown (n, FALSE, TRUE, FALSE, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (eg_library_page_get_search_entry (n->page))));
  gtk_widget_activate (n->back_button);
  wait_for_pane (n, "sidebar");
  check_shown (n, TRUE, FALSE, FALSE, FALSE);

  /* a saved search leads to its cards too; Escape and Alt+← go back */
  activate_row (n->sidebar_list, FIRST_SEARCH + 1);   /* New */
  wait_for_pane (n, "cards");
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 245);
  activate_row (n->card_list, 0);
  wait_for_pane (n, "card");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (n->page), "library.go-back", NULL));
  wait_for_pane (n, "cards");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (n->window), "win.show-sections", NULL));
  wait_for_pane (n, "sidebar");
}

/* 360 px: the HIG's narrowest; everything works */
static void
test_360 (void)
{
  Narrow n = { 0 };
  int minimum = 0;

  narrow_open (&n, 360);
  gtk_widget_measure (GTK_WIDGET (n.page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_test_message ("the library needs %d px", minimum);
  check_folded_navigation (&n);
  /* the cards at 360 px too: nothing pushes the window wider */
  activate_row (n.sidebar_list, FIRST_SECTION);
  wait_for_pane (&n, "cards");
  activate_row (n.card_list, 0);
  wait_for_pane (&n, "card");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (n.page)), ==, 360);
  narrow_close (&n);
}

/* 600 px: both folded, as at 360 */
static void
test_600 (void)
{
  Narrow n = { 0 };

  narrow_open (&n, 600);
  check_folded_navigation (&n);
  narrow_close (&n);
}

/* 800 px: the preview has folded away, the sidebar stays */
static void
test_800 (void)
{
  Narrow n = { 0 };

  narrow_open (&n, 800);
  wait_for_pane (&n, "cards");
  check_shown (&n, TRUE, TRUE, FALSE, FALSE);
  eg_library_page_select_sidebar (n.page, FIRST_SECTION);
  activate_row (n.card_list, 1);
  wait_for_pane (&n, "card");
  check_shown (&n, TRUE, FALSE, TRUE, TRUE);
  gtk_widget_activate (n.back_button);
  wait_for_pane (&n, "cards");
  check_shown (&n, TRUE, TRUE, FALSE, FALSE);
  narrow_close (&n);
}

/* 1280 px: all three side by side, nothing to go back to */
static void
test_1280 (void)
{
  Narrow n = { 0 };

  narrow_open (&n, 1280);
  wait_for_pane (&n, "cards");
  check_shown (&n, TRUE, TRUE, TRUE, FALSE);
  g_assert_true (eg_library_page_select_sidebar (n.page, FIRST_SECTION));
  check_shown (&n, TRUE, TRUE, TRUE, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (n.window), "win.show-sections", NULL));
  check_shown (&n, TRUE, TRUE, TRUE, FALSE);
  narrow_close (&n);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *content = NULL;
  int status;

  /* WebKit and GLib derive paths from it; meson runs us by absolute path. */
  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-gui-narrow");

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
  /* what is shown changes at once, not in a slide */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/library-narrow/360", test_360);
  g_test_add_func ("/gui/library-narrow/600", test_600);
  g_test_add_func ("/gui/library-narrow/800", test_800);
  g_test_add_func ("/gui/library-narrow/1280", test_1280);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
