/* eg-optimizer-page.c - the FSRS parameters fitted to the user's reviews, a page of Preferences
 *
 * The page says which parameters the scheduler uses (the defaults or the
 * user's own) and how many of the collection's reviews a fit can learn
 * from: a review counts when it was made on a later day than the card's
 * previous one (eg_scheduler_read_fsrs_items()).  Below
 * EG_FSRS_OPTIMIZER_MIN_ITEMS of them, "Optimize From My Reviews" waits
 * and the row says how many more are needed.
 *
 * Pressed, the reviews are read here, on the main thread, and
 * eg_fsrs_fit() runs in a GTask thread that touches neither the store nor
 * GTK: it writes its progress into the job (atomics), which a timeout shows
 * in the progress bar, and stops when the job's cancellable is cancelled —
 * by Cancel, or by the page going away (the window closed, another
 * collection opened: dispose cancels).  The callback holds the page only
 * weakly and drops a result the page no longer waits for.
 *
 * The fit is compared with the parameters in use in words ("predict your
 * recall 4 % better") and in figures (log loss, RMSE(bins)); Apply makes it
 * the collection's (eg_scheduler_apply_weights(): every card is
 * rescheduled), Keep Current drops it.  Apply and Reset to Defaults can be
 * undone, from their toast or from the page (eg_scheduler_undo_weights()).
 * Each change emits "changed": the window shows the new due dates and
 * retrievability at once.
 *
 * With the fit, the worker also simulates a year of study under it with
 * the user's review costs (eg_simulate_optimal_retention()): the desired
 * retention that costs the least study time for what is remembered is
 * shown as a suggestion, and only its Use button sets it, through the
 * General page ("retention-chosen").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-optimizer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "eg-optimizer-page.h"
#include "eg-toast.h"

/* How often the progress bar follows the fit */
#define PROGRESS_INTERVAL_MS 50

struct _EgOptimizerPage
{
  AdwPreferencesPage  parent_instance;

  EgScheduler        *scheduler;
  guint               n_items;         /* training items in the collection's reviews */
  GTask              *task;            /* the fit running; NULL when none */
  guint               progress_source;
  EgFsrsFit          *fit;             /* waiting for Apply or Keep Current; NULL when none */
  double              retention;       /* suggested with the fit; NAN when none */

  GtkWidget          *status_row;
  GtkWidget          *reviews_row;
  GtkWidget          *optimize_button;
  GtkWidget          *progress_row;
  GtkWidget          *progress_bar;
  GtkWidget          *cancel_button;
  GtkWidget          *error_label;
  GtkWidget          *result_group;
  GtkWidget          *result_row;
  GtkWidget          *retention_row;
  GtkWidget          *actions_group;
  GtkWidget          *apply_button;
  GtkWidget          *keep_button;
  GtkWidget          *undo_row;
  GtkWidget          *undo_button;
  GtkWidget          *reset_row;
  GtkWidget          *reset_button;
};

G_DEFINE_FINAL_TYPE (EgOptimizerPage, eg_optimizer_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  CHANGED,
  RETENTION_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Worker threads not yet returned, for the tests */
static int n_running;

static void refresh (EgOptimizerPage *self);

/* ------------------------------------------------------------------ */
/* The fit, in a thread                                                 */
/* ------------------------------------------------------------------ */

/* What the worker gets; phase (0 the fit, 1 the suggestion), done and
 * total are written by it, read by the page */
typedef struct
{
  EgFsrsItems   *items;
  double         current_w[EG_FSRS_N_PARAMS];
  EgReviewCosts  costs;
  GCancellable  *cancellable;
  int            phase;
  int            done;
  int            total;
} Job;

/* What the worker gives */
typedef struct
{
  EgFsrsFit fit;
  double    retention;   /* NAN: no suggestion */
} Outcome;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->items, eg_fsrs_items_free);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static gboolean
job_progress_cb (guint    done,
                 guint    total,
                 gpointer data)
{
  Job *job = data;

  g_atomic_int_set (&job->total, (int) MIN (total, G_MAXINT));
  g_atomic_int_set (&job->done, (int) MIN (done, G_MAXINT));
  return !g_cancellable_is_cancelled (job->cancellable);
}

