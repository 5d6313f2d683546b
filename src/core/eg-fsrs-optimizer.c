/* eg-fsrs-optimizer.c - evaluation and the training loop of the FSRS optimizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* fsrs-rs's compute_parameters (training.rs) with its default training
 * configuration: 5 epochs, batches of at most 512 predictions, learning
 * rate 0.04 annealed by a cosine over (items / 512 + 1) * 5 steps, Adam
 * (0.9, 0.999, 1e-8), an L2 pull towards the pre-trained start scaled by
 * the parameters' spread in the benchmark, the clamps after every step, and
 * the best epoch's parameters by the training loss.  The items are trained
 * card by card (fsrs-rs's batching when it knows the card ids): a card's
 * items are prefixes of one history, so one forward and one backward pass
 * over that history give the loss and gradient of all of them.
 *
 * One difference: the batch order of each epoch is shuffled with a
 * SplitMix64 generator seeded with 2023 rather than Rust's StdRng, so the
 * parameters are deterministic but not bit-identical to fsrs-rs's. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-fsrs-optimizer-private.h"

#include <math.h>
#include <string.h>

#define N_EPOCHS       5
#define BATCH_SIZE     512
#define LEARNING_RATE  4e-2
#define MAX_SEQ_LEN    256
#define SEED           G_GUINT64_CONSTANT (2023)

static const float params_stddev[EG_FSRS_N_PARAMS] = {
  6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57,
  0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
};

/* The training items as card histories */
typedef struct {
  const EgFsrsItemReview *reviews;
  guint                   n;         /* the longest item of the card */
  guint                   n_items;   /* predictions */
  double                 *weights;   /* n values, 0 where no item ends */
} Window;

typedef struct {
  Window *windows;
  guint   n_windows;
  double *weights;
  guint   n_items;
  guint   max_n;
} WindowSet;

static void
window_set_clear (WindowSet *set)
{
  g_free (set->windows);
  g_free (set->weights);
}

static int
compare_windows (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const Window *x = a;
  const Window *y = b;

  return x->n < y->n ? -1 : (x->n > y->n);
}

/* Windows of the items @idx[0..n) weighted @w[0..n); cards in id order,
 * then (stably) by the length of their longest item */
static void
window_set_init (WindowSet         *set,
                 const EgFsrsItems *items,
                 const guint       *idx,
                 const double      *w,
                 guint              n)
{
  g_autofree guint *longest = g_new0 (guint, items->n_cards + 1);
  g_autofree guint *slot = g_new (guint, items->n_cards + 1);
  gsize n_weights = 0;
  guint k = 0;

  for (guint i = 0; i < n; i++)
    {
      const EgFsrsItemsItem *item = &items->items[idx[i]];

      longest[item->card] = MAX (longest[item->card], item->n_reviews);
    }
  memset (set, 0, sizeof *set);
  for (guint c = 0; c < items->n_cards; c++)
    if (longest[c] > 0)
      {
        set->n_windows++;
        n_weights += longest[c];
      }
  set->windows = g_new0 (Window, MAX (set->n_windows, 1));
  set->weights = g_new0 (double, MAX (n_weights, 1));
  set->n_items = n;
  n_weights = 0;
  for (guint c = 0; c < items->n_cards; c++)
    if (longest[c] > 0)
      {
        Window *win = &set->windows[k];

        win->reviews = &items->reviews[items->cards[c].offset];
        win->n = longest[c];
        win->weights = &set->weights[n_weights];
        n_weights += longest[c];
        set->max_n = MAX (set->max_n, longest[c]);
        slot[c] = k++;
      }
  for (guint i = 0; i < n; i++)
    {
      const EgFsrsItemsItem *item = &items->items[idx[i]];
      Window *win = &set->windows[slot[item->card]];

      win->weights[item->n_reviews - 1] = w[i];
      win->n_items++;
    }
}

static double
recency_weight (guint i,
                guint n)
{
  double x = (double) i / MAX ((double) n - 1.0, 1.0);

  return 0.25 + 0.75 * x * x * x;
}

