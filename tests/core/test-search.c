/* test-search.c - the card search: query language, filters, sorting, safety
 *
 * Every test builds the same small collection: two decks of 8 cards, states
 * set by grading, suspending, burying and flagging through the scheduler
 * and then pinned down by SQL, and a few annotations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "eg-core.h"
#include "eg-search-private.h"
#include "eg-store-private.h"
#include "eg-test-store.h"
#include "eg-test-util.h"

#define MINUTE (60 * G_GINT64_CONSTANT (1000))
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

#define ALL_KEYS "1/101 1/102 1/103 2/201 2/202 2/203 9/51 9/52"

typedef struct
{
  char        *path;
  EgStore     *store;
  EgScheduler *scheduler;
  gint64       now;
  int          today;
} Fixture;

static gint64
iso (const char *text)
{
  gint64 ms = 0;

  g_assert_true (eg_time_parse_iso (text, &ms));
  return ms;
}

static gint64
id_of (Fixture    *f,
       const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = eg_store_find_card (f->store, key, &error);

  g_assert_no_error (error);
  return card ? card->id : 0;
}

static void
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

static void
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

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_eg_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

/* Pins a card's scheduling state down. */
static void
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

static void
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

static void
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

static void
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
static char *
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

static void
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

static void
check (Fixture    *f,
       const char *query,
       const char *expected)
{
  check_sorted (f, query, EG_SORT_DECK_ORDER, FALSE, expected);
}

/* A syntax error that names @token and @column */
static void
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

static void
test_blank (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  check (&f, NULL, ALL_KEYS);
  check (&f, "", ALL_KEYS);
  check (&f, "  \t ", ALL_KEYS);
  /* white space of any kind (found by fuzz-search: a vertical tab was
   * blank to the query but a word to its parser, so that "\v" found every
   * card and "-(\v)" too; a no-break space was a syntax error) */
  check (&f, "\v", ALL_KEYS);
  check (&f, " \v\f\r\n", ALL_KEYS);
  check (&f, "\u00a0\u2003", ALL_KEYS);
  check (&f, "escape\vanalysis", "1/101 2/201 2/202");
  check_error ("-(\v)", 2, NULL);
  check_error ("-(\u00a0)", 2, NULL);
  fixture_teardown (&f);
}

static void
test_text (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  /* words: question, answer, parts (2/202's Indepth) and annotations */
  check (&f, "escape", "1/101 2/201 2/202 9/52");
  check (&f, "ESCAPE", "1/101 2/201 2/202 9/52");
  check (&f, "escape analysis", "1/101 2/201 2/202");
  check (&f, "escape AND analysis", "1/101 2/201 2/202");
  check (&f, "escapes", "1/101");
  check (&f, "bicycle", "1/103");
  check (&f, "unicorn", "");   /* a deleted note */
  check (&f, "nothing-like-this", "");
  /* prefix and phrase */
  check (&f, "analys", "");
  check (&f, "analys*", "1/101 2/201 2/202");
  check (&f, "\"escape analysis\"", "1/101 2/202");
  check (&f, "\"escape anal\"*", "1/101 2/202");
  check (&f, "\"analysis comes\"", "2/201");
  check (&f, "fmt.Println", "");
  check (&f, "GOMAXPROCS", "1/103");
  /* diacritics either way */
  check (&f, "cafe", "1/102");
  check (&f, "café", "1/102");
  check (&f, "CAFÉ", "1/102");
  check (&f, "crème", "");
  /* no letters or digits: a substring of the question or answer */
  check (&f, "--", "1/103");
  check (&f, "=>", "1/103");
  check (&f, "€", "1/102");
  check (&f, "{}", "2/202");
  check (&f, "\"--\"", "1/103");
  check (&f, ";", "1/102 2/201 2/203");
  fixture_teardown (&f);
}

static void
test_boolean (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  check (&f, "zebra OR sky", "2/203 9/51");
  check (&f, "zebra OR sky OR heap", "1/101 2/203 9/51 9/52");
  check (&f, "escape -analysis", "9/52");
  check (&f, "-escape", "1/102 1/103 2/203 9/51");
  check (&f, "-escape -zebra", "1/102 1/103 9/51");
  check (&f, "-\"escape analysis\"", "1/102 1/103 2/201 2/203 9/51 9/52");
  check (&f, "(zebra OR sky) -is:new", "9/51");
  check (&f, "is:review escape", "1/101 2/201 2/202");
  check (&f, "is:new OR flag:3", "1/102 2/203 9/52");
  check (&f, "-(is:new OR is:review)", "1/103");
  check (&f, "-(-(is:new))", "2/203 9/52");
  check (&f, "section:2 -is:suspended", "2/202 2/203");
  check (&f, "(escape OR zebra) (section:2 OR deck:other)", "2/201 2/202 2/203 9/52");
  check (&f, "escape OR is:suspended OR --", "1/101 1/103 2/201 2/202 9/52");
  check (&f, "(escape analysis) OR (sky AND blue)", "1/101 2/201 2/202 9/51");
  check (&f, "((((escape))))", "1/101 2/201 2/202 9/52");
  check (&f, "escape and analysis", "");   /* "and" is a word, in none of them */
  check (&f, "is:review -escape OR is:new", "1/102 2/203 9/51 9/52");
  fixture_teardown (&f);
}

