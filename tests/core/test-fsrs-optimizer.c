/* test-fsrs-optimizer.c - the FSRS optimizer against fsrs-rs's figures
 * (tests/fixtures/fsrs/optimizer: the review logs and results.json of the
 * FSRS oracle, made with @open-spaced-repetition/binding 0.5.0)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "eg-core.h"
#include "eg-fsrs-optimizer-private.h"
#include "eg-test-util.h"

static EgFsrsItems *
load_case (const char *name)
{
  g_autofree char *file = g_strdup_printf ("fsrs/optimizer/%s.csv", name);
  g_autofree char *path = eg_test_fixture (file);
  g_autoptr(GError) error = NULL;
  EgFsrsItems *items = eg_fsrs_items_new_from_csv_file (path, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static JsonNode *
load_json (const char *name)
{
  g_autofree char *file = g_strdup_printf ("fsrs/optimizer/%s", name);
  g_autofree char *path = eg_test_fixture (file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
find_dataset (JsonNode   *root,
              const char *name)
{
  JsonArray *datasets = json_object_get_array_member (json_node_get_object (root), "datasets");

  for (guint i = 0; i < json_array_get_length (datasets); i++)
    {
      JsonObject *ds = json_array_get_object_element (datasets, i);

      if (g_str_equal (json_object_get_string_member (ds, "name"), name))
        return ds;
    }
  g_assert_not_reached ();
}

static void
get_params (JsonObject *ds,
            double     *w)
{
  JsonArray *a = json_object_get_array_member (ds, "params_f32_as_f64");

  g_assert_cmpuint (json_array_get_length (a), ==, EG_FSRS_N_PARAMS);
  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    w[i] = json_array_get_double_element (a, i);
}

static double
binding_figure (JsonObject *ds,
                const char *which,
                const char *figure)
{
  JsonObject *eval = json_object_get_object_member (ds, "evaluate_binding");

  return json_object_get_double_member (json_object_get_object_member (eval, which), figure);
}

/* items of small.csv == items-small.json, in order */
static void
test_items_small (void)
{
  g_autoptr(EgFsrsItems) items = load_case ("small");
  g_autoptr(JsonNode) root = load_json ("items-small.json");
  JsonArray *want = json_object_get_array_member (json_node_get_object (root), "items");

  g_assert_cmpuint (eg_fsrs_items_get_n_items (items), ==, json_array_get_length (want));
  for (guint i = 0; i < json_array_get_length (want); i++)
    {
      JsonArray *item = json_array_get_array_element (want, i);
      guint n;
      const EgFsrsItemReview *got = eg_fsrs_items_get_item (items, i, &n);

      g_assert_cmpuint (n, ==, json_array_get_length (item));
      for (guint k = 0; k < n; k++)
        {
          JsonArray *pair = json_array_get_array_element (item, k);

          g_assert_cmpint (got[k].rating, ==, json_array_get_int_element (pair, 0));
          g_assert_cmpint (got[k].delta_t, ==, json_array_get_int_element (pair, 1));
        }
    }
}

#define DAY(d) (G_GINT64_CONSTANT (1704067200000) + (gint64) (d) * 86400000)

/* the conversion's rules on a hand-made log (rows out of order): only the
 * last learning run counts, same-day reviews stay in the histories but are
 * no targets, a card never in learning is dropped, ties in time go by card
 * id */
