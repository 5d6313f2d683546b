/* eg-cli-optimize.c - `engram-cli optimize`: fit the FSRS parameters to
 * the collection's review log, or to a log in the fsrs-rs/srs-benchmark
 * CSV format, and print them with the log loss and RMSE(bins) of the
 * defaults and of the fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "eg-cli-json.h"
#include "eg-cli.h"

typedef struct {
  double w[EG_FSRS_N_PARAMS];
  EgFsrsOptimizeResult result;
  guint  items;
  double log_loss, rmse_bins;
  double default_log_loss, default_rmse_bins;
  double ms;
} Fit;

/* The collection's reviews as log rows: grades only (no resets to new,
 * no previews that left the schedule alone), days are study days */
static EgFsrsItems *
items_from_store (EgStore  *store,
                  GError  **error)
{
  g_autoptr(GPtrArray) reviews = eg_store_list_reviews (store, 0, error);
  g_autoptr(GArray) rows = NULL;

  if (reviews == NULL)
    return NULL;
  rows = g_array_sized_new (FALSE, FALSE, sizeof (EgFsrsLogRow), reviews->len);
  for (guint i = 0; i < reviews->len; i++)
    {
      const EgReview *r = g_ptr_array_index (reviews, i);
      EgFsrsLogRow row = { r->card_id, r->reviewed_at, r->day, r->rating, r->state_before };

      if (r->rating < 1 || r->rating > 4 || !r->rescheduled
          || r->state_before < 0 || r->state_before > 3)
        continue;
      g_array_append_val (rows, row);
    }
  return eg_fsrs_items_new_from_rows ((const EgFsrsLogRow *) (gpointer) rows->data, rows->len);
}

static gboolean
run_fit (const EgFsrsItems  *items,
         Fit                *fit,
         GError            **error)
{
  gint64 start = g_get_monotonic_time ();

  if (!eg_fsrs_optimize (items, NULL, NULL, fit->w, &fit->result, error))
    return FALSE;
  fit->ms = (g_get_monotonic_time () - start) / 1000.0;
  fit->items = eg_fsrs_items_get_n_items (items);
  return eg_fsrs_evaluate (items, fit->w, &fit->log_loss, &fit->rmse_bins, error)
         && eg_fsrs_evaluate (items, eg_fsrs_default_weights (), &fit->default_log_loss,
                              &fit->default_rmse_bins, error);
}

static void
print_json (const Fit *fit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "parameters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    json_builder_add_double_value (builder, fit->w[i]);
  json_builder_end_array (builder);
  eg_cli_json_add_string (builder, "fitted",
                          fit->result == EG_FSRS_OPTIMIZE_TRAINED ? "all" : "initial-stability");
  eg_cli_json_add_int (builder, "items", fit->items);
  eg_cli_json_add_double (builder, "log_loss", fit->log_loss);
  eg_cli_json_add_double (builder, "rmse_bins", fit->rmse_bins);
  eg_cli_json_add_double (builder, "default_log_loss", fit->default_log_loss);
  eg_cli_json_add_double (builder, "default_rmse_bins", fit->default_rmse_bins);
  eg_cli_json_add_double (builder, "ms", fit->ms);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_text (const Fit *fit)
{
  g_autoptr(GString) w = g_string_new (NULL);

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    g_string_append_printf (w, "%s%.4f", i == 0 ? "" : ", ", fit->w[i]);
  g_print (_("Parameters: %s\n"), w->str);
  if (fit->result == EG_FSRS_OPTIMIZE_TRAINED)
    g_print (_("Fitted from %u reviews (training items).\n"), fit->items);
  else
    g_print (_("Only the four initial stabilities were fitted: %u reviews are too few "
               "for the rest.\n"), fit->items);
  g_print (_("Log loss: %.4f (defaults %.4f)\n"), fit->log_loss, fit->default_log_loss);
  g_print (_("RMSE(bins): %.4f (defaults %.4f)\n"), fit->rmse_bins, fit->default_rmse_bins);
  g_print (_("Time: %.1f ms\n"), fit->ms);
}

/**
 * eg_cli_optimize:
 *
 * engram-cli optimize [--csv FILE] [--json]
 */
int
eg_cli_optimize (EgCliContext  *ctx,
                 int            argc,
                 char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgFsrsItems) items = NULL;
  g_autofree char *csv = NULL;
  gboolean json = FALSE;
  Fit fit = { { 0 } };
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, _("Fit to this review log (fsrs-rs CSV: "
      "card_id,review_time,review_rating,review_state,review_duration; UTC days) instead of "
      "the collection's"), C_("placeholder", "FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, _("Print the result as JSON"), NULL },
    { NULL }
  };

  if (!eg_cli_parse_options (ctx, "", _("Fit the scheduler's 21 FSRS parameters to the "
                             "review log (as fsrs-rs, Anki's optimizer, does) and compare the "
                             "fit with the defaults.  Nothing is changed."), entries,
                             &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_cli_usage_error (_("optimize: unexpected argument “%s”"), argv[1]);
  if (csv != NULL)
    items = eg_fsrs_items_new_from_csv_file (csv, 0, &error);
  else if (eg_cli_open_store (ctx, EG_CLI_READ))
    items = items_from_store (ctx->store, &error);
  else
    return 1;
  if (items == NULL || !run_fit (items, &fit, &error))
    return eg_cli_fail (error);
  if (json)
    print_json (&fit);
  else
    print_text (&fit);
  return 0;
}
