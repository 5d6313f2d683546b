/* test-stats.c - the statistics on a hand-made review history whose
 * figures are known
 *
 * Runs with TZ=UTC: a study day starts at 04:00 UTC (the default day-start
 * hour), so a grade at 03:00 belongs to the day before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

#define MINUTE (60 * G_GINT64_CONSTANT (1000))
#define HOUR (60 * MINUTE)

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

/* Two sections ("1" and "2") of five cards ("1/101" … "2/205"), imported
 * on 1 January 2025; or no deck at all */
static void
fixture_setup (Fixture  *f,
               gboolean  with_deck)
{
  g_autoptr(GString) text = g_string_new ("# Stats\n\n");
  g_autofree char *deck = eg_test_tmp_path ("deck.md");
  static guint n_collections;
  g_autofree char *name = g_strdup_printf ("collection-%u.db", ++n_collections);
  g_autofree char *path = eg_test_tmp_path (name);
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  for (guint s = 1; s <= 2; s++)
    {
      g_string_append_printf (text, "## From %u Part\n\n# Part %u\n\n", s, s);
      for (guint c = 1; c <= 5; c++)
        g_string_append_printf (text, "### %u. Question %u.%u?\nAnswer.\n\n---\n\n",
                                s * 100 + c, s, c);
    }
  g_assert_true (g_file_set_contents (deck, text->str, -1, NULL));
  f->store = eg_store_open (path, &error);
  g_assert_no_error (error);
  if (with_deck)
    {
      file = g_file_new_for_path (deck);
      report = eg_import_file (f->store, file, iso ("2025-01-01T12:00:00Z"),
                               EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
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
id_of (Fixture    *f,
       const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) card = eg_store_find_card (f->store, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card->id;
}

static void
grade (Fixture      *f,
       const char   *key,
       EgFsrsRating  rating,
       const char   *when,
       gint64        duration_ms)
{
  g_autoptr(GError) error = NULL;
  EgGradeResult result;

  g_assert_true (eg_scheduler_grade (f->scheduler, NULL, id_of (f, key), rating, iso (when),
                                     duration_ms, &result, &error));
  g_assert_no_error (error);
}

static EgStats *
compute (Fixture    *f,
         gint64      deck_id,
         gint64      section_id,
         const char *when)
{
  g_autoptr(GError) error = NULL;
  EgStats *stats = eg_stats_compute (f->scheduler, deck_id, section_id, iso (when), &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

static guint
sum_history (const EgStats *stats)
{
  guint n = 0;

  for (guint i = 0; i < EG_STATS_HISTORY_DAYS; i++)
    n += stats->history[i];
  return n;
}

static void
test_empty (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStats) stats = NULL;

  fixture_setup (&f, FALSE);
  stats = compute (&f, 0, 0, "2026-03-20T12:00:00Z");

  g_assert_cmpint (stats->today, ==, eg_time_study_day (iso ("2026-03-20T12:00:00Z"), 4));
  g_assert_cmpuint (stats->reviews_today, ==, 0);
  g_assert_cmpint (stats->time_today_ms, ==, 0);
  g_assert_cmpuint (stats->again_today, ==, 0);
  g_assert_cmpfloat (stats->again_rate, ==, -1);
  g_assert_cmpuint (stats->retention_reviews, ==, 0);
  g_assert_cmpfloat (stats->true_retention, ==, -1);
  for (guint i = 0; i < EG_STATS_DUE_DAYS; i++)
    {
      g_assert_cmpuint (stats->due[i].learning, ==, 0);
      g_assert_cmpuint (stats->due[i].review, ==, 0);
    }
  g_assert_cmpint (stats->history_first_day, ==, stats->today - 364);
  g_assert_cmpuint (sum_history (stats), ==, 0);
  g_assert_cmpuint (stats->streak, ==, 0);
  g_assert_cmpuint (stats->new_cards + stats->learning + stats->review + stats->relearning +
                    stats->suspended, ==, 0);
  g_assert_cmpuint (stats->studied, ==, 0);
  g_assert_cmpuint (stats->sections->len, ==, 0);
  fixture_teardown (&f);
}

/* The history: reviews a year ago, three cards learnt ten days ago, one a
 * day on the three days before today (a grade at 03:00 today belongs to
 * yesterday), and five reviews today:
 *
 *   1/101 review, Good   4 s     1/104 new, Again  1 s
 *   1/102 review, Again  6 s     1/105 new, Good   3 s
 *   2/201 review, Hard   2 s
 */
static void
make_history (Fixture *f)
{
  grade (f, "2/204", EG_FSRS_GOOD, "2025-03-20T12:00:00Z", 1000);   /* today - 365 */
  grade (f, "2/204", EG_FSRS_GOOD, "2025-03-21T12:00:00Z", 1000);   /* today - 364 */
  grade (f, "1/101", EG_FSRS_EASY, "2026-03-10T12:00:00Z", 5000);
  grade (f, "1/102", EG_FSRS_EASY, "2026-03-10T12:01:00Z", 7000);
  grade (f, "2/201", EG_FSRS_EASY, "2026-03-10T12:02:00Z", 3000);
  grade (f, "1/103", EG_FSRS_GOOD, "2026-03-17T12:00:00Z", 1000);   /* today - 3 */
  grade (f, "1/103", EG_FSRS_GOOD, "2026-03-18T12:00:00Z", 1000);   /* today - 2 */
  grade (f, "2/203", EG_FSRS_GOOD, "2026-03-19T12:00:00Z", 1000);   /* today - 1 */
  grade (f, "2/202", EG_FSRS_GOOD, "2026-03-20T03:00:00Z", 1000);   /* today - 1 */
  grade (f, "1/101", EG_FSRS_GOOD, "2026-03-20T10:00:00Z", 4000);
  grade (f, "1/102", EG_FSRS_AGAIN, "2026-03-20T11:00:00Z", 6000);
  grade (f, "2/201", EG_FSRS_HARD, "2026-03-20T11:30:00Z", 2000);
  grade (f, "1/104", EG_FSRS_AGAIN, "2026-03-20T11:40:00Z", 1000);
  grade (f, "1/105", EG_FSRS_GOOD, "2026-03-20T11:50:00Z", 3000);
}

static void
test_history (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStats) stats = NULL;
  int today;

  fixture_setup (&f, TRUE);
  make_history (&f);
  stats = compute (&f, 0, 0, "2026-03-20T12:00:00Z");
  today = stats->today;
  g_assert_cmpint (today, ==, eg_time_study_day (iso ("2026-03-20T12:00:00Z"), 4));

  /* today */
  g_assert_cmpuint (stats->reviews_today, ==, 5);
  g_assert_cmpint (stats->time_today_ms, ==, 4000 + 6000 + 2000 + 1000 + 3000);
  g_assert_cmpuint (stats->again_today, ==, 2);
  g_assert_cmpfloat_with_epsilon (stats->again_rate, 2.0 / 5, 1e-12);
  g_assert_cmpuint (stats->retention_reviews, ==, 3);
  g_assert_cmpuint (stats->retention_passed, ==, 2);
  g_assert_cmpfloat_with_epsilon (stats->true_retention, 2.0 / 3, 1e-12);

  /* the year: the review 365 days ago falls out */
  g_assert_cmpint (stats->history_first_day, ==, today - 364);
  g_assert_cmpuint (stats->history[0], ==, 1);
  g_assert_cmpuint (stats->history[364 - 10], ==, 3);
  g_assert_cmpuint (stats->history[364 - 3], ==, 1);
  g_assert_cmpuint (stats->history[364 - 2], ==, 1);
  g_assert_cmpuint (stats->history[364 - 1], ==, 2);
  g_assert_cmpuint (stats->history[364], ==, 5);
  g_assert_cmpuint (sum_history (stats), ==, 1 + 3 + 1 + 1 + 2 + 5);
  g_assert_cmpuint (stats->streak, ==, 4);

  /* (re)learning cards due today: 1/102 (relearning), 1/104, 1/105, and
   * 2/202, 2/203 overdue since yesterday */
  g_assert_cmpuint (stats->due[0].learning, ==, 5);
  for (guint i = 1; i < EG_STATS_DUE_DAYS; i++)
    g_assert_cmpuint (stats->due[i].learning, ==, 0);

  /* new: 2/205; learning: 1/104, 1/105, 2/202, 2/203; review: 1/101,
   * 1/103 (graduated), 2/201, 2/204; relearning: 1/102 */
  g_assert_cmpuint (stats->new_cards, ==, 1);
  g_assert_cmpuint (stats->learning, ==, 4);
  g_assert_cmpuint (stats->review, ==, 4);
  g_assert_cmpuint (stats->relearning, ==, 1);
  g_assert_cmpuint (stats->suspended, ==, 0);
  fixture_teardown (&f);
}

/* The streak ends yesterday when there is no review yet today, and is
 * broken by a day without one; a day's figures are the study day's */
static void
test_streak (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStats) tomorrow = NULL;
  g_autoptr(EgStats) after = NULL;
  g_autoptr(EgStats) early = NULL;

  fixture_setup (&f, TRUE);
  make_history (&f);

  tomorrow = compute (&f, 0, 0, "2026-03-21T12:00:00Z");
  g_assert_cmpuint (tomorrow->reviews_today, ==, 0);
  g_assert_cmpfloat (tomorrow->again_rate, ==, -1);
  g_assert_cmpfloat (tomorrow->true_retention, ==, -1);
  g_assert_cmpuint (tomorrow->history[363], ==, 5);
  g_assert_cmpuint (tomorrow->history[364], ==, 0);
  g_assert_cmpuint (tomorrow->streak, ==, 4);

  after = compute (&f, 0, 0, "2026-03-22T12:00:00Z");
  g_assert_cmpuint (after->streak, ==, 0);

  /* 03:30 on the 21st is still the study day of the 20th */
  early = compute (&f, 0, 0, "2026-03-21T03:30:00Z");
  g_assert_cmpuint (early->reviews_today, ==, 5);
  g_assert_cmpuint (early->streak, ==, 4);
  fixture_teardown (&f);
}

/* A section's figures count only its cards */
static void
test_scope (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStats) section = NULL;
  g_autoptr(EgStats) deck = NULL;
  g_autoptr(EgStats) other = NULL;
  g_autoptr(EgSectionInfo) info = NULL;
  g_autoptr(EgCard) card = NULL;

  fixture_setup (&f, TRUE);
  make_history (&f);
  info = eg_store_find_section (f.store, "2", NULL);
  card = eg_store_find_card (f.store, "2/201", NULL);
  g_assert_nonnull (info);
  g_assert_nonnull (card);

  /* section 2 today: 2/201 Hard only; yesterday 2/202, 2/203; a year ago 2/204 */
  section = compute (&f, 0, info->id, "2026-03-20T12:00:00Z");
  g_assert_cmpuint (section->reviews_today, ==, 1);
  g_assert_cmpint (section->time_today_ms, ==, 2000);
  g_assert_cmpfloat (section->again_rate, ==, 0);
  g_assert_cmpfloat (section->true_retention, ==, 1);
  g_assert_cmpuint (section->history[364 - 1], ==, 2);
  g_assert_cmpuint (section->history[364 - 10], ==, 1);
  g_assert_cmpuint (section->history[0], ==, 1);
  g_assert_cmpuint (section->streak, ==, 2);
  g_assert_cmpuint (section->due[0].learning, ==, 2);
  g_assert_cmpuint (section->new_cards, ==, 1);
  g_assert_cmpuint (section->learning, ==, 2);
  g_assert_cmpuint (section->review, ==, 2);
  g_assert_cmpuint (section->relearning, ==, 0);

  deck = compute (&f, card->deck_id, 0, "2026-03-20T12:00:00Z");
  g_assert_cmpuint (deck->reviews_today, ==, 5);
  g_assert_cmpuint (deck->streak, ==, 4);
  other = compute (&f, card->deck_id + 1, 0, "2026-03-20T12:00:00Z");
  g_assert_cmpuint (other->reviews_today, ==, 0);
  g_assert_cmpuint (other->new_cards, ==, 0);
  fixture_teardown (&f);
}

static void
set_state (Fixture *f,
           gint64   card_id,
           int      state,
           gint64   due,
           int      due_day)
{
  g_autoptr(GError) error = NULL;
  EgCardState s = {
    .state = state,
    .stability = 10,
    .difficulty = 5,
    .due = due,
    .last_review = iso ("2026-03-01T12:00:00Z"),
    .reps = 3,
    .due_day = due_day,
  };

  g_assert_true (_eg_store_write_state (f->store, card_id, &s, &error));
  g_assert_no_error (error);
}

/* Cards put in chosen states: what falls due on each day, and the counts
 * by state */
static void
test_due (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = iso ("2026-03-20T12:00:00Z");
  int today = eg_time_study_day (now, 4);
  gint64 id;

  fixture_setup (&f, TRUE);
  set_state (&f, id_of (&f, "1/101"), EG_FSRS_STATE_REVIEW, 0, today - 5);  /* overdue */
  set_state (&f, id_of (&f, "1/102"), EG_FSRS_STATE_REVIEW, 0, today);
  set_state (&f, id_of (&f, "1/103"), EG_FSRS_STATE_REVIEW, 0, today + 3);
  set_state (&f, id_of (&f, "1/104"), EG_FSRS_STATE_REVIEW, 0, today + 29);
  set_state (&f, id_of (&f, "1/105"), EG_FSRS_STATE_REVIEW, 0, today + 30);  /* too far */
  set_state (&f, id_of (&f, "2/201"), EG_FSRS_STATE_LEARNING, now + 2 * HOUR, 0);
  set_state (&f, id_of (&f, "2/202"), EG_FSRS_STATE_RELEARNING,
             iso ("2026-03-21T05:00:00Z"), 0);                            /* tomorrow */
  set_state (&f, id_of (&f, "2/203"), EG_FSRS_STATE_RELEARNING,
             iso ("2026-03-21T03:00:00Z"), 0);                            /* still today */
  id = id_of (&f, "2/204");
  set_state (&f, id, EG_FSRS_STATE_LEARNING, now, 0);
  g_assert_true (eg_scheduler_set_suspended (f.scheduler, &id, 1, TRUE, &error));
  id = id_of (&f, "1/101");
  g_assert_true (eg_scheduler_bury (f.scheduler, &id, 1, now, &error));
  g_assert_no_error (error);

  stats = compute (&f, 0, 0, "2026-03-20T12:00:00Z");
  /* buried 1/101 leaves today's reviews; suspended 2/204 is not due */
  g_assert_cmpuint (stats->due[0].review, ==, 1);
  g_assert_cmpuint (stats->due[0].learning, ==, 2);
  g_assert_cmpuint (stats->due[1].learning, ==, 1);
  g_assert_cmpuint (stats->due[1].review, ==, 0);
  g_assert_cmpuint (stats->due[3].review, ==, 1);
  g_assert_cmpuint (stats->due[29].review, ==, 1);
  for (guint i = 0; i < EG_STATS_DUE_DAYS; i++)
    if (i != 0 && i != 1 && i != 3 && i != 29)
      {
        g_assert_cmpuint (stats->due[i].review, ==, 0);
        g_assert_cmpuint (stats->due[i].learning, ==, 0);
      }

  /* a buried card keeps its state; a suspended one counts only as suspended */
  g_assert_cmpuint (stats->new_cards, ==, 1);
  g_assert_cmpuint (stats->learning, ==, 1);
  g_assert_cmpuint (stats->review, ==, 5);
  g_assert_cmpuint (stats->relearning, ==, 2);
  g_assert_cmpuint (stats->suspended, ==, 1);
  g_assert_cmpuint (stats->reviews_today, ==, 0);
  fixture_teardown (&f);
}

/* The 90-day forecast: the 30-day one, then the days after it */
static void
test_due90 (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStats) stats = NULL;
  gint64 now = iso ("2026-03-20T12:00:00Z");
  int today = eg_time_study_day (now, 4);

  fixture_setup (&f, TRUE);
  set_state (&f, id_of (&f, "1/101"), EG_FSRS_STATE_REVIEW, 0, today + 2);
  set_state (&f, id_of (&f, "1/102"), EG_FSRS_STATE_REVIEW, 0, today + 30);
  set_state (&f, id_of (&f, "1/103"), EG_FSRS_STATE_REVIEW, 0, today + 30);
  set_state (&f, id_of (&f, "1/104"), EG_FSRS_STATE_REVIEW, 0, today + 89);
  set_state (&f, id_of (&f, "1/105"), EG_FSRS_STATE_REVIEW, 0, today + 90);  /* too far */
  set_state (&f, id_of (&f, "2/201"), EG_FSRS_STATE_REVIEW, 0, today + 365); /* too far */
  /* 12:00 on 4 May 2026 is 45 days after 12:00 on 20 March */
  set_state (&f, id_of (&f, "2/202"), EG_FSRS_STATE_RELEARNING,
             iso ("2026-05-04T12:00:00Z"), 0);

  stats = compute (&f, 0, 0, "2026-03-20T12:00:00Z");
  for (guint i = 0; i < EG_STATS_DUE90_DAYS; i++)
    {
      guint review = i == 2 ? 1 : i == 30 ? 2 : i == 89 ? 1 : 0;
      guint learning = i == 45 ? 1 : 0;

      g_assert_cmpuint (stats->due[i].review, ==, review);
      g_assert_cmpuint (stats->due[i].learning, ==, learning);
    }
  g_assert_cmpuint (stats->review, ==, 6);
  fixture_teardown (&f);
}