void
_eg_fsrs_clip_training (double *w)
{
  static const double lo[EG_FSRS_N_PARAMS] = {
    EG_OPT_S_MIN, EG_OPT_S_MIN, EG_OPT_S_MIN, EG_OPT_S_MIN, EG_OPT_D_MIN, 0.001, 0.001, 0.001,
    0.0, 0.0, 0.001, 0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.01, 0.1,
  };
  static const double hi[EG_FSRS_N_PARAMS] = {
    EG_OPT_INIT_S_MAX, EG_OPT_INIT_S_MAX, EG_OPT_INIT_S_MAX, EG_OPT_INIT_S_MAX, EG_OPT_D_MAX,
    4.0, 4.0, 0.75, 4.5, 0.8, 3.5, 5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
  };

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    w[i] = CLAMP (w[i], (double) (float) lo[i], (double) (float) hi[i]);
}

double
_eg_fsrs_items_loss (const EgFsrsItems *items,
                     const double      *w,
                     double            *grad)
{
  g_autofree guint *idx = g_new (guint, MAX (items->n_items, 1));
  g_autofree double *weights = g_new (double, MAX (items->n_items, 1));
  g_autofree EgFsrsStepCache *scratch = NULL;
  WindowSet set;
  EgFsrsPassParams p;
  double loss = 0.0;

  for (guint i = 0; i < items->n_items; i++)
    {
      idx[i] = i;
      weights[i] = recency_weight (i, items->n_items);
    }
  window_set_init (&set, items, idx, weights, items->n_items);
  scratch = g_new (EgFsrsStepCache, MAX (set.max_n, 1));
  _eg_fsrs_pass_params_init (&p, w);
  if (grad != NULL)
    memset (grad, 0, EG_FSRS_N_PARAMS * sizeof (double));
  for (guint c = 0; c < set.n_windows; c++)
    loss += _eg_fsrs_card_loss (&p, set.windows[c].reviews, set.windows[c].n,
                                set.windows[c].weights, grad, scratch);
  window_set_clear (&set);
  return loss;
}

typedef struct {
  guint64 dt_bin, length_bin, lapse_bin;
  double  predicted, actual, weight;
} BinRow;

static int
compare_bins (gconstpointer a,
              gconstpointer b)
{
  const BinRow *x = a;
  const BinRow *y = b;

  if (x->dt_bin != y->dt_bin)
    return x->dt_bin < y->dt_bin ? -1 : 1;
  if (x->length_bin != y->length_bin)
    return x->length_bin < y->length_bin ? -1 : 1;
  return x->lapse_bin < y->lapse_bin ? -1 : (x->lapse_bin > y->lapse_bin);
}

static guint64
power_bin (double x,
           double scale,
           double base)
{
  return (guint64) round (scale * pow (base, floor (log (x) / log (base))));
}

/* fsrs-rs's r_matrix_index: bins of delta_t, of the number of long-term
 * reviews + 1 and of the lapses before */
static void
bin_of (BinRow                 *row,
        const EgFsrsItemReview *r,
        guint                   n)
{
  guint long_term = 0, lapses = 0;

  for (guint i = 0; i < n; i++)
    {
      long_term += r[i].delta_t > 0;
      if (i + 1 < n && r[i].rating == 1 && r[i].delta_t > 0)
        lapses++;
    }
  row->dt_bin = (guint64) round (2.48 * pow (3.62, floor (log ((double) r[n - 1].delta_t)
                                                          / log (3.62))) * 100.0);
  row->length_bin = power_bin ((double) long_term + 1.0, 1.99, 1.89);
  row->lapse_bin = lapses == 0 ? 0 : power_bin (lapses, 1.65, 1.73);
}

