/* test-store.c - the collection: schema, migrations, refusals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

static const char *tmpdir;

#define tmp_path eg_test_tmp_path
#define read_bytes eg_test_read_bytes

static gint64
query_int (EgStore    *store,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_open_creates (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  path = g_build_filename (tmpdir, "new", "folder", "collection.db", NULL);
  store = eg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (eg_store_get_schema_version (store), ==, EG_STORE_SCHEMA_VERSION);
  g_assert_true (eg_store_is_empty (store));
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);

  stmt = _eg_store_prepare (store, "PRAGMA journal_mode", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
}

static void
test_default_path (void)
{
  g_autofree char *path = eg_store_default_path ();
  g_autofree char *expected = g_build_filename (tmpdir, "data", "engram", "collection.db", NULL);

  /* main() pointed XDG_DATA_HOME at tmpdir/data before GLib read it */
  g_assert_cmpstr (path, ==, expected);
}

/* Rows every schema version since 1 must keep through later migrations. */
static void
insert_v1_rows (sqlite3 *db)
{
  const char *sql =
    "INSERT INTO decks (id, key, title, created, modified) VALUES (1, 'd', 'Deck', 1, 1);"
    "INSERT INTO sections (id, deck_id, key, heading, position) VALUES (1, 1, 's', 'S', 0);"
    "INSERT INTO cards (id, deck_id, section_id, key, number, position, question, answer,"
    "                   content_hash, created, modified)"
    " VALUES (1, 1, 1, 's/1', 1, 0, 'Question one', 'Answer with escape analysis', 'h', 1, 1);"
    "INSERT INTO card_parts (card_id, position, name, text) VALUES (1, 0, 'Indepth', 'deep');"
    "INSERT INTO card_state (card_id, state, due, stability, difficulty, reps, last_review)"
    " VALUES (1, 2, 86400000, 3.5, 5.25, 2, 1000);"
    "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, state_after,"
    "  stability_before, stability_after, difficulty_before, difficulty_after,"
    "  elapsed_days, scheduled_days, due_after, duration_ms)"
    " VALUES (1, 1000, 3, 0, 2, 0, 3.5, 0, 5.25, 0, 1, 86400000, 4200);"
    "INSERT INTO annotations (card_id, kind, field, quote_exact, body, created, modified)"
    " VALUES (1, 'note', 'answer', 'escape', 'my note about heaps', 1, 1);"
    "INSERT INTO settings (key, value) VALUES ('desired-retention', '0.9');";

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_migrations (void)
{
  /* Every migration runs from a file at the previous version, with data. */
  for (int from = 0; from < _eg_store_n_migrations (); from++)
    {
      g_autofree char *path = tmp_path ("migrate.db");
      g_autoptr(GError) error = NULL;
      g_autoptr(EgStore) store = NULL;
      g_autoptr(EgCard) card = NULL;
      g_autofree char *setting = NULL;
      sqlite3 *db = NULL;

      g_test_message ("migrating from version %d", from);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_true (_eg_store_migrate_db (db, from, &error));
      g_assert_no_error (error);
      if (from >= 1)
        insert_v1_rows (db);
      sqlite3_close (db);

      store = eg_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (eg_store_get_schema_version (store), ==, EG_STORE_SCHEMA_VERSION);

      if (from >= 1)
        {
          card = eg_store_find_card (store, "s/1", &error);
          g_assert_no_error (error);
          g_assert_cmpstr (card->answer, ==, "Answer with escape analysis");
          g_assert_cmpint (card->state.state, ==, 2);
          g_assert_cmpfloat (card->state.stability, ==, 3.5);
          g_assert_cmpuint (card->parts->len, ==, 1);
          g_assert_cmpint (query_int (store, "SELECT count(*) FROM review_log"), ==, 1);
          setting = eg_store_get_setting (store, "desired-retention");
          g_assert_cmpstr (setting, ==, "0.9");
        }
      if (from == 1)
        {
          /* version 2 filled in study days the way eg_time_study_day() counts them */
          g_assert_cmpint (query_int (store, "SELECT day FROM review_log"), ==,
                           eg_time_study_day (1000, 4));
          g_assert_cmpint (card->state.due_day, ==, eg_time_study_day (1000, 4));
        }
    }
}

static void
test_too_new (void)
{
  g_autofree char *path = tmp_path ("future.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                          EG_STORE_SCHEMA_VERSION + 1);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_bytes (path);

  store = eg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_TOO_NEW);
  g_assert_true (strstr (error->message, "newer Engram") != NULL);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_not_a_database (void)
{
  g_autofree char *path = tmp_path ("notes.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GBytes) after = NULL;
  const char *text = "These are my notes, not a database. They are long enough to matter.\n"
                     "SQLite reads the first 100 bytes as a header; give it more than that.\n";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  store = eg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT);
  g_assert_true (strstr (error->message, path) != NULL);

  after = read_bytes (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), text, strlen (text));
}

static void
test_review_log_append_only (void)
{
  g_autofree char *path = tmp_path ("log.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);

  g_assert_no_error (error);
  insert_v1_rows (_eg_store_get_db (store));

  g_assert_false (_eg_store_exec (store, "UPDATE review_log SET rating = 1", &error));
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_SQL);
  g_assert_true (strstr (error->message, "append-only") != NULL);
  g_assert_cmpint (query_int (store, "SELECT rating FROM review_log"), ==, 3);
}

static void
test_foreign_keys (void)
{
  g_autofree char *path = tmp_path ("fk.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_false (_eg_store_exec (store,
                                  "INSERT INTO card_state (card_id, due) VALUES (99, 0)",
                                  &error));
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_SQL);
}