/* True retention by month: grades of review cards per calendar month of
 * their study day, the last twelve months (April 2025 to March 2026) */
static void
test_months (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStats) stats = NULL;
  g_autoptr(EgStats) section = NULL;
  g_autoptr(EgSectionInfo) info = NULL;

  fixture_setup (&f, TRUE);
  /* 1/102: new → review; its review falls in March 2025, too early */
  grade (&f, "1/102", EG_FSRS_EASY, "2025-03-01T12:00:00Z", 1000);
  grade (&f, "1/102", EG_FSRS_GOOD, "2025-03-31T12:00:00Z", 1000);
  /* 1/101: new (not counted), then reviews: Good at 03:00 on 1 May is
   * the study day of 30 April; Again in June; the relearning grade after
   * it does not count; Hard today */
  grade (&f, "1/101", EG_FSRS_EASY, "2025-04-01T12:00:00Z", 1000);
  grade (&f, "1/101", EG_FSRS_GOOD, "2025-05-01T03:00:00Z", 1000);
  grade (&f, "1/101", EG_FSRS_AGAIN, "2025-06-15T12:00:00Z", 1000);
  grade (&f, "1/101", EG_FSRS_GOOD, "2025-06-15T12:20:00Z", 1000);
  grade (&f, "1/101", EG_FSRS_HARD, "2026-03-20T10:00:00Z", 1000);
  /* 2/201: a review in January, Good */
  grade (&f, "2/201", EG_FSRS_EASY, "2025-12-01T12:00:00Z", 1000);
  grade (&f, "2/201", EG_FSRS_GOOD, "2026-01-31T12:00:00Z", 1000);

  stats = compute (&f, 0, 0, "2026-03-20T12:00:00Z");
  g_assert_cmpint (stats->months[0].first_day, ==,
                   eg_time_study_day (iso ("2025-04-01T12:00:00Z"), 4));
  g_assert_cmpint (stats->months[11].first_day, ==,
                   eg_time_study_day (iso ("2026-03-01T12:00:00Z"), 4));
  g_assert_cmpint (stats->months[10].first_day, ==,
                   eg_time_study_day (iso ("2026-02-01T12:00:00Z"), 4));
  for (guint i = 0; i < EG_STATS_MONTHS; i++)
    {
      /* April 2025: 1 of 1; June 2025: 0 of 1; January 2026: 1 of 1;
       * March 2026: 1 of 1 */
      guint reviews = (i == 0 || i == 2 || i == 9 || i == 11) ? 1 : 0;
      guint passed = (i == 0 || i == 9 || i == 11) ? 1 : 0;

      g_assert_cmpuint (stats->months[i].reviews, ==, reviews);
      g_assert_cmpuint (stats->months[i].passed, ==, passed);
      g_assert_cmpfloat (stats->months[i].rate, ==, reviews == 0 ? -1.0 : (double) passed);
    }

  /* section 2: only January */
  info = eg_store_find_section (f.store, "2", NULL);
  g_assert_nonnull (info);
  section = compute (&f, 0, info->id, "2026-03-20T12:00:00Z");
  for (guint i = 0; i < EG_STATS_MONTHS; i++)
    g_assert_cmpuint (section->months[i].reviews, ==, i == 9 ? 1 : 0);
  fixture_teardown (&f);
}

