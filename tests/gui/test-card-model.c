/* test-card-model.c - the library's paged card model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <sqlite3.h>

#include "eg-card-model.h"
#include "eg-card-row.h"
#include "eg-core.h"
#include "eg-deck-language.h"
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

/* A card the collection cannot give (gone from under the model here; a
 * damaged page of a read-only collection in life) still has a row, which
 * says so: a list model may not return NULL inside its length. */
static void
test_unreadable_card (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = seeded_scheduler (&store);
  g_autoptr(EgCardModel) model = eg_card_model_new (scheduler);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCardRow) row = NULL;
  g_autofree char *q = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(EgCardRow) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    id = eg_card_row_get_id (first);
  }
  /* the rows are dropped before the page is read again */
  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, FALSE, &error));
  sql = g_strdup_printf ("DELETE FROM card_parts WHERE card_id = %" G_GINT64_FORMAT ";"
                         "DELETE FROM card_state WHERE card_id = %" G_GINT64_FORMAT ";"
                         "DELETE FROM cards WHERE id = %" G_GINT64_FORMAT, id, id, id);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (eg_store_get_path (store), &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_nonnull (row);
  g_assert_cmpint (eg_card_row_get_id (row), ==, id);
  q = question_at (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (q, ==, "This card cannot be read");
  g_clear_pointer (&q, g_free);
  q = question_at (G_LIST_MODEL (model), 1);
  g_assert_cmpstr (q, !=, "This card cannot be read");
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
  /* rows are refilled where they are: only the end goes */
  g_assert_cmpuint (changes.position, ==, 25);
  g_assert_cmpuint (changes.removed, ==, 220);
  g_assert_cmpuint (changes.added, ==, 0);
  {
    gint64 section = ((EgSectionInfo *) g_ptr_array_index (sections, 11))->id;
    g_autoptr(GPtrArray) cards = eg_store_list_cards (store, section, NULL);
    g_autofree char *q = question_at (G_LIST_MODEL (model), 0);
    g_autofree char *expected = eg_markdown_to_plain (((EgCard *) cards->pdata[0])->question);

    g_assert_cmpstr (q, ==, expected);
  }

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
  g_autoptr(EgCard) first = NULL;
  g_autoptr(EgCard) second = NULL;
  Changes changes = { 0 };
  gint64 ids[2];

  g_assert_true (eg_card_model_set_query (model, "is:suspended", 0, EG_SORT_DECK_ORDER, FALSE,
                                          &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  first = eg_store_find_card (store, "16/301", NULL);
  second = eg_store_find_card (store, "52/1028", NULL);
  ids[0] = first->id;
  ids[1] = second->id;
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

static void
notify_cb (GObject    *row,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* A row a view holds is refilled in place when the search changes, and the
 * rows are not all read to find it (GTK 4.8 would, seeing it replaced). */
static void
test_rows_refilled_in_place (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = seeded_scheduler (&store);
  g_autoptr(EgCardModel) model = eg_card_model_new (scheduler);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) held = NULL;
  g_autoptr(GObject) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Changes changes = { 0 };
  guint notified = 0;

  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, FALSE, &error));
  held = g_list_model_get_item (G_LIST_MODEL (model), 130);     /* as a row widget does */
  g_object_get (held, "question", &before, NULL);
  g_signal_connect (held, "notify::question", G_CALLBACK (notify_cb), &notified);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, TRUE, &error));
  g_assert_cmpuint (changes.count, ==, 0);      /* as many rows: no items-changed */
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (held, "question", &after, NULL);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpint (eg_card_row_get_id (EG_CARD_ROW (held)), ==,
                   eg_card_model_get_card_id (model, 130));
  again = g_list_model_get_item (G_LIST_MODEL (model), 130);
  g_assert_true (again == held);
  /* only the held row's page was read again */
  g_assert_cmpuint (eg_card_model_get_n_loaded_pages (model), ==, 1);

  /* another query, the same cards (typing on): nothing to do */
  g_assert_true (eg_card_model_set_query (model, "-nothingmatchesthis", 0, EG_SORT_DECK_ORDER,
                                          TRUE, &error));
  g_assert_cmpuint (changes.count, ==, 0);
  g_assert_cmpuint (notified, ==, 1);
  /* the same query again (after an edit): read again */
  g_assert_true (eg_store_update_card (store, eg_card_row_get_id (EG_CARD_ROW (held)),
                                       "Edited?", "A.", NULL, eg_time_now_ms (), &error));
  g_assert_true (eg_card_model_set_query (model, "-nothingmatchesthis", 0, EG_SORT_DECK_ORDER,
                                          TRUE, &error));
  g_assert_cmpuint (notified, ==, 2);
  g_clear_pointer (&after, g_free);
  g_object_get (held, "question", &after, NULL);
  g_assert_cmpstr (after, ==, "Edited?");

  /* fewer rows: the held one is past the end, it goes with the end */
  g_assert_true (eg_card_model_set_query (model, "\"escape analysis\"", 0, EG_SORT_DECK_ORDER,
                                          FALSE, &error));
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, g_list_model_get_n_items (G_LIST_MODEL (model)));
  g_assert_cmpuint (changes.removed, ==, 245 - changes.position);
  g_assert_cmpuint (eg_card_model_get_n_loaded_pages (model), ==, 0);
}