static void
test_fts_index (void)
{
  g_autofree char *path = tmp_path ("fts.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  EgCardPart *part = g_new0 (EgCardPart, 1);
  EgNewCard card = {
    .deck_id = 1, .section_id = 1, .key = "s/1", .number = 1, .position = 0,
    .question = "Question one", .answer = "Answer with escape analysis", .parts = parts,
    .content_hash = "h",
  };

  g_assert_no_error (error);
  part->name = g_strdup ("Indepth");
  part->text = g_strdup ("deep");
  g_ptr_array_add (parts, part);
  g_assert_true (_eg_store_exec (store,
    "INSERT INTO decks (id, key, title, created, modified) VALUES (1, 'd', 'Deck', 1, 1);"
    "INSERT INTO sections (id, deck_id, key, heading, position) VALUES (1, 1, 's', 'S', 0);",
    &error));
  g_assert_cmpint (_eg_store_insert_card (store, &card, 1000, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (_eg_store_exec (store,
    "INSERT INTO annotations (card_id, kind, field, quote_exact, body, created, modified)"
    " VALUES (1, 'note', 'answer', 'escape', 'my note about heaps', 1, 1);", &error));
  g_assert_true (_eg_store_reindex_card (store, 1, &error));

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts"
                                     " WHERE cards_fts MATCH '\"escape analysis\"'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts"
                                     " WHERE cards_fts MATCH 'parts:deep'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts"
                                     " WHERE cards_fts MATCH 'annotations:heaps'"), ==, 1);

  g_assert_true (_eg_store_exec (store,
                                 "UPDATE cards SET answer = 'goroutines' WHERE id = 1;"
                                 "UPDATE annotations SET deleted = 1;"
                                 "UPDATE card_parts SET text = 'shallow';", &error));
  g_assert_true (_eg_store_reindex_card (store, 1, &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts WHERE cards_fts MATCH 'escape'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts"
                                     " WHERE cards_fts MATCH 'goroutin*'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts WHERE cards_fts MATCH 'heaps'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts"
                                     " WHERE cards_fts MATCH 'shallow'"), ==, 1);
}

/* A section's cards, whole or their ids alone, in their order; every card
 * in deck order; deleted cards left out. */
static void
test_list_cards (void)
{
  static const struct { gint64 section_id; int position; } cards[] = {
    { 2, 0 }, { 1, 2 }, { 1, 0 }, { 1, 1 }, { 2, 1 }, { 1, 3 },
  };
  static const gint64 section_1[] = { 3, 4, 2 };   /* by position; 6 is deleted */
  static const gint64 every[] = { 3, 4, 2, 1, 5 };  /* section 1 comes first */
  g_autofree char *path = tmp_path ("list.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);
  g_autoptr(GPtrArray) section = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) ids = NULL;

  g_assert_no_error (error);
  g_assert_true (_eg_store_exec (store,
    "INSERT INTO decks (id, key, title, created, modified) VALUES (1, 'd', 'Deck', 1, 1);"
    "INSERT INTO sections (id, deck_id, key, heading, position) VALUES (1, 1, 'a', 'A', 0);"
    "INSERT INTO sections (id, deck_id, key, heading, position) VALUES (2, 1, 'b', 'B', 1);",
    &error));
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autofree char *key = g_strdup_printf ("k/%u", i + 1);
      EgNewCard card = {
        .deck_id = 1, .section_id = cards[i].section_id, .key = key, .number = i + 1,
        .position = cards[i].position, .question = "Q", .answer = "A", .content_hash = "h",
      };

      g_assert_cmpint (_eg_store_insert_card (store, &card, 1000, &error), ==, i + 1);
    }
  g_assert_true (_eg_store_exec (store, "UPDATE cards SET deleted = 1 WHERE id = 6", &error));

  section = eg_store_list_cards (store, 1, &error);
  ids = eg_store_list_card_ids (store, 1, &error);
  all = eg_store_list_cards (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (section->len, ==, G_N_ELEMENTS (section_1));
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (section_1));
  for (guint i = 0; i < G_N_ELEMENTS (section_1); i++)
    {
      g_assert_cmpint (((EgCard *) g_ptr_array_index (section, i))->id, ==, section_1[i]);
      g_assert_cmpint (g_array_index (ids, gint64, i), ==, section_1[i]);
    }
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (every));
  for (guint i = 0; i < G_N_ELEMENTS (every); i++)
    g_assert_cmpint (((EgCard *) g_ptr_array_index (all, i))->id, ==, every[i]);

  g_clear_pointer (&ids, g_array_unref);
  ids = eg_store_list_card_ids (store, 3, &error);   /* no such section */
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
}

