/* test-optimizer.c - the Scheduling page of Preferences: "Optimize From My
 * Reviews" waits for enough reviews and says how many more are needed;
 * pressed, the fit runs in a thread with a progress bar and its result is
 * said in words; Apply makes it the collection's parameters (the setting,
 * every card's due date and the library's retrievability change at once),
 * Undo from the toast or the page brings back the parameters and the cards
 * exactly, Reset to Defaults too; Keep Current changes nothing; Cancel, the
 * window closed or another collection opened stop a fit running
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "eg-application.h"
#include "eg-card-model.h"
#include "eg-core.h"
#include "eg-gui-test.h"
#include "eg-library-page.h"
#include "eg-optimizer-page.h"
#include "eg-preferences.h"
#include "eg-synthetic.h"
#include "eg-test-util.h"
#include "eg-window.h"

#define DAY_MS (24 * 3600 * (gint64) 1000)

typedef struct
{
  EgStore  *store;
  EgWindow *window;
} Fixture;

/* Parameters far from how the synthetic user remembers: every first
 * stability far too long, so a fit predicts recall much better */
static void
bad_weights (double w[EG_FSRS_N_PARAMS])
{
  memcpy (w, eg_fsrs_default_weights (), EG_FSRS_N_PARAMS * sizeof (double));
  w[0] = 40;
  w[1] = 50;
  w[2] = 60;
  w[3] = 70;
}

static EgStore *
new_store (const char *prefix)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("%s-%u.db", prefix, ++n);
  g_autofree char *path = eg_test_tmp_path (name);
  g_autoptr(GError) error = NULL;
  EgStore *store;

  eg_test_rm_rf (path);
  store = eg_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