static void
set_memory (Fixture    *f,
            const char *key,
            int         state,
            double      stability,
            double      difficulty,
            gint64      last_review)
{
  g_autoptr(GError) error = NULL;
  EgCardState s = {
    .state = state,
    .stability = stability,
    .difficulty = difficulty,
    .due = last_review + HOUR,
    .last_review = last_review,
    .reps = 3,
    .due_day = eg_time_study_day (last_review, 4) + 1,
  };

  g_assert_true (_eg_store_write_state (f->store, id_of (f, key), &s, &error));
  g_assert_no_error (error);
}

static void
assert_buckets (const guint *counts,
                guint        n,
                const guint *expected)
{
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (counts[i], ==, expected[i]);
}

/* The distributions of stability, difficulty and retrievability now.  With
 * the default decay 0.1542, factor = 0.9^(-1/0.1542) - 1 = 0.9805 and
 * R = (1 + 0.9805 t / S)^-0.1542, t in whole days:
 *   1/101  S 0.5  D 1    t 0     R 1
 *   1/102  S 10   D 5.5  t 5     R 1.4903^-0.1542 = 0.940
 *   1/103  S 1    D 10   t 100   R 99.05^-0.1542  = 0.492
 *   2/201  S 400  D 3    t 1200  R 3.9415^-0.1542 = 0.809
 *   2/202  S 30   D 2    t 2     R 1.0654^-0.1542 = 0.990 (learning)
 * the other five cards are new and not counted */
