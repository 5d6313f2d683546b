/* eg-simulate.c - a forward simulation of study, day by day (see
 * eg-simulate.h for the model)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-simulate"

#include "config.h"

#include "eg-plan-policy.h"
#include "eg-simulate.h"

#include <stdlib.h>
#include <string.h>

/* (re)learning steps of one card in one session, at most */
#define MAX_STEPS_PER_DAY 32

typedef struct
{
  EgFsrsCard card;     /* the scheduler's record */
  EgFsrsCard memory;   /* the learner's memory, under the true parameters */
} SimCard;

typedef struct
{
  guint  index;
  double key;          /* lower first */
} Pick;

typedef struct
{
  const EgSimulateOptions *options;
  const EgFsrsParams      *true_params;
  SimCard                 *cards;
  guint                    n_cards;
  GRand                   *rand;
  EgSimulateDay           *day;
} Sim;

static gint64
day_start (const Sim *sim,
           int        day)
{
  return sim->options->start_ms + (gint64) day * EG_FSRS_MS_PER_DAY;
}

static int
day_of (const Sim *sim,
        gint64     ms)
{
  gint64 offset = ms - sim->options->start_ms;

  return (int) (offset >= 0 ? offset / EG_FSRS_MS_PER_DAY
                : -((-offset + EG_FSRS_MS_PER_DAY - 1) / EG_FSRS_MS_PER_DAY));
}

static gboolean
is_learning (const EgFsrsCard *card)
{
  return card->state == EG_FSRS_STATE_LEARNING || card->state == EG_FSRS_STATE_RELEARNING;
}

/* An index in 0 .. @n - 1 drawn with the weights @prob */
static guint
draw (GRand        *rand,
      const double *prob,
      guint         n)
{
  double sum = 0, x;

  for (guint i = 0; i < n; i++)
    sum += MAX (prob[i], 0);
  x = g_rand_double (rand) * sum;
  for (guint i = 0; i < n; i++)
    {
      if (x < MAX (prob[i], 0))
        return i;
      x -= MAX (prob[i], 0);
    }
  /* rounding, or no weight at all: the last one that has weight (Good
   * when none has) */
  for (guint i = n; i-- > 0;)
    if (prob[i] > 0)
      return i;
  return n == 4 ? EG_FSRS_GOOD - 1 : EG_FSRS_GOOD - 2;
}

/* The seconds of grading @card (before the grade) @rating */
static double
cost_of (const EgReviewCosts *costs,
         const EgFsrsCard    *card,
         EgFsrsRating         rating)
{
  switch (card->state)
    {
    case EG_FSRS_STATE_REVIEW:
      return costs->review_costs[rating - 1];
    case EG_FSRS_STATE_RELEARNING:
      return costs->relearn_costs[rating - 1];
    case EG_FSRS_STATE_NEW:
    case EG_FSRS_STATE_LEARNING:
    default:
      return costs->learn_costs[rating - 1];
    }
}

static gboolean
same_card (const EgFsrsCard *a,
           const EgFsrsCard *b)
{
  return a->state == b->state && a->stability == b->stability &&
         a->difficulty == b->difficulty && a->due == b->due &&
         a->last_review == b->last_review && a->elapsed_days == b->elapsed_days &&
         a->scheduled_days == b->scheduled_days && a->reps == b->reps &&
         a->lapses == b->lapses && a->learning_steps == b->learning_steps;
}

/* One grade at @now_ms, the learner's answer drawn from the true model
 * (and, with costs, the grade of a first showing or of a recalled review
 * from their probabilities) */
static gboolean
grade (Sim      *sim,
       SimCard  *card,
       gint64    now_ms,
       GError  **error)
{
  const EgReviewCosts *costs = sim->options->costs;
  EgFsrsRating rating = EG_FSRS_GOOD;
  EgFsrsCard next;
  gboolean same;

  if (card->card.state != EG_FSRS_STATE_NEW)
    {
      double recall = eg_fsrs_retrievability (sim->true_params, &card->memory, now_ms);

      if (card->memory.state == EG_FSRS_STATE_NEW || g_rand_double (sim->rand) >= recall)
        rating = EG_FSRS_AGAIN;
      else if (costs != NULL && card->card.state == EG_FSRS_STATE_REVIEW)
        rating = EG_FSRS_HARD + draw (sim->rand, costs->review_rating_prob, 3);
    }
  else if (costs != NULL)
    rating = EG_FSRS_AGAIN + draw (sim->rand, costs->first_rating_prob, 4);
  if (card->card.state == EG_FSRS_STATE_REVIEW && rating == EG_FSRS_AGAIN)
    sim->day->lapses++;
  if (costs != NULL)
    sim->day->seconds += cost_of (costs, &card->card, rating);
  same = sim->true_params == sim->options->params && same_card (&card->card, &card->memory);
  if (!eg_fsrs_review (sim->options->params, &card->card, now_ms, rating, &next, error))
    return FALSE;
  card->card = next;
  /* when the learner's memory is the scheduler's model and card, it is
   * the same review (eg_fsrs_review() is pure): half the work */
  if (!same && !eg_fsrs_review (sim->true_params, &card->memory, now_ms, rating, &next, error))
    return FALSE;
  card->memory = next;
  sim->day->grades++;
  return TRUE;
}