/* A collection with a review history, its parameters bad_weights() */
static EgStore *
reviewed_store (void)
{
  EgStore *store = new_store ("optimizer");
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  double w[EG_FSRS_N_PARAMS];

  g_assert_true (eg_synthetic_generate (store, 300, 3000, 7, eg_time_now_ms (), NULL, &error));
  g_assert_no_error (error);
  scheduler = eg_scheduler_new (store, &error);
  g_assert_no_error (error);
  bad_weights (w);
  g_assert_true (eg_scheduler_apply_weights (scheduler, w, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static void
open_window (Fixture *f)
{
  f->window = eg_window_new (NULL);
  eg_window_set_store (f->window, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = reviewed_store ();
  open_window (f);
}

/* The imported deck, three of its cards reviewed twice days apart: three
 * training items, too few */
static void
few_setup (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *deck = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (deck);
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0 = eg_time_now_ms () - 6 * DAY_MS;

  f->store = new_store ("few");
  report = eg_import_file (f->store, file, t0, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
  decks = eg_store_list_decks (f->store, &error);
  g_assert_no_error (error);
  sections = eg_store_list_sections (f->store,
                                     ((EgDeckInfo *) g_ptr_array_index (decks, 0))->id, &error);
  g_assert_no_error (error);
  ids = eg_store_list_card_ids (f->store,
                                ((EgSectionInfo *) g_ptr_array_index (sections, 0))->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >=, 3);
  for (guint i = 0; i < 3; i++)
    for (guint day = 0; day <= 2; day += 2)
      {
        g_assert_true (eg_scheduler_grade (scheduler, NULL, g_array_index (ids, gint64, i),
                                           EG_FSRS_GOOD, t0 + day * DAY_MS + 60000, 5000, NULL,
                                           &error));
        g_assert_no_error (error);
      }
  open_window (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
}

static EgScheduler *
scheduler_of (Fixture *f)
{
  return eg_window_get_scheduler (f->window);
}

/* The Scheduling page of the window's Preferences, shown */
static EgOptimizerPage *
open_page (Fixture *f)
{
  GtkWidget *preferences = eg_window_show_preferences (f->window, "optimizer");
  GtkWidget *page = GTK_WIDGET (adw_preferences_window_get_visible_page (
                                  ADW_PREFERENCES_WINDOW (preferences)));

  g_assert_true (EG_IS_OPTIMIZER_PAGE (page));
  return EG_OPTIMIZER_PAGE (page);
}

static GtkWidget *
widget (EgOptimizerPage *page,
        const char      *name)
{
  return eg_optimizer_page_get_widget (page, name);
}

static const char *
subtitle (EgOptimizerPage *page,
          const char      *name)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (widget (page, name)));
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* A row ("undo", "reset") activated, as Enter on it does: it presses its
 * button, which says "clicked" once it has been seen down */
static void
activate_row (EgOptimizerPage *page,
              const char      *name)
{
  GtkWidget *row = widget (page, name);

  g_assert_true (gtk_widget_is_sensitive (row));
  g_assert_true (gtk_widget_activate (row));
}

static guint
n_items (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgFsrsItems) items = eg_scheduler_read_fsrs_items (scheduler_of (f), &error);

  g_assert_no_error (error);
  return eg_fsrs_items_get_n_items (items);
}

static gboolean
weights_are_default (gpointer data)
{
  return eg_scheduler_weights_are_default (scheduler_of (data));
}

static gboolean
weights_are_custom (gpointer data)
{
  return !weights_are_default (data);
}

static gboolean
fit_ended (gpointer data)
{
  return !eg_optimizer_page_is_running (data);
}

static gboolean
workers_gone (gpointer data)
{
  return eg_optimizer_page_get_n_running () == 0;
}

/* Every card's schedule, all digits */
static char *
dump_cards (EgStore *store)
{
  g_autoptr(GPtrArray) decks = eg_store_list_decks (store, NULL);
  GString *out = g_string_new (NULL);

  for (guint d = 0; d < decks->len; d++)
    {
      g_autoptr(GPtrArray) sections =
        eg_store_list_sections (store, ((EgDeckInfo *) g_ptr_array_index (decks, d))->id, NULL);

      for (guint s = 0; s < sections->len; s++)
        {
          g_autoptr(GPtrArray) cards =
            eg_store_list_cards (store, ((EgSectionInfo *) g_ptr_array_index (sections, s))->id,
                                 NULL);

          for (guint c = 0; c < cards->len; c++)
            {
              const EgCard *card = g_ptr_array_index (cards, c);
              const EgCardState *st = &card->state;

              g_string_append_printf (out, "%" G_GINT64_FORMAT " %d %.17g %.17g %" G_GINT64_FORMAT
                                      " %d %d %d\n", card->id, st->state, st->stability,
                                      st->difficulty, st->due, st->due_day, st->scheduled_days,
                                      st->reps);
            }
        }
    }
  return g_string_free (out, FALSE);
}

static char *
weights_setting (Fixture *f)
{
  return eg_store_get_setting (f->store, "fsrs-weights");
}

/* The library's retrievability column, as the window shows it now */
static char *
library_retrievability (Fixture *f,
                        gint64   card_id)
{
  GListModel *cards = eg_library_page_get_cards (eg_window_get_library_page (f->window));
  guint position = eg_card_model_find (EG_CARD_MODEL (cards), card_id);
  g_autoptr(GObject) row = NULL;
  char *text = NULL;

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  row = g_list_model_get_item (cards, position);
  g_object_get (row, "retrievability", &text, NULL);
  return text;
}

/* What the column should say for @card_id under the parameters in use */
static char *
expected_retrievability (Fixture *f,
                         gint64   card_id)
{
  g_autoptr(EgCard) card = eg_store_get_card (f->store, card_id, NULL);
  EgFsrsCard fsrs = { 0 };

  eg_card_state_to_fsrs (&card->state, &fsrs);
  return g_strdup_printf ("%.0f%%", 100 * eg_fsrs_retrievability (
                            eg_scheduler_get_params (scheduler_of (f)), &fsrs,
                            eg_time_now_ms ()));
}

typedef struct
{
  Fixture *f;
  gint64   card_id;
} ColumnWait;

static gboolean
column_up_to_date (gpointer data)
{
  ColumnWait *wait = data;
  g_autofree char *shown = library_retrievability (wait->f, wait->card_id);
  g_autofree char *expected = expected_retrievability (wait->f, wait->card_id);

  return g_strcmp0 (shown, expected) == 0;
}

/* A reviewed card in the library's table now */
static gint64
reviewed_card_shown (Fixture *f)
{
  GListModel *cards = eg_library_page_get_cards (eg_window_get_library_page (f->window));

  g_assert_nonnull (cards);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      gint64 id = eg_card_model_get_card_id (EG_CARD_MODEL (cards), i);
      g_autofree char *text = library_retrievability (f, id);

      if (text != NULL && *text != '\0')
        return id;
    }
  g_assert_not_reached ();
}

static gboolean
library_filled (gpointer data)
{
  GListModel *cards = eg_library_page_get_cards (eg_window_get_library_page (data));

  return cards != NULL && g_list_model_get_n_items (cards) > 0;
}

/* The Undo button of a toast on screen in @widget */
static GtkWidget *
find_toast_button (GtkWidget *widget)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");

  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (toast_type != 0 && GTK_IS_BUTTON (widget) && gtk_widget_get_ancestor (widget, toast_type)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
toast_button_shown (gpointer data)
{
  return find_toast_button (data) != NULL;
}

/* Runs the fit from the button, to its end */
static void
run_fit (EgOptimizerPage *page)
{
  click (widget (page, "optimize"));
  g_assert_true (eg_optimizer_page_is_running (page));
  g_assert_true (gtk_widget_get_visible (widget (page, "progress-row")));
  g_assert_false (gtk_widget_is_sensitive (widget (page, "optimize")));
  g_assert_true (eg_gui_test_wait_for (fit_ended, page, 60000));
}

/* ------------------------------------------------------------------ */

static void
test_too_few (Fixture       *f,
              gconstpointer  data)
{
  EgOptimizerPage *page = open_page (f);
  guint n = n_items (f);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (n, <, EG_FSRS_OPTIMIZER_MIN_ITEMS);
  g_assert_false (gtk_widget_is_sensitive (widget (page, "optimize")));
  expected = g_strdup_printf ("3 reviews so far; %d more are needed. A review counts when it is "
                              "made on a later day than the card’s previous one.",
                              EG_FSRS_OPTIMIZER_MIN_ITEMS - 3);
  g_assert_cmpstr (subtitle (page, "reviews"), ==, expected);
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (page), expected, FALSE));
  g_assert_cmpstr (subtitle (page, "status"), ==, "The defaults, the same for everyone");
  /* nothing to undo or reset */
  g_assert_false (gtk_widget_is_sensitive (widget (page, "undo")));
  g_assert_false (gtk_widget_is_sensitive (widget (page, "reset")));
  g_assert_false (gtk_widget_get_mapped (widget (page, "result")));

  /* an undo with nothing to undo: said at the page, nothing changes */
  g_assert_false (eg_optimizer_page_undo (page, &error));
  g_assert_nonnull (error);
  g_assert_true (gtk_widget_get_visible (widget (page, "error")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (widget (page, "error"))), ==, error->message);
  g_assert_true (eg_scheduler_weights_are_default (scheduler_of (f)));
}

static void
test_fit_apply_undo (Fixture       *f,
                     gconstpointer  data)
{
  EgOptimizerPage *page;
  const EgFsrsFit *fit;
  g_autofree char *reviews = g_strdup_printf ("%u reviews to fit the parameters to", n_items (f));
  g_autofree char *words = NULL;
  g_autofree char *weights_before = weights_setting (f);
  g_autofree char *weights_after = NULL;
  g_autofree char *cards_before = dump_cards (f->store);
  g_autofree char *cards_after = NULL;
  g_autofree char *cards_undone = NULL;
  g_autofree char *weights_undone = NULL;
  g_autofree char *column_before = NULL;
  g_autofree char *column_after = NULL;
  g_autofree char *column_undone = NULL;
  double fitted[EG_FSRS_N_PARAMS];
  GtkWidget *preferences;
  ColumnWait wait = { f, 0 };
  int percent;

  g_assert_true (eg_gui_test_wait_for (library_filled, f->window, 10000));
  wait.card_id = reviewed_card_shown (f);
  column_before = library_retrievability (f, wait.card_id);
  g_assert_true (column_up_to_date (&wait));

  page = open_page (f);
  preferences = eg_window_get_preferences (f->window);
  g_assert_cmpstr (subtitle (page, "reviews"), ==, reviews);
  g_assert_cmpstr (subtitle (page, "status"), ==, "Your own, no longer the defaults");
  g_assert_true (gtk_widget_is_sensitive (widget (page, "reset")));

  /* the fit, in a thread, to the end of the bar */
  run_fit (page);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (widget (page, "progress"))),
                     ==, 1.0);
  g_assert_false (gtk_widget_get_visible (widget (page, "progress-row")));
  fit = eg_optimizer_page_get_fit (page);
  g_assert_nonnull (fit);
  g_assert_false (gtk_widget_get_visible (widget (page, "error")));
  /* said in words, with the figures */
  g_assert_cmpfloat (eg_fsrs_fit_improvement (fit), >=, 1.0);
  percent = (int) floor (eg_fsrs_fit_improvement (fit) + 0.5);
  words = g_strdup_printf ("The fitted parameters predict your recall %d %% better than the "
                           "current ones", percent);
  g_assert_true (eg_gui_test_wait_for_text (GTK_WIDGET (page), words, FALSE, 5000));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (page), "Log loss ", TRUE));
  g_assert_true (eg_gui_test_shows_text (GTK_WIDGET (page), "RMSE ", TRUE));
  memcpy (fitted, fit->w, sizeof fitted);
  /* nothing applied yet */
  weights_after = weights_setting (f);
  g_assert_cmpstr (weights_after, ==, weights_before);
  g_clear_pointer (&weights_after, g_free);

  /* Apply: the setting, the due dates and the library's column change */
  click (widget (page, "apply"));
  g_assert_null (eg_optimizer_page_get_fit (page));
  g_assert_false (gtk_widget_get_mapped (widget (page, "result")));
  weights_after = weights_setting (f);
  g_assert_cmpstr (weights_after, !=, weights_before);
  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    g_assert_cmpfloat_with_epsilon (eg_scheduler_get_settings (scheduler_of (f))->weights[i],
                                    fitted[i], 1e-9);
  cards_after = dump_cards (f->store);
  g_assert_cmpstr (cards_after, !=, cards_before);
  g_assert_true (eg_gui_test_wait_for_text (preferences, "Parameters applied; ", TRUE, 5000));
  g_assert_true (eg_gui_test_wait_for (column_up_to_date, &wait, 5000));
  column_after = library_retrievability (f, wait.card_id);
  g_assert_cmpstr (column_after, !=, column_before);
  g_assert_true (gtk_widget_is_sensitive (widget (page, "undo")));

  /* Undo, from the toast: all as before, exactly */
  g_assert_true (eg_gui_test_wait_for (toast_button_shown, preferences, 5000));
  g_signal_emit_by_name (find_toast_button (preferences), "clicked");
  weights_undone = weights_setting (f);
  g_assert_cmpstr (weights_undone, ==, weights_before);
  cards_undone = dump_cards (f->store);
  g_assert_cmpstr (cards_undone, ==, cards_before);
  g_assert_true (eg_gui_test_wait_for_text (preferences, "Previous parameters restored; ", TRUE,
                                            5000));
  g_assert_true (eg_gui_test_wait_for (column_up_to_date, &wait, 5000));
  column_undone = library_retrievability (f, wait.card_id);
  g_assert_cmpstr (column_undone, ==, column_before);
  g_assert_true (gtk_widget_is_sensitive (widget (page, "undo")) ==
                 eg_scheduler_can_undo_weights (scheduler_of (f)));
}