static void
test_filters (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  check (&f, "is:new", "2/203 9/52");
  check (&f, "is:learn", "1/103 2/201");
  check (&f, "is:review", "1/101 1/102 2/201 2/202 9/51");
  check (&f, "is:due", "1/102 1/103 2/203 9/52");   /* new cards within the limit too */
  check (&f, "is:suspended", "2/201");
  check (&f, "is:buried", "2/202");
  check (&f, "is:flagged", "1/102 9/51");
  check (&f, "IS:DUE", "1/102 1/103 2/203 9/52");
  check (&f, "flag:3", "1/102");
  check (&f, "flag:1", "9/51");
  check (&f, "flag:0", "1/101 1/103 2/201 2/202 2/203 9/52");
  check (&f, "flag:7", "");

  check (&f, "section:1", "1/101 1/102 1/103");   /* a key, though "201" has a 1 */
  check (&f, "section:0", "1/101 1/102 1/103 2/201 2/202 2/203");   /* no key: headings */
  check (&f, "section:9", "9/51 9/52");
  check (&f, "section:basics", "1/101 1/102 1/103");
  check (&f, "section:BÄSICS", "1/101 1/102 1/103");
  check (&f, "section:\"go internals\"", "2/201 2/202 2/203");
  check (&f, "section:\"Go  Internals & Runtime\"", "2/201 2/202 2/203");
  check (&f, "section:runtime", "2/201 2/202 2/203");
  check (&f, "section:go", "1/101 1/102 1/103 2/201 2/202 2/203");
  check (&f, "section:internals*", "");
  check (&f, "section:*internals*", "2/201 2/202 2/203");
  check (&f, "section:2*", "2/201 2/202 2/203");
  check (&f, "section:*", ALL_KEYS);
  check (&f, "section:x", "");
  check (&f, "deck:other", "9/51 9/52");
  check (&f, "deck:search-deck", "1/101 1/102 1/103 2/201 2/202 2/203");
  check (&f, "deck:\"Other Notes\"", "9/51 9/52");
  check (&f, "deck:notes", "9/51 9/52");
  check (&f, "deck:*deck", "1/101 1/102 1/103 2/201 2/202 2/203");
  check (&f, "deck:deck", "1/101 1/102 1/103 2/201 2/202 2/203");

  check (&f, "rated:1", "1/101");
  check (&f, "rated:2", "1/101 9/51");
  check (&f, "rated:3", "1/101 2/203 9/51");
  check (&f, "rated:4", "1/101 1/103 2/203 9/51");
  check (&f, "rated:365", "1/101 1/103 2/203 9/51");

  check (&f, "has:note", "1/103");
  check (&f, "has:highlight", "2/203");
  check (&f, "has:Note", "1/103");
  fixture_teardown (&f);
}

static void
test_props (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  check (&f, "prop:ivl>5", "1/101 2/202");
  check (&f, "prop:ivl>=3", "1/101 1/102 2/202");
  check (&f, "prop:ivl<1", "1/103 2/201");
  check (&f, "prop:ivl<=1", "1/103 2/201 9/51");
  check (&f, "prop:ivl=1", "9/51");
  check (&f, "prop:ivl!=0", "1/101 1/102 2/202 9/51");
  check (&f, "prop:ivl>2.5", "1/101 1/102 2/202");
  check (&f, "prop:due<=0", "1/102 1/103 2/201 2/202");
  check (&f, "prop:due<0", "1/102");
  check (&f, "prop:due=1", "9/51");
  check (&f, "prop:due>1", "1/101");
  check (&f, "prop:due>=-2", "1/101 1/102 1/103 2/201 2/202 9/51");
  check (&f, "prop:s>10", "1/101 2/202");
  check (&f, "prop:s<=1", "1/102 1/103 2/201");
  check (&f, "prop:s>1.2", "1/101 2/202 9/51");
  check (&f, "prop:d<5", "1/101 2/202");
  check (&f, "prop:d>=7.5", "1/102 2/201");
  check (&f, "prop:reps>3", "1/102 2/201 2/202");
  check (&f, "prop:reps=0", "2/203 9/52");
  check (&f, "prop:lapses>=2", "1/102 2/201");
  check (&f, "prop:lapses>0", "1/102 2/201 2/202");
  check (&f, "prop:LAPSES>0", "1/102 2/201 2/202");
  /* retrievability: 1/102 0.76, 2/201 0.90, 9/51 0.93, 2/202 0.94, 1/101 0.98, 1/103 1 */
  check (&f, "prop:r<0.8", "1/102");
  check (&f, "prop:r<0.95", "1/102 2/201 2/202 9/51");
  check (&f, "prop:r>=0.95", "1/101 1/103");
  check (&f, "prop:r>=0", "1/101 1/102 1/103 2/201 2/202 9/51");
  check (&f, "-prop:r>=0", "2/203 9/52");
  check (&f, "prop:r<0.95 prop:ivl>5", "2/202");
  fixture_teardown (&f);
}

