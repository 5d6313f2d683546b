/* test-interview.c - interview-date mode in the window: the Interview page
 * of Preferences refuses a bad date or section (nothing saved) and takes a
 * good one; the library header says the days left and the expected recall
 * the core computes; a goal out of reach is said under the header with the
 * budget that would reach it, and Raise the Budget sets it; the workload
 * row under Desired Retention follows the value typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eg-application.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-interview-page.h"
#include "eg-library-page-private.h"
#include "eg-preferences.h"
#include "eg-test-util.h"
#include "eg-window.h"

typedef struct
{
  EgStore     *store;
  EgScheduler *scheduler;
  EgWindow    *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("interview-%u.db", ++n);
  g_autofree char *db = eg_test_tmp_path (name);
  g_autofree char *deck = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (deck);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  f->store = eg_store_open (db, &error);
  g_assert_no_error (error);
  report = eg_import_file (f->store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE, NULL, NULL,
                           NULL, &error);
  g_assert_no_error (error);
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
  f->window = eg_window_new (NULL);
  eg_window_set_store (f->window, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
}

/* "YYYY-MM-DD" of the study day @days after today */
static char *
date_in (Fixture *f,
         int      days)
{
  return eg_time_format_day (eg_scheduler_study_day (eg_window_get_scheduler (f->window),
                                                     eg_time_now_ms ()) + days);
}

/* The Interview page of the window's Preferences */
static EgInterviewPage *
open_page (Fixture *f)
{
  GtkWidget *preferences;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.interview", NULL));
  preferences = eg_window_get_preferences (f->window);
  g_assert_nonnull (preferences);
  return EG_INTERVIEW_PAGE (adw_preferences_window_get_visible_page (
                              ADW_PREFERENCES_WINDOW (preferences)));
}

typedef struct
{
  Fixture    *f;
  const char *subtitle;
} SubtitleWait;

static gboolean
header_says (gpointer data)
{
  SubtitleWait *wait = data;
  EgLibraryPage *page = eg_window_get_library_page (wait->f->window);

  return g_strcmp0 (adw_window_title_get_subtitle (page->content_title), wait->subtitle) == 0;
}

static gboolean
warning_shown (gpointer data)
{
  EgLibraryPage *page = eg_window_get_library_page (((Fixture *) data)->window);

  return gtk_revealer_get_reveal_child (page->interview_revealer);
}

static gboolean
warning_hidden (gpointer data)
{
  return !warning_shown (data);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  EgInterviewPage *page = open_page (f);
  g_autofree char *past = date_in (f, -1);
  g_autofree char *future = date_in (f, 20);
  g_autofree char *saved = NULL;
  const char *bad[] = { "tomorrow", "2027-02-30", past, "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *date = NULL;

      g_test_message ("date “%s”", bad[i]);
      g_assert_false (eg_interview_page_set_date (page, bad[i], &error));
      g_assert_nonnull (error);
      /* said at the row and in the page; nothing saved */
      g_assert_true (gtk_widget_has_css_class (eg_interview_page_get_widget (page, "date"),
                                               "error"));
      g_assert_true (gtk_widget_get_visible (eg_interview_page_get_widget (page, "error")));
      g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (page), error->message, FALSE));
      date = eg_store_get_setting (f->store, EG_PLAN_KEY_DATE);
      g_assert_null (date);
      g_assert_false (eg_plan_is_set (eg_window_get_scheduler (f->window)));
    }

  /* a good date is taken, then an unknown section is refused, the date kept */
  g_assert_true (eg_interview_page_set_date (page, future, NULL));
  g_assert_false (gtk_widget_get_visible (eg_interview_page_get_widget (page, "error")));
  saved = eg_store_get_setting (f->store, EG_PLAN_KEY_DATE);
  g_assert_cmpstr (saved, ==, future);
  g_assert_false (eg_interview_page_set_scope (page, "expert-level-golang-interview-questions",
                                               "no-such-section", NULL));
  g_assert_true (gtk_widget_get_visible (eg_interview_page_get_widget (page, "error")));
  g_clear_pointer (&saved, g_free);
  saved = eg_store_get_setting (f->store, EG_PLAN_KEY_SECTIONS);
  g_assert_true (saved == NULL || *saved == '\0');
  g_assert_true (eg_plan_is_set (eg_window_get_scheduler (f->window)));

  /* Remove clears it */
  g_assert_true (eg_interview_page_clear (page, NULL));
  g_assert_false (eg_plan_is_set (eg_window_get_scheduler (f->window)));
  g_assert_false (gtk_widget_get_visible (eg_interview_page_get_widget (page, "clear")));
}