static double
rmse_bins (BinRow *rows,
           guint   n)
{
  double sum = 0.0, weight = 0.0;

  qsort (rows, n, sizeof (BinRow), compare_bins);
  for (guint i = 0; i < n;)
    {
      double pred = 0.0, real = 0.0, w = 0.0, count = 0.0;
      guint j = i;

      for (; j < n && compare_bins (&rows[j], &rows[i]) == 0; j++)
        {
          pred += rows[j].predicted;
          real += rows[j].actual;
          w += rows[j].weight;
          count += 1.0;
        }
      sum += (pred / count - real / count) * (pred / count - real / count) * w;
      weight += w;
      i = j;
    }
  return sqrt (sum / weight);
}

/* The items fsrs-rs's evaluate() sees through the binding (its
 * prepare_items): the pre-training items the outlier filter keeps, then the
 * other items (more than one long-term review) that survive it */
static guint *
evaluation_order (const EgFsrsItems *items,
                  guint             *n_out)
{
  g_autofree gboolean *keep = g_new0 (gboolean, MAX (items->n_items, 1));
  g_autoptr(GArray) init = _eg_fsrs_filter_outliers (items, keep);
  guint *order = g_new (guint, MAX (items->n_items, 1));
  guint n = 0;

  for (guint k = 0; k < init->len; k++)
    order[n++] = g_array_index (init, guint, k);
  for (guint i = 0; i < items->n_items; i++)
    {
      const EgFsrsItemsItem *item = &items->items[i];
      const EgFsrsItemReview *r = &items->reviews[items->cards[item->card].offset];
      guint long_term = 0;

      for (guint k = 0; k < item->n_reviews; k++)
        long_term += r[k].delta_t > 0;
      if (long_term > 1 && keep[i])
        order[n++] = i;
    }
  *n_out = n;
  return order;
}

gboolean
_eg_fsrs_evaluate_items (const EgFsrsItems  *items,
                         const double       *w,
                         const guint        *order,
                         guint               n,
                         gboolean            recency,
                         double             *log_loss,
                         double             *rmse,
                         GError            **error)
{
  g_autofree double *r_card = NULL;
  g_autofree BinRow *bins = NULL;
  double wc[EG_FSRS_N_PARAMS];
  EgFsrsPassParams p;
  double loss = 0.0, weight_sum = 0.0;
  gsize n_reviews = 0;

  if (n == 0)
    {
      g_set_error_literal (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_DATA,
                           _("Too few reviews to evaluate the parameters"));
      return FALSE;
    }
  /* FSRS::new clips (short-term off: w19 may be 0) */
  memcpy (wc, w, sizeof wc);
  _eg_fsrs_clip_training (wc);
  wc[19] = CLAMP (w[19], 0.0, (double) 0.8f);
  _eg_fsrs_pass_params_init (&p, wc);

  for (guint c = 0; c < items->n_cards; c++)
    n_reviews += items->cards[c].n_reviews;
  r_card = g_new0 (double, MAX (n_reviews, 1));
  for (guint c = 0; c < items->n_cards; c++)
    _eg_fsrs_card_predict (&p, &items->reviews[items->cards[c].offset],
                           items->cards[c].n_reviews, &r_card[items->cards[c].offset]);

  bins = g_new (BinRow, n);
  for (guint k = 0; k < n; k++)
    {
      const EgFsrsItemsItem *item = &items->items[order[k]];
      const EgFsrsItemReview *r = &items->reviews[items->cards[item->card].offset];
      double pred = r_card[items->cards[item->card].offset + item->n_reviews - 1];
      double y = r[item->n_reviews - 1].rating > 1;
      double weight = recency ? recency_weight (k, n) : 1.0;

      loss += (y * log (pred) + (1.0 - y) * log (1.0 - pred)) * weight;
      weight_sum += weight;
      bin_of (&bins[k], r, item->n_reviews);
      bins[k].predicted = pred;
      bins[k].actual = y;
      bins[k].weight = weight;
    }
  *log_loss = -loss / weight_sum;
  *rmse = rmse_bins (bins, n);
  if (!isfinite (*log_loss) || !isfinite (*rmse))
    {
      g_set_error_literal (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_FAILED,
                           _("The parameters predict no finite recall for these reviews"));
      return FALSE;
    }
  return TRUE;
}

