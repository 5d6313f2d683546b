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
  /* Every migration runs from a file at the previous version, with data
   * (version 0 is a new file, which only Engram itself makes). */
  for (int from = 1; from < _eg_store_n_migrations (); from++)
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
      if (from >= 1 && from < 5)
        {
          g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store,
            "SELECT imported_hash FROM cards WHERE id = 1", &error);

          /* version 5: the text last imported starts as the card's text */
          g_assert_no_error (error);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "h");
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

/* An edited card is found by its new text, its parts and its annotations,
 * never by its old text. */
static void
test_fts_after_edit (void)
{
  g_autofree char *path = tmp_path ("fts-edit.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  EgCardPart *part = g_new0 (EgCardPart, 1);

  g_assert_no_error (error);
  insert_v1_rows (_eg_store_get_db (store));
  g_assert_true (_eg_store_reindex_card (store, 1, &error));
  part->name = g_strdup ("Indepth");
  part->text = g_strdup ("shallow copies");
  g_ptr_array_add (parts, part);

  g_assert_true (eg_store_update_card (store, 1, "Question two", "Answer about channels", parts,
                                       2000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts"
                                     " WHERE cards_fts MATCH 'answer:escape OR question:one'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts WHERE cards_fts MATCH 'deep'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts"
                                     " WHERE cards_fts MATCH 'question:two AND answer:channels"
                                     " AND parts:shallow AND parts:indepth'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts"
                                     " WHERE cards_fts MATCH 'annotations:heaps'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts"), ==, 1);
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


/* A collection with the seed deck in it, closed; its path. */
static char *
make_collection (const char *name)
{
  g_autofree char *path = tmp_path (name);
  g_autofree char *deck_path = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) deck = g_file_new_for_path (deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);
  g_autoptr(EgImportReport) report = NULL;

  g_assert_no_error (error);
  report = eg_import_file (store, deck, 1000, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static gboolean
exists (const char *path,
        const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);

  return g_file_test (name, G_FILE_TEST_EXISTS);
}

/* An empty file is never made into a new collection (it was one, once). */
static void
test_zero_length (void)
{
  g_autofree char *path = tmp_path ("truncated.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));

  for (guint i = 0; i < 2; i++)
    {
      store = eg_store_open_full (path, i ? EG_STORE_OPEN_READ : EG_STORE_OPEN_DEFAULT, &error);
      g_assert_null (store);
      g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_COLLECTION);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "empty"));
      g_clear_error (&error);
    }

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_false (exists (path, "-wal"));
  g_assert_false (exists (path, ".backups"));
}

/* Another program's SQLite database is refused and left as it is. */
static void
test_foreign_database (void)
{
  const char *schemas[] = {
    /* no application id, its own tables */
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
    "INSERT INTO notes (body) VALUES ('mine');",
    /* another program's application id */
    "PRAGMA application_id = 1234; PRAGMA user_version = 2;"
    "CREATE TABLE cards (id INTEGER PRIMARY KEY);",
    /* an empty database */
    "VACUUM;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (schemas); i++)
    {
      g_autofree char *path = tmp_path ("other-app.db");
      g_autoptr(GError) error = NULL;
      g_autoptr(EgStore) store = NULL;
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) after = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, schemas[i], NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      before = read_bytes (path);

      store = eg_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_COLLECTION);
      g_assert_nonnull (strstr (error->message, path));

      after = read_bytes (path);
      g_assert_true (g_bytes_equal (before, after));
      g_assert_false (exists (path, "-wal"));
    }
}

/* Damaged pages: refused for writing, bytes unchanged; a reader that was
 * not checked cannot write; a check finds the damage. */
static void
test_damaged (void)
{
  g_autofree char *path = make_collection ("damaged.db");
  const int pages[] = { 20, 40, 60, 80, -1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  eg_test_damage_pages (path, pages);
  before = read_bytes (path);

  store = eg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);

  /* a reader checks a file that changed since its last check */
  store = eg_store_open_full (path, EG_STORE_OPEN_READ, &error);
  g_assert_null (store);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* unchecked: readable, but no write goes through until a check passes */
  store = eg_store_open_full (path, EG_STORE_OPEN_UNCHECKED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eg_store_get_integrity (store), ==, EG_STORE_INTEGRITY_UNKNOWN);
  g_assert_false (eg_store_set_setting (store, "new-per-day", "5", &error));
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (eg_store_check (store, NULL, &error));
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_cmpint (eg_store_get_integrity (store), ==, EG_STORE_INTEGRITY_DAMAGED);
  g_assert_false (_eg_store_exec (store, "INSERT INTO settings VALUES ('x', 'y')", &error));
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "restore a backup"));
  g_clear_error (&error);
  g_clear_object (&store);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

/* A reader skips the check of a file that did not change since it passed
 * one, and checks it again once anything changed it. */
