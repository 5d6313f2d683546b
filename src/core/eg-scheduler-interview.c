/* eg-scheduler-interview.c - the study queue in interview-date mode
 *
 * Before the interview, today's new-card limit is the plan's pacing when
 * it is higher than the setting.  In the cram window (the last
 * EG_PLAN_CRAM_DAYS days and the date itself) the day's reviews put the
 * plan's cards with the lowest predicted recall at the date first, and
 * review cards of the plan not due yet whose recall at the date is low are
 * added as early reviews, within the review limit.  They are graded the
 * normal way, so FSRS takes them as ordinary early reviews.  The rules are
 * those of eg-plan-policy.h, which the simulator follows too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eg-plan-private.h"
#include "eg-scheduler-private.h"

/**
 * _eg_scheduler_interview_load:
 * @introduced: new cards introduced today (the whole collection)
 * @new_limit: (inout): today's new-card limit, raised to the plan's pacing
 * @active: (out): whether a plan is in force today
 *
 * Loads the interview plan into @plan (left empty without one, or when
 * its deck or a section is gone).
 */
gboolean
_eg_scheduler_interview_load (EgScheduler  *self,
                              gint64        now_ms,
                              int           introduced,
                              EgPlanScope  *plan,
                              int          *new_limit,
                              gboolean     *active,
                              GError      **error)
{
  g_autoptr(GError) local = NULL;

  *active = FALSE;
  if (!eg_plan_is_set (self))
    {
      memset (plan, 0, sizeof *plan);
      return TRUE;
    }
  if (!_eg_plan_load_scope (self, now_ms, plan, active, &local))
    {
      /* a plan that no longer fits the collection (its deck or a section
       * gone) must not stop study: the normal queue; eg_plan_compute()
       * reports it */
      _eg_plan_scope_clear (plan);
      *active = FALSE;
      if (g_error_matches (local, EG_PLAN_ERROR, EG_PLAN_ERROR_INVALID))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (*active)
    *new_limit = eg_plan_policy_new_limit (*new_limit, plan->n_new + (guint) MAX (introduced, 0),
                                           plan->today, plan->last_intro_day,
                                           plan->interview_day);
  return TRUE;
}

typedef struct
{
  EgStudyCard card;
  double      key;     /* recall at the date; cards out of the plan after */
  guint       index;
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->key != rb->key)
    return ra->key < rb->key ? -1 : 1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

static gboolean
in_session (const EgStudyScope *scope,
            const EgScopeCard  *card)
{
  return !card->buried && (scope->deck_id == 0 || card->deck_id == scope->deck_id) &&
         (scope->section_id == 0 || card->section_id == scope->section_id);
}

/**
 * _eg_scheduler_cram_reviews:
 * @reviews: (inout) (element-type EgStudyCard): every review card of the
 *   session due today, in the usual order; on return the day's reviews in
 *   the cram order, at most @limit
 *
 * In the cram window: the cram order, and the early reviews it adds.
 */
void
_eg_scheduler_cram_reviews (EgScheduler         *self,
                            const EgStudyScope  *scope,
                            const EgPlanScope   *plan,
                            guint                limit,
                            GArray              *reviews)
{
  const EgFsrsParams *params = eg_scheduler_get_params (self);
  g_autoptr(GHashTable) recall = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  guint n_due;

  for (guint i = 0; i < plan->cards->len; i++)
    {
      EgScopeCard *card = &g_array_index (plan->cards, EgScopeCard, i);
      EgFsrsCard fsrs;

      eg_card_state_to_fsrs (&card->state, &fsrs);
      g_hash_table_insert (recall, &card->card_id,
                           g_memdup2 ((double[]) { eg_plan_policy_recall_at (params, &fsrs,
                                                                             plan->date_ms) },
                                      sizeof (double)));
    }

  /* the due reviews: the plan's lowest at the date first, then the others */
  for (guint i = 0; i < reviews->len; i++)
    {
      Ranked entry = { g_array_index (reviews, EgStudyCard, i), INFINITY, i };
      double *r = g_hash_table_lookup (recall, &entry.card.card_id);

      if (r != NULL)
        entry.key = *r;
      g_array_append_val (ranked, entry);
    }
  qsort (ranked->data, ranked->len, sizeof (Ranked), compare_ranked);
  g_array_set_size (ranked, MIN (ranked->len, limit));
  n_due = ranked->len;

  /* early reviews: the plan's cards not due yet that the policy takes */
  if (n_due < limit)
    {
      for (guint i = 0; i < plan->cards->len; i++)
        {
          const EgScopeCard *card = &g_array_index (plan->cards, EgScopeCard, i);
          EgFsrsCard fsrs;
          Ranked entry;

          eg_card_state_to_fsrs (&card->state, &fsrs);
          if (!in_session (scope, card) ||
              !eg_plan_policy_cram_takes (params, &fsrs, card->state.due_day <= plan->today,
                                          plan->date_ms))
            continue;
          entry = (Ranked) {
            { card->card_id, card->state.state, card->state.due, card->state.reps,
              card->state.last_review },
            eg_plan_policy_recall_at (params, &fsrs, plan->date_ms), i,
          };
          g_array_append_val (ranked, entry);
        }
      qsort (&g_array_index (ranked, Ranked, n_due), ranked->len - n_due, sizeof (Ranked),
             compare_ranked);
      g_array_set_size (ranked, MIN (ranked->len, limit));
    }

  g_array_set_size (reviews, 0);
  for (guint i = 0; i < ranked->len; i++)
    g_array_append_val (reviews, g_array_index (ranked, Ranked, i).card);
}

/**
 * _eg_scheduler_plan_new_first:
 * @news: (inout) (element-type EgStudyCard): the session's first new cards
 *   in deck order, at most @limit; on return, the plan's new cards in the
 *   session first, then those
 *
 * The limit the plan raised goes to the cards it paces: a session wider
 * than the plan's scope (the whole deck, the plan on a few sections) shows
 * the scope's new cards first.
 */
void
_eg_scheduler_plan_new_first (const EgStudyScope *scope,
                              const EgPlanScope  *plan,
                              guint               limit,
                              GArray             *news)
{
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (EgStudyCard));
  g_autoptr(GHashTable) taken = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < plan->cards->len && first->len < limit; i++)
    {
      const EgScopeCard *card = &g_array_index (plan->cards, EgScopeCard, i);
      EgStudyCard entry = { card->card_id, card->state.state, card->state.due, card->state.reps,
                            card->state.last_review };

      if (card->state.state != EG_FSRS_STATE_NEW || !in_session (scope, card))
        continue;
      g_array_append_val (first, entry);
      g_hash_table_add (taken, (gpointer) &card->card_id);
    }
  for (guint i = 0; i < news->len && first->len < limit; i++)
    {
      EgStudyCard *card = &g_array_index (news, EgStudyCard, i);

      if (!g_hash_table_contains (taken, &card->card_id))
        g_array_append_val (first, *card);
    }
  g_array_set_size (news, 0);
  g_array_append_vals (news, first->data, first->len);
}