static void
test_reset_keep (Fixture       *f,
                 gconstpointer  data)
{
  EgOptimizerPage *page = open_page (f);
  g_autofree char *weights_before = weights_setting (f);
  g_autofree char *cards_before = dump_cards (f->store);
  g_autofree char *weights = NULL;
  g_autofree char *cards = NULL;

  /* Keep Current: the fit dropped, nothing changed */
  run_fit (page);
  g_assert_nonnull (eg_optimizer_page_get_fit (page));
  click (widget (page, "keep"));
  g_assert_null (eg_optimizer_page_get_fit (page));
  g_assert_false (gtk_widget_get_mapped (widget (page, "result")));
  weights = weights_setting (f);
  g_assert_cmpstr (weights, ==, weights_before);
  g_clear_pointer (&weights, g_free);

  /* Reset to Defaults, from its row */
  g_assert_false (eg_scheduler_weights_are_default (scheduler_of (f)));
  activate_row (page, "reset");
  g_assert_true (eg_gui_test_wait_for (weights_are_default, f, 5000));
  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    g_assert_cmpfloat (eg_scheduler_get_settings (scheduler_of (f))->weights[i], ==,
                       eg_fsrs_default_weights ()[i]);
  cards = dump_cards (f->store);
  g_assert_cmpstr (cards, !=, cards_before);
  g_clear_pointer (&cards, g_free);
  g_assert_cmpstr (subtitle (page, "status"), ==, "The defaults, the same for everyone");
  g_assert_false (gtk_widget_is_sensitive (widget (page, "reset")));
  g_assert_true (eg_gui_test_wait_for_text (eg_window_get_preferences (f->window),
                                            "Default parameters restored; ", TRUE, 5000));

  /* Restore Previous Parameters, from its row: exactly as before */
  activate_row (page, "undo");
  g_assert_true (eg_gui_test_wait_for (weights_are_custom, f, 5000));
  weights = weights_setting (f);
  g_assert_cmpstr (weights, ==, weights_before);
  cards = dump_cards (f->store);
  g_assert_cmpstr (cards, ==, cards_before);
  g_assert_cmpstr (subtitle (page, "status"), ==, "Your own, no longer the defaults");
  g_assert_true (gtk_widget_is_sensitive (widget (page, "reset")));
}