static void
test_header (Fixture       *f,
             gconstpointer  data)
{
  EgInterviewPage *page = open_page (f);
  g_autofree char *date = date_in (f, 14);
  g_autofree char *expected = NULL;
  g_autoptr(EgPlan) plan = NULL;
  SubtitleWait wait = { f, NULL };

  g_assert_true (eg_interview_page_set_date (page, date, NULL));
  plan = eg_plan_compute (eg_window_get_scheduler (f->window), eg_time_now_ms (), NULL);
  g_assert_nonnull (plan);
  g_assert_cmpint (plan->days_left, ==, 14);
  expected = g_strdup_printf ("Interview in 14 days · %d %% expected recall",
                              (int) floor (plan->expected_recall * 100 + 0.5));
  wait.subtitle = expected;
  g_assert_true (eg_gui_test_wait_for (header_says, &wait, 10000));
  /* the page says it too, with the scope */
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (page), expected, FALSE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (page),
                                         "245 cards in the plan, 245 not studied yet", FALSE));
  g_assert_true (warning_hidden (f));

  /* the date removed: the header says nothing of it */
  g_assert_true (eg_interview_page_clear (page, NULL));
  wait.subtitle = "";
  g_assert_true (eg_gui_test_wait_for (header_says, &wait, 10000));
}

static void
test_out_of_reach (Fixture       *f,
                   gconstpointer  data)
{
  EgInterviewPage *page;
  g_autofree char *date = date_in (f, 10);
  g_autofree char *needed = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(EgPlan) plan = NULL;
  EgLibraryPage *library = eg_window_get_library_page (f->window);

  page = open_page (f);
  g_assert_true (eg_preferences_apply (EG_PREFERENCES (eg_window_get_preferences (f->window)),
                                       "reviews-per-day", "10", NULL));
  g_assert_true (eg_interview_page_set_date (page, date, NULL));
  plan = eg_plan_compute (eg_window_get_scheduler (f->window), eg_time_now_ms (), NULL);
  g_assert_nonnull (plan);
  g_assert_false (plan->feasible);
  g_assert_cmpint (plan->needed_reviews_per_day, >, 10);

  /* under the header, with the budget that would reach it */
  g_assert_true (eg_gui_test_wait_for (warning_shown, f, 10000));
  needed = g_strdup_printf ("%d reviews", plan->needed_reviews_per_day);
  g_assert_nonnull (strstr (gtk_label_get_label (library->interview_warning), needed));
  g_assert_nonnull (strstr (gtk_label_get_label (library->interview_warning),
                            "out of reach with 10 reviews a day"));
  /* in the page, whose button raises the budget to it */
  g_assert_true (gtk_widget_get_visible (eg_interview_page_get_widget (page, "reach")));
  g_assert_true (gtk_widget_get_visible (eg_interview_page_get_widget (page, "budget")));
  g_signal_emit_by_name (eg_interview_page_get_widget (page, "budget"), "clicked");
  saved = eg_store_get_setting (f->store, "reviews-per-day");
  g_assert_cmpint (atoi (saved), ==, plan->needed_reviews_per_day);
  g_assert_cmpint (eg_scheduler_get_settings (
                     eg_window_get_scheduler (f->window))->reviews_per_day, ==,
                   plan->needed_reviews_per_day);
  g_assert_true (eg_gui_test_wait_for (warning_hidden, f, 10000));
  g_assert_false (gtk_widget_get_visible (eg_interview_page_get_widget (page, "reach")));
}

