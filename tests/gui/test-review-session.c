/* test-review-session.c - a review session from its header to its end: the
 * card's number and what is left, the keys on the buttons, the time spent,
 * and the choices at the daily limit (learn more today, study ahead, a
 * preview that writes nothing)
 *
 * In-process under Xvfb, driving the actions the keys fire.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "eg-application.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-review-page-private.h"
#include "eg-store-private.h"
#include "eg-test-util.h"
#include "eg-window.h"
#include "review-fixture.h"

#define SECOND G_GINT64_CONSTANT (1000)
#define DAY (24 * 3600 * SECOND)

/* Two sections: Goroutines (5 cards) and Channels (2) */
#define TWO_SECTIONS \
  "# Go Basics\n\n" \
  "## From 1 Goroutines\n\n# Goroutines\n\n" \
  "### 101. What is a goroutine?\nA function running concurrently.\n\n---\n\n" \
  "### 102. How is one started?\nWith `go f()`.\n\n---\n\n" \
  "### 103. How big is its stack at first?\nA few KB.\n\n---\n\n" \
  "### 104. Who schedules goroutines?\nThe Go runtime.\n\n---\n\n" \
  "### 105. What is GOMAXPROCS?\nThe number of threads running Go code.\n\n---\n\n" \
  "## From 2 Channels\n\n# Channels\n\n" \
  "### 201. What is a channel?\nA typed conduit.\n\n---\n\n" \
  "### 202. What does close do?\nIt says no more values come.\n"

/* The done page's text as it shows (its description is markup) */
static char *
shown_text (AdwStatusPage *page)
{
  char *text = NULL;

  g_assert_true (pango_parse_markup (adw_status_page_get_description (page), -1, 0, NULL,
                                     &text, NULL, NULL));
  return text;
}

static gint64 test_now;

static gint64
test_clock (gpointer data)
{
  return test_now;
}

/* The daily new-card limit; no fuzz, so that the intervals are known */
static void
set_new_per_day (Fixture    *f,
                 const char *value)
{
  g_autoptr(GError) error = NULL;
  EgSchedulerSettings settings;

  g_assert_true (eg_scheduler_settings_set_value (f->store, "new-per-day", value, &error));
  g_assert_true (eg_scheduler_settings_set_value (f->store, "fuzz", "false", &error));
  eg_scheduler_settings_init (&settings);
  g_assert_true (eg_scheduler_settings_load (&settings, f->store, &error));
  g_assert_true (eg_scheduler_set_settings (f->page->scheduler, &settings, &error));
  g_assert_no_error (error);
  eg_scheduler_settings_clear (&settings);
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

static guint
count_shown (Fixture *f)
{
  guint n = 0;

  for (guint i = 0; i < f->painted->len; i++)
    n += g_str_equal (g_ptr_array_index (f->painted, i), "shown");
  return n;
}

/* Runs @action on the page and waits for a card to show */
static gboolean
start_with (Fixture    *f,
            const char *action,
            GVariant   *parameter)
{
  PaintWait wait = { f, "shown", count_shown (f) };

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->page), action, parameter));
  return eg_gui_test_wait_for (painted_again, &wait, 10000);
}

/* Reveals the card on screen, spends @seconds on it and grades it */
static void
answer (Fixture *f,
        int      rating,
        int      seconds)
{
  PaintWait wait = { f, "shown", count_shown (f) };

  g_assert_true (act_and_wait (f, "review.reveal", NULL, "revealed"));
  test_now += seconds * SECOND;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "review.grade", "i", rating));
  if (g_strcmp0 (eg_review_page_get_visible (f->page), "card") == 0)
    g_assert_true (eg_gui_test_wait_for (painted_again, &wait, 10000));
}

static const char *
subtitle (Fixture *f)
{
  return adw_window_title_get_subtitle (f->page->title);
}

/* The key names shown in @widget, in order, space-separated */
static void
collect_keys (GtkWidget *widget,
              GString   *keys)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "key-name"))
    g_string_append_printf (keys, "%s%s", keys->len ? " " : "",
                            gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_keys (child, keys);
}