static void
fit_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autofree Outcome *outcome = g_new0 (Outcome, 1);
  GError *error = NULL;

  if (eg_fsrs_fit (job->items, job->current_w, job_progress_cb, job, &outcome->fit, &error))
    {
      g_atomic_int_set (&job->phase, 1);
      if (!eg_simulate_optimal_retention (outcome->fit.w, &job->costs, job_progress_cb, job,
                                          &outcome->retention, &error))
        {
          outcome->retention = NAN;
          /* a suggestion that failed leaves the fit; a cancel cancels both */
          if (!g_error_matches (error, EG_FSRS_OPTIMIZER_ERROR,
                                EG_FSRS_OPTIMIZER_ERROR_CANCELLED))
            g_clear_error (&error);
        }
    }
  if (error == NULL)
    g_task_return_pointer (task, g_steal_pointer (&outcome), g_free);
  else
    g_task_return_error (task, error);
  g_atomic_int_add (&n_running, -1);
}

/* ------------------------------------------------------------------ */
/* Words                                                                */
/* ------------------------------------------------------------------ */

/**
 * eg_optimizer_describe_fit:
 *
 * Returns: how much better @fit predicts recall than the parameters in use,
 *   in words: "The fitted parameters predict your recall 4 % better than
 *   the current ones"
 */
char *
eg_optimizer_describe_fit (const EgFsrsFit *fit)
{
  double improvement;
  int percent;

  g_return_val_if_fail (fit != NULL, NULL);

  improvement = eg_fsrs_fit_improvement (fit);
  if (!(improvement > 0))
    return g_strdup (_("The current parameters already predict your recall as well as the "
                       "fitted ones: keep them"));
  percent = (int) floor (improvement + 0.5);
  if (percent < 1)
    return g_strdup (_("The fitted parameters predict your recall less than 1 % better than "
                       "the current ones"));
  /* Translators: %d is a whole percentage, e.g. "4 % better" */
  return g_strdup_printf (_("The fitted parameters predict your recall %d %% better than the "
                            "current ones"), percent);
}

/**
 * eg_optimizer_describe_figures:
 *
 * Returns: @fit's figures against those of the parameters in use: "Log loss
 *   0.3523 → 0.3457 · RMSE 5.12 % → 3.20 % · 1234 reviews"
 */
char *
eg_optimizer_describe_figures (const EgFsrsFit *fit)
{
  g_autofree char *reviews = NULL;
  g_autofree char *figures = NULL;

  g_return_val_if_fail (fit != NULL, NULL);

  reviews = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u review", "%u reviews",
                                          fit->n_items), fit->n_items);
  /* Translators: the figures of the parameters in use → those of the fit;
   * the last %s is "1234 reviews" */
  figures = g_strdup_printf (_("Log loss %.4f → %.4f · RMSE %.2f %% → %.2f %% · %s"),
                             fit->current_log_loss, fit->log_loss,
                             100 * fit->current_rmse_bins, 100 * fit->rmse_bins, reviews);
  if (fit->result == EG_FSRS_OPTIMIZE_PRETRAINED)
    return g_strdup_printf (_("%s. With this few, only the stabilities after a first review "
                              "were fitted."), figures);
  return g_steal_pointer (&figures);
}

/* ------------------------------------------------------------------ */
/* Showing                                                              */
/* ------------------------------------------------------------------ */