/* A grade, then the card's (re)learning steps due before the day ends */
static gboolean
study (Sim      *sim,
       SimCard  *card,
       gint64    now_ms,
       gint64    day_end,
       GError  **error)
{
  if (!grade (sim, card, now_ms, error))
    return FALSE;
  for (guint i = 0; i < MAX_STEPS_PER_DAY && is_learning (&card->card) &&
                    card->card.due < day_end; i++)
    if (!grade (sim, card, MAX (card->card.due, now_ms), error))
      return FALSE;
  return TRUE;
}

static int
compare_picks (gconstpointer a,
               gconstpointer b)
{
  const Pick *pa = a, *pb = b;

  if (pa->key != pb->key)
    return pa->key < pb->key ? -1 : 1;
  return pa->index < pb->index ? -1 : pa->index > pb->index;
}

/* The day's reviews, in the queue's order, within the limit */
static void
pick_reviews (Sim     *sim,
              int      today,
              gint64   now_ms,
              GArray  *picks)
{
  const EgSimulateOptions *options = sim->options;
  gboolean cram = eg_plan_policy_in_cram_window (today, options->interview_day);
  gint64 date_ms = day_start (sim, options->interview_day) + EG_PLAN_RECALL_OFFSET_MS;
  guint limit = (guint) MAX (options->reviews_per_day, 0);
  guint n_due = 0;

  if (today == 0)
    limit -= MIN (limit, options->reviews_studied_today);

  g_array_set_size (picks, 0);
  for (guint i = 0; i < sim->n_cards; i++)
    {
      const EgFsrsCard *card = &sim->cards[i].card;
      Pick pick = { i, 0 };

      if (card->state != EG_FSRS_STATE_REVIEW || day_of (sim, card->due) > today)
        continue;
      /* the queue: lowest retrievability now first (highest t/S); in the
       * cram window lowest at the interview first */
      pick.key = cram ? eg_plan_policy_recall_at (options->params, card, date_ms)
                 : -((double) (now_ms - card->last_review) / card->stability);
      g_array_append_val (picks, pick);
    }
  g_array_sort (picks, compare_picks);
  n_due = MIN (picks->len, limit);
  g_array_set_size (picks, n_due);
  if (!cram || n_due >= limit)
    return;

  /* early reviews the cram window adds, lowest at the interview first */
  {
    guint first = picks->len;

    for (guint i = 0; i < sim->n_cards; i++)
      {
        const EgFsrsCard *card = &sim->cards[i].card;
        Pick pick = { i, 0 };

        if (card->state != EG_FSRS_STATE_REVIEW || day_of (sim, card->due) <= today ||
            !eg_plan_policy_cram_takes (options->params, card, FALSE, date_ms))
          continue;
        pick.key = eg_plan_policy_recall_at (options->params, card, date_ms);
        g_array_append_val (picks, pick);
      }
    /* none added to an array that was empty: its data is NULL, and NULL + 0
     * is undefined (UBSan) */
    if (picks->len > first)
      qsort (&g_array_index (picks, Pick, first), picks->len - first, sizeof (Pick),
             compare_picks);
    sim->day->early = MIN (picks->len, limit) - first;
    g_array_set_size (picks, MIN (picks->len, limit));
  }
}