static void
test_sort (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  check_sorted (&f, NULL, EG_SORT_DECK_ORDER, TRUE, "9/52 9/51 2/203 2/202 2/201 1/103 1/102 1/101");
  check_sorted (&f, NULL, EG_SORT_NUMBER, FALSE, "9/51 9/52 1/101 1/102 1/103 2/201 2/202 2/203");
  check_sorted (&f, NULL, EG_SORT_NUMBER, TRUE, "2/203 2/202 2/201 1/103 1/102 1/101 9/52 9/51");
  /* apple, how, tricky, what is a heap, what is an escape, what is escape, where, why */
  check_sorted (&f, NULL, EG_SORT_QUESTION, FALSE, "2/203 1/103 2/202 9/52 2/201 1/101 1/102 9/51");
  check_sorted (&f, NULL, EG_SORT_QUESTION, TRUE, "9/51 1/102 1/101 2/201 9/52 2/202 1/103 2/203");
  /* ties stay in deck order either way */
  check_sorted (&f, NULL, EG_SORT_SECTION, FALSE, ALL_KEYS);
  check_sorted (&f, NULL, EG_SORT_SECTION, TRUE, "9/51 9/52 2/201 2/202 2/203 1/101 1/102 1/103");
  /* new cards last either way */
  check_sorted (&f, NULL, EG_SORT_DUE, FALSE, "1/102 2/202 1/103 2/201 9/51 1/101 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_DUE, TRUE, "1/101 9/51 2/201 1/103 2/202 1/102 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_INTERVAL, FALSE, "1/103 2/201 9/51 1/102 1/101 2/202 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_STABILITY, TRUE, "2/202 1/101 9/51 1/102 2/201 1/103 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_STABILITY, FALSE, "1/103 1/102 2/201 9/51 1/101 2/202 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_DIFFICULTY, FALSE, "2/202 1/101 9/51 1/103 1/102 2/201 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_RETRIEVABILITY, FALSE,
                "1/102 2/201 9/51 2/202 1/101 1/103 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_RETRIEVABILITY, TRUE,
                "1/103 1/101 2/202 9/51 2/201 1/102 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_REVIEWS, FALSE, "2/203 9/52 1/103 9/51 1/101 2/202 1/102 2/201");
  check_sorted (&f, NULL, EG_SORT_LAPSES, FALSE, "1/101 1/103 2/203 9/51 9/52 2/202 1/102 2/201");
  check_sorted (&f, NULL, EG_SORT_LAPSES, TRUE, "2/201 1/102 2/202 1/101 1/103 2/203 9/51 9/52");
  check_sorted (&f, NULL, EG_SORT_FLAG, FALSE, "1/101 1/103 2/201 2/202 2/203 9/52 9/51 1/102");
  check_sorted (&f, NULL, EG_SORT_FLAG, TRUE, "1/102 9/51 1/101 1/103 2/201 2/202 2/203 9/52");
  check_sorted (&f, NULL, EG_SORT_MODIFIED, FALSE, "2/202 9/52 1/101 2/201 1/103 9/51 1/102 2/203");
  check_sorted (&f, NULL, EG_SORT_MODIFIED, TRUE, "2/203 1/102 9/51 1/103 2/201 1/101 9/52 2/202");
  /* a filtered sort */
  check_sorted (&f, "escape", EG_SORT_QUESTION, FALSE, "2/202 9/52 2/201 1/101");
  check_sorted (&f, "escape", EG_SORT_QUESTION, TRUE, "1/101 2/201 9/52 2/202");
  check_sorted (&f, "is:review", EG_SORT_DUE, TRUE, "1/101 9/51 2/201 2/202 1/102");
  fixture_teardown (&f);
}

typedef struct
{
  int         number;
  const char *folded;
} Question;

static int
compare_questions (gconstpointer a,
                   gconstpointer b)
{
  const Question *x = a, *y = b;
  int c = strcmp (x->folded, y->folded);

  return c != 0 ? c : x->number - y->number;
}

/* Sorting by question compares whole texts, also many that share a long
 * beginning, and keeps equal ones in deck order.
 */
static void
test_sort_long_texts (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) deck = g_string_new ("# Long Questions\n\n## From 7 Long\n\n# Long\n\n");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) reversed = g_string_new (NULL);
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  Question questions[700];
  const guint n = G_N_ELEMENTS (questions);

  fixture_setup (&f);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) tail = g_string_new (NULL);
      int length = g_rand_int_range (rand, 0, 40);

      for (int j = 0; j < length; j++)
        g_string_append_c (tail, "aAb "[g_rand_int_range (rand, 0, 4)]);
      g_strchomp (tail->str);
      g_string_append_printf (deck, "### %u. **The** same `long` beginning of more than "
                              "forty characters: %s\nA.\n\n---\n\n", i + 1, tail->str);
      g_ptr_array_add (folded, g_ascii_strdown (tail->str, -1));
      questions[i] = (Question) { i + 1, NULL };
    }
  import (&f, "long.md", deck->str, f.now);

  for (guint i = 0; i < n; i++)
    questions[i].folded = g_ptr_array_index (folded, i);
  qsort (questions, n, sizeof (Question), compare_questions);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (expected, "%s7/%d", i ? " " : "", questions[i].number);
  /* descending: the same groups of equal texts in reverse, each in deck order */
  for (guint i = n; i > 0;)
    {
      guint start = i - 1;

      while (start > 0 && strcmp (questions[start - 1].folded, questions[i - 1].folded) == 0)
        start--;
      for (guint j = start; j < i; j++)
        g_string_append_printf (reversed, "%s7/%d", reversed->len ? " " : "",
                                questions[j].number);
      i = start;
    }

  check_sorted (&f, "deck:long", EG_SORT_QUESTION, FALSE, expected->str);
  check_sorted (&f, "deck:long", EG_SORT_QUESTION, TRUE, reversed->str);
  fixture_teardown (&f);
}