static void
show_error (EgOptimizerPage *self,
            const char      *message)
{
  gtk_label_set_label (GTK_LABEL (self->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
  if (message != NULL)
    eg_toast_show (GTK_WIDGET (self), message, FALSE);
}

static void
show_reviews (EgOptimizerPage *self)
{
  g_autofree char *text = NULL;

  if (self->n_items >= EG_FSRS_OPTIMIZER_MIN_ITEMS)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u review to fit the parameters to",
                                         "%u reviews to fit the parameters to",
                                         self->n_items),
                            self->n_items);
  else
    {
      guint missing = EG_FSRS_OPTIMIZER_MIN_ITEMS - self->n_items;
      g_autofree char *have = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u review so far",
                                                            "%u reviews so far",
                                                            self->n_items),
                                               self->n_items);

      /* Translators: the first %s is "3 reviews so far" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s; %u more is needed. A review counts when it is "
                                           "made on a later day than the card’s previous one.",
                                           "%s; %u more are needed. A review counts when it is "
                                           "made on a later day than the card’s previous one.",
                                           missing),
                              have, missing);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reviews_row), text);
}

/* The suggested desired retention, beside the one in use */
static void
show_retention (EgOptimizerPage *self)
{
  double current = eg_scheduler_get_settings (self->scheduler)->desired_retention;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->retention_row, !isnan (self->retention));
  if (isnan (self->retention))
    return;
  /* Translators: two desired retentions, e.g. "0.85" and "0.90" */
  text = g_strdup_printf (_("%.2f costs the least study time for what you remember, simulated "
                            "over a year with the fitted parameters (now %.2f). Nothing "
                            "changes unless you use it."), self->retention, current);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->retention_row), text);
}

/* The widgets from the collection's parameters and the fit, if any */
static void
refresh (EgOptimizerPage *self)
{
  gboolean running = self->task != NULL;
  gboolean is_default = eg_scheduler_weights_are_default (self->scheduler);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row),
                               is_default ? _("The defaults, the same for everyone")
                                          : _("Your own, no longer the defaults"));
  show_reviews (self);
  gtk_widget_set_sensitive (self->optimize_button,
                            !running && self->n_items >= EG_FSRS_OPTIMIZER_MIN_ITEMS);
  gtk_widget_set_visible (self->progress_row, running);

  gtk_widget_set_visible (self->result_group, self->fit != NULL);
  gtk_widget_set_visible (self->actions_group, self->fit != NULL);
  if (self->fit != NULL)
    {
      g_autofree char *words = eg_optimizer_describe_fit (self->fit);
      g_autofree char *figures = eg_optimizer_describe_figures (self->fit);
      gboolean better = eg_fsrs_fit_improvement (self->fit) > 0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), words);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->result_row), figures);
      show_retention (self);
      /* the suggestion is the button in colour */
      if (better)
        {
          gtk_widget_add_css_class (self->apply_button, "suggested-action");
          gtk_widget_remove_css_class (self->keep_button, "suggested-action");
        }
      else
        {
          gtk_widget_remove_css_class (self->apply_button, "suggested-action");
          gtk_widget_add_css_class (self->keep_button, "suggested-action");
        }
    }

  gtk_widget_set_sensitive (self->undo_row,
                            !running && eg_scheduler_can_undo_weights (self->scheduler));
  gtk_widget_set_sensitive (self->reset_row, !running && !is_default);
}

static gboolean
progress_cb (gpointer data)
{
  EgOptimizerPage *self = data;
  Job *job = g_task_get_task_data (self->task);
  int total = g_atomic_int_get (&job->total);

  /* the fit, then the suggestion, each half the bar */
  if (total > 0)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar),
                                   (g_atomic_int_get (&job->phase)
                                    + (double) g_atomic_int_get (&job->done) / total) / 2);
  return G_SOURCE_CONTINUE;
}

/* The fit is no longer waited for (ended, cancelled) */
static void
stop (EgOptimizerPage *self)
{
  Job *job;

  if (self->task == NULL)
    return;
  job = g_task_get_task_data (self->task);
  g_cancellable_cancel (job->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->task);
}

/* ------------------------------------------------------------------ */
/* Actions                                                              */
/* ------------------------------------------------------------------ */

