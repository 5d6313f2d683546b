/* test-synthetic.c - synthetic collections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-synthetic.h"
#include "eg-test-util.h"

#define NOW        1795000000000  /* 2026-11-19, ms */
#define N_CARDS    500
#define N_REVIEWS  5000

static EgStore *
new_store (const char *name)
{
  g_autofree char *path = eg_test_tmp_path (name);
  g_autoptr(GError) error = NULL;
  EgStore *store;

  eg_test_rm_rf (path);
  store = eg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static EgStore *
generate (const char *name,
          guint       n_cards,
          guint       n_reviews,
          guint32     seed)
{
  g_autoptr(GError) error = NULL;
  EgStore *store = new_store (name);

  g_assert_true (eg_synthetic_generate (store, n_cards, n_reviews, seed, NOW, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static gint64
query_int (EgStore    *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* A table as text, reals with all their digits: equal dumps mean equal rows. */
static char *
dump_table (EgStore    *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (stmt);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          switch (sqlite3_column_type (stmt, c))
            {
            case SQLITE_NULL:
              g_string_append (out, "NULL|");
              break;
            case SQLITE_FLOAT:
              g_string_append_printf (out, "%s|",
                                      g_ascii_formatd (number, sizeof number, "%.17g",
                                                       sqlite3_column_double (stmt, c)));
              break;
            default:
              g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
              break;
            }
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
dump_card_state (EgStore *store)
{
  return dump_table (store, "SELECT * FROM card_state ORDER BY card_id");
}

static char *
dump_history (EgStore *store)
{
  g_autofree char *state = dump_card_state (store);
  g_autofree char *log = dump_table (store, "SELECT * FROM review_log ORDER BY id");
  g_autofree char *cards = dump_table (store,
    "SELECT c.id, c.key, c.question, c.answer, c.created, p.text"
    " FROM cards c JOIN card_parts p ON p.card_id = c.id ORDER BY c.id, p.position");

  return g_strconcat (state, log, cards, NULL);
}

static void
test_counts (void)
{
  g_autoptr(EgStore) store = generate ("counts.db", N_CARDS, N_REVIEWS, 7);
  g_autoptr(GError) error = NULL;
  EgStoreStats stats = { 0 };

  g_assert_true (eg_store_get_stats (store, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.cards, ==, N_CARDS);
  g_assert_cmpuint (stats.reviews_logged, ==, N_REVIEWS);
  g_assert_cmpuint (stats.decks, >=, 3);
  g_assert_cmpuint (stats.sections, >=, 3 * 10);
  g_assert_cmpuint (stats.new_cards + stats.learning + stats.review + stats.relearning, ==,
                    N_CARDS);
  g_assert_cmpuint (stats.review, >, 0);
  g_assert_cmpuint (stats.suspended, ==, 0);

  /* every section of every deck has cards, and keys are unique */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sections s WHERE NOT EXISTS"
                                     " (SELECT 1 FROM cards WHERE section_id = s.id)"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT key) FROM cards"), ==, N_CARDS);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts"), ==, N_CARDS);

  /* a card's reps are its log rows */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM card_state s WHERE reps !="
                                     " (SELECT count(*) FROM review_log WHERE card_id = s.card_id)"),
                   ==, 0);
  /* ratings from all four buttons */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT rating) FROM review_log"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM review_log WHERE rescheduled != 1"),
                   ==, 0);
}

static void
test_nothing_in_the_future (void)
{
  g_autoptr(EgStore) store = generate ("future.db", N_CARDS, N_REVIEWS, 7);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;

  g_assert_cmpint (query_int (store, "SELECT max (reviewed_at) FROM review_log"), <=, NOW);
  g_assert_cmpint (query_int (store, "SELECT coalesce (max (last_review), 0) FROM card_state"),
                   <=, NOW);
  /* a realistic history: more than a few days, and not all long ago */
  g_assert_cmpint (query_int (store, "SELECT max (day) - min (day) FROM review_log"), >, 60);
  g_assert_cmpint (query_int (store, "SELECT max (reviewed_at) FROM review_log"), >,
                   NOW - 7 * EG_FSRS_MS_PER_DAY);
  g_assert_cmpint (query_int (store, "SELECT min (created) FROM cards"), <=,
                   query_int (store, "SELECT min (reviewed_at) FROM review_log"));

  /* each row's day is the study day of its time (day start 04:00) */
  stmt = _eg_store_prepare (store, "SELECT reviewed_at, day FROM review_log", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 0);
      int day = sqlite3_column_int (stmt, 1);

      if (eg_time_study_day (at, 4) != day)
        g_test_fail_printf ("review at %" G_GINT64_FORMAT " has day %d, not %d",
                            at, day, eg_time_study_day (at, 4));
      n++;
    }
  g_assert_cmpuint (n, ==, N_REVIEWS);
}

static void
test_deterministic (void)
{
  g_autoptr(EgStore) a = generate ("same-a.db", N_CARDS, N_REVIEWS, 11);
  g_autoptr(EgStore) b = generate ("same-b.db", N_CARDS, N_REVIEWS, 11);
  g_autoptr(EgStore) c = generate ("other.db", N_CARDS, N_REVIEWS, 12);
  g_autofree char *dump_a = dump_history (a);
  g_autofree char *dump_b = dump_history (b);
  g_autofree char *dump_c = dump_history (c);

  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_cmpstr (dump_a, !=, dump_c);
}