gboolean
eg_fsrs_evaluate (const EgFsrsItems  *items,
                  const double       *w,
                  double             *log_loss,
                  double             *rmse,
                  GError            **error)
{
  g_autofree guint *order = NULL;
  guint n;

  g_return_val_if_fail (items != NULL && w != NULL, FALSE);

  order = evaluation_order (items, &n);
  return _eg_fsrs_evaluate_items (items, w, order, n, TRUE, log_loss, rmse, error);
}

/* Batches: runs of windows (sorted by length) of at most BATCH_SIZE
 * predictions, a window never split */
typedef struct {
  guint start, end;
  guint n_items;
} Batch;

static GArray *
make_batches (WindowSet *set)
{
  GArray *batches = g_array_new (FALSE, FALSE, sizeof (Batch));
  Batch cur = { 0, 0, 0 };

  /* g_qsort_with_data is stable (merge sort) */
  g_qsort_with_data (set->windows, (int) set->n_windows, sizeof (Window),
                     compare_windows, NULL);
  for (guint c = 0; c < set->n_windows; c++)
    {
      if (cur.end > cur.start && cur.n_items + set->windows[c].n_items > BATCH_SIZE)
        {
          g_array_append_val (batches, cur);
          cur = (Batch) { c, c, 0 };
        }
      cur.n_items += set->windows[c].n_items;
      cur.end = c + 1;
    }
  if (cur.end > cur.start)
    g_array_append_val (batches, cur);
  return batches;
}

typedef struct {
  double m[EG_FSRS_N_PARAMS];
  double v[EG_FSRS_N_PARAMS];
  int    t;
} Adam;

static void
adam_step (Adam         *adam,
           double       *w,
           const double *grad,
           double        lr)
{
  double bias1, bias2;

  adam->t++;
  bias1 = 1.0 - pow (0.9, adam->t);
  bias2 = 1.0 - pow (0.999, adam->t);
  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    {
      adam->m[i] = 0.9 * adam->m[i] + (1.0 - 0.9) * grad[i];
      adam->v[i] = 0.999 * adam->v[i] + (1.0 - 0.999) * grad[i] * grad[i];
      w[i] -= lr * (adam->m[i] / bias1) / (sqrt (adam->v[i] / bias2) + 1e-8);
    }
}

/* fsrs-rs's CosineAnnealingLR with eta_min 0 */
typedef struct {
  double t_max, init_lr, step, lr;
} Cosine;

static double
cosine_step (Cosine *c)
{
  c->step += 1.0;
  if (c->step == 0.0)
    c->lr = c->init_lr;
  else if (fmod (c->step - 1.0 - c->t_max, 2.0 * c->t_max) == 0.0)
    c->lr = c->init_lr * (1.0 - cos (G_PI / c->t_max)) / 2.0;
  else
    c->lr = (1.0 + cos (G_PI * c->step / c->t_max))
            / (1.0 + cos (G_PI * (c->step - 1.0) / c->t_max)) * c->lr;
  return c->lr;
}

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static double
l2_term (const double *w,
         const double *w0,
         double        scale,
         double       *grad)
{
  double sum = 0.0;

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    {
      double sd = (double) params_stddev[i];
      double delta = w[i] - w0[i];

      sum += delta * delta / (sd * sd);
      if (grad != NULL)
        grad[i] += 2.0 * delta / (sd * sd) * scale;
    }
  return sum * scale;
}

static double
batch_loss (const EgFsrsPassParams *p,
            const WindowSet        *set,
            const Batch            *b,
            double                 *grad,
            EgFsrsStepCache        *scratch)
{
  double loss = 0.0;

  for (guint c = b->start; c < b->end; c++)
    loss += _eg_fsrs_card_loss (p, set->windows[c].reviews, set->windows[c].n,
                                set->windows[c].weights, grad, scratch);
  return loss;
}