static void
test_distributions (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStats) stats = NULL;
  g_autoptr(EgStats) section = NULL;
  g_autoptr(EgSectionInfo) info = NULL;
  gint64 now = iso ("2026-03-20T12:00:00Z");
  gint64 day = 24 * HOUR;
  const guint stability[] = { 1, 1, 0, 0, 1, 0, 1, 0, 0, 1 };
  const guint difficulty[] = { 1, 1, 1, 0, 1, 0, 0, 0, 1 };
  const guint retrievability[] = { 0, 0, 0, 0, 1, 0, 0, 0, 1, 3 };
  const guint section_retrievability[] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1 };

  fixture_setup (&f, TRUE);
  set_memory (&f, "1/101", EG_FSRS_STATE_REVIEW, 0.5, 1, now);
  set_memory (&f, "1/102", EG_FSRS_STATE_REVIEW, 10, 5.5, now - 5 * day);
  set_memory (&f, "1/103", EG_FSRS_STATE_RELEARNING, 1, 10, now - 100 * day);
  set_memory (&f, "2/201", EG_FSRS_STATE_REVIEW, 400, 3, now - 1200 * day);
  set_memory (&f, "2/202", EG_FSRS_STATE_LEARNING, 30, 2, now - 2 * day);

  stats = compute (&f, 0, 0, "2026-03-20T12:00:00Z");
  g_assert_cmpuint (stats->studied, ==, 5);
  assert_buckets (stats->stability, EG_STATS_STABILITY_BUCKETS, stability);
  assert_buckets (stats->difficulty, EG_STATS_DIFFICULTY_BUCKETS, difficulty);
  assert_buckets (stats->retrievability, EG_STATS_RETRIEVABILITY_BUCKETS, retrievability);

  info = eg_store_find_section (f.store, "2", NULL);
  g_assert_nonnull (info);
  section = compute (&f, 0, info->id, "2026-03-20T12:00:00Z");
  g_assert_cmpuint (section->studied, ==, 2);
  assert_buckets (section->retrievability, EG_STATS_RETRIEVABILITY_BUCKETS,
                  section_retrievability);
  fixture_teardown (&f);
}

