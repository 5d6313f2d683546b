/* test-scheduler-weights.c - fitted FSRS parameters applied to a
 * collection (every card rescheduled under them) and the change undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-synthetic.h"
#include "eg-test-util.h"

#define NOW G_GINT64_CONSTANT (1795000000000)  /* 2026-11-18 */
#define DAY (G_GINT64_CONSTANT (86400000))

typedef struct
{
  EgStore     *store;
  EgScheduler *scheduler;
  EgFsrsFit    fit;
} Fixture;

/* A synthetic collection with a year of reviews, and a fit to them */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = eg_test_tmp_path ("weights.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgFsrsItems) items = NULL;

  (void) data;
  eg_test_rm_rf (path);
  f->store = eg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (eg_synthetic_generate (f->store, 300, 4000, 7, NOW, NULL, &error));
  g_assert_no_error (error);
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);

  items = eg_scheduler_read_fsrs_items (f->scheduler, &error);
  g_assert_no_error (error);
  g_assert_true (eg_fsrs_fit (items, eg_fsrs_default_weights (), NULL, NULL, &f->fit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (f->fit.result, ==, EG_FSRS_OPTIMIZE_TRAINED);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  (void) data;
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
}

/* A table as text, reals with all their digits: equal dumps, equal rows */
static char *
dump (EgStore    *store,
      const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        if (sqlite3_column_type (stmt, c) == SQLITE_FLOAT)
          g_string_append_printf (out, "%.17g|", sqlite3_column_double (stmt, c));
        else
          g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

#define STATES   "SELECT * FROM card_state ORDER BY card_id"
#define SETTINGS "SELECT * FROM settings ORDER BY key"
#define LOG      "SELECT * FROM review_log ORDER BY id"

static gint64
query_int (EgStore    *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
assert_weights (EgScheduler  *scheduler,
                const double *w)
{
  const EgSchedulerSettings *settings = eg_scheduler_get_settings (scheduler);

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    g_assert_cmpfloat (settings->weights[i], ==, w[i]);
}

/* Applying: the setting, the scheduler's parameters, and every card's
 * state are the fit's, in the collection and for another program. */
static void
test_apply (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) other_store = NULL;
  g_autoptr(EgScheduler) other = NULL;
  g_autofree char *before = dump (f->store, STATES);
  g_autofree char *applied = NULL;
  g_autofree char *rebuilt = NULL;
  guint n_cards = 0;
  gint64 moved;

  (void) data;
  g_assert_true (eg_scheduler_weights_are_default (f->scheduler));
  g_assert_false (eg_scheduler_can_undo_weights (f->scheduler));
  g_assert_true (eg_scheduler_apply_weights (f->scheduler, f->fit.w, &n_cards, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cards, ==, 300);
  g_assert_false (eg_scheduler_weights_are_default (f->scheduler));
  g_assert_true (eg_scheduler_can_undo_weights (f->scheduler));
  assert_weights (f->scheduler, f->fit.w);
  /* the scheduler's own parameters are the fit's, clipped as FSRS clips them */
  g_assert_cmpfloat (eg_scheduler_get_params (f->scheduler)->w[2], !=,
                     eg_fsrs_default_weights ()[2]);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (eg_scheduler_get_params (f->scheduler)->w[i], ==, f->fit.w[i]);

  /* due dates moved */
  applied = dump (f->store, STATES);
  g_assert_cmpstr (applied, !=, before);
  moved = query_int (f->store, "SELECT count(*) FROM card_state s JOIN card_state_before_weights k"
                               " USING (card_id) WHERE s.due_day != k.due_day");
  g_test_message ("%" G_GINT64_FORMAT " of 300 cards due on another day", moved);
  g_assert_cmpint (moved, >, 30);
  /* every state is the log's replay under the fitted parameters */
  g_assert_true (eg_scheduler_rebuild (f->scheduler, NULL, NULL, &error));
  g_assert_no_error (error);
  rebuilt = dump (f->store, STATES);
  g_assert_cmpstr (rebuilt, ==, applied);

  /* another program opening the collection schedules with them */
  other_store = eg_store_open (eg_store_get_path (f->store), &error);
  g_assert_no_error (error);
  other = eg_scheduler_new (other_store, &error);
  g_assert_no_error (error);
  assert_weights (other, f->fit.w);
}

/* Undo brings back the parameters and every state exactly, even states
 * a replay of the log would not give (made under another retention). */
static void
test_undo_exact (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *states = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *after = NULL;
  guint n_cards = 0;

  (void) data;
  g_assert_true (eg_scheduler_settings_set_value (f->store, "desired-retention", "0.95", &error));
  g_assert_no_error (error);
  g_clear_object (&f->scheduler);
  f->scheduler = eg_scheduler_new (f->store, &error);
  g_assert_no_error (error);
  states = dump (f->store, STATES);
  settings = dump (f->store, SETTINGS);

  g_assert_true (eg_scheduler_apply_weights (f->scheduler, f->fit.w, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (eg_scheduler_undo_weights (f->scheduler, &n_cards, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cards, ==, 300);
  after = dump (f->store, STATES);
  g_assert_cmpstr (after, ==, states);
  g_clear_pointer (&after, g_free);
  after = dump (f->store, SETTINGS);
  g_assert_cmpstr (after, ==, settings);
  g_assert_true (eg_scheduler_weights_are_default (f->scheduler));
  g_assert_false (eg_scheduler_can_undo_weights (f->scheduler));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM card_state_before_weights"), ==, 0);

  /* once */
  g_assert_false (eg_scheduler_undo_weights (f->scheduler, NULL, &error));
  g_assert_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_NOTHING_TO_UNDO);
  g_clear_pointer (&after, g_free);
  after = dump (f->store, STATES);
  g_assert_cmpstr (after, ==, states);
}

/* A review made after applying stays; undo then replays the log under the
 * parameters before. */
static void
test_undo_after_review (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *replayed = NULL;
  gint64 card, n_log;

  (void) data;
  g_assert_true (eg_scheduler_apply_weights (f->scheduler, f->fit.w, NULL, &error));
  g_assert_no_error (error);
  queue = eg_scheduler_build_queue (f->scheduler, NOW + DAY, &error);
  g_assert_no_error (error);
  card = eg_queue_peek (queue, NOW + DAY);
  g_assert_cmpint (card, !=, 0);
  g_assert_true (eg_scheduler_grade (f->scheduler, queue, card, EG_FSRS_GOOD, NOW + DAY, 1000,
                                     NULL, &error));
  g_assert_no_error (error);
  n_log = query_int (f->store, "SELECT count(*) FROM review_log");

  g_assert_true (eg_scheduler_undo_weights (f->scheduler, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (eg_scheduler_weights_are_default (f->scheduler));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM review_log"), ==, n_log);
  undone = dump (f->store, STATES);
  g_assert_true (eg_scheduler_rebuild (f->scheduler, NULL, NULL, &error));
  g_assert_no_error (error);
  replayed = dump (f->store, STATES);
  g_assert_cmpstr (undone, ==, replayed);
}

/* Reset to the defaults is an apply of the defaults, undone like one */
static void
test_reset_to_defaults (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *defaults = dump (f->store, STATES);
  g_autofree char *fitted = NULL;
  g_autofree char *after = NULL;

  (void) data;
  g_assert_true (eg_scheduler_apply_weights (f->scheduler, f->fit.w, NULL, &error));
  g_assert_no_error (error);
  fitted = dump (f->store, STATES);
  g_assert_true (eg_scheduler_apply_weights (f->scheduler, eg_fsrs_default_weights (), NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_true (eg_scheduler_weights_are_default (f->scheduler));
  /* the synthetic states are the log's replay under the defaults */
  after = dump (f->store, STATES);
  g_assert_cmpstr (after, ==, defaults);

  g_assert_true (eg_scheduler_undo_weights (f->scheduler, NULL, &error));
  g_assert_no_error (error);
  assert_weights (f->scheduler, f->fit.w);
  g_clear_pointer (&after, g_free);
  after = dump (f->store, STATES);
  g_assert_cmpstr (after, ==, fitted);
}

/* Parameters that are not numbers, or a failure half-way, change nothing:
 * one transaction. */
static void
test_refused_changes_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *states = dump (f->store, STATES);
  g_autofree char *settings = dump (f->store, SETTINGS);
  g_autofree char *log = dump (f->store, LOG);
  g_autofree char *after = NULL;
  double w[EG_FSRS_N_PARAMS];
  gint64 last;

  (void) data;
  memcpy (w, f->fit.w, sizeof w);
  w[7] = NAN;
  g_assert_false (eg_scheduler_apply_weights (f->scheduler, w, NULL, &error));
  g_assert_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_INVALID_SETTING);
  g_assert_nonnull (strstr (error->message, "w7"));
  g_clear_error (&error);

  /* the last card's write fails: every earlier write is taken back */
  last = query_int (f->store, "SELECT max (card_id) FROM card_state");
  {
    g_autofree char *sql = g_strdup_printf ("CREATE TEMP TRIGGER fail BEFORE UPDATE ON card_state"
                                            " WHEN NEW.card_id = %" G_GINT64_FORMAT
                                            " BEGIN SELECT RAISE (ABORT, 'disk full'); END",
                                            last);
    g_assert_true (_eg_store_exec (f->store, sql, &error));
    g_assert_no_error (error);
  }
  g_assert_false (eg_scheduler_apply_weights (f->scheduler, f->fit.w, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (_eg_store_exec (f->store, "DROP TRIGGER temp.fail", NULL));

  after = dump (f->store, STATES);
  g_assert_cmpstr (after, ==, states);
  g_clear_pointer (&after, g_free);
  after = dump (f->store, SETTINGS);
  g_assert_cmpstr (after, ==, settings);
  g_clear_pointer (&after, g_free);
  after = dump (f->store, LOG);
  g_assert_cmpstr (after, ==, log);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM card_state_before_weights"), ==, 0);
  g_assert_true (eg_scheduler_weights_are_default (f->scheduler));
  g_assert_false (eg_scheduler_can_undo_weights (f->scheduler));
}

/* The fit's figures: the improvement is the fall of the log loss from the
 * parameters in use, in per cent */
static void
test_fit_figures (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgFsrsItems) items = eg_scheduler_read_fsrs_items (f->scheduler, &error);
  double log_loss, rmse;
  EgFsrsFit again;

  (void) data;
  g_assert_no_error (error);
  g_assert_cmpuint (f->fit.n_items, ==, eg_fsrs_items_get_n_items (items));
  g_assert_true (eg_fsrs_evaluate (items, f->fit.w, &log_loss, &rmse, &error));
  g_assert_cmpfloat (log_loss, ==, f->fit.log_loss);
  g_assert_cmpfloat (rmse, ==, f->fit.rmse_bins);
  /* in use: the defaults */
  g_assert_cmpfloat (f->fit.current_log_loss, ==, f->fit.default_log_loss);
  /* (the synthetic learner's memory follows the defaults: the fit cannot
   * predict it better, and the improvement comes out negative) */
  g_assert_cmpfloat_with_epsilon (eg_fsrs_fit_improvement (&f->fit),
                                  100 * (1 - log_loss / f->fit.default_log_loss), 1e-9);

  /* against the fit itself: nothing to gain */
  g_assert_true (eg_fsrs_fit (items, f->fit.w, NULL, NULL, &again, &error));
  g_assert_cmpfloat (again.current_log_loss, ==, f->fit.log_loss);
  g_assert_cmpfloat (eg_fsrs_fit_improvement (&again), ==, 0);
}

/* Interview-date mode plans with the parameters applied, at once, and
 * with those before after undo */
static void
test_interview_plan (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgPlan) before = NULL;
  g_autoptr(EgPlan) applied = NULL;
  g_autoptr(EgPlan) undone = NULL;
  g_autoptr(EgStore) other_store = NULL;
  g_autoptr(EgScheduler) other = NULL;
  g_autoptr(EgPlan) other_plan = NULL;
  double strong[EG_FSRS_N_PARAMS];

  (void) data;
  g_assert_true (eg_plan_set (f->scheduler, "2027-01-20", NULL, NULL, NOW, &error));
  g_assert_no_error (error);
  before = eg_plan_compute (f->scheduler, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->scope_new, >, 0);

  /* a memory that keeps what it learns four times as long from the start */
  memcpy (strong, eg_fsrs_default_weights (), sizeof strong);
  for (guint i = 0; i < 4; i++)
    strong[i] *= 4;
  g_assert_true (eg_scheduler_apply_weights (f->scheduler, strong, NULL, &error));
  g_assert_no_error (error);
  applied = eg_plan_compute (f->scheduler, NOW, &error);
  g_assert_no_error (error);
  g_test_message ("lead days %d -> %d, expected recall %.4f -> %.4f", before->lead_days,
                  applied->lead_days, before->expected_recall, applied->expected_recall);
  /* a new card reaches the target stability sooner; the forecast moves
   * (the plan then reviews less: not necessarily up) */
  g_assert_cmpint (applied->lead_days, <, before->lead_days);
  g_assert_cmpint (applied->lead_days, ==,
                   eg_plan_lead_days (eg_scheduler_get_params (f->scheduler),
                                      applied->target_stability));
  g_assert_cmpfloat (applied->expected_recall, !=, before->expected_recall);

  /* another program plans the same */
  other_store = eg_store_open (eg_store_get_path (f->store), &error);
  g_assert_no_error (error);
  other = eg_scheduler_new (other_store, &error);
  g_assert_no_error (error);
  other_plan = eg_plan_compute (other, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other_plan->lead_days, ==, applied->lead_days);
  g_assert_cmpfloat (other_plan->expected_recall, ==, applied->expected_recall);

  g_assert_true (eg_scheduler_undo_weights (f->scheduler, NULL, &error));
  g_assert_no_error (error);
  undone = eg_plan_compute (f->scheduler, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undone->lead_days, ==, before->lead_days);
  g_assert_cmpfloat (undone->expected_recall, ==, before->expected_recall);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  eg_test_setup_dirs ("engram-test-scheduler-weights");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/weights/apply", test_apply);
  ADD ("/weights/undo-exact", test_undo_exact);
  ADD ("/weights/undo-after-review", test_undo_after_review);
  ADD ("/weights/reset-to-defaults", test_reset_to_defaults);
  ADD ("/weights/refused-changes-nothing", test_refused_changes_nothing);
  ADD ("/weights/fit-figures", test_fit_figures);
  ADD ("/weights/interview-plan", test_interview_plan);
#undef ADD
  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
