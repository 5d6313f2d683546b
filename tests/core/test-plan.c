/* test-plan.c - interview-date mode: the settings, the lead time, the
 * pacing of new cards, feasibility and the budget, the forecast, and the
 * study queue's cram order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

#define HOUR (60 * 60 * G_GINT64_CONSTANT (1000))
#define DAY (24 * HOUR)

typedef struct
{
  EgStore     *store;
  EgScheduler *scheduler;
  char        *section1;   /* the keys of the two sections */
  char        *section2;
} Fixture;

static gint64
iso (const char *text)
{
  gint64 ms = 0;

  g_assert_true (eg_time_parse_iso (text, &ms));
  return ms;
}

/* One deck "plan" of two sections of @per_section new cards */
static void
fixture_setup (Fixture    *f,
               guint       per_section,
               const char *new_per_day,
               const char *reviews_per_day,
               gint64      now)
{
  g_autoptr(GString) text = g_string_new ("# Plan\n\n");
  g_autofree char *deck = eg_test_tmp_path ("plan.md");
  g_autofree char *path = eg_test_tmp_path ("collection.db");
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GError) error = NULL;

  g_unlink (path);
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
  report = eg_import_file (f->store, file, now - DAY, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL,
                           &error);
  g_assert_no_error (error);
  g_assert_true (eg_store_set_setting (f->store, "new-per-day", new_per_day, &error));
  g_assert_true (eg_store_set_setting (f->store, "reviews-per-day", reviews_per_day, &error));
  g_assert_true (eg_store_set_setting (f->store, "fuzz", "false", &error));
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
  decks = eg_store_list_decks (f->store, &error);
  g_assert_cmpuint (decks->len, ==, 1);
  sections = eg_store_list_sections (f->store, ((EgDeckInfo *) decks->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sections->len, ==, 2);
  f->section1 = g_strdup (((EgSectionInfo *) sections->pdata[0])->key);
  f->section2 = g_strdup (((EgSectionInfo *) sections->pdata[1])->key);
}

static void
fixture_teardown (Fixture *f)
{
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
  g_clear_pointer (&f->section1, g_free);
  g_clear_pointer (&f->section2, g_free);
}

static char *
day_text (gint64 now,
          int    days)
{
  return eg_time_format_day (eg_time_study_day (now, 4) + days);
}

static void
assert_unset (Fixture *f)
{
  g_autofree char *date = eg_store_get_setting (f->store, EG_PLAN_KEY_DATE);
  g_autofree char *deck = eg_store_get_setting (f->store, EG_PLAN_KEY_DECK);
  g_autofree char *sections = eg_store_get_setting (f->store, EG_PLAN_KEY_SECTIONS);

  g_assert_false (eg_plan_is_set (f->scheduler));
  g_assert_true (date == NULL || *date == '\0');
  g_assert_true (deck == NULL || *deck == '\0');
  g_assert_true (sections == NULL || *sections == '\0');
}

/* Bad dates, past dates, unknown decks and sections are refused and
 * nothing is saved; a good plan is saved and cleared */