/* The grade button of @rating */
static GtkWidget *
find_grade_button (GtkWidget *widget,
                   int        rating)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "review.grade") == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (target != NULL && g_variant_get_int32 (target) == rating)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_grade_button (child, rating);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The header says what is studied, which card and what is left; the
 * buttons show their keys, and Again is an ordinary answer. */
static void
test_header_and_keys (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) keys = g_string_new (NULL);
  EgQueueOptions options = { 0 };
  GtkWidget *again;

  fixture_setup (&f, TWO_SECTIONS);
  set_new_per_day (&f, "20");

  /* the whole deck: the deck's title; the card's section beside its number */
  {
    g_autoptr(GPtrArray) decks = eg_store_list_decks (f.store, NULL);
    options.deck_id = ((EgDeckInfo *) g_ptr_array_index (decks, 0))->id;
  }
  g_assert_true (eg_window_start_review (f.window, &options));
  g_assert_true (eg_gui_test_wait_for (painted_again, &(PaintWait) { &f, "shown", 0 }, 10000));
  g_assert_cmpstr (adw_window_title_get_title (f.page->title), ==, "Go Basics");
  g_assert_cmpstr (subtitle (&f), ==, "Card 101 · Goroutines · 7 of 7 left today");

  collect_keys (GTK_WIDGET (f.page->bar_stack), keys);
  g_assert_cmpstr (keys->str, ==, "Space 1 2 3 4");
  again = find_grade_button (GTK_WIDGET (f.page), 1);
  g_assert_nonnull (again);
  g_assert_false (gtk_widget_has_css_class (again, "destructive-action"));
  g_assert_false (gtk_widget_has_css_class (again, "suggested-action"));
  g_assert_true (gtk_widget_has_css_class (find_grade_button (GTK_WIDGET (f.page), 3),
                                           "suggested-action"));

  /* one graded Easy: one left fewer */
  answer (&f, 4, 3);
  g_assert_cmpstr (subtitle (&f), ==, "Card 102 · Goroutines · 6 of 7 left today");

  /* a section: its heading is the title */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.back", NULL));
  options = (EgQueueOptions) { .section_id = section_id (&f, "2") };
  g_assert_true (eg_window_start_review (f.window, &options));
  g_assert_true (eg_gui_test_wait_for (painted_again, &(PaintWait) { &f, "shown", 1 }, 10000));
  g_assert_cmpstr (adw_window_title_get_title (f.page->title), ==, "Channels");
  g_assert_cmpstr (subtitle (&f), ==, "Card 201 · 2 of 2 left today");

  /* everything due: all decks */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.back", NULL));
  g_assert_true (eg_window_start_review (f.window, NULL));
  g_assert_cmpstr (adw_window_title_get_title (f.page->title), ==, "All Decks");
  fixture_teardown (&f);
}

static gboolean
focused_is (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return root != NULL && gtk_root_get_focus (root) == widget;
}

