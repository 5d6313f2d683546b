/* bench-library.c - the library's table on a large collection
 *
 * What the user waits for in the library, on a synthetic collection of
 * 100,000 cards and 1,000,000 reviews: the table after a search (target
 * <= 30 ms after the last keystroke) and after a click on a column header
 * (target <= 100 ms).  Measured twice: in the library window, from the
 * search entry's new text (or the click on a header) to the end of the
 * frame that shows the new rows (also for emptying the search box); and
 * in the model alone, to the first screenful of rows.  Baseline in the same
 * run: reading every card id in deck order, the least any filter or sort
 * over the whole collection reads.
 *
 *   bench-library [COLLECTION]      (under Xvfb for the window figures)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "eg-application.h"
#include "eg-card-model.h"
#include "eg-core.h"
#include "eg-sidebar-item.h"
#include "eg-store-private.h"
#include "eg-synthetic.h"
#include "eg-test-util.h"
#include "eg-window.h"

/* The model's answer, to the first screenful of rows. */
static double
time_query (EgCardModel  *model,
            const char   *search,
            EgSortColumn  sort,
            gboolean      descending)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n;

  g_assert_true (eg_card_model_set_query (model, search, 0, sort, descending, &error));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < MIN (n, 40); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
  g_main_context_wakeup (NULL);
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop (blocking, not spinning: the X server needs the CPU)
 * until @flag is set or @timeout_ms pass; FALSE on the timeout. */
static gboolean
run_until (gboolean *flag,
           guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (timeout_ms, set_flag_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  return *flag;
}

/* From typing @search into the search entry (or clicking a column header
 * for a sort) to the end of the frame showing the result. */
static double
time_window (EgWindow            *window,
             const char          *search,
             GtkColumnViewColumn *sort_column,
             GtkSortType          direction)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gint64 start = g_get_monotonic_time ();
  double ms;

  if (sort_column != NULL)
    gtk_column_view_sort_by_column (eg_library_page_get_card_table (eg_window_get_library_page (window)), sort_column, direction);
  else
    gtk_editable_set_text (eg_library_page_get_search_entry (eg_window_get_library_page (window)), search);
  g_assert_true (run_until (&painted, 5000));
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_signal_handler_disconnect (clock, handler);
  return ms;
}

/* Lets whatever the window started (counts, the preview) settle. */
static void
settle (void)
{
  gboolean never = FALSE;

  run_until (&never, 300);
}

/* Typing @typed one keystroke at a time into an empty search box, five
 * times: the last keystroke is what the user waits for. */
static void
time_typing (EgWindow   *window,
             const char *typed,
             GArray     *samples)
{
  for (int run = 0; run < 5; run++)
    {
      double ms = 0;

      time_window (window, "", NULL, 0);
      for (gsize n = 1; n <= strlen (typed); n++)
        {
          g_autofree char *prefix = g_strndup (typed, n);

          ms = time_window (window, prefix, NULL, 0);
        }
      g_array_append_val (samples, ms);
      settle ();
    }
}