/* Cancel: the run stops, nothing shown or changed, the button back */
static char *
retention_setting (Fixture *f)
{
  return eg_store_get_setting (f->store, "desired-retention");
}

/* With the fit, a desired retention is suggested: the one the simulation
 * with the fitted parameters and the user's own review costs gives; it is
 * set only when Use is pressed, and its toast's Undo sets it back. */
static void
test_retention (Fixture       *f,
                gconstpointer  data)
{
  EgOptimizerPage *page = open_page (f);
  GtkWidget *preferences = GTK_WIDGET (eg_window_get_preferences (f->window));
  GtkWidget *general_row = eg_preferences_get_row (EG_PREFERENCES (preferences),
                                                   "desired-retention");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = retention_setting (f);
  g_autofree char *after = NULL;
  g_autofree char *expected_text = NULL;
  EgReviewCosts costs;
  double suggested, expected;
  GtkWidget *button;

  run_fit (page);
  suggested = eg_optimizer_page_get_retention (page);
  g_assert_true (eg_scheduler_read_review_costs (scheduler_of (f), &costs, &error));
  g_assert_no_error (error);
  g_assert_true (eg_simulate_optimal_retention (eg_optimizer_page_get_fit (page)->w, &costs,
                                                NULL, NULL, &expected, &error));
  g_assert_no_error (error);
  g_test_message ("suggested %.2f", suggested);
  g_assert_cmpfloat (suggested, ==, expected);
  g_assert_true (gtk_widget_get_visible (widget (page, "retention")));
  expected_text = g_strdup_printf ("%.2f costs the least study time", suggested);
  g_assert_nonnull (strstr (subtitle (page, "retention"), expected_text));
  /* shown, not applied */
  after = retention_setting (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* a value with more digits than the row shows comes back whole */
  g_assert_true (eg_preferences_apply (EG_PREFERENCES (preferences), "desired-retention",
                                       "0.913", &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = retention_setting (f);
  g_assert_cmpfloat (g_ascii_strtod (before, NULL), ==, 0.913);

  eg_optimizer_page_use_retention (page);
  after = retention_setting (f);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (after, NULL), suggested, 0.005);
  g_assert_cmpfloat_with_epsilon (eg_scheduler_get_settings (scheduler_of (f))->desired_retention,
                                  suggested, 0.005);
  g_clear_pointer (&expected_text, g_free);
  expected_text = g_strdup_printf ("%.2f", suggested);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (general_row)), ==, expected_text);
  g_assert_true (eg_gui_test_wait_for_text (preferences, "Desired retention set to ", TRUE,
                                            5000));
  g_assert_true (eg_gui_test_wait_for (toast_button_shown, preferences, 5000));
  button = find_toast_button (preferences);
  g_signal_emit_by_name (button, "clicked");
  g_clear_pointer (&after, g_free);
  after = retention_setting (f);
  g_assert_cmpfloat (g_ascii_strtod (after, NULL), ==, 0.913);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (general_row)), ==, "0.91");
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  EgOptimizerPage *page = open_page (f);
  g_autofree char *weights_before = weights_setting (f);
  g_autofree char *weights = NULL;
  gint64 until;

  click (widget (page, "optimize"));
  g_assert_true (eg_optimizer_page_is_running (page));
  /* before the main loop could deliver the result: it is dropped */
  click (widget (page, "cancel"));
  g_assert_false (eg_optimizer_page_is_running (page));
  g_assert_false (gtk_widget_get_visible (widget (page, "progress-row")));
  g_assert_true (gtk_widget_is_sensitive (widget (page, "optimize")));
  g_assert_true (eg_gui_test_wait_for (workers_gone, NULL, 10000));
  /* the worker's end reaches the page, which shows nothing of it */
  until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (eg_optimizer_page_get_fit (page));
  g_assert_false (gtk_widget_get_visible (widget (page, "error")));
  g_assert_false (gtk_widget_get_mapped (widget (page, "result")));
  weights = weights_setting (f);
  g_assert_cmpstr (weights, ==, weights_before);

  /* and it runs again */
  run_fit (page);
  g_assert_nonnull (eg_optimizer_page_get_fit (page));
}