static void
test_deleted (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  exec_sql (&f, "UPDATE cards SET deleted = 1 WHERE key = '9/52'");
  check (&f, NULL, "1/101 1/102 1/103 2/201 2/202 2/203 9/51");
  check (&f, "heap", "1/101");
  check (&f, "is:new", "2/203");
  check (&f, "-escape", "1/102 1/103 2/203 9/51");
  check_sorted (&f, NULL, EG_SORT_QUESTION, FALSE, "2/203 1/103 2/202 2/201 1/101 1/102 9/51");
  fixture_teardown (&f);
}

static void
test_syntax_errors (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) many = g_string_new (NULL);

  check_error ("foo:bar", 1, "“foo:”");
  check_error ("escape Foo:x", 8, "“Foo:”");
  check_error ("col:foo", 1, "“col:”");
  check_error ("café \"abc", 6, "“\"”");
  check_error ("\" OR 1=1 --", 1, "never closed");
  check_error ("section:\"Go", 9, "never closed");
  check_error ("a OR", 3, "“OR”");
  check_error ("OR a", 1, "“OR”");
  check_error ("a OR OR b", 3, "“OR”");
  check_error ("(a OR) b", 4, "“OR”");
  check_error ("a AND", 3, "“AND”");
  check_error ("AND a", 1, "“AND”");
  check_error ("a AND OR b", 3, "“AND”");
  check_error ("(a b", 1, "“(”");
  check_error ("((a) b", 1, "“(”");
  check_error ("a b)", 4, "“)”");
  check_error (")", 1, "“)”");
  check_error ("()", 1, "Empty parentheses");
  check_error ("- a", 1, "“-”");
  check_error ("a -", 3, "“-”");
  check_error ("(a -)", 4, "“-”");
  check_error ("-OR a", 1, "“-”");
  check_error ("\"\"", 1, "Empty phrase");
  check_error ("is:soon", 4, "“soon”");
  check_error ("is:", 1, "“is:”");
  check_error ("has:x", 5, "“x”");
  check_error ("flag:8", 6, "“8”");
  check_error ("flag:-1", 6, "“-1”");
  check_error ("flag:1.0", 6, "“1.0”");
  check_error ("rated:0", 7, "“0”");
  check_error ("rated:x", 7, "“x”");
  check_error ("rated:36501", 7, "“36501”");
  check_error ("section:", 1, "“section:”");
  check_error ("section:\"\"", 1, "“section:”");
  check_error ("section:🟢", 1, "names nothing");
  check_error ("question:escape", 1, "“question:”");
  check_error ("prop:foo>1", 6, "“foo”");
  check_error ("prop:ivl", 9, "prop:ivl");
  check_error ("prop:ivl=>1", 10, "“>1”");
  check_error ("prop:ivl>x", 10, "“x”");
  check_error ("prop:ivl>", 10, "“”");
  check_error ("prop:r<0.8.1", 8, "“0.8.1”");
  check_error ("prop:ivl>1e9", 10, "“1e9”");
  check_error ("prop:>1", 6, "“>1”");
  check_error ("prop:ivl>1; DROP TABLE x", 10, "“1;”");

  for (int i = 0; i < 40; i++)
    g_string_append_c (deep, '(');
  g_string_append (deep, "a");
  check_error (deep->str, 33, "levels deep");
  for (int i = 0; i < 300; i++)
    g_string_append (many, "w ");
  g_assert_null (eg_search_new (many->str, NULL));
}

static guint
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return G_MAXUINT;
  return sqlite3_column_int (stmt, 0);
}

static void
test_injection (void)
{
  static const char *tables[] = {
    "decks", "sections", "cards", "card_parts", "card_state", "review_log", "annotations",
    "settings", "cards_fts", "sqlite_master",
  };
  static const char *queries[] = {
    "'; DROP TABLE cards; --",
    "\" OR 1=1 --",
    "' OR '1'='1",
    "1) OR (1=1",
    "section:'; DELETE FROM cards",
    "section:\"'; DELETE FROM cards; --\"",
    "deck:x' OR 1=1 --",
    "prop:ivl>1; DROP TABLE x",
    "prop:ivl>1 OR 1=1",
    "flag:1; DELETE FROM cards",
    "rated:1) OR (1=1",
    "NEAR(a b)",
    "NEAR(escape analysis, 2)",
    "col:foo",
    "question:escape",
    "cards_fts:escape",
    "^a",
    "*",
    "**",
    "a NOT b",
    "escape + analysis",
    "\"escape\" \"",
    "x\"y",
    "\"a\"\"b\"",
    "; ATTACH DATABASE '/tmp/evil.db' AS evil; --",
    "%",
    "_",
    "\\",
    "?1",
    ":name",
    "@x $y",
    "NULL",
    "escape*analysis*",
    "-*",
    "--*",
  };
  Fixture f = { 0 };
  guint before[G_N_ELEMENTS (tables)];

  fixture_setup (&f);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    before[t] = count_rows (&f, tables[t]);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EgSearch) search = eg_search_new (queries[q], &error);
      g_autoptr(GArray) ids = NULL;

      if (search == NULL)
        {
          g_assert_error (error, EG_SEARCH_ERROR, EG_SEARCH_ERROR_SYNTAX);
          continue;
        }
      ids = eg_search_card_ids (f.store, search, EG_SORT_QUESTION, FALSE, f.now, &error);
      if (error != NULL)
        g_test_fail_printf ("“%s”: %s", queries[q], error->message);
      g_assert_nonnull (ids);
    }

  /* text, not SQL or FTS5 syntax */
  check (&f, "1=1", "");
  check (&f, "NEAR(escape analysis)", "");
  check (&f, "NOT escape", "9/52");   /* the word "not" */
  check (&f, "^escape", "1/101 2/201 2/202 9/52");

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    if (count_rows (&f, tables[t]) != before[t])
      g_test_fail_printf ("%s had %u rows, now %u", tables[t], before[t],
                          count_rows (&f, tables[t]));
  fixture_teardown (&f);
}