static void
set_interval (Fixture    *f,
              const char *key,
              int         state,
              double      stability,
              gint64      last_review,
              int         interval)
{
  g_autoptr(GError) error = NULL;
  EgCardState s = {
    .state = state,
    .stability = stability,
    .difficulty = 5,
    .due = last_review + interval * 24 * HOUR,
    .last_review = last_review,
    .scheduled_days = interval,
    .reps = 3,
    .due_day = eg_time_study_day (last_review, 4) + interval,
  };

  g_assert_true (_eg_store_write_state (f->store, id_of (f, key), &s, &error));
  g_assert_no_error (error);
}

/* Per-section mastery: the mean retrievability now over all the section's
 * cards (new ones count 0) and the share of mature cards (review state,
 * interval 21 days or more).  R as in test_distributions:
 *   section 1: 1/101 review S 10 t 0 R 1, interval 21 (mature);
 *              1/102 review S 10 t 0 R 1, interval 20 (not mature);
 *              1/103 review S 1 t 100 R 0.49232, interval 30 (mature);
 *              1/104, 1/105 new: mastery (1 + 1 + 0.49232) / 5 = 0.49846,
 *              mature 2 / 5 = 0.4
 *   section 2: 2/201 relearning S 400 t 1200 R 0.80939, interval 100 (not
 *              review: not mature); four new: mastery 0.80939 / 5 = 0.16188,
 *              mature 0 */