typedef struct
{
  GtkWidget  *row;
  const char *text;
} RowWait;

static gboolean
subtitle_is (gpointer data)
{
  RowWait *wait = data;

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (wait->row)), wait->text) == 0;
}

/* The workload row follows the retention typed, as the core estimates it */
static void
test_workload (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *preferences;
  GtkWidget *retention, *workload;
  double low[30], high[30], now_mean = 0, low_mean = 0, high_mean = 0, high_peak = 0;
  g_autofree char *expected = NULL;
  EgScheduler *scheduler = eg_window_get_scheduler (f->window);
  RowWait wait;

  /* some cards studied, so that reviews come */
  for (guint i = 0; i < 15; i++)
    {
      g_autoptr(EgQueue) queue = eg_scheduler_build_queue (scheduler, eg_time_now_ms (), NULL);
      gint64 card = eg_queue_peek (queue, eg_time_now_ms ());

      g_assert_cmpint (card, >, 0);
      g_assert_true (eg_scheduler_grade (scheduler, queue, card, EG_FSRS_EASY, eg_time_now_ms (),
                                         5000, NULL, NULL));
    }
  g_assert_true (eg_scheduler_estimate_workload (scheduler, 0.80, 30, eg_time_now_ms (), low,
                                                 NULL));
  g_assert_true (eg_scheduler_estimate_workload (scheduler, 0.97, 30, eg_time_now_ms (), high,
                                                 NULL));
  for (guint i = 0; i < 30; i++)
    {
      low_mean += low[i] / 30;
      high_mean += high[i] / 30;
      high_peak = MAX (high_peak, high[i]);
    }
  /* a higher retention asks for more reviews */
  g_assert_cmpfloat (high_mean, >, low_mean);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  preferences = eg_window_get_preferences (f->window);
  retention = eg_preferences_get_row (EG_PREFERENCES (preferences), "desired-retention");
  workload = eg_preferences_get_row (EG_PREFERENCES (preferences), "workload");
  g_assert_nonnull (workload);

  gtk_editable_set_text (GTK_EDITABLE (retention), "0.97");
  {
    double current[30];

    g_assert_true (eg_scheduler_estimate_workload (scheduler, 0.90, 30, eg_time_now_ms (),
                                                   current, NULL));
    for (guint i = 0; i < 30; i++)
      now_mean += current[i] / 30;
  }
  expected = g_strdup_printf ("About %.0f reviews a day over the next 30 days, %.0f on the "
                              "busiest day; %.0f a day at 0.90 now",
                              high_mean, high_peak, now_mean);
  wait.row = workload;
  wait.text = expected;
  g_assert_true (eg_gui_test_wait_for (subtitle_is, &wait, 5000));

  /* a value out of range: said, no figure */
  gtk_editable_set_text (GTK_EDITABLE (retention), "1.5");
  wait.text = "Type a retention from 0.70 to 0.99 to see the reviews it brings";
  g_assert_true (eg_gui_test_wait_for (subtitle_is, &wait, 5000));
  /* typing saved nothing */
  g_assert_cmpfloat (eg_scheduler_get_settings (scheduler)->desired_retention, ==, 0.90);
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-interview");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add ("/gui/interview/refused", Fixture, NULL, fixture_setup, test_refused,
              fixture_teardown);
  g_test_add ("/gui/interview/header", Fixture, NULL, fixture_setup, test_header,
              fixture_teardown);
  g_test_add ("/gui/interview/out-of-reach", Fixture, NULL, fixture_setup, test_out_of_reach,
              fixture_teardown);
  g_test_add ("/gui/interview/workload", Fixture, NULL, fixture_setup, test_workload,
              fixture_teardown);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
