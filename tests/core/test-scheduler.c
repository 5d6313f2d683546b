/* test-scheduler.c - the study queue, grading, undo and rebuilding from the log
 *
 * Runs with TZ=Europe/Berlin (see tests/meson.build) so that study days and
 * daylight saving time are real.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

#define MINUTE (60 * G_GINT64_CONSTANT (1000))
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

typedef struct
{
  char        *path;
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

/* A deck of @n_sections sections of @per_section cards, imported at @now. */
static void
fixture_setup (Fixture *f,
               guint    n_sections,
               guint    per_section,
               gint64   now)
{
  g_autoptr(GString) text = g_string_new ("# Test Deck\n\n");
  g_autofree char *deck = eg_test_tmp_path ("deck.md");
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  for (guint s = 1; s <= n_sections; s++)
    {
      g_string_append_printf (text, "## From %u Part\n\n# Part %u\n\n", s, s);
      for (guint c = 1; c <= per_section; c++)
        g_string_append_printf (text, "### %u. Question %u.%u?\nAnswer.\n\n---\n\n",
                                s * 100 + c, s, c);
    }
  g_assert_true (g_file_set_contents (deck, text->str, -1, NULL));

  f->path = eg_test_tmp_path ("collection.db");
  f->store = eg_store_open (f->path, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (deck);
  report = eg_import_file (f->store, file, now, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f)
{
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
  g_clear_pointer (&f->path, g_free);
}

static void
set_setting (Fixture    *f,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eg_store_set_setting (f->store, key, value, &error));
  g_clear_object (&f->scheduler);
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
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

static char *
key_of (Fixture *f,
        gint64   id)
{
  g_autoptr(EgCard) card = eg_store_get_card (f->store, id, NULL);

  return g_strdup (card ? card->key : "none");
}

static void
grade (Fixture      *f,
       EgQueue      *queue,
       gint64        card_id,
       EgFsrsRating  rating,
       gint64        now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eg_scheduler_grade (f->scheduler, queue, card_id, rating, now, 1000, NULL,
                                     &error));
  g_assert_no_error (error);
}

/* The rows a change may touch, as text (reals with every digit). */
static char *
dump_rows (EgStore *store)
{
  static const char *queries[] = {
    "SELECT * FROM card_state ORDER BY card_id",
    "SELECT id, flag, suspended, buried_until, deleted FROM cards ORDER BY id",
    "SELECT * FROM review_log ORDER BY id",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, queries[q], NULL);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              switch (sqlite3_column_type (stmt, c))
                {
                case SQLITE_FLOAT:
                  g_string_append_printf (out, "%.17g|", sqlite3_column_double (stmt, c));
                  break;
                case SQLITE_NULL:
                  g_string_append (out, "NULL|");
                  break;
                default:
                  g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c));
                }
            }
          g_string_append_c (out, '\n');
        }
      g_string_append (out, "--\n");
    }
  return g_string_free (out, FALSE);
}

static void
test_settings (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  EgSchedulerSettings settings = { 0 };
  const EgSchedulerSettings *current;

  fixture_setup (&f, 1, 1, iso ("2026-11-02T08:00:00Z"));
  current = eg_scheduler_get_settings (f.scheduler);
  g_assert_cmpfloat (current->desired_retention, ==, 0.9);
  g_assert_cmpstrv (current->learning_steps, ((const char *[]) { "1m", "10m", NULL }));
  g_assert_cmpstrv (current->relearning_steps, ((const char *[]) { "10m", NULL }));
  g_assert_cmpint (current->new_per_day, ==, 20);
  g_assert_cmpint (current->reviews_per_day, ==, 200);
  g_assert_cmpint (current->maximum_interval, ==, 36500);
  g_assert_true (current->fuzz);
  g_assert_cmpint (current->day_start_hour, ==, 4);

  /* saved in the collection */
  eg_scheduler_settings_init (&settings);
  settings.new_per_day = 7;
  g_strfreev (settings.learning_steps);
  settings.learning_steps = g_strsplit ("5m 1h", " ", -1);
  g_assert_true (eg_scheduler_set_settings (f.scheduler, &settings, &error));
  g_assert_no_error (error);
  g_clear_object (&f.scheduler);
  f.scheduler = eg_scheduler_new (f.store, &error);
  current = eg_scheduler_get_settings (f.scheduler);
  g_assert_cmpint (current->new_per_day, ==, 7);
  g_assert_cmpstrv (current->learning_steps, ((const char *[]) { "5m", "1h", NULL }));
  g_assert_cmpint (eg_scheduler_get_params (f.scheduler)->learning_steps[1], ==, 60);

  /* refused: nothing changes */
  g_strfreev (settings.learning_steps);
  settings.learning_steps = g_strsplit ("5x", " ", -1);
  g_assert_false (eg_scheduler_set_settings (f.scheduler, &settings, &error));
  g_assert_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_STEP);
  g_clear_error (&error);
  current = eg_scheduler_get_settings (f.scheduler);
  g_assert_cmpstrv (current->learning_steps, ((const char *[]) { "5m", "1h", NULL }));

  g_assert_true (eg_store_set_setting (f.store, "desired-retention", "1.5", &error));
  g_clear_object (&f.scheduler);
  f.scheduler = eg_scheduler_new (f.store, &error);
  g_assert_null (f.scheduler);
  g_assert_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_INVALID_SETTING);

  eg_scheduler_settings_clear (&settings);
  fixture_teardown (&f);
}