/* Random garbage never crashes, and fails only as a syntax error. */
static void
test_garbage (void)
{
  static const char *pieces[] = {
    " ", " ", " ", "(", ")", "\"", "-", "*", ":", "OR", "AND", "and", "is:", "prop:", "section:",
    "deck:", "flag:", "rated:", "has:", "due", "new", "r", "ivl", "<", "<=", ">", "=", "!=",
    "0", "1", "0.5", "-3", "escape", "café", "🟢", "é", "'", ";", "--", "\\", "\t", "NEAR",
    "^", "{", "}", "%", "_", "\xff", "\xc3", "x",
  };
  Fixture f = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20300111);
  guint n_ok = 0, n_errors = 0;

  fixture_setup (&f);
  for (int i = 0; i < 1000; i++)
    {
      g_autoptr(GString) query = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(EgSearch) search = NULL;
      int length = g_rand_int_range (rand, 0, 24);

      for (int j = 0; j < length; j++)
        g_string_append (query, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      search = eg_search_new (query->str, &error);
      if (search == NULL)
        {
          g_assert_error (error, EG_SEARCH_ERROR, EG_SEARCH_ERROR_SYNTAX);
          g_assert_true (error == NULL || strlen (error->message) > 10);
          n_errors++;
          continue;
        }
      for (int sort = EG_SORT_DECK_ORDER; sort <= EG_SORT_MODIFIED; sort += 4)
        {
          g_autoptr(GArray) ids = eg_search_card_ids (f.store, search, sort, i % 2, f.now,
                                                      &error);

          if (ids == NULL)
            g_test_fail_printf ("“%s”: %s", query->str, error ? error->message : "?");
          g_clear_error (&error);
        }
      n_ok++;
    }
  g_test_message ("%u queries ran, %u were syntax errors", n_ok, n_errors);
  g_assert_cmpuint (n_ok, >, 100);
  g_assert_cmpuint (n_errors, >, 100);
  g_assert_cmpuint (count_rows (&f, "cards"), ==, 8);
  fixture_teardown (&f);
}

/* eg_retrievability() in SQL is eg_fsrs_retrievability() with the collection's
 * parameters (here the defaults), also for stabilities that are not rounded
 * to 8 decimals.
 */
static void
test_retrievability_function (void)
{
  Fixture f = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  EgFsrsParams params;

  fixture_setup (&f);
  g_free (search_keys (&f, "prop:r<2", EG_SORT_DECK_ORDER, FALSE, NULL));   /* registers it */
  stmt = _eg_store_prepare (f.store, "SELECT eg_retrievability (?1, ?2, ?3)", NULL);
  g_assert_nonnull (stmt);
  eg_fsrs_params_init_default (&params);

  for (int i = 0; i < 20000; i++)
    {
      EgFsrsCard card;
      double s;
      double expected;
      gint64 last = f.now - g_rand_int_range (rand, 0, 400) * DAY - g_rand_int_range (rand, 0, DAY);

      switch (i % 4)
        {
        case 0:
          s = eg_fsrs_round8 (g_rand_double_range (rand, 0.001, 36500));
          break;
        case 1:
          s = g_rand_double_range (rand, 0, 100);
          break;
        case 2:
          s = g_rand_int_range (rand, 1, 1000) / 3.0;
          break;
        default:
          s = g_rand_int_range (rand, 0, 200000) / 1e8 + 0.000000005;
          break;
        }
      eg_fsrs_card_init_new (&card, 0);
      card.state = EG_FSRS_STATE_REVIEW;
      card.stability = s;
      card.last_review = last;
      expected = eg_fsrs_retrievability (&params, &card, f.now);

      sqlite3_reset (stmt);
      sqlite3_bind_double (stmt, 1, s);
      sqlite3_bind_int64 (stmt, 2, last);
      sqlite3_bind_int64 (stmt, 3, f.now);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (sqlite3_column_double (stmt, 0) != expected)
        {
          g_test_fail_printf ("S = %.17g: %.17g, expected %.17g", s,
                              sqlite3_column_double (stmt, 0), expected);
          break;
        }
    }
  fixture_teardown (&f);
}

/* With the collection's own FSRS weights, prop:r and the sort by
 * retrievability use the same retrievability as the scheduler (which the
 * library's table shows), not the default model's.
 */