static void
bench_window (EgStore    *store,
              const char *const *searches,
              guint       n_searches)
{
  static const char *typed = "escape analysis";
  EgWindow *window = eg_window_new (NULL);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *sidebar = eg_library_page_get_sidebar (eg_window_get_library_page (window));
  guint deck = G_MAXUINT, section = G_MAXUINT;
  GListModel *view_columns;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  eg_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  /* the table and the counts come after the first frame */
  for (int i = 0; i < 100 && g_list_model_get_n_items (eg_library_page_get_cards (eg_window_get_library_page (window))) == 0; i++)
    settle ();
  settle ();
  g_print ("library window: %u cards in the table\n",
           g_list_model_get_n_items (eg_library_page_get_cards (eg_window_get_library_page (window))));

  time_typing (window, typed, samples);
  g_print ("  (%u rows) ", g_list_model_get_n_items (eg_library_page_get_cards (eg_window_get_library_page (window))));
  eg_bench_report ("window: typed “escape analysis”, last key", samples, "<= 30 ms");

  /* the same with the table narrowed down to the deck's first section */
  for (guint i = 0; i < g_list_model_get_n_items (sidebar); i++)
    {
      g_autoptr(EgSidebarItem) item = g_list_model_get_item (sidebar, i);

      if (deck == G_MAXUINT && eg_sidebar_item_get_kind (item) == EG_SIDEBAR_DECK)
        deck = i;   /* the one selected at the start */
      else if (section == G_MAXUINT && eg_sidebar_item_get_kind (item) == EG_SIDEBAR_SECTION)
        section = i;
    }
  g_assert_true (eg_library_page_select_sidebar (eg_window_get_library_page (window), section));
  settle ();
  time_typing (window, typed, samples);
  g_print ("  (%u rows) ", g_list_model_get_n_items (eg_library_page_get_cards (eg_window_get_library_page (window))));
  eg_bench_report ("window: same, in a section, last key", samples, "<= 30 ms");
  g_assert_true (eg_library_page_select_sidebar (eg_window_get_library_page (window), deck));
  settle ();

  for (guint s = 0; s < n_searches; s++)
    {
      g_autofree char *label = g_strdup_printf ("window: search “%s”", searches[s]);

      for (int i = 0; i < 5; i++)
        {
          double ms;

          time_window (window, "", NULL, 0);     /* from the whole table */
          settle ();
          ms = time_window (window, searches[s], NULL, 0);
          g_array_append_val (samples, ms);
          settle ();
        }
      g_print ("  (%u rows) ", g_list_model_get_n_items (eg_library_page_get_cards (eg_window_get_library_page (window))));
      eg_bench_report (label, samples, "<= 30 ms");
    }

  /* and back: emptying the search box after a search that found few cards
   * (GTK 4.8's list view makes its 200 rows again) */
  for (int i = 0; i < 5; i++)
    {
      double ms;

      time_window (window, searches[2], NULL, 0);
      settle ();
      ms = time_window (window, "", NULL, 0);
      g_array_append_val (samples, ms);
      settle ();
    }
  g_print ("  (%u rows) ", g_list_model_get_n_items (eg_library_page_get_cards (eg_window_get_library_page (window))));
  eg_bench_report ("window: search emptied again", samples, NULL);

  /* sorting the whole table: the search is empty again */
  view_columns = gtk_column_view_get_columns (eg_library_page_get_card_table (eg_window_get_library_page (window)));
  for (guint c = 0; c < g_list_model_get_n_items (view_columns); c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, c);
      g_autofree char *label = NULL;

      if (gtk_column_view_column_get_sorter (column) == NULL ||
          !gtk_column_view_column_get_visible (column))
        continue;
      label = g_strdup_printf ("window: sort all by %s", gtk_column_view_column_get_title (column));
      for (int i = 0; i < 5; i++)
        {
          double ms = time_window (window, NULL, column,
                                   i % 2 ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
          g_array_append_val (samples, ms);
          settle ();
        }
      eg_bench_report (label, samples, "<= 100 ms");
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  static const struct { const char *name; EgSortColumn sort; } sorts[] = {
    { "number", EG_SORT_NUMBER }, { "question", EG_SORT_QUESTION },
    { "section", EG_SORT_SECTION }, { "due", EG_SORT_DUE }, { "interval", EG_SORT_INTERVAL },
    { "stability", EG_SORT_STABILITY }, { "difficulty", EG_SORT_DIFFICULTY },
    { "retrievability", EG_SORT_RETRIEVABILITY }, { "reviews", EG_SORT_REVIEWS },
    { "lapses", EG_SORT_LAPSES }, { "flag", EG_SORT_FLAG }, { "modified", EG_SORT_MODIFIED },
  };
  static const char *searches[] = {
    "escape analysis", "\"escape analysis\"", "goroutine is:due", "prop:r<0.8 deck:*",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(EgCardModel) model = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = NULL;

  eg_test_setup_dirs ("engram-bench-library");
  if (!gtk_init_check ())
    {
      g_printerr ("bench-library: no display; run it under Xvfb\n");
      return 1;
    }
  adw_init ();
  eg_gui_init_resources ();
  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      path = eg_test_tmp_path ("bench.db");
      store = eg_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (eg_synthetic_generate (store, 100000, 1000000, 1, eg_time_now_ms (), NULL,
                                            &error));
      g_clear_object (&store);
    }
  store = eg_store_open (path, &error);
  g_assert_no_error (error);
  scheduler = eg_scheduler_new (store, &error);
  g_assert_no_error (error);
  model = eg_card_model_new (scheduler);

  /* warm the page cache, as an open library has */
  time_query (model, NULL, EG_SORT_DECK_ORDER, FALSE);
  g_print ("collection: %u cards\n", g_list_model_get_n_items (G_LIST_MODEL (model)));

  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      g_autofree char *label = g_strdup_printf ("model: search “%s”", searches[s]);

      for (int i = 0; i < 11; i++)
        {
          double ms = time_query (model, searches[s], EG_SORT_DECK_ORDER, FALSE);
          g_array_append_val (samples, ms);
        }
      g_print ("  (%u rows) ", g_list_model_get_n_items (G_LIST_MODEL (model)));
      eg_bench_report (label, samples, "<= 30 ms");
    }

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    {
      g_autofree char *label = g_strdup_printf ("model: sort all by %s", sorts[s].name);

      for (int i = 0; i < 5; i++)
        {
          double ms = time_query (model, NULL, sorts[s].sort, i % 2);
          g_array_append_val (samples, ms);
        }
      eg_bench_report (label, samples, "<= 100 ms");
    }

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store,
        "SELECT c.id FROM cards c JOIN sections s ON s.id = c.section_id"
        " ORDER BY s.position, c.position", NULL);
      gint64 start = g_get_monotonic_time ();
      double ms;

      while (sqlite3_step (stmt) == SQLITE_ROW)
        ;
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  eg_bench_report ("  baseline: every id in deck order", samples, NULL);

  g_clear_object (&model);
  bench_window (store, searches, G_N_ELEMENTS (searches));
  g_clear_object (&scheduler);
  g_clear_object (&store);
  eg_test_cleanup_dirs ();
  return 0;
}