static void
fit_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GWeakRef *ref = data;
  g_autoptr(EgOptimizerPage) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  g_autofree Outcome *outcome = NULL;

  g_weak_ref_clear (ref);
  g_free (ref);
  /* dropped: cancelled, or the page is gone or started another */
  outcome = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL || self->task != G_TASK (result))
    return;
  stop (self);
  if (outcome == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_CANCELLED))
        show_error (self, error->message);
      refresh (self);
      return;
    }
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 1.0);
  g_free (self->fit);
  self->fit = g_memdup2 (&outcome->fit, sizeof outcome->fit);
  self->retention = outcome->retention;
  refresh (self);
  gtk_widget_grab_focus (eg_fsrs_fit_improvement (self->fit) > 0 ? self->apply_button
                                                                 : self->keep_button);
}

/**
 * eg_optimizer_page_optimize:
 *
 * Starts fitting the parameters to the collection's reviews, in a thread;
 * the page shows the result, or the error, when it ends.
 *
 * Returns: whether the fit started (an error reading the reviews is shown)
 */
gboolean
eg_optimizer_page_optimize (EgOptimizerPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgFsrsItems) items = NULL;
  g_autoptr(GTask) task = NULL;
  GWeakRef *ref;
  Job *job;

  g_return_val_if_fail (EG_IS_OPTIMIZER_PAGE (self), FALSE);

  if (self->task != NULL)
    return FALSE;
  g_clear_pointer (&self->fit, g_free);
  items = eg_scheduler_read_fsrs_items (self->scheduler, &error);
  if (items == NULL)
    {
      show_error (self, error->message);
      refresh (self);
      return FALSE;
    }
  show_error (self, NULL);
  self->n_items = eg_fsrs_items_get_n_items (items);

  job = g_new0 (Job, 1);
  job->items = g_steal_pointer (&items);
  memcpy (job->current_w, eg_scheduler_get_settings (self->scheduler)->weights,
          sizeof job->current_w);
  /* the user's seconds per grade; the defaults' when they cannot be read */
  if (!eg_scheduler_read_review_costs (self->scheduler, &job->costs, NULL))
    eg_review_costs_init_default (&job->costs);
  job->cancellable = g_cancellable_new ();
  ref = g_new (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, job->cancellable, fit_done_cb, ref);
  g_task_set_source_tag (task, eg_optimizer_page_optimize);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  self->task = g_object_ref (task);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0.0);
  self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, progress_cb, self);
  refresh (self);
  gtk_widget_grab_focus (self->cancel_button);
  g_atomic_int_inc (&n_running);
  g_task_run_in_thread (task, fit_thread);
  return TRUE;
}

/**
 * eg_optimizer_page_cancel:
 *
 * Stops the fit running, if any; the page is as before it.
 */
void
eg_optimizer_page_cancel (EgOptimizerPage *self)
{
  g_return_if_fail (EG_IS_OPTIMIZER_PAGE (self));

  if (self->task == NULL)
    return;
  stop (self);
  refresh (self);
  gtk_widget_grab_focus (self->optimize_button);
}

gboolean
eg_optimizer_page_is_running (EgOptimizerPage *self)
{
  g_return_val_if_fail (EG_IS_OPTIMIZER_PAGE (self), FALSE);
  return self->task != NULL;
}

/**
 * eg_optimizer_page_get_fit:
 *
 * Returns: (nullable): the fit waiting for Apply or Keep Current
 */
const EgFsrsFit *
eg_optimizer_page_get_fit (EgOptimizerPage *self)
{
  g_return_val_if_fail (EG_IS_OPTIMIZER_PAGE (self), NULL);
  return self->fit;
}

typedef enum {
  CHANGE_APPLY,
  CHANGE_RESET,
  CHANGE_UNDO,
} Change;

static void
toast_undo_cb (EgOptimizerPage *self)
{
  eg_optimizer_page_undo (self, NULL);
}