static void
test_study_day (void)
{
  /* Europe/Berlin: CEST (UTC+2) until 2026-10-25 03:00, then CET (UTC+1) */
  int day = eg_time_study_day (iso ("2026-10-24T12:00:00+02:00"), 4);

  g_assert_cmpint (eg_time_study_day (iso ("2026-10-24T04:00:00+02:00"), 4), ==, day);
  g_assert_cmpint (eg_time_study_day (iso ("2026-10-24T03:59:59+02:00"), 4), ==, day - 1);
  g_assert_cmpint (eg_time_study_day (iso ("2026-10-25T03:59:00+01:00"), 4), ==, day);
  g_assert_cmpint (eg_time_study_day (iso ("2026-10-25T04:00:00+01:00"), 4), ==, day + 1);
  g_assert_cmpint (eg_time_study_day_start (day + 1, 4), ==, iso ("2026-10-25T04:00:00+01:00"));
  g_assert_cmpint (eg_time_study_day (iso ("1970-01-01T12:00:00+01:00"), 4), ==, 0);
  {
    g_autofree char *date = eg_time_format_day (day);
    g_assert_cmpstr (date, ==, "2026-10-24");
  }
}

/* A review card due "in 8 days" across the end of DST stays due on the
 * eighth study day, although its due time falls before 04:00 that night.
 */
