/* eg-fsrs-split.c - a time-series split: fit on the earlier days, predict the later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The items are in the order of their last review, so the training part
 * is a prefix: the items of the days before
 * first_day + floor(train_share * number of days), the rest are the test
 * part.  The test items are predicted from their whole history (earlier
 * reviews included), as fsrs-rs's evaluate_with_time_series_splits does. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-fsrs-optimizer-private.h"

#include <math.h>

gboolean
eg_fsrs_evaluate_split (const EgFsrsItems      *items,
                        double                  train_share,
                        EgFsrsOptimizerProgress progress,
                        gpointer                user_data,
                        EgFsrsSplitEvaluation  *out,
                        GError                **error)
{
  g_autoptr(EgFsrsItems) train = NULL;
  g_autofree guint *order = NULL;
  gint64 first, last;
  guint k;

  g_return_val_if_fail (items != NULL && out != NULL, FALSE);
  g_return_val_if_fail (train_share > 0.0 && train_share < 1.0, FALSE);

  if (items->n_items < 2)
    {
      g_set_error (error, EG_FSRS_OPTIMIZER_ERROR, EG_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_DATA,
                   _("Too few reviews to fit the parameters: %u usable, at least %u needed"),
                   items->n_items, EG_FSRS_OPTIMIZER_MIN_ITEMS);
      return FALSE;
    }
  first = items->items[0].last_day;
  last = items->items[items->n_items - 1].last_day;
  out->first_test_day = first + (gint64) floor (train_share * (double) (last - first + 1));
  for (k = 0; k < items->n_items && items->items[k].last_day < out->first_test_day; k++)
    ;
  out->train_items = k;
  out->test_items = items->n_items - k;

  train = _eg_fsrs_items_slice (items, 0, k);
  if (!eg_fsrs_optimize (train, progress, user_data, out->w, &out->result, error))
    return FALSE;

  order = g_new (guint, MAX (out->test_items, 1));
  for (guint i = 0; i < out->test_items; i++)
    order[i] = k + i;
  return _eg_fsrs_evaluate_items (items, out->w, order, out->test_items, FALSE,
                                  &out->log_loss, &out->rmse_bins, error)
         && _eg_fsrs_evaluate_items (items, eg_fsrs_default_weights (), order, out->test_items,
                                     FALSE, &out->default_log_loss, &out->default_rmse_bins,
                                     error);
}