static char *
store_text (Fixture    *f,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup ("none");
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* At the daily limit the end page says so, with the real numbers and the
 * time the review log has; "Learn 3 More" (the default: Enter takes it)
 * raises today's limit and shows them; the preview of the whole section
 * goes through every card and writes nothing. */
static void
test_daily_limit (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autofree char *states = NULL;
  g_autofree char *states_after = NULL;
  g_autofree char *log = NULL;
  g_autofree char *log_after = NULL;
  const char *states_sql = "SELECT group_concat (card_id || ',' || state || ',' || due || ','"
                           " || reps, ';') FROM card_state";
  const char *log_sql = "SELECT count(*) || ',' || coalesce (max (id), 0) FROM review_log";
  EgQueueOptions options = { 0 };
  g_autofree char *text = NULL;

  fixture_setup (&f, TWO_SECTIONS);
  set_new_per_day (&f, "2");
  test_now = eg_time_now_ms ();
  eg_review_page_set_clock (f.page, test_clock, NULL);

  options.section_id = section_id (&f, "1");
  g_assert_true (eg_window_start_review (f.window, &options));
  g_assert_true (eg_gui_test_wait_for (painted_again, &(PaintWait) { &f, "shown", 0 }, 10000));
  answer (&f, 4, 7);
  answer (&f, 4, 12);
  g_assert_cmpstr (eg_review_page_get_visible (f.page), ==, "done");

  /* the time is the review log's */
  reviews = eg_store_list_reviews (f.store, 0, &error);
  g_assert_cmpuint (reviews->len, ==, 2);
  g_assert_cmpint (((EgReview *) g_ptr_array_index (reviews, 0))->duration_ms, ==, 7000);
  g_assert_cmpint (((EgReview *) g_ptr_array_index (reviews, 1))->duration_ms, ==, 12000);

  g_assert_cmpstr (adw_status_page_get_title (f.page->done_page), ==, "Daily Limit Reached");
  text = shown_text (f.page->done_page);
  g_assert_nonnull (strstr (text, "You have learned today's 2 new cards; 3 more are waiting."));
  g_assert_nonnull (strstr (text, "You reviewed 2 cards in 0:19, and answered Again 0% of the"));

  /* the choices: learn 3 more (the default), a preview of the section */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f.page->learn_more_row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (f.page->learn_more_row)),
                   ==, "_Learn 3 More New Cards Today");
  g_assert_true (focused_is (GTK_WIDGET (f.page->learn_more_row)));
  g_assert_true (gtk_widget_get_visible (f.page->learn_more_key));
  g_assert_false (gtk_widget_get_visible (f.page->preview_key));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f.page->preview_row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (f.page->preview_row)),
                   ==, "_Preview the Whole Section");
  g_assert_cmpstr (adw_action_row_get_subtitle (f.page->preview_row), ==,
                   "Go through all 5 cards; your grades change nothing");

  /* Enter: learn more; today's limit is 5, tomorrow's 2 */
  g_assert_true (start_with (&f, "review.space", NULL));
  g_assert_cmpstr (subtitle (&f), ==, "Card 103 · 3 of 3 left today");
  g_assert_cmpint (eg_scheduler_get_new_limit (f.page->scheduler, test_now), ==, 5);
  g_assert_cmpint (eg_scheduler_get_new_limit (f.page->scheduler, test_now + DAY), ==, 2);
  answer (&f, 4, 2);
  answer (&f, 4, 2);
  answer (&f, 4, 2);
  g_assert_cmpstr (eg_review_page_get_visible (f.page), ==, "done");
  g_assert_cmpstr (adw_status_page_get_title (f.page->done_page), ==, "All Caught Up");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f.page->learn_more_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f.page->study_ahead_row)));
  g_assert_true (focused_is (GTK_WIDGET (f.page->preview_row)));

  /* the preview: every card of the section, nothing written */
  states = store_text (&f, states_sql);
  log = store_text (&f, log_sql);
  g_assert_true (start_with (&f, "review.preview-all", NULL));
  g_assert_cmpstr (adw_window_title_get_title (f.page->title), ==, "Goroutines");
  g_assert_cmpstr (subtitle (&f), ==, "Preview · Card 101 · 5 of 5 left");
  for (guint i = 0; i < 5; i++)
    answer (&f, i % 2 ? 1 : 3, 1);
  g_assert_cmpstr (eg_review_page_get_visible (f.page), ==, "done");
  g_free (text);
  text = shown_text (f.page->done_page);
  g_assert_nonnull (strstr (text, "You previewed 5 cards in 0:05; nothing was rescheduled."));
  states_after = store_text (&f, states_sql);
  log_after = store_text (&f, log_sql);
  g_assert_cmpstr (states_after, ==, states);
  g_assert_cmpstr (log_after, ==, log);
  fixture_teardown (&f);
}

/* Nothing due, reviews due in two days: "Study Ahead" is the default and
 * shows them; the grade is a real one, logged as an early review. */
