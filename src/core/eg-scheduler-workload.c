/* eg-scheduler-workload.c - the expected daily workload for a desired
 * retention, by simulation of the collection's cards (eg-simulate.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eg-scheduler-private.h"
#include "eg-simulate.h"

/**
 * eg_scheduler_estimate_workload:
 * @desired_retention: the retention to estimate for, in (0, 1)
 * @days: how many study days from today's (1 .. EG_SIMULATE_MAX_DAYS)
 * @reviews_per_day: (out caller-allocates) (array length=days): the
 *   expected reviews of review cards on each day, today first
 *
 * The daily workload if @desired_retention were the setting: the
 * collection's cards as they are now (neither deleted nor suspended) are
 * studied day by day (today: what is left of it) by a learner whose memory follows the scheduler's own
 * model (EG_SCHEDULER_WORKLOAD_RUNS simulations averaged, each with a fixed
 * seed, so the same collection gives the same figures), with the other
 * settings as they are: new cards at the daily limit, (re)learning steps,
 * maximum interval (not fuzz).  The daily review limit is not applied (the
 * estimate says what the retention asks for, not what the limit lets
 * through), and an interview plan is left out.  Fast enough to follow a
 * slider: the cards are read once per call.
 */
gboolean
eg_scheduler_estimate_workload (EgScheduler  *self,
                                double        desired_retention,
                                guint         days,
                                gint64        now_ms,
                                double       *reviews_per_day,
                                GError      **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (EgScopeCard));
  g_autofree EgFsrsCard *cards = NULL;
  g_autofree EgSimulateDay *sim = NULL;
  EgSchedulerSettings settings;
  EgFsrsParams params;
  EgSimulateOptions options;
  int today, introduced;

  g_return_val_if_fail (EG_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (reviews_per_day != NULL, FALSE);

  if (!(desired_retention > 0 && desired_retention < 1) || days < 1 ||
      days > EG_SIMULATE_MAX_DAYS)
    {
      g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_INVALID_SETTING,
                   _("Cannot estimate the workload of a desired retention of %g over %u days"),
                   desired_retention, days);
      return FALSE;
    }
  settings = self->settings;   /* a shallow copy: only read */
  settings.desired_retention = desired_retention;
  /* fuzz spreads the reviews over neighbouring days without changing how
   * many there are; without it the estimate is several times faster */
  settings.fuzz = FALSE;
  if (!eg_scheduler_settings_to_params (&settings, &params, error))
    return FALSE;

  today = eg_scheduler_study_day (self, now_ms);
  if ((introduced = _eg_store_count_graded (self->store, today, EG_FSRS_STATE_NEW, error)) < 0 ||
      !_eg_store_list_scope_cards (self->store, 0, now_ms, rows, error))
    return FALSE;
  cards = g_new (EgFsrsCard, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    eg_card_state_to_fsrs (&g_array_index (rows, EgScopeCard, i).state, &cards[i]);

  eg_simulate_options_init (&options, &params);
  options.start_ms = _eg_scheduler_day_start (self, today);
  options.first_session_ms = now_ms;
  options.n_days = days;
  options.new_per_day = self->settings.new_per_day;
  options.reviews_per_day = G_MAXINT / 2;
  options.new_studied_today = (guint) introduced;
  options.skip_recall = TRUE;
  sim = g_new (EgSimulateDay, days);
  memset (reviews_per_day, 0, sizeof (double) * days);
  for (guint run = 0; run < EG_SCHEDULER_WORKLOAD_RUNS; run++)
    {
      options.seed = run + 1;
      if (!eg_simulate_run (&options, cards, rows->len, sim, NULL, error))
        return FALSE;
      for (guint d = 0; d < days; d++)
        reviews_per_day[d] += (double) sim[d].reviews / EG_SCHEDULER_WORKLOAD_RUNS;
    }
  return TRUE;
}
