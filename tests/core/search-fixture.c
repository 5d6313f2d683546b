/* search-fixture.c - the collection the search tests run on: two decks
 * (tests/eg-test-store.c), scheduling states, grades and annotations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "eg-store-private.h"
#include "eg-test-store.h"
#include "eg-test-util.h"
#include "search-fixture.h"

gint64
iso (const char *text)
{
  gint64 ms = 0;

  g_assert_true (eg_time_parse_iso (text, &ms));
  return ms;
}

gint64
id_of (Fixture    *f,
       const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = eg_store_find_card (f->store, key, &error);

  g_assert_no_error (error);
  return card ? card->id : 0;
}

void
import (Fixture    *f,
        const char *name,
        const char *text,
        gint64      when)
{
  g_autofree char *path = eg_test_tmp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  report = eg_import_file (f->store, file, when, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

void
grade (Fixture      *f,
       const char   *key,
       EgFsrsRating  rating,
       gint64        when)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eg_scheduler_grade (f->scheduler, NULL, id_of (f, key), rating, when, 1000,
                                     NULL, &error));
  g_assert_no_error (error);
}

void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_eg_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

/* Pins a card's scheduling state down. */
void
set_state (Fixture    *f,
           const char *key,
           int         state,
           gint64      due,
           int         due_day,
           double      stability,
           double      difficulty,
           int         scheduled_days,
           int         reps,
           int         lapses,
           gint64      last_review)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (f->store,
    "UPDATE card_state SET state = ?2, due = ?3, due_day = ?4, stability = ?5,"
    " difficulty = ?6, scheduled_days = ?7, reps = ?8, lapses = ?9, last_review = ?10"
    " WHERE card_id = ?1", NULL);

  sqlite3_bind_int64 (stmt, 1, id_of (f, key));
  sqlite3_bind_int (stmt, 2, state);
  sqlite3_bind_int64 (stmt, 3, due);
  sqlite3_bind_int (stmt, 4, due_day);
  sqlite3_bind_double (stmt, 5, stability);
  sqlite3_bind_double (stmt, 6, difficulty);
  sqlite3_bind_int (stmt, 7, scheduled_days);
  sqlite3_bind_int (stmt, 8, reps);
  sqlite3_bind_int (stmt, 9, lapses);
  if (last_review != 0)
    sqlite3_bind_int64 (stmt, 10, last_review);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

void
annotate (Fixture    *f,
          const char *key,
          const char *kind,
          const char *body,
          gboolean    deleted)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (f->store,
    "INSERT INTO annotations (card_id, kind, field, quote_exact, body, created, modified, deleted)"
    " VALUES (?1, ?2, 'answer', '', ?3, 0, 0, ?4)", NULL);
  g_autoptr(GError) error = NULL;

  sqlite3_bind_int64 (stmt, 1, id_of (f, key));
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, deleted);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_true (_eg_store_reindex_card (f->store, id_of (f, key), &error));
  g_assert_no_error (error);
}