static void
test_reader_checks_changed_file (void)
{
  g_autofree char *path = make_collection ("reader.db");
  const int pages[] = { 30, -1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;

  store = eg_store_open_full (path, EG_STORE_OPEN_READ, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eg_store_get_integrity (store), ==, EG_STORE_INTEGRITY_UNKNOWN);
  g_assert_false (eg_store_set_setting (store, "new-per-day", "5", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&store);

  eg_test_damage_pages (path, pages);
  store = eg_store_open_full (path, EG_STORE_OPEN_READ, &error);
  g_assert_null (store);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT);
}

/* Every commit reaches the disk before it returns. */
static void
test_durable_commits (void)
{
  g_autofree char *path = tmp_path ("durable.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "PRAGMA synchronous"), ==, 2 /* FULL */);
  g_assert_cmpint (query_int (store, "PRAGMA application_id"), ==, 0x456e6772);
}

typedef struct
{
  const char *path;
  EgStore    *store;
  GError     *error;
} OpenJob;

static gpointer
open_thread (gpointer data)
{
  OpenJob *job = data;

  job->store = eg_store_open (job->path, &job->error);
  return NULL;
}

/* Two processes creating the same new collection: both get the one file. */
static void
test_create_race (void)
{
  for (guint round = 0; round < 20; round++)
    {
      g_autofree char *path = tmp_path ("race.db");
      OpenJob jobs[2] = { { path }, { path } };
      GThread *threads[2];

      for (guint i = 0; i < 2; i++)
        threads[i] = g_thread_new ("open", open_thread, &jobs[i]);
      for (guint i = 0; i < 2; i++)
        {
          g_thread_join (threads[i]);
          g_assert_no_error (jobs[i].error);
          g_assert_nonnull (jobs[i].store);
        }
      g_assert_true (eg_store_set_setting (jobs[0].store, "new-per-day", "7", NULL));
      {
        g_autofree char *seen = eg_store_get_setting (jobs[1].store, "new-per-day");

        g_assert_cmpstr (seen, ==, "7");
      }
      for (guint i = 0; i < 2; i++)
        g_object_unref (jobs[i].store);
    }
}

/* A log left without its collection is moved aside, not read into a new one. */
static void
test_orphan_log (void)
{
  g_autofree char *path = tmp_path ("orphan.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *base = g_path_get_basename (path);
  const char *name;
  gboolean kept = FALSE;

  g_assert_true (g_file_set_contents (wal, "not a log of this file", -1, NULL));
  store = eg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (eg_store_is_empty (store));

  dir = g_dir_open (tmpdir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, base) && strstr (name, ".set-aside-") && g_str_has_suffix (name, "-wal"))
      {
        g_autofree char *aside = g_build_filename (tmpdir, name, NULL);
        g_autofree char *text = NULL;

        g_assert_true (g_file_get_contents (aside, &text, NULL, NULL));
        g_assert_cmpstr (text, ==, "not a log of this file");
        kept = TRUE;
      }
  g_assert_true (kept);
}

/* A schema upgrade is preceded by a backup of the collection as it was. */
static void
test_upgrade_backs_up (void)
{
  g_autofree char *path = tmp_path ("old.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  EgBackupInfo *backup;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_eg_store_migrate_db (db, 3, &error));
  insert_v1_rows (db);
  sqlite3_close (db);

  store = eg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eg_store_get_schema_version (store), ==, EG_STORE_SCHEMA_VERSION);

  backups = eg_backup_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = g_ptr_array_index (backups, 0);
  g_assert_cmpint (backup->reason, ==, EG_BACKUP_REASON_UPGRADE);
  g_assert_cmpint (backup->cards, ==, 1);
  g_assert_cmpint (backup->reviews, ==, 1);

  g_assert_cmpint (sqlite3_open_v2 (backup->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (_eg_store_read_user_version (db), ==, 3);
  sqlite3_close (db);
}

/* Errors name the file and say what is wrong in a person's words. */
static void
test_error_words (void)
{
  g_autofree char *path = make_collection ("words.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open (path, &error);
  g_autoptr(EgStore) other = eg_store_open (path, &error);
  g_autoptr(GString) big = g_string_new (NULL);
  sqlite3 *db;

  g_assert_no_error (error);

  /* another program writing */
  g_assert_true (_eg_store_exec (other, "BEGIN IMMEDIATE", &error));
  sqlite3_busy_timeout (_eg_store_get_db (store), 50);
  g_assert_false (eg_store_set_setting (store, "new-per-day", "5", &error));
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_BUSY);
  g_clear_error (&error);
  /* a change that must not wait fails at once */
  eg_store_set_write_timeout (store, 0);
  {
    gint64 start = g_get_monotonic_time ();

    g_assert_false (_eg_store_begin (store, &error));
    g_assert_cmpint (g_get_monotonic_time () - start, <, 1000000);
  }
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "another program is writing"));
  g_clear_error (&error);
  g_assert_true (_eg_store_exec (other, "ROLLBACK", &error));

  /* a full disk: the file may not grow */
  db = _eg_store_get_db (store);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < 100000; i++)
    g_string_append (big, "0123456789");
  g_assert_false (eg_store_set_setting (store, "big", big->str, &error));
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "is full"));
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
  g_test_add_func ("/store/fts-after-edit", test_fts_after_edit);
  g_test_add_func ("/store/list-cards", test_list_cards);
  g_test_add_func ("/store/list-reviews", test_list_reviews);
  g_test_add_func ("/store/settings", test_settings);
  g_test_add_func ("/store/find-errors", test_find_errors);
  g_test_add_func ("/store/zero-length", test_zero_length);
  g_test_add_func ("/store/foreign-database", test_foreign_database);
  g_test_add_func ("/store/damaged", test_damaged);
  g_test_add_func ("/store/reader-checks-changed-file", test_reader_checks_changed_file);
  g_test_add_func ("/store/durable-commits", test_durable_commits);
  g_test_add_func ("/store/create-race", test_create_race);
  g_test_add_func ("/store/orphan-log", test_orphan_log);
  g_test_add_func ("/store/upgrade-backs-up", test_upgrade_backs_up);
  g_test_add_func ("/store/error-words", test_error_words);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