static void
test_retrievability_settings (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GString) by_r = g_string_new (NULL);
  EgSchedulerSettings settings;
  const EgFsrsParams *params;
  double r[8];
  guint n = 0;

  fixture_setup (&f);
  eg_scheduler_settings_init (&settings);
  g_assert_true (eg_scheduler_settings_load (&settings, f.store, &error));
  settings.weights[20] = 0.6;   /* a steeper forgetting curve than the default 0.1542 */
  g_assert_true (eg_scheduler_set_settings (f.scheduler, &settings, &error));
  g_assert_no_error (error);
  eg_scheduler_settings_clear (&settings);
  params = eg_scheduler_get_params (f.scheduler);

  /* the reviewed cards in deck order, with the scheduler's retrievability */
  cards = eg_store_list_cards (f.store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cards->len; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);
      EgFsrsCard fsrs;

      if (card->state.state == EG_FSRS_STATE_NEW)
        continue;
      eg_card_state_to_fsrs (&card->state, &fsrs);
      r[n++] = eg_fsrs_retrievability (params, &fsrs, f.now);
      g_assert_cmpuint (n, <=, G_N_ELEMENTS (r));
    }

  /* prop:r<X finds exactly the cards whose retrievability is below X */
  for (guint i = 0; i < n; i++)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *query = g_strdup_printf ("prop:r<%s",
                                                g_ascii_dtostr (number, sizeof number, r[i]));
      g_autoptr(GString) expected = g_string_new (NULL);

      for (guint c = 0, k = 0; c < cards->len; c++)
        {
          EgCard *card = g_ptr_array_index (cards, c);

          if (card->state.state == EG_FSRS_STATE_NEW)
            continue;
          if (r[k++] < r[i])
            g_string_append_printf (expected, "%s%s", expected->len ? " " : "", card->key);
        }
      check (&f, query, expected->str);
    }

  /* and the sort by retrievability is the scheduler's order, new cards
   * last (a selection sort: r[k] is -1 once card k is placed) */
  for (guint done = 0; done < n; done++)
    {
      guint best = G_MAXUINT;

      for (guint k = 0; k < n; k++)
        if (r[k] >= 0 && (best == G_MAXUINT || r[k] < r[best]))
          best = k;
      for (guint c = 0, k = 0; c < cards->len; c++)
        {
          EgCard *card = g_ptr_array_index (cards, c);

          if (card->state.state == EG_FSRS_STATE_NEW)
            continue;
          if (k++ == best)
            g_string_append_printf (by_r, "%s%s", by_r->len ? " " : "", card->key);
        }
      r[best] = -1;
    }
  g_string_append (by_r, " 2/203 9/52");
  check_sorted (&f, "", EG_SORT_RETRIEVABILITY, FALSE, by_r->str);
  fixture_teardown (&f);
}

/* A search runs inside the caller's transaction, and without one in its own. */
static void
test_transactions (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  g_assert_true (_eg_store_begin (f.store, NULL));
  exec_sql (&f, "UPDATE cards SET flag = 5 WHERE key = '9/52'");
  check (&f, "flag:5", "9/52");
  _eg_store_rollback (f.store);
  check (&f, "flag:5", "");
  g_assert_true (sqlite3_get_autocommit (_eg_store_get_db (f.store)));
  fixture_teardown (&f);
}

/* Cards found by id (full text, rated:, has:) are looked up in the index
 * cards_by_id alone, never in the rows with their text, unless the text is
 * wanted: to sort by question or to find a literal.  A full-text query ANDed
 * with the rest is a join, the full-text index first, unless due or
 * learning cards are asked for.  deck: looks up the rows one by one only
 * when it reads them anyway.  Other searches are left to SQLite's planner.
 *
 * These are the search's own decisions, read from the statement it builds
 * (INDEXED BY makes SQLite use the index or fail), and every case must
 * find the same cards as without them.  What SQLite's planner makes of the
 * statement is not compared as text: test_index_use() measures it.
 */
typedef enum
{
  LOOKUP_JOIN,     /* the full-text matches joined with cards_by_id */
  LOOKUP_BY_ID,    /* cards_by_id, no join */
  LOOKUP_ROWS,     /* not through cards_by_id, which lacks the text */
  LOOKUP_NO_DECK,  /* deck: not through (deck_id, key), a look-up of the row per card */
  LOOKUP_DECK,     /* deck: through (deck_id, key): the rows are read anyway */
  LOOKUP_PLANNER,  /* neither a join nor an index forced */
} Lookup;

static const struct
{
  const char   *query;
  EgSortColumn  sort;
  Lookup        lookup;
  const char   *keys;
} plan_cases[] = {
  { "escape analysis", EG_SORT_DECK_ORDER, LOOKUP_JOIN, "1/101 2/201 2/202" },
  { "escape is:review", EG_SORT_DUE, LOOKUP_JOIN, "2/202 2/201 1/101" },
  { "goroutines is:due", EG_SORT_DUE, LOOKUP_BY_ID, "1/103" },   /* through card_state */
  { "is:learn escape -stack", EG_SORT_NUMBER, LOOKUP_BY_ID, "2/201" },
  { "section:1 escap* -goroutine", EG_SORT_NUMBER, LOOKUP_JOIN, "1/101" },
  { "rated:30 is:flagged", EG_SORT_MODIFIED, LOOKUP_BY_ID, "9/51" },
  { "has:note", EG_SORT_SECTION, LOOKUP_BY_ID, "1/103" },
  { "(escape OR scheduler) prop:r<0.95", EG_SORT_RETRIEVABILITY, LOOKUP_JOIN, "2/201 2/202" },
  { "(escape OR is:new) rated:7", EG_SORT_REVIEWS, LOOKUP_BY_ID, "2/203 1/101" },
  { "escape analysis", EG_SORT_QUESTION, LOOKUP_ROWS, "2/202 2/201 1/101" },
  { "goroutines \"=>\"", EG_SORT_DECK_ORDER, LOOKUP_ROWS, "1/103" },   /* "=>": a literal */
  { "is:new", EG_SORT_DECK_ORDER, LOOKUP_PLANNER, "2/203 9/52" },
  { "-escape", EG_SORT_DECK_ORDER, LOOKUP_PLANNER, "1/102 1/103 2/203 9/51" },
  { "escape OR is:new", EG_SORT_FLAG, LOOKUP_PLANNER, "1/101 2/201 2/202 2/203 9/52" },
  { "", EG_SORT_DECK_ORDER, LOOKUP_PLANNER, ALL_KEYS },
  { "deck:*", EG_SORT_DECK_ORDER, LOOKUP_NO_DECK, ALL_KEYS },
  { "is:suspended deck:*", EG_SORT_FLAG, LOOKUP_NO_DECK, "2/201" },
  { "is:suspended deck:*", EG_SORT_QUESTION, LOOKUP_DECK, "2/201" },
};