static void
test_items_rules (void)
{
  const EgFsrsLogRow rows[] = {
    /* card 7: New, Review, then reset to New and learnt again */
    { 7, DAY (9) + 1000, 9, 3, 2 },
    { 7, DAY (0) + 1000, 0, 3, 0 },
    { 7, DAY (2) + 1000, 2, 3, 2 },
    { 7, DAY (5) + 1000, 5, 3, 0 },
    { 7, DAY (5) + 2000, 5, 3, 1 },
    { 7, DAY (8) + 1000, 8, 1, 2 },
    { 7, DAY (8) + 9000, 8, 3, 3 },
    /* card 9: only reviews, no learning: dropped */
    { 9, DAY (1), 1, 3, 2 },
    { 9, DAY (4), 4, 3, 2 },
    /* card 3: its item ends at the same instant as card 7's first */
    { 3, DAY (6) + 1000, 6, 4, 0 },
    { 3, DAY (8) + 1000, 8, 3, 2 },
  };
  static const guint want_len[] = { 2, 3, 5 };
  static const gint64 want_card[] = { 3, 7, 7 };
  static const EgFsrsItemReview card7[] = { { 3, 0 }, { 3, 0 }, { 1, 3 }, { 3, 0 }, { 3, 1 } };
  g_autoptr(EgFsrsItems) items = eg_fsrs_items_new_from_rows (rows, G_N_ELEMENTS (rows));

  g_assert_cmpuint (eg_fsrs_items_get_n_items (items), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      guint n;
      const EgFsrsItemReview *r = eg_fsrs_items_get_item (items, i, &n);

      g_assert_cmpuint (n, ==, want_len[i]);
      g_assert_cmpint (eg_fsrs_items_get_card_id (items, i), ==, want_card[i]);
      if (want_card[i] == 7)
        for (guint k = 0; k < n; k++)
          {
            g_assert_cmpuint (r[k].rating, ==, card7[k].rating);
            g_assert_cmpuint (r[k].delta_t, ==, card7[k].delta_t);
          }
      else
        {
          g_assert_cmpuint (r[0].rating, ==, 4);
          g_assert_cmpuint (r[1].delta_t, ==, 2);
        }
    }
}

/* the item counts of all five logs (results.json fsrs_items) */
static void
test_items_counts (void)
{
  static const char *names[] = { "tiny", "small-pretrain", "small", "medium", "large" };
  g_autoptr(JsonNode) root = load_json ("results.json");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(EgFsrsItems) items = load_case (names[i]);
      JsonObject *ds = find_dataset (root, names[i]);

      g_assert_cmpint (eg_fsrs_items_get_n_items (items), ==,
                       json_object_get_int_member (ds, "fsrs_items"));
    }
}

static void
check_evaluation (const char *name)
{
  g_autoptr(EgFsrsItems) items = load_case (name);
  g_autoptr(JsonNode) root = load_json ("results.json");
  JsonObject *ds = find_dataset (root, name);
  g_autoptr(GError) error = NULL;
  double w[EG_FSRS_N_PARAMS];
  double loss, rmse;

  get_params (ds, w);
  g_assert_true (eg_fsrs_evaluate (items, w, &loss, &rmse, &error));
  g_assert_no_error (error);
  g_test_message ("%s fitted: log loss %.6f (fsrs-rs %.6f), RMSE(bins) %.6f (fsrs-rs %.6f)",
                  name, loss, binding_figure (ds, "optimized", "log_loss"),
                  rmse, binding_figure (ds, "optimized", "rmse_bins"));
  g_assert_cmpfloat_with_epsilon (loss, binding_figure (ds, "optimized", "log_loss"), 2e-5);
  g_assert_cmpfloat_with_epsilon (rmse, binding_figure (ds, "optimized", "rmse_bins"), 2e-5);

  g_assert_true (eg_fsrs_evaluate (items, eg_fsrs_default_weights (), &loss, &rmse, &error));
  g_test_message ("%s default: log loss %.6f (fsrs-rs %.6f), RMSE(bins) %.6f (fsrs-rs %.6f)",
                  name, loss, binding_figure (ds, "default", "log_loss"),
                  rmse, binding_figure (ds, "default", "rmse_bins"));
  g_assert_cmpfloat_with_epsilon (loss, binding_figure (ds, "default", "log_loss"), 2e-5);
  g_assert_cmpfloat_with_epsilon (rmse, binding_figure (ds, "default", "rmse_bins"), 2e-5);
}

static void
test_evaluate (void)
{
  check_evaluation ("small-pretrain");
  check_evaluation ("small");
  check_evaluation ("medium");
  check_evaluation ("large");
}

