/* test-review-busy.c - reviewing while another program writes to the
 * collection: a grade that waits, one given up, taken back, a card another
 * program reviewed meanwhile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "eg-application.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-store-private.h"
#include "eg-test-util.h"
#include "review-fixture.h"

/* Is a label that contains @text on screen, in @widget or below? */
static gboolean
label_shown (GtkWidget  *widget,
             const char *text)
{
  return eg_gui_test_shows_text (widget, text, TRUE);
}

static guint
count_reviews (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = eg_store_list_reviews (f->store, 0, &error);

  g_assert_no_error (error);
  return reviews != NULL ? reviews->len : 0;
}

/* Another program, holding the collection's write lock. */
static EgStore *
lock_collection (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) other = eg_store_open (eg_store_get_path (f->store), &error);

  g_assert_no_error (error);
  g_assert_true (_eg_store_exec (other, "BEGIN IMMEDIATE", &error));
  g_assert_no_error (error);
  return g_steal_pointer (&other);
}

static void
unlock_collection (EgStore *other)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_eg_store_exec (other, "ROLLBACK", &error));
  g_assert_no_error (error);
}

static void
grade_key (Fixture *f,
           int      rating)
{
  gtk_widget_activate_action (GTK_WIDGET (f->page), "review.grade", "i", rating);
}

/* Has the clock (ms) gone past *data? */
static gboolean
clock_passed (gpointer data)
{
  return eg_time_now_ms () > *(gint64 *) data;
}

/* A grade that meets another program's write waits with "Saving…" (the
 * main loop runs on), and is committed, at the time of the key press, as
 * soon as the lock is free; only then does the next card show. */
static void
test_busy_saves_when_free (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStore) other = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GError) error = NULL;
  PaintWait wait;
  EgReview *review;
  gint64 card_id, before, after, released;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  card_id = eg_review_page_get_card_id (f.page);
  g_assert_false (label_shown (GTK_WIDGET (f.page), "Saving…"));

  other = lock_collection (&f);
  before = eg_time_now_ms ();
  grade_key (&f, 3);
  after = eg_time_now_ms ();
  /* the loop keeps running while the grade waits: the page paints "Saving…" */
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.page), "Saving…", TRUE, 5000));
  g_assert_cmpint (eg_review_page_get_card_id (f.page), ==, card_id);
  assert_page_text (&f, "question", "What is a goroutine?");
  g_assert_cmpuint (count_reviews (&f), ==, 0);

  /* more grades and Space wait too: one grade per card */
  grade_key (&f, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.space", NULL));
  g_assert_cmpint (eg_review_page_get_card_id (f.page), ==, card_id);
  g_assert_true (label_shown (GTK_WIDGET (f.page), "Saving…"));

  wait = (PaintWait) { &f, "shown", 0 };
  for (guint i = 0; i < f.painted->len; i++)
    wait.seen += g_str_equal (g_ptr_array_index (f.painted, i), "shown");
  /* the commit comes later than the key press: at least a millisecond */
  g_assert_true (eg_gui_test_wait_for (clock_passed, &after, 1000));
  released = eg_time_now_ms ();
  unlock_collection (other);
  g_assert_true (eg_gui_test_wait_for (painted_again, &wait, 10000));

  assert_page_text (&f, "question", "What does defer do?");
  g_assert_false (label_shown (GTK_WIDGET (f.page), "Saving…"));
  reviews = eg_store_list_reviews (f.store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 1);
  review = g_ptr_array_index (reviews, 0);
  g_assert_cmpint (review->card_id, ==, card_id);
  g_assert_cmpint (review->rating, ==, 3);
  /* logged at the key press, not at the commit half a second later */
  g_assert_cmpint (review->reviewed_at, >=, before);
  g_assert_cmpint (review->reviewed_at, <=, after);
  g_assert_cmpint (review->reviewed_at, <, released);
  fixture_teardown (&f);
}

/* A lock that does not clear in time: the grade is given up with an error
 * that names the file, the grade buttons come back, nothing was written,
 * and grading again once the lock is gone works. */