static void
test_study_ahead (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = eg_time_now_ms ();
  int today = eg_time_study_day (now, 4);
  EgReview *review;

  fixture_setup (&f, THREE_CARDS);
  test_now = now;
  eg_review_page_set_clock (f.page, test_clock, NULL);
  stmt = _eg_store_prepare (f.store,
    "UPDATE card_state SET state = 2, stability = 4, difficulty = 5, reps = 1,"
    "  last_review = ?1, due = ?2, scheduled_days = 4, due_day = ?3", &error);
  sqlite3_bind_int64 (stmt, 1, now - 2 * DAY);
  sqlite3_bind_int64 (stmt, 2, now + 2 * DAY);
  sqlite3_bind_int (stmt, 3, today + 2);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);

  g_assert_true (eg_window_start_review (f.window, NULL));
  g_assert_cmpstr (eg_review_page_get_visible (f.page), ==, "done");
  g_assert_cmpstr (adw_status_page_get_title (f.page->done_page), ==, "All Caught Up");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f.page->learn_more_row)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f.page->study_ahead_row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (f.page->study_ahead_row), ==,
                   "3 cards are due in the next 7 days; reviewed now, they are rescheduled as "
                   "early reviews");
  g_assert_true (focused_is (GTK_WIDGET (f.page->study_ahead_row)));

  g_assert_true (start_with (&f, "review.space", NULL));
  g_assert_cmpstr (subtitle (&f), ==, "Card 1 · Three · 3 of 3 left");
  answer (&f, 3, 5);
  reviews = eg_store_list_reviews (f.store, 0, &error);
  g_assert_cmpuint (reviews->len, ==, 1);
  review = g_ptr_array_index (reviews, 0);
  g_assert_true (review->rescheduled);
  g_assert_cmpint (review->state_before, ==, EG_FSRS_STATE_REVIEW);
  g_assert_cmpint (review->elapsed_days, ==, 2);
  g_assert_cmpint (review->duration_ms, ==, 5000);
  fixture_teardown (&f);
}

/* A window that is never told it is active (no window manager, or one that
 * keeps the focus elsewhere) still counts the time on each card: the review
 * log has it, and the end page sums it.  (Before, such a session said "in
 * 0:00".) */
static void
test_inactive_window_counts (void)
{
  g_autofree char *db = eg_test_tmp_path ("collection.db");
  g_autofree char *deck = eg_test_tmp_path ("deck.md");
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GError) error = NULL;
  EgWindow *window;
  EgReviewPage *page;

  g_assert_true (g_file_set_contents (deck, THREE_CARDS, -1, NULL));
  store = eg_store_open (db, &error);
  file = g_file_new_for_path (deck);
  report = eg_import_file (store, file, eg_time_now_ms () - 60000, EG_IMPORT_FLAGS_NONE,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* never presented: never active */
  window = eg_window_new (NULL);
  eg_window_set_store (window, store);
  page = EG_REVIEW_PAGE (eg_window_get_review_page (window));
  g_assert_false (gtk_window_is_active (GTK_WINDOW (window)));
  test_now = eg_time_now_ms ();
  eg_review_page_set_clock (page, test_clock, NULL);

  g_assert_true (eg_window_start_review (window, NULL));
  for (int i = 0; i < 3; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "review.reveal", NULL));
      test_now += (9 + i) * SECOND;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "review.grade", "i", 4));
    }
  g_assert_cmpstr (eg_review_page_get_visible (page), ==, "done");
  reviews = eg_store_list_reviews (store, 0, &error);
  g_assert_cmpuint (reviews->len, ==, 3);
  for (guint i = 0; i < reviews->len; i++)
    g_assert_cmpint (((EgReview *) g_ptr_array_index (reviews, i))->duration_ms, ==,
                     (9 + i) * 1000);
  {
    g_autofree char *shown = shown_text (page->done_page);

    g_assert_nonnull (strstr (shown, "You reviewed 3 cards in 0:30"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-review-session");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add_func ("/gui/review-session/header-and-keys", test_header_and_keys);
  g_test_add_func ("/gui/review-session/daily-limit", test_daily_limit);
  g_test_add_func ("/gui/review-session/study-ahead", test_study_ahead);
  g_test_add_func ("/gui/review-session/inactive-window-counts", test_inactive_window_counts);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