static void
test_settings (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00Z");
  g_autofree char *yesterday = day_text (now, -1);
  g_autofree char *today = day_text (now, 0);
  g_autofree char *later = day_text (now, 20);
  g_autofree char *saved = NULL;
  const char *bad_dates[] = { "", "tomorrow", "2027-3-01", "2027-02-30", "2027-13-01",
                              "20270301", "2027-03-01x", "1969-12-31" };
  g_autoptr(GError) error = NULL;

  fixture_setup (&f, 3, "20", "200", now);
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_assert_false (eg_plan_set (f.scheduler, bad_dates[i], NULL, NULL, now, &error));
      g_assert_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
      g_clear_error (&error);
      assert_unset (&f);
    }
  g_assert_false (eg_plan_set (f.scheduler, yesterday, NULL, NULL, now, &error));
  g_assert_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "in the past"));
  g_clear_error (&error);
  assert_unset (&f);
  g_assert_false (eg_plan_set (f.scheduler, later, "nosuchdeck", NULL, now, &error));
  g_assert_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  assert_unset (&f);
  g_assert_false (eg_plan_set (f.scheduler, later, NULL, "nosuchsection", now, &error));
  g_assert_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nosuchsection"));
  g_clear_error (&error);
  assert_unset (&f);
  g_assert_null (eg_plan_compute (f.scheduler, now, &error));
  g_assert_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_NOT_SET);
  g_clear_error (&error);

  /* today is a valid date; the sections are kept as a plain list */
  {
    g_autofree char *list = g_strdup_printf (" %s , ,%s ", f.section1, f.section2);
    g_autofree char *expected = g_strdup_printf ("%s,%s", f.section1, f.section2);

    g_assert_true (eg_plan_set (f.scheduler, today, NULL, list, now, &error));
    g_assert_no_error (error);
    saved = eg_store_get_setting (f.store, EG_PLAN_KEY_SECTIONS);
    g_assert_cmpstr (saved, ==, expected);
    g_clear_pointer (&saved, g_free);
  }
  g_assert_true (eg_plan_set (f.scheduler, later, "plan", f.section2, now, &error));
  g_assert_no_error (error);
  g_assert_true (eg_plan_is_set (f.scheduler));
  /* a refused change leaves the plan as it was */
  g_assert_false (eg_plan_set (f.scheduler, later, NULL, "nosuchsection", now, &error));
  g_clear_error (&error);
  saved = eg_store_get_setting (f.store, EG_PLAN_KEY_SECTIONS);
  g_assert_cmpstr (saved, ==, f.section2);
  g_clear_pointer (&saved, g_free);
  saved = eg_store_get_setting (f.store, EG_PLAN_KEY_DATE);
  g_assert_cmpstr (saved, ==, later);

  /* a plan whose section is gone (the deck changed) does not stop study:
   * the normal queue, and the plan says what is wrong */
  g_assert_true (eg_store_set_setting (f.store, EG_PLAN_KEY_SECTIONS, "gone", &error));
  {
    g_autoptr(EgQueue) queue = eg_scheduler_build_queue (f.scheduler, now, &error);
    EgQueueCounts counts;

    g_assert_no_error (error);
    eg_queue_get_counts (queue, &counts);
    g_assert_cmpuint (counts.new_cards, ==, 6);
  }
  g_assert_null (eg_plan_compute (f.scheduler, now, &error));
  g_assert_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "gone"));
  g_clear_error (&error);

  g_assert_true (eg_plan_clear (f.scheduler, &error));
  g_assert_no_error (error);
  assert_unset (&f);
  fixture_teardown (&f);
}

/* The lead time is the day successive Good answers at the scheduler's
 * intervals reach the target: replayed here with eg_fsrs_review() at each
 * due time (ts-fsrs's interval rules, no short-term steps) */
static void
test_lead_time (void)
{
  const char *none[] = { NULL };
  const gint64 start = G_GINT64_CONSTANT (1767268800000);  /* 2026-01-01T12:00Z */
  g_autoptr(GError) error = NULL;
  EgFsrsParams params;
  EgFsrsCard card, next;
  gint64 t = start;
  int day;

  g_assert_true (eg_fsrs_params_init (&params, eg_fsrs_default_weights (), EG_FSRS_N_PARAMS,
                                      0.9, 36500, FALSE, FALSE, none, none, &error));
  eg_fsrs_card_init_new (&card, start);
  for (;;)
    {
      g_assert_true (eg_fsrs_review (&params, &card, t, EG_FSRS_GOOD, &next, &error));
      card = next;
      if (card.stability >= EG_PLAN_TARGET_STABILITY)
        break;
      t = card.due;
    }
  day = (int) ((t - start) / DAY);
  g_assert_cmpint (eg_plan_lead_days (&params, EG_PLAN_TARGET_STABILITY), ==, day);
  /* intervals at 90 % are about the stability: the target comes within
   * about as many days */
  g_assert_cmpint (day, >, 0);
  g_assert_cmpint (day, <=, (int) EG_PLAN_TARGET_STABILITY);
  g_assert_cmpint (eg_plan_lead_days (&params, 0.001), ==, 0);
  g_assert_cmpint (eg_plan_lead_days (&params, 60), >, day);
}