/* the analytic gradient of the training loss against central differences */
static void
check_gradient (const EgFsrsItems *items,
                const double      *w_in)
{
  double w[EG_FSRS_N_PARAMS];
  double grad[EG_FSRS_N_PARAMS];

  memcpy (w, w_in, sizeof w);
  _eg_fsrs_items_loss (items, w, grad);
  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    {
      double h = 1e-6 * MAX (1.0, fabs (w[i]));
      double save = w[i];
      double up, down, fd;

      w[i] = save + h;
      up = _eg_fsrs_items_loss (items, w, NULL);
      w[i] = save - h;
      down = _eg_fsrs_items_loss (items, w, NULL);
      w[i] = save;
      fd = (up - down) / (2.0 * h);
      if (fabs (fd - grad[i]) > 1e-5 * MAX (1.0, fabs (fd)))
        g_error ("w%u: analytic %.10g, finite difference %.10g", i, grad[i], fd);
    }
}

static void
test_gradients (void)
{
  /* the true parameters of the simulation: every term is active */
  static const double true_w[EG_FSRS_N_PARAMS] = {
    0.35, 1.1, 3.2, 12.5, 6.8, 0.62, 2.4, 0.015, 1.6, 0.14, 0.95, 1.7, 0.08, 0.31, 1.9, 0.45,
    2.3, 0.6, 0.25, 0.12, 0.25,
  };
  g_autoptr(JsonNode) root = load_json ("results.json");
  g_autoptr(EgFsrsItems) small = load_case ("small");
  g_autoptr(EgFsrsItems) medium = load_case ("medium");
  double w[EG_FSRS_N_PARAMS];
  double grad[EG_FSRS_N_PARAMS];

  check_gradient (medium, true_w);
  check_gradient (medium, eg_fsrs_default_weights ());
  get_params (find_dataset (root, "medium"), w);
  check_gradient (medium, w);
  check_gradient (small, true_w);

  /* no parameter is left without a gradient */
  _eg_fsrs_items_loss (medium, true_w, grad);
  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    g_assert_cmpfloat (fabs (grad[i]), >, 0.0);
}

