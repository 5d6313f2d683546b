/* eg-cli-optimize.c - `engram-cli optimize`: fit the FSRS parameters to
 * the collection's review log, or to a log in the fsrs-rs/srs-benchmark
 * CSV format, and print them with the log loss and RMSE(bins) of the
 * defaults and of the fit, and the desired retention they suggest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "eg-cli-json.h"
#include "eg-cli.h"

/* Fits to @items; @scheduler (nullable: a CSV) gives the parameters in use */
static gboolean
run_fit (const EgFsrsItems  *items,
         EgScheduler        *scheduler,
         EgFsrsFit          *fit,
         GError            **error)
{
  const double *current = scheduler != NULL ? eg_scheduler_get_settings (scheduler)->weights
                                            : eg_fsrs_default_weights ();

  return eg_fsrs_fit (items, current, NULL, NULL, fit, error);
}

/* The desired retention that costs the least study time per card
 * remembered under @w (eg_simulate_optimal_retention()), with the costs
 * of the collection's log (@scheduler) or of the CSV file's durations */
static gboolean
suggest_retention (EgScheduler   *scheduler,
                   const char    *csv,
                   const double  *w,
                   double        *retention,
                   GError       **error)
{
  EgReviewCosts costs;

  if (csv != NULL ? !eg_review_costs_read_csv_file (csv, &costs, error)
      : !eg_scheduler_read_review_costs (scheduler, &costs, error))
    return FALSE;
  return eg_simulate_optimal_retention (w, &costs, NULL, NULL, retention, error);
}

static void
print_json (const EgFsrsFit *fit,
            double           retention)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "parameters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    json_builder_add_double_value (builder, fit->w[i]);
  json_builder_end_array (builder);
  eg_cli_json_add_string (builder, "fitted",
                          fit->result == EG_FSRS_OPTIMIZE_TRAINED ? "all" : "initial-stability");
  eg_cli_json_add_int (builder, "items", fit->n_items);
  eg_cli_json_add_double (builder, "log_loss", fit->log_loss);
  eg_cli_json_add_double (builder, "rmse_bins", fit->rmse_bins);
  eg_cli_json_add_double (builder, "current_log_loss", fit->current_log_loss);
  eg_cli_json_add_double (builder, "current_rmse_bins", fit->current_rmse_bins);
  eg_cli_json_add_double (builder, "default_log_loss", fit->default_log_loss);
  eg_cli_json_add_double (builder, "default_rmse_bins", fit->default_rmse_bins);
  eg_cli_json_add_double (builder, "ms", fit->ms);
  eg_cli_json_add_double (builder, "optimal_retention", retention);
  json_builder_end_object (builder);

  eg_cli_json_print (builder);
}

static void
print_text (const EgFsrsFit *fit,
            double           retention)
{
  g_autoptr(GString) w = g_string_new (NULL);

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    g_string_append_printf (w, "%s%.4f", i == 0 ? "" : ", ", fit->w[i]);
  g_print (_("Parameters: %s\n"), w->str);
  if (fit->result == EG_FSRS_OPTIMIZE_TRAINED)
    g_print (_("Fitted from %u reviews (training items).\n"), fit->n_items);
  else
    g_print (_("Only the four initial stabilities were fitted: %u reviews are too few "
               "for the rest.\n"), fit->n_items);
  g_print (_("Log loss: %.4f (defaults %.4f)\n"), fit->log_loss, fit->default_log_loss);
  g_print (_("RMSE(bins): %.4f (defaults %.4f)\n"), fit->rmse_bins, fit->default_rmse_bins);
  if (fit->current_log_loss != fit->default_log_loss)
    g_print (_("The parameters in use: log loss %.4f, RMSE(bins) %.4f\n"),
             fit->current_log_loss, fit->current_rmse_bins);
  g_print (_("Time: %.1f ms\n"), fit->ms);
  g_print (_("Suggested desired retention: %.2f (the least study time for what you "
             "remember; not applied)\n"), retention);
}