/* The pacing rule itself */
static void
test_pacing_rule (void)
{
  /* 245 cards, 10 days to introduce them: 25 a day over a base of 20 */
  g_assert_cmpint (eg_plan_policy_new_limit (20, 245, 0, 9, 14), ==, 25);
  /* 100 cards in 10 days: the base suffices */
  g_assert_cmpint (eg_plan_policy_new_limit (20, 100, 0, 9, 14), ==, 20);
  /* days missed: it rises */
  g_assert_cmpint (eg_plan_policy_new_limit (20, 245, 5, 9, 14), ==, 49);
  /* past the last day: everything left, and no effect from the date on */
  g_assert_cmpint (eg_plan_policy_new_limit (20, 245, 10, 9, 14), ==, 245);
  g_assert_cmpint (eg_plan_policy_new_limit (20, 245, 14, 9, 14), ==, 20);
  g_assert_cmpint (eg_plan_policy_new_limit (20, 245, 3, 9, -1), ==, 20);

  /* followed day by day it introduces every card by the last day, never
   * below the base, and never more than needed */
  for (guint remaining_start = 0; remaining_start < 400; remaining_start += 37)
    {
      guint remaining = remaining_start;
      int prev = G_MAXINT;

      for (int day = 0; day <= 9; day++)
        {
          int n = eg_plan_policy_new_limit (20, remaining, day, 9, 14);

          g_assert_cmpint (n, >=, 20);
          if (remaining > 20u * 10)
            g_assert_cmpint (n, <=, prev);
          prev = n;
          remaining -= MIN (remaining, (guint) n);
        }
      g_assert_cmpuint (remaining, ==, 0);
    }
}