static void
test_plans (void)
{
  Fixture f = { 0 };

  fixture_setup (&f);
  for (guint i = 0; i < G_N_ELEMENTS (plan_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EgSearch) search = eg_search_new (plan_cases[i].query, &error);

      g_assert_no_error (error);
      for (int with_keys = 0; with_keys < 2; with_keys++)
        {
          g_autofree char *sql = _eg_store_search_statement (search, plan_cases[i].sort,
                                                             with_keys);
          gboolean join = strstr (sql, " FROM cards_fts f JOIN cards c ") != NULL;
          gboolean by_id = strstr (sql, " INDEXED BY cards_by_id ") != NULL;
          gboolean ok;

          switch (plan_cases[i].lookup)
            {
            case LOOKUP_JOIN:
              ok = join && by_id;
              break;
            case LOOKUP_BY_ID:
              ok = !join && by_id;
              break;
            case LOOKUP_ROWS:
              ok = !by_id;
              break;
            case LOOKUP_NO_DECK:
              ok = strstr (sql, "+c.deck_id IN (") != NULL;
              break;
            case LOOKUP_DECK:
              ok = strstr (sql, " c.deck_id IN (") != NULL && strstr (sql, "+c.deck_id") == NULL;
              break;
            case LOOKUP_PLANNER:
            default:
              ok = !join && !by_id;
              break;
            }
          if (!ok)
            g_test_fail_printf ("“%s”, sort %d, lookup %d; the statement is\n%s",
                                plan_cases[i].query, plan_cases[i].sort, plan_cases[i].lookup,
                                sql);
        }
      check_sorted (&f, plan_cases[i].query, plan_cases[i].sort, FALSE, plan_cases[i].keys);
    }
  fixture_teardown (&f);
}

/* What SQLite makes of the search's statements, measured rather than read
 * from EXPLAIN: a search that finds its cards through the full-text index,
 * rated:, has: or is:due visits those cards, not every card.  Among 1,000
 * more cards than it finds, it takes fewer steps of SQLite's virtual machine
 * than there are cards (a pass over every card takes about 8 per card) and
 * walks no table of cards from end to end.  (is:due visits today's queue,
 * which holds 20 of the new filler cards: about 500 steps.)
 */
static void
test_index_use (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) filler = g_string_new ("# Filler\n\n");
  const int n_filler = 1000;

  fixture_setup (&f);
  for (int i = 1; i <= n_filler; i++)
    g_string_append_printf (filler, "### %d. Filler question %d?\nNothing to find here.\n\n"
                            "---\n\n", i, i);
  import (&f, "filler.md", filler->str, f.now - DAY);

  for (guint i = 0; i < G_N_ELEMENTS (plan_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EgSearch) search = NULL;
      g_autoptr(GArray) ids = NULL;
      g_auto(GStrv) expected = g_strsplit (plan_cases[i].keys, " ", -1);
      int fullscan = -1, vm = -1;

      if (plan_cases[i].lookup != LOOKUP_JOIN && plan_cases[i].lookup != LOOKUP_BY_ID &&
          plan_cases[i].lookup != LOOKUP_ROWS)
        continue;
      search = eg_search_new (plan_cases[i].query, &error);
      g_assert_no_error (error);
      /* the search sets up its SQL functions, and finds what it found before */
      ids = eg_search_card_ids (f.store, search, plan_cases[i].sort, FALSE, f.now, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, g_strv_length (expected));
      g_assert_true (_eg_store_search_measure (f.store, search, plan_cases[i].sort, f.now,
                                               f.today, &fullscan, &vm, &error));
      g_assert_no_error (error);
      if (vm >= n_filler || fullscan >= n_filler)
        g_test_fail_printf ("“%s” (sort %d) finds %u cards in %d steps, %d of them in full "
                            "scans: it reads every card", plan_cases[i].query,
                            plan_cases[i].sort, ids->len, vm, fullscan);
    }
  fixture_teardown (&f);
}

/* Pages a text search read from the file rather than the connection's
 * cache, on a store just opened as the app opens it (its integrity is
 * checked in a thread), after eg_search_warm_up() or not */