/* Says what @change did, in a toast with Undo when it can be undone */
static void
toast (EgOptimizerPage *self,
       Change           change,
       guint            n_cards)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (change == CHANGE_APPLY)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Parameters applied; %u card rescheduled",
                                         "Parameters applied; %u cards rescheduled", n_cards),
                            n_cards);
  else if (change == CHANGE_RESET)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Default parameters restored; %u card rescheduled",
                                         "Default parameters restored; %u cards rescheduled",
                                         n_cards),
                            n_cards);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Previous parameters restored; %u card rescheduled",
                                         "Previous parameters restored; %u cards rescheduled",
                                         n_cards),
                            n_cards);
  toast = eg_toast_new (text);
  if (change != CHANGE_UNDO)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self,
                               G_CONNECT_SWAPPED);
    }
  eg_toast_add (GTK_WIDGET (self), toast);
}

/* Applies the fit, the defaults, or undoes the last change; the cards are
 * rescheduled under the parameters then in use */
static gboolean
change (EgOptimizerPage  *self,
        Change            change,
        GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  guint n_cards = 0;
  gboolean ok;

  if (self->task != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("The parameters are being fitted; cancel first"));
      return FALSE;
    }
  if (change == CHANGE_APPLY)
    ok = eg_scheduler_apply_weights (self->scheduler, self->fit->w, &n_cards, &local_error);
  else if (change == CHANGE_RESET)
    ok = eg_scheduler_apply_weights (self->scheduler, eg_fsrs_default_weights (), &n_cards,
                                     &local_error);
  else
    ok = eg_scheduler_undo_weights (self->scheduler, &n_cards, &local_error);
  if (!ok)
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      refresh (self);
      return FALSE;
    }
  /* a fit left is compared with parameters no longer in use */
  g_clear_pointer (&self->fit, g_free);
  show_error (self, NULL);
  refresh (self);
  toast (self, change, n_cards);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * eg_optimizer_page_apply:
 *
 * Makes the fit the collection's parameters, every card rescheduled under
 * them; undoable.
 */
gboolean
eg_optimizer_page_apply (EgOptimizerPage  *self,
                         GError          **error)
{
  g_return_val_if_fail (EG_IS_OPTIMIZER_PAGE (self), FALSE);
  g_return_val_if_fail (self->fit != NULL, FALSE);

  return change (self, CHANGE_APPLY, error);
}

/**
 * eg_optimizer_page_keep_current:
 *
 * Drops the fit; the parameters in use stay.
 */
void
eg_optimizer_page_keep_current (EgOptimizerPage *self)
{
  g_return_if_fail (EG_IS_OPTIMIZER_PAGE (self));

  g_clear_pointer (&self->fit, g_free);
  refresh (self);
  gtk_widget_grab_focus (self->optimize_button);
}

/**
 * eg_optimizer_page_undo:
 *
 * Brings back the parameters before the last Apply or Reset to Defaults,
 * and the cards' schedule under them.
 */
gboolean
eg_optimizer_page_undo (EgOptimizerPage  *self,
                        GError          **error)
{
  g_return_val_if_fail (EG_IS_OPTIMIZER_PAGE (self), FALSE);

  return change (self, CHANGE_UNDO, error);
}

/**
 * eg_optimizer_page_reset:
 *
 * Makes the default parameters the collection's again; undoable.
 */
gboolean
eg_optimizer_page_reset (EgOptimizerPage  *self,
                         GError          **error)
{
  g_return_val_if_fail (EG_IS_OPTIMIZER_PAGE (self), FALSE);

  return change (self, CHANGE_RESET, error);
}

/**
 * eg_optimizer_page_get_result_group:
 *
 * Returns: (transfer none): the group that shows a fit; rows added to it
 *   show above Apply and Keep Current, and only with a fit
 */
AdwPreferencesGroup *
eg_optimizer_page_get_result_group (EgOptimizerPage *self)
{
  g_return_val_if_fail (EG_IS_OPTIMIZER_PAGE (self), NULL);
  return ADW_PREFERENCES_GROUP (self->result_group);
}

/**
 * eg_optimizer_page_get_widget:
 * @name: "status", "reviews", "optimize", "progress-row", "progress", "cancel",
 *   "error", "result", "apply", "keep", "undo", "reset" or "retention" ("undo",
 *   "reset" and "retention" are rows, activated by their button)
 *
 * One of the page's widgets, for tests.
 */
