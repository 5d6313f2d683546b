/* test-stats.c - the statistics page: win.statistics opens it for the
 * deck or section selected in the library (the collection for a search),
 * its figures are the core's (eg_stats_compute()), its tables have their
 * rows, a fresh collection shows the empty states, the page follows the
 * app's dark style, and Ctrl+Shift+S opens it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "eg-application.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-library-page.h"
#include "eg-sidebar-item.h"
#include "eg-stats-window.h"
#include "eg-test-util.h"
#include "eg-window.h"

typedef struct
{
  EgStore     *store;
  EgScheduler *scheduler;
  EgWindow    *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("stats-%u.db", ++n);
  g_autofree char *db = eg_test_tmp_path (name);
  g_autofree char *deck = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (deck);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  f->store = eg_store_open (db, &error);
  g_assert_no_error (error);
  report = eg_import_file (f->store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE, NULL, NULL,
                           NULL, &error);
  g_assert_no_error (error);
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *stats;

  while ((stats = eg_gui_test_find_toplevel (EG_TYPE_STATS_WINDOW, NULL)) != NULL)
    gtk_window_destroy (stats);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
}

static gboolean
sidebar_filled (gpointer data)
{
  Fixture *f = data;
  GListModel *sidebar = eg_library_page_get_sidebar (eg_window_get_library_page (f->window));

  return g_list_model_get_n_items (sidebar) > 2;
}

static void
open_window (Fixture *f)
{
  f->window = eg_window_new (NULL);
  eg_window_set_store (f->window, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (eg_gui_test_wait_for (sidebar_filled, f, 10000));
}

/* Selects the first sidebar entry of @kind; returns it */
static EgSidebarItem *
select_first (Fixture       *f,
              EgSidebarKind  kind)
{
  EgLibraryPage *page = eg_window_get_library_page (f->window);
  GListModel *sidebar = eg_library_page_get_sidebar (page);

  for (guint i = 0; i < g_list_model_get_n_items (sidebar); i++)
    {
      g_autoptr(EgSidebarItem) item = g_list_model_get_item (sidebar, i);

      if (eg_sidebar_item_get_kind (item) == kind)
        {
          g_assert_true (eg_library_page_select_sidebar (page, i));
          return item;   /* the sidebar holds it */
        }
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
stats_loaded (gpointer data)
{
  GtkWindow *window = eg_gui_test_find_toplevel (EG_TYPE_STATS_WINDOW, NULL);

  return window != NULL && eg_stats_window_is_loaded (EG_STATS_WINDOW (window));
}

/* Opens the statistics as the menu does and waits for the page */
static EgStatsWindow *
open_stats (Fixture *f)
{
  GtkWindow *stats;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.statistics", NULL));
  g_assert_true (eg_gui_test_wait_for (stats_loaded, NULL, 20000));
  stats = eg_gui_test_find_toplevel (EG_TYPE_STATS_WINDOW, NULL);
  g_assert_nonnull (stats);
  return EG_STATS_WINDOW (stats);
}

static char *
eval (EgStatsWindow *stats,
      const char    *script)
{
  char *value = eg_gui_test_eval (eg_stats_window_get_web_view (stats), script, 5000);

  g_assert_nonnull (value);
  return value;
}

static void
assert_eval (EgStatsWindow *stats,
             const char    *script,
             const char    *expected)
{
  g_autofree char *value = eval (stats, script);

  g_assert_cmpstr (value, ==, expected);
}

/* Grades @n cards of @section now, the first one Again, the others Good */
static void
grade_cards (Fixture *f,
             gint64   section_id,
             guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = eg_store_list_cards (f->store, section_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, >=, n);
  for (guint i = 0; i < n; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);
      EgGradeResult result;

      g_assert_true (eg_scheduler_grade (f->scheduler, NULL, card->id,
                                         i == 0 ? EG_FSRS_AGAIN : EG_FSRS_GOOD,
                                         eg_time_now_ms (), 4000, &result, &error));
      g_assert_no_error (error);
    }
}

static guint
reviews_today (Fixture *f,
               gint64   deck_id,
               gint64   section_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStats) stats = eg_stats_compute (f->scheduler, deck_id, section_id,
                                               eg_time_now_ms (), &error);

  g_assert_no_error (error);
  return stats->reviews_today;
}