static void
fit (const char           *name,
     double               *w,
     EgFsrsOptimizeResult *result)
{
  g_autoptr(EgFsrsItems) items = load_case (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (eg_fsrs_optimize (items, NULL, NULL, w, result, &error));
  g_assert_no_error (error);
}

static void
check_fit (const char *name)
{
  g_autoptr(EgFsrsItems) items = load_case (name);
  g_autoptr(JsonNode) root = load_json ("results.json");
  JsonObject *ds = find_dataset (root, name);
  g_autoptr(GError) error = NULL;
  EgFsrsOptimizeResult result;
  double w[EG_FSRS_N_PARAMS];
  double ref[EG_FSRS_N_PARAMS];
  double loss, rmse, ref_loss, ref_rmse, def_loss;

  fit (name, w, &result);
  g_assert_cmpint (result, ==, EG_FSRS_OPTIMIZE_TRAINED);
  g_assert_true (eg_fsrs_evaluate (items, w, &loss, &rmse, &error));
  get_params (ds, ref);
  g_assert_true (eg_fsrs_evaluate (items, ref, &ref_loss, &ref_rmse, &error));
  g_assert_true (eg_fsrs_evaluate (items, eg_fsrs_default_weights (), &def_loss, &rmse, &error));
  g_test_message ("%s: log loss %.5f, fsrs-rs %.5f, defaults %.5f", name, loss, ref_loss, def_loss);
  g_assert_cmpfloat (loss, <=, ref_loss * 1.005);
  g_assert_cmpfloat (loss, <, def_loss);
}

static void
test_fit_small (void)
{
  check_fit ("small");
}

static void
test_fit_medium (void)
{
  check_fit ("medium");
}

static void
test_pretrain_only (void)
{
  double w[EG_FSRS_N_PARAMS];
  EgFsrsOptimizeResult result;
  const double *defaults = eg_fsrs_default_weights ();
  g_autoptr(JsonNode) root = load_json ("results.json");
  double ref[EG_FSRS_N_PARAMS];

  get_params (find_dataset (root, "small-pretrain"), ref);
  fit ("small-pretrain", w, &result);
  g_assert_cmpint (result, ==, EG_FSRS_OPTIMIZE_PRETRAINED);
  for (guint i = 4; i < EG_FSRS_N_PARAMS; i++)
    g_assert_cmpfloat (w[i], ==, (double) (float) defaults[i]);
  /* the ternary search and the filling of missing ratings as fsrs-rs */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (w[i], ref[i], 1e-5 * ref[i]);
}

static void
test_bounds (void)
{
  static const double lo[EG_FSRS_N_PARAMS] = {
    0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001, 0.001, 0.001,
    0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.01, 0.1,
  };
  static const double hi[EG_FSRS_N_PARAMS] = {
    100, 100, 100, 100, 10, 4, 4, 0.75, 4.5, 0.8, 3.5, 5, 0.25, 0.9, 4, 1, 6, 2, 2, 0.8, 0.8,
  };
  static const char *names[] = { "small", "medium" };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      double w[EG_FSRS_N_PARAMS];
      EgFsrsOptimizeResult result;

      fit (names[k], w, &result);
      for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
        {
          g_assert_cmpfloat (w[i], >=, (double) (float) lo[i]);
          g_assert_cmpfloat (w[i], <=, (double) (float) hi[i]);
        }
      for (guint i = 0; i < 3; i++)
        g_assert_cmpfloat (w[i], <=, w[i + 1]);
    }

  /* the clamps themselves: everything outside is brought to the bound */
  {
    double w[EG_FSRS_N_PARAMS];

    for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
      w[i] = -1e9;
    _eg_fsrs_clip_training (w);
    for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
      g_assert_cmpfloat_with_epsilon (w[i], lo[i], 1e-7);
    for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
      w[i] = 1e9;
    _eg_fsrs_clip_training (w);
    for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
      g_assert_cmpfloat_with_epsilon (w[i], hi[i], 1e-6);
  }
}

/* train on the first 80 % of the days, predict the rest: on large, the fit
 * beats the defaults on reviews it has not seen (on medium it does not:
 * 206 test items, and the split exists to show exactly that) */
static void
test_split (void)
{
  static const char *names[] = { "medium", "large" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(EgFsrsItems) items = load_case (names[i]);
      g_autoptr(GError) error = NULL;
      EgFsrsSplitEvaluation split;
      guint n;
      const EgFsrsItemReview *r;

      g_assert_true (eg_fsrs_evaluate_split (items, 0.8, NULL, NULL, &split, &error));
      g_assert_no_error (error);
      g_test_message ("%s: %u training items, %u test items; test log loss %.5f, defaults %.5f",
                      names[i], split.train_items, split.test_items, split.log_loss,
                      split.default_log_loss);
      g_assert_cmpuint (split.train_items + split.test_items, ==,
                        eg_fsrs_items_get_n_items (items));
      g_assert_cmpuint (split.test_items, >, 0);
      g_assert_cmpuint (split.train_items, >, split.test_items);
      g_assert_cmpint (split.result, ==, EG_FSRS_OPTIMIZE_TRAINED);
      if (g_str_equal (names[i], "large"))
        g_assert_cmpfloat (split.log_loss, <, split.default_log_loss);
      g_assert_true (isfinite (split.log_loss) && isfinite (split.default_rmse_bins));
      /* the test part starts with an item of a later day */
      r = eg_fsrs_items_get_item (items, split.train_items, &n);
      g_assert_cmpuint (r[n - 1].delta_t, >, 0);
    }
}

static void
test_deterministic (void)
{
  double a[EG_FSRS_N_PARAMS], b[EG_FSRS_N_PARAMS];
  EgFsrsOptimizeResult result;

  fit ("medium", a, &result);
  fit ("medium", b, &result);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
}