static gboolean
train (WindowSet               *set,
       const double            *w0,
       EgFsrsOptimizerProgress  progress,
       gpointer                 user_data,
       double                  *best,
       GError                 **error)
{
  g_autoptr(GArray) batches = make_batches (set);
  g_autofree guint *order = g_new (guint, MAX (batches->len, 1));
  g_autofree EgFsrsStepCache *scratch = g_new (EgFsrsStepCache, MAX (set->max_n, 1));
  guint total = set->n_items;
  Cosine cosine = { (double) ((total / BATCH_SIZE + 1) * N_EPOCHS), LEARNING_RATE, -1.0,
                    LEARNING_RATE };
  Adam adam = { { 0 }, { 0 }, 0 };
  double w[EG_FSRS_N_PARAMS];
  double best_loss = INFINITY;
  guint64 rng = SEED;

  memcpy (w, w0, sizeof w);
  memcpy (best, w0, sizeof w);
  for (guint epoch = 1; epoch <= N_EPOCHS; epoch++)
    {
      guint done = 0;
      double valid = 0.0;

      for (guint i = 0; i < batches->len; i++)
        order[i] = i;
      for (guint i = batches->len; i-- > 1;)
        {
          guint j = (guint) (splitmix64 (&rng) % (i + 1));
          guint tmp = order[i];

          order[i] = order[j];
          order[j] = tmp;
        }
      for (guint i = 0; i < batches->len; i++)
        {
          const Batch *b = &g_array_index (batches, Batch, order[i]);
          double grad[EG_FSRS_N_PARAMS] = { 0 };
          double lr = cosine_step (&cosine);
          EgFsrsPassParams p;

          _eg_fsrs_pass_params_init (&p, w);
          batch_loss (&p, set, b, grad, scratch);
          l2_term (w, w0, (double) b->n_items / total, grad);
          adam_step (&adam, w, grad, lr);
          _eg_fsrs_clip_training (w);
          done += b->n_items;
          if (progress != NULL
              && !progress ((epoch - 1) * total + MIN (done, total), N_EPOCHS * total, user_data))
            {
              g_set_error_literal (error, EG_FSRS_OPTIMIZER_ERROR,
                                   EG_FSRS_OPTIMIZER_ERROR_CANCELLED,
                                   _("The optimization was cancelled"));
              return FALSE;
            }
        }
      for (guint i = 0; i < batches->len; i++)
        {
          const Batch *b = &g_array_index (batches, Batch, i);
          EgFsrsPassParams p;

          _eg_fsrs_pass_params_init (&p, w);
          valid += batch_loss (&p, set, b, NULL, scratch)
                   + l2_term (w, w0, (double) b->n_items / total, NULL);
        }
      valid /= total;
      if (valid < best_loss)
        {
          best_loss = valid;
          memcpy (best, w, sizeof w);
        }
    }
  return TRUE;
}

static gboolean
not_enough (GError **error,
            guint    have,
            guint    need)
{
  g_set_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_DATA,
               _("Too few reviews to fit the parameters: %u usable, at least %u needed"),
               have, need);
  return FALSE;
}