/* One card's reviews, or all, oldest first */
static void
test_list_reviews (void)
{
  static const struct { gint64 card_id; gint64 at; } log[] = {
    { 2, 300 }, { 1, 100 }, { 2, 50 }, { 1, 400 }, { 1, 200 },
  };
  static const gint64 card_1[] = { 100, 200, 400 };
  static const gint64 every[] = { 50, 100, 200, 300, 400 };
  g_autofree char *path = tmp_path ("reviews.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_no_error (error);
  g_assert_true (_eg_store_exec (store,
    "INSERT INTO decks (id, key, title, created, modified) VALUES (1, 'd', 'Deck', 1, 1);"
    "INSERT INTO sections (id, deck_id, key, heading, position) VALUES (1, 1, 's', 'S', 0);",
    &error));
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *key = g_strdup_printf ("s/%u", i);
      EgNewCard card = {
        .deck_id = 1, .section_id = 1, .key = key, .number = i, .position = i,
        .question = "Q", .answer = "A", .content_hash = "h",
      };

      g_assert_cmpint (_eg_store_insert_card (store, &card, 1, &error), ==, i);
    }
  for (guint i = 0; i < G_N_ELEMENTS (log); i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, state_after,"
        " stability_before, stability_after, difficulty_before, difficulty_after,"
        " elapsed_days, scheduled_days, due_after)"
        " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 3, 0, 2, 0, 1, 0, 5, 0, 1, 0)",
        log[i].card_id, log[i].at);

      g_assert_true (_eg_store_exec (store, sql, &error));
    }

  one = eg_store_list_reviews (store, 1, &error);
  all = eg_store_list_reviews (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, G_N_ELEMENTS (card_1));
  for (guint i = 0; i < G_N_ELEMENTS (card_1); i++)
    {
      EgReview *review = g_ptr_array_index (one, i);

      g_assert_cmpint (review->card_id, ==, 1);
      g_assert_cmpstr (review->card_key, ==, "s/1");
      g_assert_cmpint (review->reviewed_at, ==, card_1[i]);
    }
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (every));
  for (guint i = 0; i < G_N_ELEMENTS (every); i++)
    g_assert_cmpint (((EgReview *) g_ptr_array_index (all, i))->reviewed_at, ==, every[i]);
}

static void
test_settings (void)
{
  g_autofree char *path = tmp_path ("settings.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);
  g_autofree char *missing = NULL;
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  missing = eg_store_get_setting (store, "interview-date");
  g_assert_null (missing);
  g_assert_true (eg_store_set_setting (store, "interview-date", "2026-12-24", &error));
  g_assert_true (eg_store_set_setting (store, "interview-date", "2026-12-31", &error));
  value = eg_store_get_setting (store, "interview-date");
  g_assert_cmpstr (value, ==, "2026-12-31");
}

static void
test_find_errors (void)
{
  g_autofree char *path = tmp_path ("find.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);
  g_autoptr(EgCard) card = NULL;
  g_autoptr(EgSectionInfo) section = NULL;

  g_assert_no_error (error);
  insert_v1_rows (_eg_store_get_db (store));
  g_assert_true (_eg_store_exec (store,
    "INSERT INTO decks (id, key, title, created, modified) VALUES (2, 'e', 'Other', 1, 1);"
    "INSERT INTO sections (id, deck_id, key, heading, position) VALUES (2, 2, 's', 'S', 0);"
    "INSERT INTO cards (id, deck_id, section_id, key, number, position, question, answer,"
    "                   content_hash, created, modified)"
    " VALUES (2, 2, 2, 's/1', 1, 0, 'Other question', 'x', 'h', 1, 1);"
    "INSERT INTO card_state (card_id, due) VALUES (2, 0);", &error));

  card = eg_store_find_card (store, "s/1", &error);
  g_assert_null (card);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_AMBIGUOUS);
  g_clear_error (&error);

  card = eg_store_find_card (store, "e:s/1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (card->question, ==, "Other question");

  section = eg_store_find_section (store, "d:s", &error);
  g_assert_no_error (error);
  g_assert_cmpint (section->id, ==, 1);
  g_assert_cmpuint (section->n_cards, ==, 1);

  g_clear_pointer (&card, eg_card_free);
  card = eg_store_find_card (store, "s/2", &error);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  int status;

  tmpdir = eg_test_setup_dirs ("engram-test-store");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/store/open-creates", test_open_creates);
  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/migrations", test_migrations);
  g_test_add_func ("/store/too-new", test_too_new);
  g_test_add_func ("/store/not-a-database", test_not_a_database);
  g_test_add_func ("/store/review-log-append-only", test_review_log_append_only);
  g_test_add_func ("/store/foreign-keys", test_foreign_keys);
  g_test_add_func ("/store/fts-index", test_fts_index);
  g_test_add_func ("/store/list-cards", test_list_cards);
  g_test_add_func ("/store/list-reviews", test_list_reviews);
  g_test_add_func ("/store/settings", test_settings);
  g_test_add_func ("/store/find-errors", test_find_errors);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