static int
search_cache_misses (const char *path,
                     gboolean    warm_up,
                     gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = eg_store_open_full (path, EG_STORE_OPEN_UNCHECKED, &error);
  g_autoptr(EgSearch) search = eg_search_new ("goroutine", &error);
  g_autoptr(GArray) ids = NULL;
  int misses = 0, highwater = 0;

  g_assert_no_error (error);
  if (warm_up)
    g_assert_true (eg_search_warm_up (store, &error));
  g_assert_no_error (error);
  sqlite3_db_status (_eg_store_get_db (store), SQLITE_DBSTATUS_CACHE_MISS, &misses, &highwater,
                     TRUE);
  ids = eg_search_card_ids (store, search, EG_SORT_DECK_ORDER, FALSE, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3000);
  sqlite3_db_status (_eg_store_get_db (store), SQLITE_DBSTATUS_CACHE_MISS, &misses, &highwater,
                     FALSE);
  return misses;
}

/* The warm-up reads before the first search what the search would read
 * from the file: the cards' narrow index. */
static void
test_warm_up (void)
{
  g_autoptr(GString) deck = g_string_new ("# Many\n\n");
  g_autofree char *deck_path = eg_test_tmp_path ("many.md");
  g_autofree char *path = eg_test_tmp_path ("warm-up.db");
  g_autoptr(GFile) file = g_file_new_for_path (deck_path);
  g_autoptr(GError) error = NULL;
  gint64 now = iso ("2030-01-11T12:00:00Z");
  int cold, warm;

  for (int i = 1; i <= 3000; i++)
    g_string_append_printf (deck, "### %d. What does goroutine %d do?\nIt runs.\n\n---\n\n", i, i);
  g_assert_true (g_file_set_contents (deck_path, deck->str, -1, NULL));
  {
    g_autoptr(EgStore) store = eg_store_open (path, &error);
    g_autoptr(EgImportReport) report = NULL;

    g_assert_no_error (error);
    report = eg_import_file (store, file, now, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  cold = search_cache_misses (path, FALSE, now);
  warm = search_cache_misses (path, TRUE, now);
  g_test_message ("a search just after opening reads %d pages, %d after the warm-up", cold,
                  warm);
  /* the index of 3,000 cards is ~20 pages of 4 KiB */
  g_assert_cmpint (cold - warm, >=, 10);
}

/* Writes a message catalog (.mo) that translates @msgid as @msgstr. */
static void
write_catalog (const char *path,
               const char *msgid,
               const char *msgstr)
{
  const char *header = "Content-Type: text/plain; charset=UTF-8\n";
  /* the original strings sorted: "" (the header's) first */
  const char *originals[] = { "", msgid };
  const char *translations[] = { header, msgstr };
  g_autoptr(GByteArray) mo = g_byte_array_new ();
  guint32 words[7] = { 0x950412de, 0, 2, 28, 28 + 16, 0, 28 + 32 };
  guint32 offset = 28 + 32;
  g_autoptr(GError) error = NULL;

  g_byte_array_append (mo, (const guint8 *) words, sizeof words);
  for (int table = 0; table < 2; table++)
    for (int i = 0; i < 2; i++)
      {
        const char *text = table == 0 ? originals[i] : translations[i];
        guint32 entry[2] = { strlen (text), 0 };

        entry[1] = offset;
        offset += strlen (text) + 1;
        g_byte_array_append (mo, (const guint8 *) entry, sizeof entry);
      }
  for (int table = 0; table < 2; table++)
    for (int i = 0; i < 2; i++)
      {
        const char *text = table == 0 ? originals[i] : translations[i];

        g_byte_array_append (mo, (const guint8 *) text, strlen (text) + 1);
      }
  g_assert_true (g_file_set_contents (path, (const char *) mo->data, mo->len, &error));
  g_assert_no_error (error);
}

/* The search's messages reach the user in the user's language. */
static void
test_errors_translated (void)
{
  g_autofree char *dir = eg_test_tmp_path ("locale");
  g_autofree char *messages = g_build_filename (dir, "xx", "LC_MESSAGES", NULL);
  g_autofree char *catalog = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSearch) search = NULL;

  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  write_catalog (catalog, "Empty phrase at column %d", "Phrase vide à la colonne %d");
  g_setenv ("LANGUAGE", "xx", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir);

  search = eg_search_new ("escape \"  \"", &error);
  g_assert_null (search);
  g_assert_error (error, EG_SEARCH_ERROR, EG_SEARCH_ERROR_SYNTAX);
  if (error != NULL)
    g_assert_cmpstr (error->message, ==, "Phrase vide à la colonne 8");

  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-search");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/search/blank", test_blank);
  g_test_add_func ("/search/text", test_text);
  g_test_add_func ("/search/boolean", test_boolean);
  g_test_add_func ("/search/filters", test_filters);
  g_test_add_func ("/search/props", test_props);
  g_test_add_func ("/search/sort", test_sort);
  g_test_add_func ("/search/sort-long-texts", test_sort_long_texts);
  g_test_add_func ("/search/deleted", test_deleted);
  g_test_add_func ("/search/warm-up", test_warm_up);
  g_test_add_func ("/search/syntax-errors", test_syntax_errors);
  g_test_add_func ("/search/errors-translated", test_errors_translated);
  g_test_add_func ("/search/injection", test_injection);
  g_test_add_func ("/search/garbage", test_garbage);
  g_test_add_func ("/search/retrievability-function", test_retrievability_function);
  g_test_add_func ("/search/retrievability-settings", test_retrievability_settings);
  g_test_add_func ("/search/transactions", test_transactions);
  g_test_add_func ("/search/plans", test_plans);
  g_test_add_func ("/search/index-use", test_index_use);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