gboolean
eg_fsrs_optimize (const EgFsrsItems      *items,
                  EgFsrsOptimizerProgress progress,
                  gpointer                user_data,
                  double                 *w_out,
                  EgFsrsOptimizeResult   *result,
                  GError                **error)
{
  const double *defaults = eg_fsrs_default_weights ();
  g_autofree gboolean *keep = NULL;
  g_autoptr(GArray) init = NULL;
  g_autofree guint *idx = NULL;
  g_autofree double *weights = NULL;
  guint rating_count[5] = { 0 };
  double w0[EG_FSRS_N_PARAMS];
  double w[EG_FSRS_N_PARAMS];
  double passed = 0.0;
  guint n_train = 0, n_weighted = 0;
  WindowSet set;

  g_return_val_if_fail (items != NULL && w_out != NULL, FALSE);

  keep = g_new0 (gboolean, MAX (items->n_items, 1));
  init = _eg_fsrs_filter_outliers (items, keep);
  idx = g_new (guint, MAX (items->n_items, 1));
  weights = g_new (double, MAX (items->n_items, 1));
  for (guint i = 0; i < items->n_items; i++)
    if (keep[i])
      {
        const EgFsrsItemsItem *item = &items->items[i];

        passed += items->reviews[items->cards[item->card].offset + item->n_reviews - 1].rating > 1;
        idx[n_train++] = i;
      }
  if (n_train < EG_FSRS_OPTIMIZER_MIN_ITEMS)
    return not_enough (error, n_train, EG_FSRS_OPTIMIZER_MIN_ITEMS);

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    w0[i] = (double) (float) defaults[i];
  if (!_eg_fsrs_pretrain (items, init, passed / n_train, w0, rating_count))
    return not_enough (error, 0, EG_FSRS_OPTIMIZER_MIN_ITEMS);
  if (n_train == init->len || n_train < EG_FSRS_OPTIMIZER_MIN_TRAIN)
    {
      memcpy (w_out, w0, sizeof w0);
      if (result != NULL)
        *result = EG_FSRS_OPTIMIZE_PRETRAINED;
      return TRUE;
    }

  /* recency weights over the training set, then items too long dropped */
  for (guint k = 0; k < n_train; k++)
    if (items->items[idx[k]].n_reviews <= MAX_SEQ_LEN)
      {
        weights[n_weighted] = recency_weight (k, n_train);
        idx[n_weighted++] = idx[k];
      }
  window_set_init (&set, items, idx, weights, n_weighted);
  if (!train (&set, w0, progress, user_data, w, error))
    {
      window_set_clear (&set);
      return FALSE;
    }
  window_set_clear (&set);
  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    if (!isfinite (w[i]))
      {
        g_set_error_literal (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_FAILED,
                             _("The optimization diverged"));
        return FALSE;
      }
  _eg_fsrs_smooth_and_fill (w, rating_count);
  memcpy (w_out, w, sizeof w);
  if (result != NULL)
    *result = EG_FSRS_OPTIMIZE_TRAINED;
  return TRUE;
}

/**
 * eg_fsrs_fit:
 * @current_w: the parameters in use, to compare the fit with
 *
 * Fits the parameters to @items (eg_fsrs_optimize()) and scores the fit,
 * @current_w and the defaults on every item (eg_fsrs_evaluate()).  Pure:
 * callable from a worker thread.
 */
gboolean
eg_fsrs_fit (const EgFsrsItems       *items,
             const double            *current_w,
             EgFsrsOptimizerProgress  progress,
             gpointer                 user_data,
             EgFsrsFit               *fit,
             GError                 **error)
{
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (items != NULL && current_w != NULL && fit != NULL, FALSE);

  memset (fit, 0, sizeof *fit);
  if (!eg_fsrs_optimize (items, progress, user_data, fit->w, &fit->result, error))
    return FALSE;
  fit->ms = (double) (g_get_monotonic_time () - start) / 1000.0;
  fit->n_items = eg_fsrs_items_get_n_items (items);
  return eg_fsrs_evaluate (items, fit->w, &fit->log_loss, &fit->rmse_bins, error)
         && eg_fsrs_evaluate (items, current_w, &fit->current_log_loss,
                              &fit->current_rmse_bins, error)
         && eg_fsrs_evaluate (items, eg_fsrs_default_weights (), &fit->default_log_loss,
                              &fit->default_rmse_bins, error);
}

/**
 * eg_fsrs_fit_improvement:
 *
 * How much better the fit predicts the recall than the parameters in use:
 * the fall of the log loss in per cent of the current one (negative when
 * the fit predicts worse).
 */
double
eg_fsrs_fit_improvement (const EgFsrsFit *fit)
{
  g_return_val_if_fail (fit != NULL, 0);

  if (!(fit->current_log_loss > 0))
    return 0;
  return 100.0 * (fit->current_log_loss - fit->log_loss) / fit->current_log_loss;
}