void
fixture_setup (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 t0 = iso ("2030-01-01T12:00:00Z");
  gint64 ids[1];
  int today;

  f->now = iso ("2030-01-11T12:00:00Z");
  f->path = eg_test_tmp_path ("search.db");
  f->store = eg_store_open (f->path, &error);
  g_assert_no_error (error);
  import (f, "a.md", eg_test_search_deck_a, t0);
  import (f, "b.md", eg_test_search_deck_b, t0);
  g_assert_true (eg_store_set_setting (f->store, "fuzz", "false", &error));
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
  f->today = today = eg_scheduler_study_day (f->scheduler, f->now);

  /* the review log: what rated: looks at */
  grade (f, "1/101", EG_FSRS_GOOD, f->now - HOUR);
  grade (f, "1/103", EG_FSRS_GOOD, f->now - 3 * DAY);
  grade (f, "9/51", EG_FSRS_AGAIN, f->now - DAY);
  grade (f, "2/203", EG_FSRS_GOOD, f->now - 2 * DAY);
  ids[0] = id_of (f, "2/203");
  g_assert_true (eg_scheduler_reset (f->scheduler, ids, 1, f->now - HOUR, &error));

  /* suspended, buried, flagged */
  ids[0] = id_of (f, "2/201");
  g_assert_true (eg_scheduler_set_suspended (f->scheduler, ids, 1, TRUE, &error));
  ids[0] = id_of (f, "2/202");
  g_assert_true (eg_scheduler_bury (f->scheduler, ids, 1, f->now - HOUR, &error));
  ids[0] = id_of (f, "1/102");
  g_assert_true (eg_scheduler_set_flag (f->scheduler, ids, 1, 3, &error));
  ids[0] = id_of (f, "9/51");
  g_assert_true (eg_scheduler_set_flag (f->scheduler, ids, 1, 1, &error));
  g_assert_no_error (error);

  /*        key      state due               due_day    S     D    ivl reps lapses last review */
  set_state (f, "1/101", 2, f->now + 8 * DAY, today + 8, 12.5, 4.0, 10, 3, 0, f->now - 2 * DAY);
  set_state (f, "1/102", 2, f->now - 2 * DAY, today - 2, 1.0, 7.5, 3, 5, 2, f->now - 5 * DAY);
  set_state (f, "1/103", 1, f->now - 5 * MINUTE, 0, 0.5, 6.0, 0, 1, 0, f->now - 10 * MINUTE);
  set_state (f, "2/201", 3, f->now + HOUR, 0, 1.0, 8.0, 0, 7, 3, f->now - DAY);
  set_state (f, "2/202", 2, f->now - 3 * HOUR, today, 40, 2.5, 30, 4, 1, f->now - 20 * DAY);
  set_state (f, "2/203", 0, t0, 0, 0, 0, 0, 0, 0, 0);
  set_state (f, "9/51", 2, f->now + DAY, today + 1, 1.5, 5.0, 1, 2, 0, f->now - DAY);
  set_state (f, "9/52", 0, t0, 0, 0, 0, 0, 0, 0, 0);
  exec_sql (f, "UPDATE cards SET modified = 1000 * (CASE key WHEN '2/202' THEN 1 WHEN '9/52' THEN 2"
               " WHEN '1/101' THEN 3 WHEN '2/201' THEN 4 WHEN '1/103' THEN 5 WHEN '9/51' THEN 6"
               " WHEN '1/102' THEN 7 ELSE 8 END)");

  annotate (f, "1/103", "note", "remember the bicycle", FALSE);
  annotate (f, "2/203", "highlight", "", FALSE);
  annotate (f, "9/52", "note", "unicorn", TRUE);
  annotate (f, "1/101", "highlight", "", TRUE);
}

void
fixture_teardown (Fixture *f)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_clear_pointer (&f->path, g_free);
}

/* The keys the query finds, space separated, or NULL on an error */
char *
search_keys (Fixture       *f,
             const char    *query,
             EgSortColumn   sort,
             gboolean       descending,
             GError       **error)
{
  g_autoptr(EgSearch) search = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) keys = g_string_new (NULL);

  if (!(search = eg_search_new (query, error)))
    return NULL;
  if (!(ids = eg_search_card_ids (f->store, search, sort, descending, f->now, error)))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(EgCard) card = eg_store_get_card (f->store, g_array_index (ids, gint64, i), NULL);

      g_string_append_printf (keys, "%s%s", i ? " " : "", card ? card->key : "?");
    }
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

void
check_sorted (Fixture      *f,
              const char   *query,
              EgSortColumn  sort,
              gboolean      descending,
              const char   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keys = search_keys (f, query, sort, descending, &error);

  g_assert_no_error (error);
  if (g_strcmp0 (keys, expected) != 0)
    g_test_fail_printf ("“%s” (sort %d%s): got “%s”, expected “%s”", query, sort,
                        descending ? " desc" : "", keys, expected);

  /* the keys read with the search, in the same order */
  {
    g_autoptr(EgSearch) search = eg_search_new (query, &error);
    g_auto(GStrv) direct = eg_search_card_keys (f->store, search, sort, descending, f->now, &error);
    g_autofree char *joined = NULL;

    g_assert_no_error (error);
    joined = g_strjoinv (" ", direct);
    if (g_strcmp0 (joined, expected) != 0)
      g_test_fail_printf ("“%s” (sort %d%s): eg_search_card_keys() gave “%s”, expected “%s”",
                          query, sort, descending ? " desc" : "", joined, expected);
  }
}

void
check (Fixture    *f,
       const char *query,
       const char *expected)
{
  check_sorted (f, query, EG_SORT_DECK_ORDER, FALSE, expected);
}

/* A syntax error that names @token and @column */
void
check_error (const char *query,
             int         column,
             const char *token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSearch) search = eg_search_new (query, &error);
  g_autofree char *where = g_strdup_printf ("at column %d", column);

  g_assert_null (search);
  g_assert_error (error, EG_SEARCH_ERROR, EG_SEARCH_ERROR_SYNTAX);
  if (error == NULL)
    return;
  if (strstr (error->message, where) == NULL || (token && strstr (error->message, token) == NULL))
    g_test_fail_printf ("“%s”: the message “%s” should name “%s” %s", query, error->message,
                        token ? token : "", where);
}