GtkWidget *
eg_optimizer_page_get_widget (EgOptimizerPage *self,
                              const char      *name)
{
  struct { const char *name; GtkWidget *widget; } widgets[] = {
    { "status", self->status_row }, { "reviews", self->reviews_row },
    { "optimize", self->optimize_button }, { "progress-row", self->progress_row },
    { "progress", self->progress_bar }, { "cancel", self->cancel_button },
    { "error", self->error_label }, { "result", self->result_row },
    { "apply", self->apply_button }, { "keep", self->keep_button },
    { "undo", self->undo_row }, { "reset", self->reset_row },
    { "retention", self->retention_row },
  };

  g_return_val_if_fail (EG_IS_OPTIMIZER_PAGE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (g_str_equal (widgets[i].name, name))
      return widgets[i].widget;
  g_return_val_if_reached (NULL);
}

/**
 * eg_optimizer_page_get_n_running:
 *
 * Returns: how many fits still run in their thread, for tests: a page gone
 *   leaves none for long
 */
guint
eg_optimizer_page_get_n_running (void)
{
  return (guint) g_atomic_int_get (&n_running);
}

/* ------------------------------------------------------------------ */
/* Building                                                             */
/* ------------------------------------------------------------------ */

static void
optimize_clicked_cb (EgOptimizerPage *self)
{
  eg_optimizer_page_optimize (self);
}

static void
apply_clicked_cb (EgOptimizerPage *self)
{
  if (self->fit != NULL)
    eg_optimizer_page_apply (self, NULL);
}

static void
undo_clicked_cb (EgOptimizerPage *self)
{
  eg_optimizer_page_undo (self, NULL);
}

static void
reset_clicked_cb (EgOptimizerPage *self)
{
  eg_optimizer_page_reset (self, NULL);
}

/**
 * eg_optimizer_page_use_retention:
 *
 * Asks for the suggested desired retention to be set ("retention-chosen",
 * which the General page applies).
 */
void
eg_optimizer_page_use_retention (EgOptimizerPage *self)
{
  char value[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (EG_IS_OPTIMIZER_PAGE (self));

  if (self->fit == NULL || isnan (self->retention))
    return;
  g_ascii_formatd (value, sizeof value, "%.2f", self->retention);
  g_signal_emit (self, signals[RETENTION_CHOSEN], 0, value);
  show_retention (self);
}

/**
 * eg_optimizer_page_get_retention:
 *
 * Returns: the desired retention suggested with the fit; NAN when none
 */
double
eg_optimizer_page_get_retention (EgOptimizerPage *self)
{
  g_return_val_if_fail (EG_IS_OPTIMIZER_PAGE (self), NAN);
  return self->fit != NULL ? self->retention : NAN;
}

static GtkWidget *
row_button (GtkWidget  *row,
            const char *mnemonic,
            GCallback   clicked,
            gpointer    self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", clicked, self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static GtkWidget *
build_parameters_group (EgOptimizerPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Personal Parameters"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("The scheduler predicts when you would forget a card from 21 parameters. Fitted to "
      "your own reviews, they predict your memory better. Kept in the collection."));

  self->status_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Parameters in Use"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->status_row);

  self->reviews_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reviews_row), _("Your Reviews"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->reviews_row), 0);
  self->optimize_button = row_button (self->reviews_row, _("_Optimize From My Reviews"),
                                      G_CALLBACK (optimize_clicked_cb), self);
  gtk_widget_add_css_class (self->optimize_button, "suggested-action");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->reviews_row);

  self->progress_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row),
                                 _("Fitting the Parameters…"));
  self->progress_bar = gtk_progress_bar_new ();
  gtk_widget_set_valign (self->progress_bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->progress_bar, 160, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->progress_row), self->progress_bar);
  self->cancel_button = row_button (self->progress_row, _("_Cancel"),
                                    G_CALLBACK (eg_optimizer_page_cancel), self);
  gtk_widget_set_visible (self->progress_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->progress_row);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_set_margin_top (self->error_label, 12);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->error_label);
  return group;
}