static void
test_busy_gives_up (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStore) other = NULL;
  gint64 card_id;

  fixture_setup (&f, THREE_CARDS);
  _eg_review_page_set_save_timeout (f.page, 300);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  card_id = eg_review_page_get_card_id (f.page);

  other = lock_collection (&f);
  grade_key (&f, 2);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.page), "Saving…", TRUE, 5000));

  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.window), "another program is writing to",
                                            TRUE, 5000));
  g_assert_true (label_shown (GTK_WIDGET (f.window), eg_store_get_path (f.store)));
  g_assert_false (label_shown (GTK_WIDGET (f.page), "Saving…"));
  g_assert_true (label_shown (GTK_WIDGET (f.page), "Good"));
  g_assert_cmpint (eg_review_page_get_card_id (f.page), ==, card_id);
  g_assert_cmpuint (count_reviews (&f), ==, 0);

  unlock_collection (other);
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (2), "shown"));
  assert_page_text (&f, "question", "What does defer do?");
  g_assert_cmpuint (count_reviews (&f), ==, 1);
  fixture_teardown (&f);
}

/* While a grade waits, Ctrl+Z takes that grade back (it does not undo the
 * grade before it), and Esc leaves saying the grade was not saved. */
static void
test_busy_undo_and_leave (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStore) other = NULL;
  gint64 card_id;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (3), "shown"));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  card_id = eg_review_page_get_card_id (f.page);
  g_assert_cmpuint (count_reviews (&f), ==, 1);

  other = lock_collection (&f);
  grade_key (&f, 4);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.page), "Saving…", TRUE, 5000));

  /* Ctrl+Z */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL));
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.window), "Grade taken back", TRUE,
                                            5000));
  g_assert_false (label_shown (GTK_WIDGET (f.page), "Saving…"));
  g_assert_true (label_shown (GTK_WIDGET (f.page), "Good"));
  g_assert_cmpint (eg_review_page_get_card_id (f.page), ==, card_id);
  g_assert_cmpuint (count_reviews (&f), ==, 1);     /* the first grade stays */

  /* Esc */
  grade_key (&f, 4);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.page), "Saving…", TRUE, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "review.back", NULL));
  g_assert_cmpint (eg_review_page_get_card_id (f.page), ==, 0);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (f.window), "Your last grade was not saved",
                                            TRUE, 5000));

  /* nothing is written behind the user's back once the lock is gone: no
   * grade waits, and the next session's first grade is the only write */
  g_assert_null (eg_grade_saver_get_pending (f.page->saver));
  unlock_collection (other);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (3), "shown"));
  g_assert_cmpuint (count_reviews (&f), ==, 2);
  fixture_teardown (&f);
}

/* Another program reviewed the card on screen: grading it skips it, says
 * why, and goes on with a fresh queue. */
static void
test_stale_card_skipped (void)
{
  Fixture f = { 0 };
  g_autoptr(EgStore) other = NULL;
  g_autoptr(EgScheduler) other_scheduler = NULL;
  g_autoptr(EgQueue) other_queue = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GError) error = NULL;
  gint64 card_id, now = eg_time_now_ms ();
  guint for_card = 0;

  fixture_setup (&f, THREE_CARDS);
  g_assert_true (start_and_wait (&f));
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  card_id = eg_review_page_get_card_id (f.page);

  other = eg_store_open (eg_store_get_path (f.store), &error);
  g_assert_no_error (error);
  other_scheduler = eg_scheduler_new (other, &error);
  g_assert_no_error (error);
  other_queue = eg_scheduler_build_queue (other_scheduler, now, &error);
  g_assert_no_error (error);
  g_assert_true (eg_scheduler_grade (other_scheduler, other_queue, card_id, EG_FSRS_EASY, now,
                                     1000, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (3), "shown"));
  assert_page_text (&f, "question", "What does defer do?");
  g_assert_true (label_shown (GTK_WIDGET (f.window), "reviewed in another window"));
  reviews = eg_store_list_reviews (f.store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reviews->len; i++)
    {
      EgReview *review = g_ptr_array_index (reviews, i);

      if (review->card_id == card_id)
        {
          for_card++;
          g_assert_cmpint (review->rating, ==, EG_FSRS_EASY);   /* the other program's */
        }
    }
  g_assert_cmpuint (for_card, ==, 1);

  /* the session goes on */
  g_assert_true (act_and_wait (&f, "review.reveal", NULL, "revealed"));
  g_assert_true (act_and_wait (&f, "review.grade", g_variant_new_int32 (3), "shown"));
  assert_page_text (&f, "question", "What is a channel?");
  g_assert_cmpuint (count_reviews (&f), ==, 2);
  fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-review-busy");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add_func ("/gui/review/busy-saves-when-free", test_busy_saves_when_free);
  g_test_add_func ("/gui/review/busy-gives-up", test_busy_gives_up);
  g_test_add_func ("/gui/review/busy-undo-and-leave", test_busy_undo_and_leave);
  g_test_add_func ("/gui/review/stale-card-skipped", test_stale_card_skipped);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