static gint64
deck_id_of (EgStore    *store,
            const char *key)
{
  g_autoptr(GPtrArray) decks = eg_store_list_decks (store, NULL);

  for (guint i = 0; decks != NULL && i < decks->len; i++)
    if (g_str_equal (((EgDeckInfo *) g_ptr_array_index (decks, i))->key, key))
      return ((EgDeckInfo *) g_ptr_array_index (decks, i))->id;
  return 0;
}

/* The model narrowed to a deck by its id: its cards only, with a search and
 * a sort, and a card added to the deck after a reload. */
static void
test_deck (void)
{
  static const char other[] =
    "# Other Deck\n\n# Extra\n\n### 1. What is escape analysis here?\nThis.\n\n---\n\n"
    "### 2. What else?\nThat.\n";
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = seeded_scheduler (&store);
  g_autoptr(EgCardModel) model = eg_card_model_new (scheduler);
  g_autofree char *path = eg_test_tmp_path ("other.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(EgCard) extra_card = NULL;
  g_autoptr(GError) error = NULL;
  gint64 go, extra;
  guint in_go;

  g_assert_true (g_file_set_contents (path, other, -1, &error));
  report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  go = deck_id_of (store, "expert-level-golang-interview-questions");
  extra = deck_id_of (store, "other-deck");
  g_assert_cmpint (go, !=, 0);
  g_assert_cmpint (extra, !=, 0);
  extra_card = eg_store_find_card (store, "extra/1", &error);
  g_assert_no_error (error);

  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 247);

  eg_card_model_set_deck_id (model, extra);
  g_assert_cmpint (eg_card_model_get_deck_id (model), ==, extra);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 247);   /* not yet */
  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  {
    g_autofree char *q = question_at (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (q, ==, "What is escape analysis here?");
  }
  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_QUESTION, TRUE, &error));
  {
    g_autofree char *q = question_at (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (q, ==, "What is escape analysis here?");
  }

  /* a search inside the deck; the same search in the other deck */
  g_assert_true (eg_card_model_set_query (model, "\"escape analysis\"", 0, EG_SORT_DECK_ORDER,
                                          FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  eg_card_model_set_deck_id (model, go);
  g_assert_true (eg_card_model_set_query (model, "\"escape analysis\"", 0, EG_SORT_DECK_ORDER,
                                          FALSE, &error));
  in_go = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (in_go, >, 0);
  for (guint i = 0; i < in_go; i++)
    g_assert_cmpint (eg_card_model_get_card_id (model, i), !=, extra_card->id);

  /* a bad search keeps the rows and the deck they were read with */
  eg_card_model_set_deck_id (model, extra);
  g_assert_false (eg_card_model_set_query (model, "(unbalanced", 0, EG_SORT_DECK_ORDER, FALSE,
                                           &error));
  g_clear_error (&error);
  g_assert_cmpint (eg_card_model_get_deck_id (model), ==, go);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, in_go);

  /* a card added to the deck shows after a reload */
  eg_card_model_set_deck_id (model, extra);
  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpint (eg_store_add_card (store, extra_card->section_id, "Added?", "Yes.", NULL,
                                      eg_time_now_ms (), &error), >, 0);
  g_assert_true (eg_card_model_reload (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  eg_card_model_set_deck_id (model, 0);
  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 248);
}

/* The decks' languages are read once per store, until forgotten. */
static void
test_deck_language (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = seeded_scheduler (&store);
  g_autoptr(GError) error = NULL;
  gint64 go = deck_id_of (store, "expert-level-golang-interview-questions");

  g_assert_nonnull (scheduler);
  g_assert_null (eg_deck_language_lookup (store, go, &error));
  g_assert_no_error (error);
  g_assert_true (eg_store_set_deck_language (store, "expert-level-golang-interview-questions",
                                             "go", &error));
  g_assert_null (eg_deck_language_lookup (store, go, &error));    /* as read */
  eg_deck_language_forget (store);
  g_assert_cmpstr (eg_deck_language_lookup (store, go, &error), ==, "go");
  g_assert_no_error (error);
  g_assert_null (eg_deck_language_lookup (store, go + 1000, &error));
  g_assert_no_error (error);
}

static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      guint             *count)
{
  (*count)++;
}

/* The model is its own selection; the selected cards stay selected across a
 * new search or sort, wherever they move. */
static void
test_selection_follows_cards (void)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = seeded_scheduler (&store);
  g_autoptr(EgCardModel) model = eg_card_model_new (scheduler);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (model);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  guint changed = 0;
  gint64 first, last;

  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (model, GTK_TYPE_SELECTION_MODEL));
  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, FALSE, &error));
  g_signal_connect (model, "selection-changed", G_CALLBACK (selection_changed_cb), &changed);
  first = eg_card_model_get_card_id (model, 0);
  last = eg_card_model_get_card_id (model, 244);

  g_assert_true (gtk_selection_model_select_item (selection, 0, TRUE));
  g_assert_true (gtk_selection_model_select_item (selection, 244, FALSE));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (gtk_selection_model_is_selected (selection, 244));
  g_assert_false (gtk_selection_model_is_selected (selection, 1));

  /* reversed: the same two cards, at the other ends */
  changed = 0;
  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, TRUE, &error));
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 2);
  g_assert_cmpint (eg_card_model_get_card_id (model, gtk_bitset_get_minimum (selected)), ==, last);
  g_assert_cmpint (eg_card_model_get_card_id (model, gtk_bitset_get_maximum (selected)), ==, first);
  g_clear_pointer (&selected, gtk_bitset_unref);

  /* a search without one of them: it is no longer selected, and we hear of it */
  changed = 0;
  g_assert_true (eg_card_model_set_query (model, "section:16", 0, EG_SORT_DECK_ORDER, FALSE,
                                          &error));
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpint (eg_card_model_get_card_id (model, gtk_bitset_get_minimum (selected)), ==, first);
  g_assert_cmpuint (changed, >=, 1);
  g_clear_pointer (&selected, gtk_bitset_unref);

  /* select all, unselect all: no row is read for it */
  g_assert_true (eg_card_model_set_query (model, NULL, 0, EG_SORT_DECK_ORDER, FALSE, &error));
  g_assert_true (gtk_selection_model_select_all (selection));
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 245);
  g_clear_pointer (&selected, gtk_bitset_unref);
  g_assert_cmpuint (eg_card_model_get_n_loaded_pages (model), ==, 0);
  g_assert_true (gtk_selection_model_unselect_all (selection));
  selected = gtk_selection_model_get_selection (selection);
  g_assert_true (gtk_bitset_is_empty (selected));
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
  g_test_add_func ("/gui/card-model/unreadable-card", test_unreadable_card);
  g_test_add_func ("/gui/card-model/sort-and-filter", test_sort_and_filter);
  g_test_add_func ("/gui/card-model/reload-after-edits", test_reload_after_edits);
  g_test_add_func ("/gui/card-model/rows-refilled-in-place", test_rows_refilled_in_place);
  g_test_add_func ("/gui/card-model/selection-follows-cards", test_selection_follows_cards);
  g_test_add_func ("/gui/card-model/deck", test_deck);
  g_test_add_func ("/gui/card-model/deck-language", test_deck_language);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