static void
test_dst_does_not_move_a_day (void)
{
  Fixture f = { 0 };
  gint64 reviewed = iso ("2026-10-24T04:30:00+02:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) before = NULL;
  g_autoptr(EgQueue) on_the_day = NULL;
  EgGradeResult result;
  gint64 id;
  EgQueueCounts counts;

  fixture_setup (&f, 1, 1, reviewed - DAY);
  set_setting (&f, "fuzz", "false");
  id = id_of (&f, "1/101");

  /* Easy on a new card: S0 = w3 = 8.2956, interval round (8.2956) = 8 days */
  g_assert_true (eg_scheduler_grade (f.scheduler, NULL, id, EG_FSRS_EASY, reviewed, 0,
                                     &result, &error));
  g_assert_cmpint (result.after.state, ==, EG_FSRS_STATE_REVIEW);
  g_assert_cmpint (result.after.scheduled_days, ==, 8);
  g_assert_cmpint (result.after.due, ==, reviewed + 8 * DAY);
  /* 8 x 24 h later it is 03:30 CET, still the 31st as study days go */
  g_assert_cmpint (eg_time_study_day (result.after.due, 4), ==,
                   eg_time_study_day (reviewed, 4) + 7);
  g_assert_cmpint (result.due_day, ==, eg_time_study_day (reviewed, 4) + 8);

  before = eg_scheduler_build_queue (f.scheduler, iso ("2026-11-01T03:59:00+01:00"), &error);
  eg_queue_get_counts (before, &counts);
  g_assert_cmpuint (counts.review, ==, 0);
  on_the_day = eg_scheduler_build_queue (f.scheduler, iso ("2026-11-01T04:00:00+01:00"), &error);
  eg_queue_get_counts (on_the_day, &counts);
  g_assert_cmpuint (counts.review, ==, 1);
  fixture_teardown (&f);
}

static void
test_new_cards_and_learning (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(EgQueue) again = NULL;
  g_autoptr(EgQueue) tomorrow = NULL;
  EgQueueCounts counts;
  gint64 first, second;

  fixture_setup (&f, 3, 10, now - DAY);
  set_setting (&f, "new-per-day", "5");

  queue = eg_scheduler_build_queue (f.scheduler, now, &error);
  g_assert_no_error (error);
  eg_queue_get_counts (queue, &counts);
  g_assert_cmpuint (counts.new_cards, ==, 5);
  g_assert_cmpuint (counts.learning, ==, 0);
  g_assert_cmpuint (counts.review, ==, 0);

  /* in deck order */
  first = eg_queue_peek (queue, now);
  g_assert_cmpint (first, ==, id_of (&f, "1/101"));
  grade (&f, queue, first, EG_FSRS_GOOD, now);
  second = eg_queue_peek (queue, now);
  g_assert_cmpint (second, ==, id_of (&f, "1/102"));
  grade (&f, queue, second, EG_FSRS_AGAIN, now);

  eg_queue_get_counts (queue, &counts);
  g_assert_cmpuint (counts.new_cards, ==, 3);
  g_assert_cmpuint (counts.learning, ==, 2);

  /* Again is due in 1 minute, Good in 10: the learning card comes first when due */
  g_assert_cmpint (eg_queue_peek (queue, now), ==, id_of (&f, "1/103"));
  g_assert_cmpint (eg_queue_peek (queue, now + MINUTE), ==, second);
  g_assert_cmpint (eg_queue_get_next_due (queue), ==, now + MINUTE);

  /* a queue built again counts the new cards already introduced today */
  again = eg_scheduler_build_queue (f.scheduler, now + 2 * MINUTE, &error);
  eg_queue_get_counts (again, &counts);
  g_assert_cmpuint (counts.new_cards, ==, 3);
  g_assert_cmpuint (counts.learning, ==, 2);
  g_assert_cmpint (eg_queue_peek (again, now + 2 * MINUTE), ==, second);

  /* the same day's learning steps: Good after 10 minutes graduates */
  grade (&f, again, second, EG_FSRS_GOOD, now + 2 * MINUTE);
  grade (&f, again, first, EG_FSRS_GOOD, now + 10 * MINUTE);
  eg_queue_get_counts (again, &counts);
  g_assert_cmpuint (counts.learning, ==, 1);   /* "second" is at its 10m step */

  /* learn ahead: with nothing else left, a step due within 20 minutes is shown */
  for (gint64 id; (id = eg_queue_peek (again, now + 10 * MINUTE)) != 0 && id != second;)
    grade (&f, again, id, EG_FSRS_EASY, now + 10 * MINUTE);
  g_assert_cmpint (eg_queue_peek (again, now + 10 * MINUTE), ==, second);

  /* the next study day: yesterday's unfinished step first, then 5 new cards again */
  tomorrow = eg_scheduler_build_queue (f.scheduler, iso ("2026-11-03T04:00:00+01:00"), &error);
  eg_queue_get_counts (tomorrow, &counts);
  g_assert_cmpuint (counts.new_cards, ==, 5);
  g_assert_cmpuint (counts.learning, ==, 1);
  g_assert_cmpint (eg_queue_peek (tomorrow, iso ("2026-11-03T04:00:00+01:00")), ==, second);
  grade (&f, tomorrow, second, EG_FSRS_GOOD, iso ("2026-11-03T04:00:00+01:00"));
  g_assert_cmpint (eg_queue_peek (tomorrow, iso ("2026-11-03T04:00:00+01:00")), ==,
                   id_of (&f, "1/106"));
  fixture_teardown (&f);
}

/* Makes card @key a review card with stability @s last reviewed @days_ago. */
static void
make_review (Fixture    *f,
             const char *key,
             double      s,
             int         days_ago,
             gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (f->store,
    "UPDATE card_state SET state = 2, stability = ?2, difficulty = 5, reps = 3,"
    "  last_review = ?3, due = ?3 + 86400000, scheduled_days = 1, due_day = ?4"
    " WHERE card_id = ?1", &error);

  sqlite3_bind_int64 (stmt, 1, id_of (f, key));
  sqlite3_bind_double (stmt, 2, s);
  sqlite3_bind_int64 (stmt, 3, now - days_ago * DAY);
  sqlite3_bind_int (stmt, 4, eg_time_study_day (now - days_ago * DAY, 4) + 1);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
test_reviews_and_mixing (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  EgQueueCounts counts;
  guint last_review_at = 0, first_new_at = G_MAXUINT;

  fixture_setup (&f, 2, 10, now - 30 * DAY);
  set_setting (&f, "new-per-day", "3");
  /* R is lowest where elapsed / S is highest: 2/105 (10/2), 2/101 (20/5), 2/103 (5/10) */
  make_review (&f, "2/201", 5, 20, now);
  make_review (&f, "2/203", 10, 5, now);
  make_review (&f, "2/205", 2, 10, now);
  make_review (&f, "2/207", 40, 4, now);
  make_review (&f, "2/209", 1, 1, now);
  make_review (&f, "2/210", 30, 2, now);

  queue = eg_scheduler_build_queue (f.scheduler, now, &error);
  eg_queue_get_counts (queue, &counts);
  g_assert_cmpuint (counts.review, ==, 6);
  g_assert_cmpuint (counts.new_cards, ==, 3);

  for (gint64 id; (id = eg_queue_peek (queue, now)) != 0;)
    {
      g_ptr_array_add (order, key_of (&f, id));
      grade (&f, queue, id, EG_FSRS_EASY, now);
    }

  /* reviews by retrievability, lowest first */
  {
    const char *expected[] = { "2/205", "2/201", "2/209", "2/203", "2/207", "2/210" };
    guint r = 0;

    for (guint i = 0; i < order->len; i++)
      {
        const char *key = g_ptr_array_index (order, i);

        if (g_str_has_prefix (key, "2/"))
          {
            g_assert_cmpstr (key, ==, expected[r++]);
            last_review_at = i;
          }
        else
          first_new_at = MIN (first_new_at, i);
      }
    g_assert_cmpuint (r, ==, 6);
  }
  /* new cards are mixed in, not all after the reviews */
  g_assert_cmpuint (first_new_at, <, last_review_at);
  g_assert_cmpstr (g_ptr_array_index (order, 0), ==, "2/205");
  fixture_teardown (&f);
}

static void
test_limits_suspend_bury (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(EgQueue) later = NULL;
  g_autoptr(EgQueue) next_day = NULL;
  gint64 suspended, buried;
  EgQueueCounts counts;

  fixture_setup (&f, 1, 10, now - 30 * DAY);
  set_setting (&f, "reviews-per-day", "3");
  set_setting (&f, "new-per-day", "0");
  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *key = g_strdup_printf ("1/%u", 100 + i);
      make_review (&f, key, 3, 4, now);
    }

  queue = eg_scheduler_build_queue (f.scheduler, now, &error);
  eg_queue_get_counts (queue, &counts);
  g_assert_cmpuint (counts.review, ==, 3);
  g_assert_cmpuint (counts.new_cards, ==, 0);

  suspended = eg_queue_peek (queue, now);
  g_assert_true (eg_scheduler_set_suspended (f.scheduler, &suspended, 1, TRUE, &error));
  grade (&f, queue, suspended, EG_FSRS_GOOD, now);    /* grading a suspended card works */

  /* the limit counts today's reviews; the suspended card is not offered again */
  later = eg_scheduler_build_queue (f.scheduler, now + HOUR, &error);
  eg_queue_get_counts (later, &counts);
  g_assert_cmpuint (counts.review, ==, 2);
  buried = eg_queue_peek (later, now + HOUR);
  g_assert_true (eg_scheduler_bury (f.scheduler, &buried, 1, now + HOUR, &error));
  g_clear_pointer (&later, eg_queue_free);
  later = eg_scheduler_build_queue (f.scheduler, now + 2 * HOUR, &error);
  eg_queue_get_counts (later, &counts);
  g_assert_cmpuint (counts.review, ==, 2);
  for (gint64 id; (id = eg_queue_peek (later, now + 2 * HOUR)) != 0;)
    {
      g_assert_cmpint (id, !=, buried);
      g_assert_cmpint (id, !=, suspended);
      grade (&f, later, id, EG_FSRS_GOOD, now + 2 * HOUR);
    }

  /* the next study day: the buried card is back, the suspended one is not */
  next_day = eg_scheduler_build_queue (f.scheduler, iso ("2026-11-03T04:00:00+01:00"), &error);
  eg_queue_get_counts (next_day, &counts);
  g_assert_cmpuint (counts.review, ==, 3);
  {
    gboolean found_buried = FALSE;
    gint64 t = iso ("2026-11-03T04:00:00+01:00");

    for (gint64 id; (id = eg_queue_peek (next_day, t)) != 0;)
      {
        g_assert_cmpint (id, !=, suspended);
        found_buried |= id == buried;
        grade (&f, next_day, id, EG_FSRS_GOOD, t);
      }
    g_assert_true (found_buried);
  }
  fixture_teardown (&f);
}

static void
test_undo_each_change (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  gint64 ids[2];
  EgUndoKind kind;
  gint64 undone;

  fixture_setup (&f, 1, 5, now - DAY);
  ids[0] = id_of (&f, "1/101");
  ids[1] = id_of (&f, "1/102");
  /* some history, so that undo has real state to restore */
  grade (&f, NULL, ids[0], EG_FSRS_GOOD, now - HOUR);
  grade (&f, NULL, ids[0], EG_FSRS_GOOD, now - 30 * MINUTE);

  for (int op = 0; op < 8; op++)
    {
      g_autofree char *before = dump_rows (f.store);
      g_autofree char *changed = NULL;
      g_autofree char *after = NULL;
      EgUndoKind expected[] = { EG_UNDO_GRADE, EG_UNDO_SUSPEND, EG_UNDO_UNSUSPEND,
                                EG_UNDO_BURY, EG_UNDO_FLAG, EG_UNDO_RESET, EG_UNDO_GRADE,
                                EG_UNDO_DELETE };
      gboolean ok = FALSE;

      switch (op)
        {
        case 0: ok = eg_scheduler_grade (f.scheduler, NULL, ids[0], EG_FSRS_HARD, now, 5, NULL,
                                         &error); break;
        case 1: ok = eg_scheduler_set_suspended (f.scheduler, ids, 2, TRUE, &error); break;
        case 2: ok = eg_scheduler_set_suspended (f.scheduler, ids, 2, FALSE, &error); break;
        case 3: ok = eg_scheduler_bury (f.scheduler, ids, 2, now, &error); break;
        case 4: ok = eg_scheduler_set_flag (f.scheduler, ids, 2, 3, &error); break;
        case 5: ok = eg_scheduler_reset (f.scheduler, ids, 2, now, &error); break;
        case 6: ok = eg_scheduler_grade (f.scheduler, NULL, ids[1], EG_FSRS_AGAIN, now, 5, NULL,
                                         &error); break;
        case 7: ok = eg_scheduler_delete (f.scheduler, ids, 2, now, &error); break;
        }
      g_assert_no_error (error);
      g_assert_true (ok);
      changed = dump_rows (f.store);
      if (op != 2)   /* unsuspending cards that are not suspended changes nothing */
        g_assert_cmpstr (changed, !=, before);

      g_assert_true (eg_scheduler_undo (f.scheduler, NULL, now, &kind, &undone, &error));
      g_assert_no_error (error);
      g_assert_cmpint (kind, ==, expected[op]);
      g_assert_true (undone == ids[0] || undone == ids[1]);
      after = dump_rows (f.store);
      g_assert_cmpstr (after, ==, before);
    }
  fixture_teardown (&f);
}

static void
test_undo_levels (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autofree char *initial = NULL;
  g_autofree char *final = NULL;
  gint64 first;

  fixture_setup (&f, 4, 10, now - DAY);
  set_setting (&f, "new-per-day", "40");
  initial = dump_rows (f.store);
  queue = eg_scheduler_build_queue (f.scheduler, now, &error);
  first = eg_queue_peek (queue, now);

  for (int i = 0; i < 35; i++)
    grade (&f, queue, eg_queue_peek (queue, now + i * MINUTE), (EgFsrsRating) (i % 4 + 1),
           now + i * MINUTE);
  for (int i = 0; i < 35; i++)
    {
      g_assert_true (eg_scheduler_undo (f.scheduler, queue, now + 40 * MINUTE, NULL, NULL,
                                        &error));
      g_assert_no_error (error);
    }
  final = dump_rows (f.store);
  g_assert_cmpstr (final, ==, initial);
  /* the queue is back where it started */
  g_assert_cmpint (eg_queue_peek (queue, now), ==, first);
  g_assert_false (eg_scheduler_can_undo (f.scheduler));
  g_assert_false (eg_scheduler_undo (f.scheduler, queue, now, NULL, NULL, &error));
  g_assert_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_NOTHING_TO_UNDO);
  fixture_teardown (&f);
}