static gint64
second_section (Fixture *f)
{
  EgLibraryPage *page = eg_window_get_library_page (f->window);
  GListModel *sidebar = eg_library_page_get_sidebar (page);
  guint seen = 0;

  for (guint i = 0; i < g_list_model_get_n_items (sidebar); i++)
    {
      g_autoptr(EgSidebarItem) item = g_list_model_get_item (sidebar, i);

      if (eg_sidebar_item_get_kind (item) == EG_SIDEBAR_SECTION && ++seen == 2)
        return eg_sidebar_item_get_id (item);
    }
  g_assert_not_reached ();
  return 0;
}

static void
test_collection (Fixture       *f,
                 gconstpointer  data)
{
  EgSidebarItem *section;
  EgStatsWindow *stats;
  g_autofree char *expected = NULL;

  open_window (f);
  section = select_first (f, EG_SIDEBAR_SECTION);
  grade_cards (f, eg_sidebar_item_get_id (section), 3);
  grade_cards (f, second_section (f), 2);
  g_assert_cmpuint (reviews_today (f, 0, 0), ==, 5);

  /* a search selected: the whole collection */
  select_first (f, EG_SIDEBAR_SEARCH);
  stats = open_stats (f);
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (stats), "All Decks", FALSE));
  g_assert_cmpuint (eg_stats_window_get_stats (stats)->reviews_today, ==, 5);
  assert_eval (stats, "document.getElementById ('today-reviews').textContent", "5");
  assert_eval (stats, "document.getElementById ('today-again').textContent", "40.0 %");
  assert_eval (stats, "document.getElementById ('streak').textContent", "Current streak: 1 day");
  /* the tables: a row for each of the 90 days, one day with reviews, five
   * states, one row for each studied section with cards */
  assert_eval (stats, "document.querySelectorAll ('#due table tbody tr').length", "90");
  assert_eval (stats, "document.querySelectorAll ('#history table tbody tr').length", "1");
  assert_eval (stats, "document.querySelector ('#history table tbody td').textContent", "5");
  assert_eval (stats, "document.querySelectorAll ('#states table tbody tr').length", "5");
  assert_eval (stats, "document.querySelectorAll ('#states svg rect title').length > 0", "true");
  expected = g_strdup_printf ("%u", eg_stats_window_get_stats (stats)->sections->len);
  assert_eval (stats, "document.querySelectorAll ('#sections table tbody tr').length", expected);
  assert_eval (stats, "document.querySelector ('#today .empty') === null", "true");
  /* no card in the review state graded yet */
  assert_eval (stats, "document.querySelector ('#months .empty') !== null", "true");
  assert_eval (stats, "document.getElementById ('forecast') === null", "true");
}

static void
test_section (Fixture       *f,
              gconstpointer  data)
{
  EgSidebarItem *section;
  EgStatsWindow *stats;
  g_autofree char *subtitle = NULL;
  g_autofree char *figure = NULL;
  g_autofree char *deck_title = NULL;
  gint64 section_id;

  open_window (f);
  section = select_first (f, EG_SIDEBAR_SECTION);
  section_id = eg_sidebar_item_get_id (section);
  grade_cards (f, section_id, 3);
  grade_cards (f, second_section (f), 2);
  deck_title = g_strdup (eg_sidebar_item_get_title (select_first (f, EG_SIDEBAR_DECK)));
  section = select_first (f, EG_SIDEBAR_SECTION);

  stats = open_stats (f);
  subtitle = g_strdup_printf ("%s — %s", deck_title, eg_sidebar_item_get_title (section));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (stats), subtitle, FALSE));
  g_assert_cmpuint (reviews_today (f, eg_sidebar_item_get_deck_id (section), section_id), ==, 3);
  figure = g_strdup_printf ("%u", reviews_today (f, eg_sidebar_item_get_deck_id (section),
                                                  section_id));
  assert_eval (stats, "document.getElementById ('today-reviews').textContent", figure);
  assert_eval (stats, "document.querySelectorAll ('#sections table tbody tr').length", "1");
}