/* Every log row starts where the card's previous row left it. */
static void
test_log_is_a_chain (void)
{
  g_autoptr(EgStore) store = generate ("chain.db", N_CARDS, N_REVIEWS, 3);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 card = 0;
  int state = 0;
  double stability = 0, difficulty = 0;
  gint64 last = 0;
  guint broken = 0;

  stmt = _eg_store_prepare (store,
    "SELECT card_id, reviewed_at, state_before, state_after, stability_before,"
    "       stability_after, difficulty_before, difficulty_after"
    " FROM review_log ORDER BY card_id, reviewed_at, id", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 at = sqlite3_column_int64 (stmt, 1);

      if (id != card)
        {
          card = id;
          state = 0;
          stability = difficulty = 0;
          last = 0;
        }
      if (sqlite3_column_int (stmt, 2) != state ||
          sqlite3_column_double (stmt, 4) != stability ||
          sqlite3_column_double (stmt, 6) != difficulty ||
          at <= last)
        broken++;
      state = sqlite3_column_int (stmt, 3);
      stability = sqlite3_column_double (stmt, 5);
      difficulty = sqlite3_column_double (stmt, 7);
      last = at;
    }
  g_assert_cmpuint (broken, ==, 0);

  /* and the card's state is where its last row left it */
  g_assert_cmpint (query_int (store,
    "SELECT count(*) FROM card_state s JOIN review_log l ON l.card_id = s.card_id"
    " WHERE l.reviewed_at = s.last_review AND (l.state_after != s.state"
    "   OR l.stability_after != s.stability OR l.difficulty_after != s.difficulty"
    "   OR l.due_after != s.due OR l.day + l.scheduled_days != s.due_day)"), ==, 0);
  g_assert_cmpint (query_int (store,
    "SELECT count(*) FROM card_state WHERE last_review IS NOT NULL"), ==,
    query_int (store, "SELECT count(DISTINCT card_id) FROM review_log"));
}

/* The key property: replaying the log gives back every stored state. */
static void
test_rebuild_reproduces (void)
{
  g_autoptr(EgStore) store = generate ("rebuild.db", N_CARDS, N_REVIEWS, 5);
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_card_state (store);
  g_autofree char *after = NULL;
  guint n_cards = 0, n_reviews = 0;

  scheduler = eg_scheduler_new (store, &error);
  g_assert_no_error (error);
  g_assert_true (eg_scheduler_rebuild (scheduler, &n_cards, &n_reviews, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cards, ==, N_CARDS);
  g_assert_cmpuint (n_reviews, ==, N_REVIEWS);

  after = dump_card_state (store);
  g_assert_cmpuint (strlen (before), >, 0);
  g_assert_cmpstr (before, ==, after);
}

static void
test_content (void)
{
  g_autoptr(EgStore) store = generate ("content.db", N_CARDS, 0, 9);
  gint64 size;

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM review_log"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM card_state WHERE state != 0"), ==, 0);

  size = query_int (store,
    "SELECT avg (length (question) + length (answer) +"
    "            (SELECT sum (length (text)) FROM card_parts WHERE card_id = c.id))"
    " FROM cards c");
  g_assert_cmpint (size, >=, 300);
  g_assert_cmpint (size, <=, 650);

  /* programming terms in some of the cards, not all */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts WHERE cards_fts MATCH"
                                     " '\"escape analysis\" OR goroutine OR channel"
                                     "  OR \"garbage collector\" OR interface'"), >, N_CARDS / 10);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards_fts WHERE cards_fts MATCH"
                                     " '\"escape analysis\" OR goroutine OR channel"
                                     "  OR \"garbage collector\" OR interface'"), <, N_CARDS);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards WHERE answer LIKE '%**%**%'"),
                   >, N_CARDS / 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards c WHERE answer LIKE '%`%`%'"
                                     " OR EXISTS (SELECT 1 FROM card_parts WHERE card_id = c.id"
                                     "            AND text LIKE '%`%`%')"), >, N_CARDS / 10);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards WHERE answer LIKE '%' ||"
                                     " char (10) || '- %'"), >, N_CARDS / 10);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM card_parts WHERE name != 'Indepth'"),
                   ==, 0);
}

static void
test_refusals (void)
{
  g_autoptr(EgStore) store = generate ("full.db", 40, 200, 1);
  g_autoptr(EgStore) empty = new_store ("empty.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  /* never into a collection that has cards */
  g_assert_false (eg_synthetic_generate (store, 10, 10, 1, NOW, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cards"), ==, 40);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM review_log"), ==, 200);

  /* reviews without cards, or far too many of them */
  g_assert_false (eg_synthetic_generate (empty, 0, 10, 1, NOW, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (eg_synthetic_generate (empty, 2, 100000, 1, NOW, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* cancelled: nothing written */
  g_cancellable_cancel (cancellable);
  g_assert_false (eg_synthetic_generate (empty, 50, 300, 1, NOW, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (eg_store_is_empty (empty));

  /* still usable afterwards; nothing at all is fine too */
  g_assert_true (eg_synthetic_generate (empty, 0, 0, 1, NOW, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (eg_synthetic_generate (empty, 3, 1, 1, NOW, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (empty, "SELECT count(*) FROM cards"), ==, 3);
  g_assert_cmpint (query_int (empty, "SELECT count(*) FROM review_log"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-synthetic");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/synthetic/counts", test_counts);
  g_test_add_func ("/synthetic/nothing-in-the-future", test_nothing_in_the_future);
  g_test_add_func ("/synthetic/deterministic", test_deterministic);
  g_test_add_func ("/synthetic/log-is-a-chain", test_log_is_a_chain);
  g_test_add_func ("/synthetic/rebuild-reproduces", test_rebuild_reproduces);
  g_test_add_func ("/synthetic/content", test_content);
  g_test_add_func ("/synthetic/refusals", test_refusals);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