static void
assert_same_card (const EgFsrsCard *a,
                  const EgFsrsCard *b)
{
  g_assert_cmpint (a->state, ==, b->state);
  g_assert_cmpfloat (a->stability, ==, b->stability);
  g_assert_cmpfloat (a->difficulty, ==, b->difficulty);
  g_assert_cmpint (a->due, ==, b->due);
  g_assert_cmpint (a->last_review, ==, b->last_review);
  g_assert_cmpint (a->elapsed_days, ==, b->elapsed_days);
  g_assert_cmpint (a->scheduled_days, ==, b->scheduled_days);
  g_assert_cmpint (a->reps, ==, b->reps);
  g_assert_cmpint (a->lapses, ==, b->lapses);
  g_assert_cmpint (a->learning_steps, ==, b->learning_steps);
}

static void
test_preview_matches_grade (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  gint64 id;

  fixture_setup (&f, 1, 3, now - DAY);
  id = id_of (&f, "1/101");
  grade (&f, NULL, id, EG_FSRS_GOOD, now);
  grade (&f, NULL, id, EG_FSRS_GOOD, now + 10 * MINUTE);

  for (int rating = EG_FSRS_AGAIN; rating <= EG_FSRS_EASY; rating++)
    {
      EgFsrsCard outcomes[4];
      EgGradeResult result;
      gint64 t = now + 3 * DAY;

      g_assert_true (eg_scheduler_preview (f.scheduler, id, t, outcomes, &error));
      g_assert_true (eg_scheduler_grade (f.scheduler, NULL, id, rating, t, 0, &result, &error));
      assert_same_card (&outcomes[rating - 1], &result.after);
      g_assert_true (eg_scheduler_undo (f.scheduler, NULL, t, NULL, NULL, &error));
    }
  fixture_teardown (&f);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Two programs on one collection, each with the queue it built: a card the
 * other one graded meanwhile is refused, not graded twice. */
static void
test_stale_grade (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-03-10T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) other_store = NULL;
  g_autoptr(EgScheduler) other = NULL;
  g_autoptr(EgQueue) mine = NULL;
  g_autoptr(EgQueue) theirs = NULL;
  gint64 card, next;

  fixture_setup (&f, 1, 5, now - DAY);
  other_store = eg_store_open (f.path, &error);
  g_assert_no_error (error);
  other = eg_scheduler_new (other_store, &error);
  g_assert_no_error (error);

  mine = eg_scheduler_build_queue (f.scheduler, now, &error);
  theirs = eg_scheduler_build_queue (other, now, &error);
  g_assert_no_error (error);
  card = eg_queue_peek (mine, now);
  g_assert_cmpint (eg_queue_peek (theirs, now), ==, card);

  grade (&f, mine, card, EG_FSRS_GOOD, now);
  g_assert_false (eg_scheduler_grade (other, theirs, card, EG_FSRS_GOOD, now + 1000, 1000,
                                      NULL, &error));
  g_assert_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_STALE);
  g_clear_error (&error);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM review_log"), ==, 1);

  /* the other program goes on with the next card it has not seen graded */
  eg_queue_remove (theirs, card);
  next = eg_queue_peek (theirs, now);
  g_assert_cmpint (next, !=, card);
  g_assert_true (eg_scheduler_grade (other, theirs, next, EG_FSRS_GOOD, now, 1000, NULL,
                                     &error));
  g_assert_no_error (error);

  /* changes a scheduler made itself are no reason to refuse: reset, undo */
  g_assert_true (eg_scheduler_reset (f.scheduler, &card, 1, now + 2000, &error));
  grade (&f, mine, card, EG_FSRS_GOOD, now + 3000);
  g_assert_true (eg_scheduler_undo (f.scheduler, NULL, now + 4000, NULL, NULL, &error));
  grade (&f, mine, card, EG_FSRS_EASY, now + 5000);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM review_log WHERE rating > 0"), ==, 3);

  fixture_teardown (&f);
}