static void
test_sections (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStats) stats = NULL;
  g_autoptr(EgStats) section = NULL;
  g_autoptr(EgStats) other = NULL;
  g_autoptr(EgSectionInfo) info = NULL;
  gint64 now = iso ("2026-03-20T12:00:00Z");
  gint64 day = 24 * HOUR;
  EgStatsSection *s;

  fixture_setup (&f, TRUE);
  set_interval (&f, "1/101", EG_FSRS_STATE_REVIEW, 10, now, 21);
  set_interval (&f, "1/102", EG_FSRS_STATE_REVIEW, 10, now, 20);
  set_interval (&f, "1/103", EG_FSRS_STATE_REVIEW, 1, now - 100 * day, 30);
  set_interval (&f, "2/201", EG_FSRS_STATE_RELEARNING, 400, now - 1200 * day, 100);

  stats = compute (&f, 0, 0, "2026-03-20T12:00:00Z");
  g_assert_cmpuint (stats->sections->len, ==, 2);
  s = &g_array_index (stats->sections, EgStatsSection, 0);
  g_assert_cmpstr (s->key, ==, "1");
  g_assert_cmpstr (s->heading, ==, "Part 1");
  g_assert_cmpuint (s->cards, ==, 5);
  g_assert_cmpfloat_with_epsilon (s->mastery, 0.49846, 1e-4);
  g_assert_cmpuint (s->mature, ==, 2);
  g_assert_cmpfloat_with_epsilon (s->mature_share, 0.4, 1e-12);
  s = &g_array_index (stats->sections, EgStatsSection, 1);
  g_assert_cmpstr (s->key, ==, "2");
  g_assert_cmpstr (s->heading, ==, "Part 2");
  g_assert_cmpuint (s->cards, ==, 5);
  g_assert_cmpfloat_with_epsilon (s->mastery, 0.16188, 1e-4);
  g_assert_cmpuint (s->mature, ==, 0);
  g_assert_cmpfloat (s->mature_share, ==, 0);

  info = eg_store_find_section (f.store, "2", NULL);
  g_assert_nonnull (info);
  section = compute (&f, 0, info->id, "2026-03-20T12:00:00Z");
  g_assert_cmpuint (section->sections->len, ==, 1);
  g_assert_cmpstr (g_array_index (section->sections, EgStatsSection, 0).key, ==, "2");
  other = compute (&f, info->deck_id + 1, 0, "2026-03-20T12:00:00Z");
  g_assert_cmpuint (other->sections->len, ==, 0);
  fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-stats");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/empty", test_empty);
  g_test_add_func ("/stats/history", test_history);
  g_test_add_func ("/stats/streak", test_streak);
  g_test_add_func ("/stats/scope", test_scope);
  g_test_add_func ("/stats/due", test_due);
  g_test_add_func ("/stats/due90", test_due90);
  g_test_add_func ("/stats/months", test_months);
  g_test_add_func ("/stats/distributions", test_distributions);
  g_test_add_func ("/stats/sections", test_sections);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
