/* eg-plan-policy.c - the rules of interview-date mode (see eg-plan-policy.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-plan"

#include "config.h"

#include "eg-plan-policy.h"

/**
 * eg_plan_policy_new_limit:
 * @base_limit: the day's new-card limit without the plan (the setting, and
 *   what the user added today)
 * @remaining_new: the scope's cards not introduced before @today
 * @last_intro_day: the last day a card can be introduced and still reach
 *   the target stability by the interview (the interview day minus the lead
 *   time)
 * @interview_day: the interview's study day; a negative value: no plan
 *
 * Pacing: the new cards of @today are the base limit, or, when more is
 * needed, the remaining cards spread evenly over the days left up to
 * @last_intro_day.  Past @last_intro_day (too few days) every remaining
 * card comes at once: a card seen the day before is still better known than
 * one never seen.  From the interview day on the plan has no effect.
 * Followed day by day the count never falls below the base limit, and it
 * rises when days are missed.
 *
 * Returns: the new-card limit of @today
 */
int
eg_plan_policy_new_limit (int   base_limit,
                          guint remaining_new,
                          int   today,
                          int   last_intro_day,
                          int   interview_day)
{
  guint days_left, need;

  if (interview_day < 0 || today >= interview_day)
    return base_limit;
  if (today > last_intro_day)
    return MAX ((guint) MAX (base_limit, 0), remaining_new);
  days_left = (guint) (last_intro_day - today + 1);
  need = (remaining_new + days_left - 1) / days_left;
  return MAX ((guint) MAX (base_limit, 0), need);
}

/**
 * eg_plan_policy_in_cram_window:
 *
 * Returns: whether @today is one of the last EG_PLAN_CRAM_DAYS days before
 *   the interview or the interview day itself
 */
gboolean
eg_plan_policy_in_cram_window (int today,
                               int interview_day)
{
  return interview_day >= 0 && today <= interview_day &&
         today >= interview_day - EG_PLAN_CRAM_DAYS;
}

/**
 * eg_plan_policy_cram_threshold:
 *
 * In the cram window a card not due yet is taken as an early review when
 * its predicted retrievability at the interview is below this: halfway
 * between the desired retention and certainty (0.95 for 0.9).  The desired
 * retention itself would take only the cards that fall due before the
 * interview anyway (R reaches it on the due day), so it would add nothing.
 */
double
eg_plan_policy_cram_threshold (double desired_retention)
{
  return desired_retention + (1.0 - desired_retention) / 2.0;
}

/**
 * eg_plan_policy_recall_at:
 * @date_ms: the interview (its study day's start + EG_PLAN_RECALL_OFFSET_MS)
 *
 * Returns: the predicted retrievability of @card at @date_ms if it is not
 *   reviewed again before; 0 for a new card.  The cram order is this,
 *   lowest first.
 */
double
eg_plan_policy_recall_at (const EgFsrsParams *params,
                          const EgFsrsCard   *card,
                          gint64              date_ms)
{
  return eg_fsrs_retrievability (params, card, date_ms);
}

/**
 * eg_plan_policy_cram_takes:
 * @due_today: whether @card is due (a due card is taken anyway)
 *
 * Returns: whether, in the cram window, a review card not due yet is added
 *   to the day's reviews (within the review limit, after the due ones)
 */
gboolean
eg_plan_policy_cram_takes (const EgFsrsParams *params,
                           const EgFsrsCard   *card,
                           gboolean            due_today,
                           gint64              date_ms)
{
  return !due_today && card->state == EG_FSRS_STATE_REVIEW &&
         eg_plan_policy_recall_at (params, card, date_ms) <
           eg_plan_policy_cram_threshold (params->request_retention);
}