static void
test_rebuild_from_log (void)
{
  Fixture f = { 0 };
  gint64 start = iso ("2026-03-01T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);
  g_autofree char *stored = NULL;
  g_autofree char *rebuilt = NULL;
  guint n_cards = 0, n_reviews = 0, graded = 0;

  fixture_setup (&f, 4, 10, start - DAY);
  set_setting (&f, "new-per-day", "8");

  /* 120 days (through both DST changes) of a user who studies most days */
  for (int day = 0; day < 120; day++)
    {
      gint64 t = start + day * DAY + g_rand_int_range (rand, 0, 10) * HOUR;
      g_autoptr(EgQueue) queue = NULL;
      gint64 id;

      if (g_rand_int_range (rand, 0, 7) == 0)
        continue;
      queue = eg_scheduler_build_queue (f.scheduler, t, &error);
      g_assert_no_error (error);
      while ((id = eg_queue_peek (queue, t)) != 0)
        {
          int r = g_rand_int_range (rand, 0, 100);
          EgFsrsRating rating = r < 12 ? EG_FSRS_AGAIN : r < 22 ? EG_FSRS_HARD
                                : r < 90 ? EG_FSRS_GOOD : EG_FSRS_EASY;

          grade (&f, queue, id, rating, t);
          graded++;
          t += g_rand_int_range (rand, 5, 300) * 1000;
          if (g_rand_int_range (rand, 0, 200) == 0)
            g_assert_true (eg_scheduler_reset (f.scheduler, &id, 1, t, &error));
          if (g_rand_int_range (rand, 0, 50) == 0)
            g_assert_true (eg_scheduler_undo (f.scheduler, queue, t, NULL, NULL, &error));
        }
    }
  g_test_message ("%u grades over 120 days", graded);
  g_assert_cmpuint (graded, >, 400);

  stored = dump_rows (f.store);
  /* spoil the stored states: the log alone must bring them back */
  g_assert_true (_eg_store_exec (f.store, "UPDATE card_state SET stability = 99, due_day = 1,"
                                          " reps = 0, state = 0", &error));
  g_assert_true (eg_scheduler_rebuild (f.scheduler, &n_cards, &n_reviews, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cards, ==, 40);
  g_assert_cmpuint (n_reviews, >=, graded - 60);
  rebuilt = dump_rows (f.store);
  g_assert_cmpstr (rebuilt, ==, stored);
  fixture_teardown (&f);
}

static void
test_custom_study_and_preview (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autofree char *before = NULL;
  g_autofree char *states_before = NULL;
  g_autofree char *states_after = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  gint64 ids[3];
  EgQueueOptions options = { 0 };
  EgQueueCounts counts;

  fixture_setup (&f, 2, 5, now - DAY);
  set_setting (&f, "new-per-day", "1");
  ids[0] = id_of (&f, "2/205");
  ids[1] = id_of (&f, "1/103");
  ids[2] = id_of (&f, "2/201");

  /* exactly these cards, in this order, whatever the limits say */
  options.card_ids = ids;
  options.n_card_ids = 3;
  queue = eg_scheduler_build_queue_full (f.scheduler, now, &options, &error);
  g_assert_no_error (error);
  eg_queue_get_counts (queue, &counts);
  g_assert_cmpuint (counts.new_cards, ==, 3);

  /* preview: nothing is written, the schedule does not move */
  g_assert_true (_eg_store_exec (f.store, "SELECT 1", &error));
  {
    g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (f.store,
      "SELECT group_concat (state || ',' || due || ',' || reps) FROM card_state", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    states_before = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (eg_queue_peek (queue, now), ==, ids[i]);
      g_assert_true (eg_scheduler_grade_full (f.scheduler, queue, ids[i], EG_FSRS_GOOD, now, 0,
                                              FALSE, NULL, &error));
    }
  g_assert_cmpint (eg_queue_peek (queue, now + HOUR), ==, 0);
  {
    g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (f.store,
      "SELECT group_concat (state || ',' || due || ',' || reps) FROM card_state", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    states_after = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  g_assert_cmpstr (states_after, ==, states_before);
  reviews = eg_store_list_reviews (f.store, 0, &error);
  g_assert_cmpuint (reviews->len, ==, 0);
  g_assert_false (eg_scheduler_can_undo (f.scheduler));

  /* the log still rebuilds the (unchanged) states */
  before = dump_rows (f.store);
  g_assert_true (eg_scheduler_rebuild (f.scheduler, NULL, NULL, &error));
  {
    g_autofree char *after = dump_rows (f.store);
    g_assert_cmpstr (after, ==, before);
  }

  /* a card in learning is shown now too, and counted as learning */
  grade (&f, NULL, ids[0], EG_FSRS_GOOD, now);
  g_clear_pointer (&queue, eg_queue_free);
  queue = eg_scheduler_build_queue_full (f.scheduler, now, &options, &error);
  g_assert_no_error (error);
  eg_queue_get_counts (queue, &counts);
  g_assert_cmpuint (counts.new_cards, ==, 2);
  g_assert_cmpuint (counts.learning, ==, 1);
  g_assert_cmpuint (counts.review, ==, 0);
  g_assert_cmpint (eg_queue_peek (queue, now), ==, ids[0]);
  fixture_teardown (&f);
}

static void
test_grade_is_committed (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) other = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  gint64 id;

  fixture_setup (&f, 1, 2, now - DAY);
  id = id_of (&f, "1/101");
  grade (&f, NULL, id, EG_FSRS_GOOD, now);

  /* another connection sees it at once: nothing waits in an open transaction */
  other = eg_store_open (f.path, &error);
  reviews = eg_store_list_reviews (other, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 1);
  g_assert_cmpint (((EgReview *) g_ptr_array_index (reviews, 0))->rating, ==, EG_FSRS_GOOD);
  g_assert_cmpint (((EgReview *) g_ptr_array_index (reviews, 0))->duration_ms, ==, 1000);
  fixture_teardown (&f);
}

static void
test_forecast_and_next_due (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(EgQueue) queue = NULL;
  gint64 next;

  fixture_setup (&f, 1, 3, now - DAY);
  set_setting (&f, "fuzz", "false");
  set_setting (&f, "new-per-day", "2");
  queue = eg_scheduler_build_queue (f.scheduler, now, &error);
  /* Easy: 8 days; Good then Good: 2 days; the third card waits for tomorrow's limit */
  grade (&f, queue, eg_queue_peek (queue, now), EG_FSRS_EASY, now);
  grade (&f, queue, eg_queue_peek (queue, now), EG_FSRS_GOOD, now);
  /* nothing else left: the step due in 10 minutes is shown ahead */
  g_assert_cmpint (eg_queue_peek (queue, now), ==, id_of (&f, "1/102"));

  days = eg_scheduler_forecast (f.scheduler, now, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (days, guint, 0), ==, 1);   /* the learning step */
  g_assert_cmpuint (g_array_index (days, guint, 8), ==, 1);   /* the Easy card */

  next = eg_scheduler_next_due (f.scheduler, now, &error);
  g_assert_cmpint (next, ==, now + 10 * MINUTE);
  grade (&f, queue, eg_queue_peek (queue, now + 10 * MINUTE), EG_FSRS_GOOD, now + 10 * MINUTE);
  next = eg_scheduler_next_due (f.scheduler, now + 10 * MINUTE, &error);
  g_assert_cmpint (next, ==, iso ("2026-11-03T04:00:00+01:00"));   /* the new card */

  /* no new cards a day: the new card never comes; the next is a review */
  set_setting (&f, "new-per-day", "0");
  next = eg_scheduler_next_due (f.scheduler, now + 10 * MINUTE, &error);
  g_assert_cmpint (next, ==, iso ("2026-11-04T04:00:00+01:00"));   /* the Good card, 2 days */
  fixture_teardown (&f);
}

/* The stats of section @section_id in @stats, or NULL */
static const EgSectionStats *
find_stats (GArray *stats,
            gint64  section_id)
{
  for (guint i = 0; i < stats->len; i++)
    if (g_array_index (stats, EgSectionStats, i).section_id == section_id)
      return &g_array_index (stats, EgSectionStats, i);
  return NULL;
}

/* The retrievability of a card at @now, as the scheduler computes it */
static double
card_r (Fixture    *f,
        const char *key,
        gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = eg_store_find_card (f->store, key, &error);
  EgFsrsCard fsrs;

  g_assert_no_error (error);
  eg_card_state_to_fsrs (&card->state, &fsrs);
  return eg_fsrs_retrievability (eg_scheduler_get_params (f->scheduler), &fsrs, now);
}

/* The sidebar's counts: cards (deleted ones left out), new cards, due
 * cards (suspended and buried ones left out), studied cards and mastery,
 * the retrievability of the studied cards summed over all the cards (a
 * card never studied counts as not known). */
static void
test_section_stats (void)
{
  Fixture f = { 0 };
  gint64 t0 = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stats = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  const EgSectionStats *one, *two, *three;
  gint64 ids[1];

  fixture_setup (&f, 3, 4, t0 - DAY);
  set_setting (&f, "fuzz", "false");
  sections = eg_store_list_sections (f.store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sections->len, ==, 3);

  grade (&f, NULL, id_of (&f, "1/101"), EG_FSRS_GOOD, t0);    /* learning, due in 10 minutes */
  grade (&f, NULL, id_of (&f, "1/102"), EG_FSRS_EASY, t0);    /* review, due in 8 days */
  grade (&f, NULL, id_of (&f, "2/201"), EG_FSRS_AGAIN, t0);   /* learning, due in a minute */
  grade (&f, NULL, id_of (&f, "2/202"), EG_FSRS_AGAIN, t0);
  ids[0] = id_of (&f, "2/201");
  g_assert_true (eg_scheduler_set_suspended (f.scheduler, ids, 1, TRUE, &error));
  ids[0] = id_of (&f, "2/203");
  g_assert_true (eg_scheduler_bury (f.scheduler, ids, 1, t0, &error));
  ids[0] = id_of (&f, "3/301");
  g_assert_true (eg_scheduler_delete (f.scheduler, ids, 1, t0, &error));
  g_assert_no_error (error);

  /* an hour later: the learning steps are due, unless suspended */
  stats = eg_scheduler_section_stats (f.scheduler, t0 + HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->len, ==, 3);
  one = find_stats (stats, ((EgSectionInfo *) g_ptr_array_index (sections, 0))->id);
  two = find_stats (stats, ((EgSectionInfo *) g_ptr_array_index (sections, 1))->id);
  three = find_stats (stats, ((EgSectionInfo *) g_ptr_array_index (sections, 2))->id);
  g_assert_nonnull (one);
  g_assert_nonnull (two);
  g_assert_nonnull (three);

  g_assert_cmpuint (one->total, ==, 4);
  g_assert_cmpuint (one->new_cards, ==, 2);
  g_assert_cmpuint (one->due, ==, 1);
  g_assert_cmpuint (one->reviewed, ==, 2);
  g_assert_cmpfloat_with_epsilon (one->mastery, (card_r (&f, "1/101", t0 + HOUR) +
                                                 card_r (&f, "1/102", t0 + HOUR)) / 4, 1e-12);
  g_assert_cmpuint (two->total, ==, 4);
  g_assert_cmpuint (two->new_cards, ==, 2);       /* the buried card is still new */
  g_assert_cmpuint (two->due, ==, 1);             /* 2/202, not the suspended 2/201 */
  g_assert_cmpuint (two->reviewed, ==, 2);
  g_assert_cmpfloat_with_epsilon (two->mastery, (card_r (&f, "2/201", t0 + HOUR) +
                                                 card_r (&f, "2/202", t0 + HOUR)) / 4, 1e-12);
  g_assert_cmpuint (three->total, ==, 3);         /* the deleted card left out */
  g_assert_cmpuint (three->new_cards, ==, 3);
  g_assert_cmpuint (three->due, ==, 0);
  g_assert_cmpuint (three->reviewed, ==, 0);
  g_assert_cmpfloat (three->mastery, ==, 0);

  /* on the day the Easy card is due it is due too, and less well known */
  g_clear_pointer (&stats, g_array_unref);
  stats = eg_scheduler_section_stats (f.scheduler, t0 + 8 * DAY, &error);
  g_assert_no_error (error);
  one = find_stats (stats, ((EgSectionInfo *) g_ptr_array_index (sections, 0))->id);
  g_assert_nonnull (one);
  g_assert_cmpuint (one->due, ==, 2);
  g_assert_cmpfloat (one->mastery, <, (card_r (&f, "1/101", t0 + HOUR) +
                                       card_r (&f, "1/102", t0 + HOUR)) / 4);
  g_assert_cmpfloat_with_epsilon (one->mastery, (card_r (&f, "1/101", t0 + 8 * DAY) +
                                                 card_r (&f, "1/102", t0 + 8 * DAY)) / 4,
                                  1e-12);
  fixture_teardown (&f);
}

/* Issue 12, point 3: one card of twenty studied (Easy, so known for days)
 * leaves the section 1/20 known, not solidly green; the stats say on how
 * many cards the figure stands. */
static void
test_mastery_counts_every_card (void)
{
  Fixture f = { 0 };
  gint64 t0 = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stats = NULL;
  const EgSectionStats *one;

  fixture_setup (&f, 1, 20, t0 - DAY);
  grade (&f, NULL, id_of (&f, "1/101"), EG_FSRS_EASY, t0);

  stats = eg_scheduler_section_stats (f.scheduler, t0 + MINUTE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->len, ==, 1);
  one = &g_array_index (stats, EgSectionStats, 0);
  g_assert_cmpuint (one->total, ==, 20);
  g_assert_cmpuint (one->new_cards, ==, 19);
  g_assert_cmpuint (one->reviewed, ==, 1);
  g_assert_cmpfloat_with_epsilon (one->mastery, card_r (&f, "1/101", t0 + MINUTE) / 20, 1e-12);
  g_assert_cmpfloat (one->mastery, <=, 0.05);
  fixture_teardown (&f);
}

/* The search's keys of @query at @now, space-separated, in deck order */
static char *
search_keys (Fixture    *f,
             const char *query,
             gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgSearch) search = eg_search_new (query, &error);
  g_auto(GStrv) keys = NULL;

  g_assert_no_error (error);
  keys = eg_search_card_keys (f->store, search, EG_SORT_DECK_ORDER, FALSE, now, &error);
  g_assert_no_error (error);
  return g_strjoinv (" ", keys);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The queue's cards at @now, by key, in deck order (as the search gives them) */
static char *
queue_keys (Fixture *f,
            gint64   now,
            guint    expected_new,
            guint    expected_learning,
            guint    expected_review)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) queue = eg_scheduler_build_queue (f->scheduler, now, &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cards = NULL;
  EgQueueCounts counts;

  g_assert_no_error (error);
  eg_queue_get_counts (queue, &counts);
  g_assert_cmpuint (counts.new_cards, ==, expected_new);
  g_assert_cmpuint (counts.learning, ==, expected_learning);
  g_assert_cmpuint (counts.review, ==, expected_review);
  ids = eg_queue_list_cards (queue);
  g_assert_cmpuint (ids->len, ==, expected_new + expected_learning + expected_review);
  cards = eg_store_get_cards (f->store, (gint64 *) (void *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add (keys, g_strdup (((EgCard *) g_ptr_array_index (cards, i))->key));
  /* the keys of this deck sort as its order does */
  g_ptr_array_sort (keys, compare_keys);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (" ", (char **) keys->pdata);
}

/* Issue 12, point 5: "due today" is one thing.  The search is:due (the
 * library's Due Today) finds exactly the cards of today's queue, whose
 * counts engram-cli due prints: learning cards due before the study day
 * ends (not only those due now), review cards due today within the
 * review limit, new cards within what is left of the new-card limit;
 * suspended and buried cards are not due. */
static void
test_due_today_is_one_thing (void)
{
  Fixture f = { 0 };
  gint64 t0 = iso ("2026-11-02T09:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  g_autofree char *queue = NULL;
  gint64 ids[1];

  fixture_setup (&f, 2, 15, t0 - DAY);
  set_setting (&f, "fuzz", "false");
  set_setting (&f, "new-per-day", "5");

  /* a fresh collection: the first five new cards */
  search = search_keys (&f, "is:due", t0);
  queue = queue_keys (&f, t0, 5, 0, 0);
  g_assert_cmpstr (search, ==, "1/101 1/102 1/103 1/104 1/105");
  g_assert_cmpstr (search, ==, queue);
  g_clear_pointer (&search, g_free);
  g_clear_pointer (&queue, g_free);

  /* three studied: learning, due in 1 and 10 minutes; two new left today */
  grade (&f, NULL, id_of (&f, "1/101"), EG_FSRS_AGAIN, t0);
  grade (&f, NULL, id_of (&f, "1/102"), EG_FSRS_GOOD, t0);
  grade (&f, NULL, id_of (&f, "1/103"), EG_FSRS_HARD, t0);
  ids[0] = id_of (&f, "1/105");
  g_assert_true (eg_scheduler_set_suspended (f.scheduler, ids, 1, TRUE, &error));
  g_assert_no_error (error);

  search = search_keys (&f, "is:due", t0);
  queue = queue_keys (&f, t0, 2, 3, 0);
  g_assert_cmpstr (search, ==, "1/101 1/102 1/103 1/104 1/106");
  g_assert_cmpstr (search, ==, queue);
  g_clear_pointer (&search, g_free);
  g_clear_pointer (&queue, g_free);

  /* combined with other terms, as the library's search does */
  search = search_keys (&f, "is:due section:1 -is:new", t0);
  g_assert_cmpstr (search, ==, "1/101 1/102 1/103");
  g_clear_pointer (&search, g_free);

  /* the next day: a review card due, the learning cards still due */
  grade (&f, NULL, id_of (&f, "1/104"), EG_FSRS_EASY, t0);
  search = search_keys (&f, "is:due", t0 + 8 * DAY);
  queue = queue_keys (&f, t0 + 8 * DAY, 5, 3, 1);
  g_assert_cmpstr (search, ==, queue);
  g_assert_nonnull (strstr (search, "1/104"));
  fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-scheduler");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/scheduler/settings", test_settings);
  g_test_add_func ("/scheduler/study-day", test_study_day);
  g_test_add_func ("/scheduler/dst-does-not-move-a-day", test_dst_does_not_move_a_day);
  g_test_add_func ("/scheduler/new-cards-and-learning", test_new_cards_and_learning);
  g_test_add_func ("/scheduler/reviews-and-mixing", test_reviews_and_mixing);
  g_test_add_func ("/scheduler/limits-suspend-bury", test_limits_suspend_bury);
  g_test_add_func ("/scheduler/undo-each-change", test_undo_each_change);
  g_test_add_func ("/scheduler/undo-levels", test_undo_levels);
  g_test_add_func ("/scheduler/preview-matches-grade", test_preview_matches_grade);
  g_test_add_func ("/scheduler/rebuild-from-log", test_rebuild_from_log);
  g_test_add_func ("/scheduler/stale-grade", test_stale_grade);
  g_test_add_func ("/scheduler/custom-study-and-preview", test_custom_study_and_preview);
  g_test_add_func ("/scheduler/grade-is-committed", test_grade_is_committed);
  g_test_add_func ("/scheduler/forecast-and-next-due", test_forecast_and_next_due);
  g_test_add_func ("/scheduler/section-stats", test_section_stats);
  g_test_add_func ("/scheduler/mastery-counts-every-card", test_mastery_counts_every_card);
  g_test_add_func ("/scheduler/due-today-is-one-thing", test_due_today_is_one_thing);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