static gboolean
simulate_day (Sim      *sim,
              int       today,
              GArray   *picks,
              guint    *next_new,
              GError  **error)
{
  const EgSimulateOptions *options = sim->options;
  gint64 now_ms = day_start (sim, today) + EG_SIMULATE_SESSION_OFFSET_MS;
  guint new_done = today == 0 ? options->new_studied_today : 0;
  gint64 day_end = day_start (sim, today + 1);
  guint remaining_new = 0;
  int new_limit;

  if (today == 0 && options->first_session_ms != 0)
    now_ms = MAX (now_ms, options->first_session_ms);

  /* (re)learning steps left from before */
  for (guint i = 0; i < sim->n_cards; i++)
    if (is_learning (&sim->cards[i].card) && sim->cards[i].card.due < day_end &&
        !study (sim, &sim->cards[i], MAX (now_ms, sim->cards[i].card.due), day_end, error))
      return FALSE;

  pick_reviews (sim, today, now_ms, picks);
  for (guint i = 0; i < picks->len; i++)
    if (!study (sim, &sim->cards[g_array_index (picks, Pick, i).index], now_ms, day_end, error))
      return FALSE;
  sim->day->reviews = picks->len;

  for (guint i = *next_new; i < sim->n_cards; i++)
    remaining_new += sim->cards[i].card.state == EG_FSRS_STATE_NEW;
  new_limit = eg_plan_policy_new_limit (options->new_per_day, remaining_new + new_done, today,
                                        options->last_intro_day, options->interview_day);
  while (*next_new < sim->n_cards && (int) (sim->day->new_cards + new_done) < new_limit)
    {
      SimCard *card = &sim->cards[(*next_new)++];

      if (card->card.state != EG_FSRS_STATE_NEW)
        continue;
      if (!study (sim, card, now_ms, day_end, error))
        return FALSE;
      sim->day->new_cards++;
    }

  if (!options->skip_recall)
    {
      gint64 at = day_start (sim, today) + EG_PLAN_RECALL_OFFSET_MS;
      double sum = 0;

      for (guint i = 0; i < sim->n_cards; i++)
        sum += eg_fsrs_retrievability (sim->true_params, &sim->cards[i].memory, at);
      sim->day->recall = sim->n_cards > 0 ? sum / sim->n_cards : 0;
    }
  return TRUE;
}

/**
 * eg_simulate_options_init:
 *
 * Defaults: @params for the scheduler and the learner, the FSRS defaults'
 * daily limits (20 new, 200 reviews), 30 days from time 0, seed 1, no
 * interview.
 */
void
eg_simulate_options_init (EgSimulateOptions  *options,
                          const EgFsrsParams *params)
{
  g_return_if_fail (options != NULL);

  *options = (EgSimulateOptions) {
    .params = params,
    .n_days = 30,
    .new_per_day = 20,
    .reviews_per_day = 200,
    .seed = 1,
    .interview_day = -1,
    .last_intro_day = -1,
  };
}

/**
 * eg_simulate_run:
 * @cards: (array length=n_cards): the cards as they are at the start; new
 *   cards are introduced in this order.  The learner's memory starts as a
 *   copy of each card.
 * @days: (out caller-allocates) (array length=options->n_days): each day
 * @final_cards: (out caller-allocates) (nullable): the scheduler's cards at
 *   the end
 *
 * Runs the simulation.  The same options, cards and seed give the same
 * result.
 */
gboolean
eg_simulate_run (const EgSimulateOptions  *options,
                 const EgFsrsCard         *cards,
                 guint                     n_cards,
                 EgSimulateDay            *days,
                 EgFsrsCard               *final_cards,
                 GError                  **error)
{
  g_autoptr(GArray) picks = g_array_new (FALSE, FALSE, sizeof (Pick));
  g_autofree SimCard *sim_cards = NULL;
  guint next_new = 0;
  Sim sim;

  g_return_val_if_fail (options != NULL && options->params != NULL, FALSE);
  g_return_val_if_fail (cards != NULL || n_cards == 0, FALSE);
  g_return_val_if_fail (days != NULL, FALSE);
  g_return_val_if_fail (options->n_days >= 1 && options->n_days <= EG_SIMULATE_MAX_DAYS,
                        FALSE);

  sim_cards = g_new (SimCard, MAX (n_cards, 1));
  for (guint i = 0; i < n_cards; i++)
    sim_cards[i] = (SimCard) { cards[i], cards[i] };
  sim = (Sim) {
    .options = options,
    .true_params = options->true_params != NULL ? options->true_params : options->params,
    .cards = sim_cards,
    .n_cards = n_cards,
    .rand = g_rand_new_with_seed (options->seed),
  };

  memset (days, 0, sizeof *days * options->n_days);
  for (guint d = 0; d < options->n_days; d++)
    {
      sim.day = &days[d];
      if (!simulate_day (&sim, (int) d, picks, &next_new, error))
        {
          g_rand_free (sim.rand);
          return FALSE;
        }
    }
  g_rand_free (sim.rand);
  if (final_cards != NULL)
    for (guint i = 0; i < n_cards; i++)
      final_cards[i] = sim_cards[i].card;
  return TRUE;
}