/* The fit, then (a group of its own, so that rows added to the result
 * group come above them) Keep Current and Apply */
static void
build_result_groups (EgOptimizerPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->result_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->result_group), _("Result"));
  self->result_row = adw_action_row_new ();
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self->result_row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->result_row), 0);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->result_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->result_group), self->result_row);

  self->retention_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->retention_row),
                                 _("Suggested Desired Retention"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->retention_row), 0);
  row_button (self->retention_row, _("_Use"), G_CALLBACK (eg_optimizer_page_use_retention),
              self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->result_group), self->retention_row);

  self->actions_group = adw_preferences_group_new ();
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  self->keep_button = gtk_button_new_with_mnemonic (_("_Keep Current"));
  g_signal_connect_swapped (self->keep_button, "clicked",
                            G_CALLBACK (eg_optimizer_page_keep_current), self);
  gtk_box_append (GTK_BOX (box), self->keep_button);
  self->apply_button = gtk_button_new_with_mnemonic (_("_Apply"));
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (apply_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->apply_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->actions_group), box);
}

static GtkWidget *
build_changes_group (EgOptimizerPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Changes"));

  self->undo_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->undo_row),
                                 _("Restore Previous Parameters"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->undo_row),
                               _("Undo the last change; the cards are rescheduled as before it"));
  self->undo_button = row_button (self->undo_row, _("_Restore"),
                                  G_CALLBACK (undo_clicked_cb), self);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->undo_row), self->undo_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->undo_row);

  self->reset_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reset_row), _("Reset to Defaults"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reset_row),
                               _("The parameters everyone starts with; this can be undone"));
  self->reset_button = row_button (self->reset_row, _("Re_set"),
                                   G_CALLBACK (reset_clicked_cb), self);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->reset_row), self->reset_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->reset_row);
  return group;
}

static void
eg_optimizer_page_dispose (GObject *object)
{
  EgOptimizerPage *self = (EgOptimizerPage *)object;

  /* the worker stops at its next step; its result is dropped */
  stop (self);
  g_clear_pointer (&self->fit, g_free);
  g_clear_object (&self->scheduler);

  G_OBJECT_CLASS (eg_optimizer_page_parent_class)->dispose (object);
}

static void
eg_optimizer_page_class_init (EgOptimizerPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = eg_optimizer_page_dispose;

  /**
   * EgOptimizerPage::changed:
   *
   * The parameters in use changed: every card's due date and
   * retrievability may have changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EgOptimizerPage::retention-chosen:
   * @value: the desired retention, as the collection keeps it ("0.85")
   *
   * The user chose to use the suggested desired retention.
   */
  signals[RETENTION_CHOSEN] = g_signal_new ("retention-chosen", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
eg_optimizer_page_init (EgOptimizerPage *self)
{
  self->retention = NAN;
}

/**
 * eg_optimizer_page_new:
 * @scheduler: the collection's scheduler, whose parameters the page fits and changes
 */
GtkWidget *
eg_optimizer_page_new (EgScheduler *scheduler)
{
  EgOptimizerPage *self;
  g_autoptr(EgFsrsItems) items = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EG_IS_SCHEDULER (scheduler), NULL);

  self = g_object_new (EG_TYPE_OPTIMIZER_PAGE,
                       "name", "optimizer",
                       "title", _("Scheduling"),
                       "icon-name", "preferences-system-time-symbolic",
                       NULL);
  self->scheduler = g_object_ref (scheduler);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (build_parameters_group (self)));
  build_result_groups (self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (self->result_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (self->actions_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (build_changes_group (self)));

  items = eg_scheduler_read_fsrs_items (scheduler, &error);
  if (items != NULL)
    self->n_items = eg_fsrs_items_get_n_items (items);
  refresh (self);
  if (error != NULL)
    show_error (self, error->message);
  return GTK_WIDGET (self);
}