static EgPlan *
compute (Fixture *f,
         gint64   now)
{
  g_autoptr(GError) error = NULL;
  EgPlan *plan = eg_plan_compute (f->scheduler, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* 60 new cards, 5 a day, an interview 12 days out: the plan raises the
 * daily count to cover every card by the date minus the lead time */
static void
test_plan_pacing (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00Z");
  g_autofree char *date = day_text (now, 12);
  g_autoptr(EgPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  guint introduced = 0;
  int lead, intro_days;

  fixture_setup (&f, 30, "5", "9999", now);
  lead = eg_plan_lead_days (eg_scheduler_get_params (f.scheduler), EG_PLAN_TARGET_STABILITY);
  g_assert_true (eg_plan_set (f.scheduler, date, NULL, NULL, now, &error));
  plan = compute (&f, now);
  g_assert_cmpint (plan->days_left, ==, 12);
  g_assert_cmpint (plan->lead_days, ==, lead);
  g_assert_cmpint (plan->last_intro_day, ==, plan->interview_day - lead);
  g_assert_cmpuint (plan->scope_cards, ==, 60);
  g_assert_cmpuint (plan->scope_new, ==, 60);
  g_assert_cmpuint (plan->days->len, ==, 13);
  intro_days = 12 - lead + 1;
  g_assert_cmpint (intro_days * 5, <, 60);   /* the setting alone would be too slow */
  for (guint d = 0; d < plan->days->len; d++)
    {
      const EgPlanDay *day = &g_array_index (plan->days, EgPlanDay, d);

      g_assert_cmpint (day->day, ==, plan->today + (int) d);
      if ((int) d < intro_days)
        g_assert_cmpuint (day->new_cards, >=, 5);
      else
        g_assert_cmpuint (day->new_cards, ==, 0);
      introduced += day->new_cards;
      /* while cards are introduced the expected recall rises */
      if (d > 0 && (int) d < intro_days)
        g_assert_cmpfloat (day->recall, >,
                           g_array_index (plan->days, EgPlanDay, d - 1).recall);
      g_assert_cmpfloat (day->recall, >=, 0);
      g_assert_cmpfloat (day->recall, <=, 1);
    }
  g_assert_cmpuint (introduced, ==, 60);
  g_assert_cmpuint (g_array_index (plan->days, EgPlanDay, 0).new_cards, ==,
                    (60 + intro_days - 1) / intro_days);
  g_assert_cmpint (plan->needed_new_per_day, ==, (60 + intro_days - 1) / intro_days);
  g_assert_cmpfloat (plan->expected_recall, ==,
                     g_array_index (plan->days, EgPlanDay, 12).recall);
  /* every card studied and reviewed at 90 %: most are recalled */
  g_assert_cmpfloat (plan->expected_recall, >, 0.85);
  g_assert_true (plan->feasible);
  g_assert_false (plan->too_few_days);

  /* the queue takes the plan's count today */
  {
    g_autoptr(EgQueue) queue = eg_scheduler_build_queue (f.scheduler, now, &error);
    EgQueueCounts counts;

    EgQueueOptions options = { 0 };
    EgDayLimits limits;

    g_assert_no_error (error);
    eg_queue_get_counts (queue, &counts);
    g_assert_cmpuint (counts.new_cards, ==, (60 + intro_days - 1) / intro_days);
    /* and the end of a session says so */
    g_assert_true (eg_scheduler_get_day_limits (f.scheduler, now, &options, 1, &limits,
                                                &error));
    g_assert_no_error (error);
    g_assert_cmpuint (limits.new_limit, ==, (60 + intro_days - 1) / intro_days);
  }
  /* without the plan, the setting */
  g_assert_true (eg_plan_clear (f.scheduler, &error));
  {
    g_autoptr(EgQueue) queue = eg_scheduler_build_queue (f.scheduler, now, &error);
    EgQueueCounts counts;

    eg_queue_get_counts (queue, &counts);
    g_assert_cmpuint (counts.new_cards, ==, 5);
  }
  fixture_teardown (&f);
}

/* A plan on the second section, a session on the whole deck: the new
 * cards the plan paces come first (before: the deck's first section took
 * the raised limit, and the planned section's cards waited) */
static void
test_scope_new_first (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00Z");
  g_autofree char *date = day_text (now, 4);
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  guint in_plan = 0;

  fixture_setup (&f, 30, "5", "9999", now);
  g_assert_true (eg_plan_set (f.scheduler, date, "plan", f.section2, now, &error));
  g_assert_no_error (error);
  queue = eg_scheduler_build_queue (f.scheduler, now, &error);
  g_assert_no_error (error);
  cards = eg_queue_list_cards (queue);
  g_assert_cmpuint (cards->len, >, 5);   /* the plan's pace, above the setting */
  prefix = g_strdup_printf ("%s/", f.section2);
  for (guint i = 0; i < cards->len; i++)
    {
      g_autoptr(EgCard) card = eg_store_get_card (f.store, g_array_index (cards, gint64, i),
                                                  &error);

      g_assert_no_error (error);
      in_plan += g_str_has_prefix (card->key, prefix);
    }
  g_assert_cmpuint (in_plan, ==, cards->len);
  fixture_teardown (&f);
}

/* Too small a review budget, too few days: out of reach, and the budget
 * that would reach it */
static void
test_feasibility (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00Z");
  g_autofree char *date = day_text (now, 20);
  g_autofree char *today = day_text (now, 0);
  g_autoptr(EgPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  EgSchedulerSettings settings;

  fixture_setup (&f, 30, "20", "2", now);
  g_assert_true (eg_plan_set (f.scheduler, date, NULL, NULL, now, &error));
  plan = compute (&f, now);
  g_assert_false (plan->too_few_days);
  g_assert_false (plan->feasible);
  g_assert_cmpint (plan->needed_reviews_per_day, >, 2);

  /* the budget it names reaches it */
  eg_scheduler_settings_init (&settings);
  g_assert_true (eg_scheduler_settings_load (&settings, f.store, &error));
  settings.reviews_per_day = plan->needed_reviews_per_day;
  g_assert_true (eg_scheduler_set_settings (f.scheduler, &settings, &error));
  eg_scheduler_settings_clear (&settings);
  g_clear_pointer (&plan, eg_plan_free);
  plan = compute (&f, now);
  g_assert_true (plan->feasible);

  /* an interview today: no time for the lead */
  g_assert_true (eg_plan_set (f.scheduler, today, NULL, NULL, now, &error));
  g_clear_pointer (&plan, eg_plan_free);
  plan = compute (&f, now);
  g_assert_true (plan->too_few_days);
  g_assert_false (plan->feasible);
  g_assert_cmpint (plan->needed_new_per_day, ==, 60);
  g_assert_cmpuint (plan->days->len, ==, 1);

  /* once the date has passed: no days, no forecast */
  g_clear_pointer (&plan, eg_plan_free);
  plan = compute (&f, now + 2 * DAY);
  g_assert_cmpint (plan->days_left, ==, -2);
  g_assert_cmpuint (plan->days->len, ==, 0);
  g_assert_cmpfloat (plan->expected_recall, ==, -1);
  fixture_teardown (&f);
}

/* Cards in the review state with chosen stabilities, last reviewed
 * @ago days before @now */
static void
set_review (Fixture *f,
            gint64   card_id,
            double   stability,
            int      ago,
            int      interval,
            gint64   now)
{
  g_autoptr(GError) error = NULL;
  gint64 last = now - (gint64) ago * DAY;
  EgCardState state = {
    .state = EG_FSRS_STATE_REVIEW,
    .stability = stability,
    .difficulty = 5,
    .due = last + (gint64) interval * DAY,
    .last_review = last,
    .elapsed_days = 0,
    .scheduled_days = interval,
    .reps = 3,
  };

  state.due_day = eg_time_study_day (state.due, 4);
  g_assert_true (_eg_store_begin (f->store, &error));
  g_assert_true (_eg_store_write_state (f->store, card_id, &state, &error));
  g_assert_true (_eg_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static double
recall_at (double stability,
           int    days)
{
  const double *w = eg_fsrs_default_weights ();
  double decay = -w[20], factor = pow (0.9, 1.0 / decay) - 1.0;

  return pow (1 + factor * days / stability, decay);
}

/* Review cards: due ones of stability 2, 20 and 5; one not due of
 * stability 3 (low at the date), one not due of stability 200 (high) */
static void
set_reviews (Fixture *f,
             gint64   now,
             GArray  *ids)
{
  g_autoptr(GError) error = NULL;

  set_review (f, g_array_index (ids, gint64, 0), 2, 3, 2, now);     /* due */
  set_review (f, g_array_index (ids, gint64, 1), 20, 21, 20, now);  /* due */
  set_review (f, g_array_index (ids, gint64, 2), 5, 6, 5, now);     /* due */
  set_review (f, g_array_index (ids, gint64, 3), 3, 1, 3, now);     /* due in 2 days */
  set_review (f, g_array_index (ids, gint64, 4), 200, 1, 200, now); /* far */
  g_assert_true (eg_store_set_setting (f->store, "new-per-day", "0", &error));
  g_clear_object (&f->scheduler);
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
}

static GArray *
queue_ids (Fixture *f,
           gint64   now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) queue = eg_scheduler_build_queue (f->scheduler, now, &error);

  g_assert_no_error (error);
  return eg_queue_list_cards (queue);
}

static void
test_cram_order (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00Z");
  g_autofree char *in_window = day_text (now, EG_PLAN_CRAM_DAYS);
  g_autofree char *far = day_text (now, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) normal = NULL;
  g_autoptr(GArray) cram = NULL;
  g_autoptr(GArray) outside = NULL;
  g_autoptr(GArray) after = NULL;
  gint64 *id;

  fixture_setup (&f, 5, "20", "200", now);
  {
    g_autoptr(EgSectionInfo) section = eg_store_find_section (f.store, f.section1, &error);

    g_assert_no_error (error);
    ids = eg_store_list_card_ids (f.store, section->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 5);
  }
  set_reviews (&f, now, ids);
  id = &g_array_index (ids, gint64, 0);

  /* the normal queue: the due cards, lowest retrievability now first
   * (elapsed / stability: 1.5, 1.2, 1.05) */
  normal = queue_ids (&f, now);
  g_assert_cmpuint (normal->len, ==, 3);
  g_assert_cmpint (g_array_index (normal, gint64, 0), ==, id[0]);
  g_assert_cmpint (g_array_index (normal, gint64, 1), ==, id[2]);
  g_assert_cmpint (g_array_index (normal, gint64, 2), ==, id[1]);

  /* the interview at the window's start: lowest recall at the date
   * first, then the not-due card of stability 3 added; not the one at 200 */
  g_assert_cmpfloat (recall_at (2, 3 + EG_PLAN_CRAM_DAYS), <, recall_at (5, 6 + EG_PLAN_CRAM_DAYS));
  g_assert_cmpfloat (recall_at (5, 6 + EG_PLAN_CRAM_DAYS), <,
                     recall_at (20, 21 + EG_PLAN_CRAM_DAYS));
  g_assert_cmpfloat (recall_at (3, 1 + EG_PLAN_CRAM_DAYS), <,
                     eg_plan_policy_cram_threshold (0.9));
  g_assert_cmpfloat (recall_at (200, 1 + EG_PLAN_CRAM_DAYS), >,
                     eg_plan_policy_cram_threshold (0.9));
  g_assert_true (eg_plan_set (f.scheduler, in_window, NULL, f.section1, now, &error));
  cram = queue_ids (&f, now);
  g_assert_cmpuint (cram->len, ==, 4);
  g_assert_cmpint (g_array_index (cram, gint64, 0), ==, id[0]);
  g_assert_cmpint (g_array_index (cram, gint64, 1), ==, id[2]);
  g_assert_cmpint (g_array_index (cram, gint64, 2), ==, id[1]);
  g_assert_cmpint (g_array_index (cram, gint64, 3), ==, id[3]);

  /* grading the early review is an ordinary (early) review */
  {
    g_autoptr(EgQueue) queue = eg_scheduler_build_queue (f.scheduler, now, &error);
    EgGradeResult result;

    g_assert_true (eg_scheduler_grade (f.scheduler, queue, id[3], EG_FSRS_GOOD, now, 1000,
                                       &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.before.state, ==, EG_FSRS_STATE_REVIEW);
    g_assert_cmpint (result.after.state, ==, EG_FSRS_STATE_REVIEW);
    g_assert_cmpint (result.after.elapsed_days, ==, 1);
  }

  /* 10 days out: no cram, the normal order */
  g_assert_true (eg_plan_set (f.scheduler, far, NULL, f.section1, now, &error));
  outside = queue_ids (&f, now);
  g_assert_cmpuint (outside->len, ==, 3);
  g_assert_cmpint (g_array_index (outside, gint64, 0), ==, id[0]);
  g_assert_cmpint (g_array_index (outside, gint64, 1), ==, id[2]);

  /* after the date: no effect (the same queue as without a plan) */
  g_assert_true (eg_plan_set (f.scheduler, in_window, NULL, f.section1, now, &error));
  after = queue_ids (&f, now + (EG_PLAN_CRAM_DAYS + 1) * DAY);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (g_array_index (after, gint64, i), !=, id[4]);
  {
    g_autoptr(GArray) check = NULL;

    g_assert_true (eg_plan_clear (f.scheduler, &error));
    check = queue_ids (&f, now + (EG_PLAN_CRAM_DAYS + 1) * DAY);
    g_assert_cmpmem (after->data, after->len * sizeof (gint64),
                     check->data, check->len * sizeof (gint64));
  }
  fixture_teardown (&f);
}

static double
workload (Fixture *f,
          double   retention,
          gint64   now,
          double  *reviews)
{
  g_autoptr(GError) error = NULL;
  double sum = 0;

  g_assert_true (eg_scheduler_estimate_workload (f->scheduler, retention, 30, now, reviews,
                                                 &error));
  g_assert_no_error (error);
  for (guint d = 0; d < 30; d++)
    sum += reviews[d];
  return sum;
}

/* The workload estimate: nothing due today on a new deck, more reviews for
 * a higher retention, the same figures twice, bad values refused */
static void
test_workload (void)
{
  Fixture f = { 0 };
  gint64 now = iso ("2026-11-02T09:00:00Z");
  g_autoptr(GError) error = NULL;
  double a[30], b[30], low, mid, high;

  fixture_setup (&f, 30, "10", "200", now);
  mid = workload (&f, 0.9, now, a);
  g_assert_cmpfloat (a[0], ==, 0);
  g_assert_cmpfloat (mid, >, 60);   /* each of the 60 cards is reviewed at least once */
  g_assert_cmpfloat (workload (&f, 0.9, now, b), ==, mid);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  low = workload (&f, 0.8, now, b);
  high = workload (&f, 0.95, now, b);
  g_assert_cmpfloat (low, <, mid);
  g_assert_cmpfloat (mid, <, high);

  g_assert_false (eg_scheduler_estimate_workload (f.scheduler, 1.0, 30, now, a, &error));
  g_assert_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_INVALID_SETTING);
  g_clear_error (&error);
  g_assert_false (eg_scheduler_estimate_workload (f.scheduler, 0.9, 0, now, a, &error));
  g_assert_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_INVALID_SETTING);
  fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  eg_test_setup_dirs ("test-plan");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/settings", test_settings);
  g_test_add_func ("/plan/lead-time", test_lead_time);
  g_test_add_func ("/plan/pacing-rule", test_pacing_rule);
  g_test_add_func ("/plan/pacing", test_plan_pacing);
  g_test_add_func ("/plan/scope-new-first", test_scope_new_first);
  g_test_add_func ("/plan/feasibility", test_feasibility);
  g_test_add_func ("/plan/cram-order", test_cram_order);
  g_test_add_func ("/plan/workload", test_workload);
  rc = g_test_run ();
  eg_test_cleanup_dirs ();
  return rc;
}
