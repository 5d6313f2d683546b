/* test-card-model.c - the library's paged card model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "eg-card-model.h"
#include "eg-core.h"
#include "eg-test-util.h"

typedef struct
{
  guint position, removed, added;
  guint count;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->count++;
}

static EgScheduler *
seeded_scheduler (EgStore **store_out)
{
  g_autofree char *db = eg_test_tmp_path ("collection.db");
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (seed);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  EgStore *store = eg_store_open (db, &error);

  g_assert_no_error (error);
  report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  *store_out = store;
  return eg_scheduler_new (store, &error);
}

static char *
question_at (GListModel *model,
             guint       position)
{
  g_autoptr(GObject) row = g_list_model_get_item (model, position);
  char *question = NULL;

  g_object_get (row, "question", &question, NULL);
  return question;
}

static void
test_paging (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = seeded_scheduler (&store);
  g_autoptr(EgCardModel) model = eg_card_model_new (scheduler);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  guint n;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, FALSE, &error));
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.added, ==, 245);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 245);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == EG_TYPE_CARD_ROW);

  /* nothing read until asked; then one page */
  g_assert_cmpuint (eg_card_model_get_n_loaded_pages (model), ==, 0);
  {
    g_autofree char *q = question_at (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (q, ==, "How does the Go scheduler work?");
  }
  g_assert_cmpuint (eg_card_model_get_n_loaded_pages (model), ==, 1);
  {
    g_autofree char *q = question_at (G_LIST_MODEL (model), 244);
    g_assert_nonnull (q);
  }
  g_assert_cmpuint (eg_card_model_get_n_loaded_pages (model), ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 245));

  /* the same row object while its page is kept */
  {
    g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (model), 3);
    g_autoptr(GObject) b = g_list_model_get_item (G_LIST_MODEL (model), 3);
    g_assert_true (a == b);
  }
}

static void
test_sort_and_filter (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = seeded_scheduler (&store);
  g_autoptr(EgCardModel) model = eg_card_model_new (scheduler);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sections = eg_store_list_sections (store, 0, NULL);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *asc = NULL;
  g_autofree char *desc = NULL;
  Changes changes = { 0 };

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* sorted in SQL */
  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_QUESTION, FALSE, &error));
  asc = question_at (G_LIST_MODEL (model), 0);
  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_QUESTION, TRUE, &error));
  desc = question_at (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (asc, <, desc);
  last = question_at (G_LIST_MODEL (model), 244);
  g_assert_cmpstr (last, ==, asc);

  /* a section */
  g_assert_true (eg_card_model_set_query (model, NULL,
                                          ((EgSectionInfo *) g_ptr_array_index (sections, 11))->id,
                                          EG_SORT_DECK_ORDER, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 25);
  g_assert_cmpuint (changes.removed, ==, 245);
  g_assert_cmpuint (changes.added, ==, 25);

  /* a search */
  g_assert_true (eg_card_model_set_query (model, "\"escape analysis\"", 0, EG_SORT_DECK_ORDER,
                                          FALSE, &error));
  first = question_at (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (first, ==, "What is escape analysis and how can you visualize it?");

  /* an invalid one: an error, the rows stay */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
    guint count = changes.count;

    g_assert_false (eg_card_model_set_query (model, "(unbalanced", 0, EG_SORT_DECK_ORDER, FALSE,
                                             &error));
    g_assert_error (error, EG_SEARCH_ERROR, EG_SEARCH_ERROR_SYNTAX);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
    g_assert_cmpuint (changes.count, ==, count);
  }
}

static void
test_reload_after_edits (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = seeded_scheduler (&store);
  g_autoptr(EgCardModel) model = eg_card_model_new (scheduler);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  gint64 ids[2];

  g_assert_true (eg_card_model_set_query (model, "is:suspended", 0, EG_SORT_DECK_ORDER, FALSE,
                                          &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  ids[0] = eg_store_find_card (store, "16/301", NULL)->id;
  ids[1] = eg_store_find_card (store, "52/1028", NULL)->id;
  g_assert_true (eg_scheduler_set_suspended (scheduler, ids, 2, TRUE, &error));
  g_assert_true (eg_card_model_reload (model, &error));
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpint (eg_card_model_get_card_id (model, 1), ==, ids[1]);
  g_assert_cmpuint (eg_card_model_find (model, ids[1]), ==, 1);

  /* an edit shows in the row */
  g_assert_true (eg_store_update_card (store, ids[0], "Edited question?", "A.", NULL,
                                       eg_time_now_ms (), &error));
  g_assert_true (eg_card_model_reload (model, &error));
  {
    g_autofree char *q = question_at (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (q, ==, "Edited question?");
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-card-model");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/gui/card-model/paging", test_paging);
  g_test_add_func ("/gui/card-model/sort-and-filter", test_sort_and_filter);
  g_test_add_func ("/gui/card-model/reload-after-edits", test_reload_after_edits);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
