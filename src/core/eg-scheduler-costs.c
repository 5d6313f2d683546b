/* eg-scheduler-costs.c - what study costs this learner, from the review
 * log (for the suggestion of a desired retention, eg-simulate.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include "eg-scheduler-private.h"
#include "eg-simulate.h"

/**
 * eg_scheduler_read_review_costs:
 * @costs: (out caller-allocates): the costs
 *
 * The collection's graded reviews (not resets to new, not previews that
 * left the schedule alone) tallied with eg_review_costs_tally_add(): mean
 * seconds per state and rating, rating probabilities, each blended with
 * fsrs-rs's defaults by how many reviews it rests on (an empty log gives
 * the defaults).  Main thread.
 */
gboolean
eg_scheduler_read_review_costs (EgScheduler    *self,
                                EgReviewCosts  *costs,
                                GError        **error)
{
  g_autoptr(GPtrArray) reviews = NULL;
  EgReviewCostsTally tally = { { { 0 } } };

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (costs != NULL, FALSE);

  if (!(reviews = eg_store_list_reviews (self->store, 0, error)))
    return FALSE;
  for (guint i = 0; i < reviews->len; i++)
    {
      const EgReview *r = g_ptr_array_index (reviews, i);

      if (r->rating < EG_FSRS_AGAIN || r->rating > EG_FSRS_EASY || !r->rescheduled ||
          r->state_before < EG_FSRS_STATE_NEW || r->state_before > EG_FSRS_STATE_RELEARNING)
        continue;
      eg_review_costs_tally_add (&tally, (EgFsrsState) r->state_before,
                                 (EgFsrsRating) r->rating, r->duration_ms);
    }
  eg_review_costs_tally_finish (&tally, costs);
  return TRUE;
}