static void
test_fresh (Fixture       *f,
            gconstpointer  data)
{
  EgStatsWindow *stats;

  open_window (f);
  select_first (f, EG_SIDEBAR_SEARCH);
  stats = open_stats (f);
  assert_eval (stats, "document.getElementById ('today-reviews').textContent", "0");
  assert_eval (stats, "document.querySelector ('#today .empty').textContent",
               "No reviews yet today.");
  assert_eval (stats, "document.querySelector ('#due .due-30 .empty').textContent",
               "No cards are due in the next 30 days.");
  assert_eval (stats, "document.querySelector ('#history .empty').textContent",
               "No reviews in the last year yet.");
  assert_eval (stats, "document.querySelector ('#stability .empty').textContent",
               "No card studied yet.");
  assert_eval (stats, "document.querySelector ('#sections .empty').textContent",
               "No section studied yet: mastery shows once you review its cards.");
  assert_eval (stats, "document.querySelectorAll ('svg.chart').length", "0");
  /* every card is new */
  assert_eval (stats, "document.querySelector ('#states svg title').textContent.startsWith ('New: ')",
               "true");

  /* the page follows the app's dark style */
  assert_eval (stats, "document.documentElement.className", "light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (eg_gui_test_wait_for (stats_loaded, NULL, 20000));
  assert_eval (stats, "document.documentElement.className", "dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* With an interview date, the page draws the plan's forecast: one row a
 * day from today to the date, the last one the expected recall on the day */
static void
test_forecast (Fixture       *f,
               gconstpointer  data)
{
  EgScheduler *scheduler;
  EgStatsWindow *stats;
  g_autoptr(EgPlan) plan = NULL;
  g_autofree char *date = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *last = NULL;

  open_window (f);
  select_first (f, EG_SIDEBAR_SEARCH);
  scheduler = eg_window_get_scheduler (f->window);
  date = eg_time_format_day (eg_scheduler_study_day (scheduler, eg_time_now_ms ()) + 14);
  g_assert_true (eg_plan_set (scheduler, date, NULL, NULL, eg_time_now_ms (), NULL));
  plan = eg_plan_compute (scheduler, eg_time_now_ms (), NULL);
  g_assert_nonnull (plan);

  stats = open_stats (f);
  rows = g_strdup_printf ("%u", plan->days->len);
  assert_eval (stats, "document.querySelectorAll ('#forecast table tbody tr').length", rows);
  last = g_strdup_printf ("%.1f %%", plan->expected_recall * 100);
  assert_eval (stats, "document.querySelector ('#forecast table tbody tr:last-child td:last-child')"
                      ".textContent", last);
  assert_eval (stats, "document.querySelectorAll ('#forecast svg title').length > 0", "true");
}

/* Ctrl+Shift+S is the window's shortcut for win.statistics */
static void
test_shortcut (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string ("<Control><Shift>s");
  gboolean found = FALSE;

  open_window (f);
  /* the class's shortcuts are in one of the window's shortcut controllers */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                         "win.statistics") == 0 &&
              gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            found = TRUE;
        }
    }
  g_assert_true (found);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-stats");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();
  g_test_set_nonfatal_assertions ();

  g_test_add ("/gui/stats/collection", Fixture, NULL, fixture_setup, test_collection,
              fixture_teardown);
  g_test_add ("/gui/stats/section", Fixture, NULL, fixture_setup, test_section,
              fixture_teardown);
  g_test_add ("/gui/stats/fresh", Fixture, NULL, fixture_setup, test_fresh, fixture_teardown);
  g_test_add ("/gui/stats/forecast", Fixture, NULL, fixture_setup, test_forecast,
              fixture_teardown);
  g_test_add ("/gui/stats/shortcut", Fixture, NULL, fixture_setup, test_shortcut,
              fixture_teardown);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