static int
undo (EgCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  guint n_cards = 0;

  if (!eg_cli_open_store (ctx, EG_CLI_WRITE))
    return 1;
  if ((scheduler = eg_scheduler_new (ctx->store, &error)) == NULL
      || !eg_scheduler_undo_weights (scheduler, &n_cards, &error))
    return eg_cli_fail (error);
  g_print (ngettext ("The FSRS parameters before are back, and %u card’s scheduling.\n",
                     "The FSRS parameters before are back, and %u cards’ scheduling.\n",
                     n_cards), n_cards);
  return 0;
}

static int
apply (EgScheduler     *scheduler,
       const EgFsrsFit *fit,
       gboolean         quiet)
{
  g_autoptr(GError) error = NULL;
  guint n_cards = 0;

  if (!eg_scheduler_apply_weights (scheduler, fit->w, &n_cards, &error))
    return eg_cli_fail (error);
  if (!quiet)
    g_print (ngettext ("Applied: %u card rescheduled under the fitted parameters "
                       "(engram-cli optimize --undo takes it back).\n",
                       "Applied: %u cards rescheduled under the fitted parameters "
                       "(engram-cli optimize --undo takes it back).\n", n_cards), n_cards);
  return 0;
}

/**
 * eg_cli_optimize:
 *
 * engram-cli optimize [--csv FILE] [--json] [--apply] | --undo
 */
int
eg_cli_optimize (EgCliContext  *ctx,
                 int            argc,
                 char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgFsrsItems) items = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autofree char *csv = NULL;
  gboolean json = FALSE, do_apply = FALSE, do_undo = FALSE;
  EgFsrsFit fit;
  double retention = 0;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, _("Fit to this review log (fsrs-rs CSV: "
      "card_id,review_time,review_rating,review_state,review_duration; UTC days) instead of "
      "the collection's"), C_("placeholder", "FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, _("Print the result as JSON"), NULL },
    { "apply", 0, 0, G_OPTION_ARG_NONE, &do_apply, _("Make the fitted parameters the "
      "scheduler's and reschedule every card under them"), NULL },
    { "undo", 0, 0, G_OPTION_ARG_NONE, &do_undo, _("Take the last change of the parameters "
      "back: the parameters and the cards' scheduling before it"), NULL },
    { NULL }
  };

  if (!eg_cli_parse_options (ctx, "", _("Fit the scheduler's 21 FSRS parameters to the "
                             "review log (as fsrs-rs, Anki's optimizer, does) and compare the "
                             "fit with the parameters in use and the defaults.  Nothing is "
                             "changed without --apply."), entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_cli_usage_error (_("optimize: unexpected argument “%s”"), argv[1]);
  if (do_undo && (do_apply || csv != NULL || json))
    return eg_cli_usage_error (_("optimize: --undo goes alone"));
  if (do_apply && csv != NULL)
    return eg_cli_usage_error (_("optimize: --apply fits the collection's reviews, not a CSV "
                                 "file"));
  if (do_undo)
    return undo (ctx);
  if (csv != NULL)
    items = eg_fsrs_items_new_from_csv_file (csv, 0, &error);
  else if (!eg_cli_open_store (ctx, do_apply ? EG_CLI_WRITE : EG_CLI_READ))
    return 1;
  else if ((scheduler = eg_scheduler_new (ctx->store, &error)) != NULL)
    items = eg_scheduler_read_fsrs_items (scheduler, &error);
  if (items == NULL || !run_fit (items, scheduler, &fit, &error)
      || !suggest_retention (scheduler, csv, fit.w, &retention, &error))
    return eg_cli_fail (error);
  if (json)
    print_json (&fit, retention);
  else
    print_text (&fit, retention);
  return do_apply ? apply (scheduler, &fit, json) : 0;
}
