/* test-day-limits.c - the end of a day's limits: learning more new cards
 * today, studying ahead, a preview that writes nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

#define MINUTE (60 * G_GINT64_CONSTANT (1000))
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

typedef struct
{
  EgStore     *store;
  EgScheduler *scheduler;
} Fixture;

static gint64
iso (const char *text)
{
  gint64 ms = 0;

  g_assert_true (eg_time_parse_iso (text, &ms));
  return ms;
}

/* Two sections of @per_section cards, imported at @now, @new_per_day a day */
static void
fixture_setup (Fixture    *f,
               guint       per_section,
               const char *new_per_day,
               gint64      now)
{
  g_autoptr(GString) text = g_string_new ("# Limits\n\n");
  g_autofree char *deck = eg_test_tmp_path ("deck.md");
  g_autofree char *path = eg_test_tmp_path ("collection.db");
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  for (guint s = 1; s <= 2; s++)
    {
      g_string_append_printf (text, "## From %u Part\n\n# Part %u\n\n", s, s);
      for (guint c = 1; c <= per_section; c++)
        g_string_append_printf (text, "### %u. Question %u.%u?\nAnswer.\n\n---\n\n",
                                s * 100 + c, s, c);
    }
  g_assert_true (g_file_set_contents (deck, text->str, -1, NULL));
  f->store = eg_store_open (path, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (deck);
  report = eg_import_file (f->store, file, now, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (eg_store_set_setting (f->store, "new-per-day", new_per_day, &error));
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f)
{
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
}

static gint64
section_id (Fixture    *f,
            const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSectionInfo) info = eg_store_find_section (f->store, key, &error);

  g_assert_no_error (error);
  return info ? info->id : 0;
}

static gint64
query_int (EgStore    *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  return n;
}

static char *
query_text (EgStore    *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Grades Easy every card the queue shows at @now; returns how many */
static guint
grade_all (Fixture  *f,
           EgQueue  *queue,
           gint64    now,
           gboolean  reschedule)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gint64 id;

  while ((id = eg_queue_peek (queue, now)) != 0 && n < 1000)
    {
      g_assert_true (eg_scheduler_grade_full (f->scheduler, queue, id, EG_FSRS_EASY, now, 1000,
                                              reschedule, NULL, &error));
      g_assert_no_error (error);
      n++;
    }
  return n;
}

/* The day's 5 new cards are learned; 5 more are added for today only: the
 * queue takes them, another scheduler on the collection sees them, and the
 * next day the daily limit is back. */
static void
test_learn_more_today (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(EgScheduler) other = NULL;
  EgQueueOptions options = { 0 };
  EgDayLimits limits;
  EgQueueCounts counts;

  fixture_setup (&f, 15, "5", now - DAY);
  options.section_id = section_id (&f, "1");

  queue = eg_scheduler_build_queue_full (f.scheduler, now, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grade_all (&f, queue, now, TRUE), ==, 5);

  /* the limit held back the other 10 of the section (not the other section's) */
  g_assert_true (eg_scheduler_get_day_limits (f.scheduler, now, &options, 7, &limits, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (limits.new_studied, ==, 5);
  g_assert_cmpuint (limits.new_limit, ==, 5);
  g_assert_cmpuint (limits.new_waiting, ==, 10);
  g_assert_cmpuint (limits.n_cards, ==, 15);

  g_assert_true (eg_scheduler_add_new_today (f.scheduler, now, 3, &error));
  g_assert_true (eg_scheduler_add_new_today (f.scheduler, now + HOUR, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (eg_scheduler_get_new_limit (f.scheduler, now), ==, 10);
  g_clear_pointer (&queue, eg_queue_free);
  queue = eg_scheduler_build_queue_full (f.scheduler, now + HOUR, &options, &error);
  eg_queue_get_counts (queue, &counts);
  g_assert_cmpuint (counts.new_cards, ==, 5);

  /* kept in the collection: another window or engram-cli sees it */
  other = eg_scheduler_new (f.store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eg_scheduler_get_new_limit (other, now + 2 * HOUR), ==, 10);

  g_assert_cmpuint (grade_all (&f, queue, now + HOUR, TRUE), ==, 5);
  g_assert_true (eg_scheduler_get_day_limits (f.scheduler, now + HOUR, &options, 7, &limits,
                                              &error));
  g_assert_cmpuint (limits.new_studied, ==, 10);
  g_assert_cmpuint (limits.new_limit, ==, 10);
  g_assert_cmpuint (limits.new_waiting, ==, 5);

  /* the next study day: the daily limit again */
  g_assert_cmpint (eg_scheduler_get_new_limit (f.scheduler, now + DAY), ==, 5);
  g_clear_pointer (&queue, eg_queue_free);
  queue = eg_scheduler_build_queue_full (f.scheduler, now + DAY, &options, &error);
  eg_queue_get_counts (queue, &counts);
  g_assert_cmpuint (counts.new_cards, ==, 5);
  fixture_teardown (&f);
}

/* Reviews due in the next days are studied ahead, past the review limit,
 * and graded as FSRS grades an early review (the days elapsed are fewer
 * than the days scheduled). */
static void
test_study_ahead (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  EgQueueOptions options = { 0 };
  EgDayLimits limits;
  EgQueueCounts counts;
  EgReview *last;

  fixture_setup (&f, 4, "20", now - 2 * DAY);
  /* learned two days ago: every card is a review due in the days ahead */
  queue = eg_scheduler_build_queue_full (f.scheduler, now - 2 * DAY, &options, &error);
  g_assert_cmpuint (grade_all (&f, queue, now - 2 * DAY, TRUE), ==, 8);
  g_assert_true (eg_store_set_setting (f.store, "reviews-per-day", "1", &error));
  g_clear_object (&f.scheduler);
  f.scheduler = eg_scheduler_new (f.store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f.store, "SELECT min (due) FROM card_state"), >, now + DAY);

  g_clear_pointer (&queue, eg_queue_free);
  queue = eg_scheduler_build_queue_full (f.scheduler, now, &options, &error);
  g_assert_cmpint (eg_queue_peek (queue, now), ==, 0);

  g_assert_true (eg_scheduler_get_day_limits (f.scheduler, now, &options, 30, &limits, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (limits.new_waiting, ==, 0);
  g_assert_cmpuint (limits.due_ahead, ==, 8);

  options.ahead_ms = 30 * DAY;
  g_clear_pointer (&queue, eg_queue_free);
  queue = eg_scheduler_build_queue_full (f.scheduler, now, &options, &error);
  eg_queue_get_counts (queue, &counts);
  g_assert_cmpuint (counts.review, ==, 8);
  g_assert_cmpuint (grade_all (&f, queue, now, TRUE), ==, 8);

  reviews = eg_store_list_reviews (f.store, 0, &error);
  g_assert_cmpuint (reviews->len, ==, 16);
  last = g_ptr_array_index (reviews, reviews->len - 1);
  g_assert_true (last->rescheduled);
  g_assert_cmpint (last->state_before, ==, EG_FSRS_STATE_REVIEW);
  g_assert_cmpint (last->elapsed_days, ==, 2);
  g_assert_cmpint (last->due_after, >, now + 2 * DAY);
  g_assert_cmpint (query_int (f.store, "SELECT count(*) FROM card_state WHERE last_review = "
                                       "(SELECT max (reviewed_at) FROM review_log)"), ==, 8);
  fixture_teardown (&f);
}

/* A preview of a whole section shows each of its cards once and writes
 * nothing: no state changes, no review-log rows, nothing to undo. */
static void
test_preview_writes_nothing (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  const char *states = "SELECT group_concat (card_id || ',' || state || ',' || due || ','"
                       " || reps || ',' || coalesce (last_review, 0), ';') FROM card_state";
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  EgQueueOptions options = { 0 };
  EgDayLimits limits;
  gint64 log_rows;

  fixture_setup (&f, 6, "2", now - DAY);
  options.section_id = section_id (&f, "1");
  queue = eg_scheduler_build_queue_full (f.scheduler, now, &options, &error);
  g_assert_cmpuint (grade_all (&f, queue, now, TRUE), ==, 2);
  g_assert_true (eg_scheduler_get_day_limits (f.scheduler, now, &options, 7, &limits, &error));
  g_assert_cmpuint (limits.n_cards, ==, 6);

  before = query_text (f.store, states);
  log_rows = query_int (f.store, "SELECT count(*) FROM review_log");
  g_assert_cmpint (log_rows, ==, 2);

  options.all_cards = TRUE;
  options.preview_only = TRUE;
  g_clear_pointer (&queue, eg_queue_free);
  queue = eg_scheduler_build_queue_full (f.scheduler, now + MINUTE, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grade_all (&f, queue, now + MINUTE, FALSE), ==, 6);

  after = query_text (f.store, states);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (f.store, "SELECT count(*) FROM review_log"), ==, log_rows);
  /* undo takes back the last real grade, not a preview's */
  g_assert_true (eg_scheduler_can_undo (f.scheduler));
  g_assert_true (eg_scheduler_undo (f.scheduler, NULL, now + MINUTE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f.store, "SELECT count(*) FROM review_log"), ==, log_rows - 1);
  fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-day-limits");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/day-limits/learn-more-today", test_learn_more_today);
  g_test_add_func ("/day-limits/study-ahead", test_study_ahead);
  g_test_add_func ("/day-limits/preview-writes-nothing", test_preview_writes_nothing);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