/* The window closed while the fit runs: the worker stops, nothing breaks */
static void
test_close_while_running (Fixture       *f,
                          gconstpointer  data)
{
  EgOptimizerPage *page = open_page (f);
  GtkWidget *preferences = eg_window_get_preferences (f->window);
  g_autofree char *weights_before = weights_setting (f);
  g_autofree char *weights = NULL;
  gint64 until;

  click (widget (page, "optimize"));
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_null (eg_window_get_preferences (f->window));
  g_assert_true (eg_gui_test_wait_for (workers_gone, NULL, 10000));
  until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  weights = weights_setting (f);
  g_assert_cmpstr (weights, ==, weights_before);
}

/* Another collection opened while the fit runs: the page of the old one
 * goes, its fit with it; the new page is idle */
static void
test_other_collection (Fixture       *f,
                       gconstpointer  data)
{
  EgOptimizerPage *page = open_page (f);
  GtkWidget *preferences = eg_window_get_preferences (f->window);
  g_autoptr(EgStore) other = new_store ("other");
  GtkWidget *new_page;
  gint64 until;

  click (widget (page, "optimize"));
  eg_window_set_store (f->window, other);
  g_assert_true (eg_gui_test_wait_for (workers_gone, NULL, 10000));
  until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                "optimizer");
  new_page = GTK_WIDGET (adw_preferences_window_get_visible_page (
                           ADW_PREFERENCES_WINDOW (preferences)));
  g_assert_true (EG_IS_OPTIMIZER_PAGE (new_page));
  g_assert_false (eg_optimizer_page_is_running (EG_OPTIMIZER_PAGE (new_page)));
  g_assert_null (eg_optimizer_page_get_fit (EG_OPTIMIZER_PAGE (new_page)));
  g_assert_cmpstr (subtitle (EG_OPTIMIZER_PAGE (new_page), "reviews"), ==,
                   "0 reviews so far; 8 more are needed. A review counts when it is made on a "
                   "later day than the card’s previous one.");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_set_prgname ("engram-tests");
  eg_test_setup_dirs ("engram-test-optimizer");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  eg_gui_init_resources ();

  g_test_add ("/gui/optimizer/too-few", Fixture, NULL, few_setup, test_too_few,
              fixture_teardown);
  g_test_add ("/gui/optimizer/fit-apply-undo", Fixture, NULL, fixture_setup, test_fit_apply_undo,
              fixture_teardown);
  g_test_add ("/gui/optimizer/reset-keep", Fixture, NULL, fixture_setup, test_reset_keep,
              fixture_teardown);
  g_test_add ("/gui/optimizer/retention", Fixture, NULL, fixture_setup, test_retention,
              fixture_teardown);
  g_test_add ("/gui/optimizer/cancel", Fixture, NULL, fixture_setup, test_cancel,
              fixture_teardown);
  g_test_add ("/gui/optimizer/close-while-running", Fixture, NULL, fixture_setup,
              test_close_while_running, fixture_teardown);
  g_test_add ("/gui/optimizer/other-collection", Fixture, NULL, fixture_setup,
              test_other_collection, fixture_teardown);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
