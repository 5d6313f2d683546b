/* bench-library.c - the library's table on a large collection
 *
 * What the user waits for in the library, on a synthetic collection of
 * 100,000 cards and 1,000,000 reviews: the table's rows after a search
 * (target <= 30 ms after the last keystroke) and after a click on a column
 * header (target <= 100 ms), both measured to the first page of rows the
 * view asks for.  Baseline in the same run: reading every card id in deck
 * order, the least any filter or sort over the whole collection reads.
 *
 *   bench-library [COLLECTION]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "eg-card-model.h"
#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *samples,
        const char *target)
{
  double mid;

  g_array_sort (samples, compare_doubles);
  mid = g_array_index (samples, double, samples->len / 2);
  g_print ("%-44s median %8.2f ms  (min %.2f, max %.2f, %u runs)%s%s\n", what, mid,
           g_array_index (samples, double, 0), g_array_index (samples, double, samples->len - 1),
           samples->len, target ? "  target " : "", target ? target : "");
  g_array_set_size (samples, 0);
}

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
      g_autofree char *label = g_strdup_printf ("search “%s”", searches[s]);

      for (int i = 0; i < 11; i++)
        {
          double ms = time_query (model, searches[s], EG_SORT_DECK_ORDER, FALSE);
          g_array_append_val (samples, ms);
        }
      g_print ("  (%u rows) ", g_list_model_get_n_items (G_LIST_MODEL (model)));
      report (label, samples, "<= 30 ms");
    }

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    {
      g_autofree char *label = g_strdup_printf ("sort all by %s", sorts[s].name);

      for (int i = 0; i < 5; i++)
        {
          double ms = time_query (model, NULL, sorts[s].sort, i % 2);
          g_array_append_val (samples, ms);
        }
      report (label, samples, "<= 100 ms");
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
  report ("  baseline: every id in deck order", samples, NULL);

  g_clear_object (&model);
  g_clear_object (&scheduler);
  g_clear_object (&store);
  eg_test_cleanup_dirs ();
  return 0;
}