static void
test_too_few (void)
{
  g_autoptr(EgFsrsItems) items = load_case ("tiny");
  g_autoptr(GError) error = NULL;
  double w[EG_FSRS_N_PARAMS];
  double loss, rmse;
  EgFsrsLogRow row = { 1, 1700000000000, 19675, 3, 0 };
  g_autoptr(EgFsrsItems) one = eg_fsrs_items_new_from_rows (&row, 1);

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    w[i] = -7.0;
  /* fsrs-rs keeps the defaults here */
  g_assert_false (eg_fsrs_optimize (items, NULL, NULL, w, NULL, &error));
  g_assert_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_DATA);
  g_assert_nonnull (strstr (error->message, "at least 8"));
  g_assert_cmpfloat (w[0], ==, -7.0);
  g_clear_error (&error);

  g_assert_cmpuint (eg_fsrs_items_get_n_items (one), ==, 0);
  g_assert_false (eg_fsrs_optimize (one, NULL, NULL, w, NULL, &error));
  g_assert_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_DATA);
  g_clear_error (&error);
  g_assert_false (eg_fsrs_evaluate (one, eg_fsrs_default_weights (), &loss, &rmse, &error));
  g_assert_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_DATA);
}

static gboolean
cancel_at_half (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <=, total);
  (*calls)++;
  return done < total / 2;
}

static void
test_cancel (void)
{
  g_autoptr(EgFsrsItems) items = load_case ("medium");
  g_autoptr(GError) error = NULL;
  double w[EG_FSRS_N_PARAMS];
  guint calls = 0;

  g_assert_false (eg_fsrs_optimize (items, cancel_at_half, &calls, w, NULL, &error));
  g_assert_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_CANCELLED);
  g_assert_cmpuint (calls, >, 1);
}

static void
check_bad_csv (const char *text,
               const char *expect)
{
  g_autofree char *path = eg_test_tmp_path ("bad-log.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(EgFsrsItems) items = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  items = eg_fsrs_items_new_from_csv_file (path, 0, &error);
  g_assert_null (items);
  g_assert_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_INVALID_LOG);
  g_assert_nonnull (strstr (error->message, "bad-log.csv"));
  g_assert_nonnull (strstr (error->message, expect));
  g_remove (path);
}

static void
test_bad_csv (void)
{
  check_bad_csv ("", "empty");
  check_bad_csv ("id,time\n1,2\n", "first line");
  check_bad_csv ("card_id,review_time,review_rating,review_state,review_duration\n"
                 "1,1700000000000,3,0,100\n1,1700000000000,5,2,100\n", "line 3");
  check_bad_csv ("card_id,review_time,review_rating,review_state,review_duration\n"
                 "1,17x,3,0,100\n", "line 2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  eg_test_setup_dirs ("fsrs-optimizer");

  g_test_add_func ("/fsrs-optimizer/items/small", test_items_small);
  g_test_add_func ("/fsrs-optimizer/items/counts", test_items_counts);
  g_test_add_func ("/fsrs-optimizer/items/rules", test_items_rules);
  g_test_add_func ("/fsrs-optimizer/items/bad-csv", test_bad_csv);
  g_test_add_func ("/fsrs-optimizer/evaluate", test_evaluate);
  g_test_add_func ("/fsrs-optimizer/gradients", test_gradients);
  g_test_add_func ("/fsrs-optimizer/pretrain-only", test_pretrain_only);
  g_test_add_func ("/fsrs-optimizer/too-few", test_too_few);
  g_test_add_func ("/fsrs-optimizer/bounds", test_bounds);
  g_test_add_func ("/fsrs-optimizer/deterministic", test_deterministic);
  g_test_add_func ("/fsrs-optimizer/cancel", test_cancel);
  g_test_add_func ("/fsrs-optimizer/fit/small", test_fit_small);
  g_test_add_func ("/fsrs-optimizer/fit/medium", test_fit_medium);
  g_test_add_func ("/fsrs-optimizer/split", test_split);

  {
    int ret = g_test_run ();

    eg_test_cleanup_dirs ();
    return ret;
  }
}
