/* eg-fsrs-review.c - the FSRS scheduler: reviewing a card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a review does to an EgFsrsCard (doc/fsrs.md §7, §8): elapsed calendar
 * days, the (re)learning steps, the basic scheduler (short-term on) and
 * the long-term one, the four outcomes of a review, and the current
 * retrievability for display. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-fsrs-private.h"

#include <math.h>
#include <string.h>

#define MS_PER_MINUTE G_GINT64_CONSTANT (60000)

/* Floor division for possibly negative times. */
static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static inline gboolean
time_is_valid (gint64 ms)
{
  return ms >= EG_FSRS_TIME_MIN_MS && ms <= EG_FSRS_TIME_MAX_MS;
}

/* Difference of UTC calendar days, §7 */
gint64
eg_fsrs_elapsed_days (gint64 last_review_ms,
                      gint64 now_ms)
{
  return floor_div (now_ms, EG_FSRS_MS_PER_DAY) - floor_div (last_review_ms, EG_FSRS_MS_PER_DAY);
}

void
eg_fsrs_card_init_new (EgFsrsCard *card,
                       gint64      created_ms)
{
  g_return_if_fail (card != NULL);

  memset (card, 0, sizeof *card);
  card->state = EG_FSRS_STATE_NEW;
  card->due = created_ms;
}

typedef struct
{
  gboolean has_entry;
  int      minutes;
  int      next_step;
} StepEntry;

/* steps_info(state, cur), §8.2 */
static StepEntry
step_entry (const EgFsrsParams *params,
            EgFsrsState         state,
            int                 cur,
            EgFsrsRating        rating)
{
  StepEntry entry = { FALSE, 0, 0 };
  const int *steps;
  guint n;

  if (state == EG_FSRS_STATE_REVIEW || state == EG_FSRS_STATE_RELEARNING)
    {
      steps = params->relearning_steps;
      n = params->n_relearning_steps;
    }
  else
    {
      steps = params->learning_steps;
      n = params->n_learning_steps;
    }

  if (n == 0 || (guint) cur >= n)
    return entry;

  if (state == EG_FSRS_STATE_REVIEW)
    {
      if (rating == EG_FSRS_AGAIN)
        {
          entry.has_entry = TRUE;
          entry.minutes = steps[MAX (0, cur)];
          entry.next_step = 0;
        }
      return entry;
    }

  switch (rating)
    {
    case EG_FSRS_AGAIN:
      entry.has_entry = TRUE;
      entry.minutes = steps[0];
      entry.next_step = 0;
      break;

    case EG_FSRS_HARD:
      entry.has_entry = TRUE;
      if (n == 1)
        entry.minutes = (int) eg_fsrs_jsround (steps[0] * 1.5);
      else
        entry.minutes = (int) eg_fsrs_jsround (((double) steps[0] + steps[1]) / 2);
      entry.next_step = cur;
      break;

    case EG_FSRS_GOOD:
      if ((guint) cur + 1 < n && steps[cur + 1] != 0)
        {
          entry.has_entry = TRUE;
          entry.minutes = steps[cur + 1];
          entry.next_step = cur + 1;
        }
      break;

    case EG_FSRS_EASY:
    default:
      break;
    }

  return entry;
}

/* Applies a step lookup to an outcome card whose S and D are already set. */
static void
apply_step (const EgFsrsParams *params,
            EgFsrsCard         *out,
            StepEntry           entry,
            EgFsrsState         to_state,
            gint64              now_ms,
            int                 elapsed_days,
            double              fuzz_u)
{
  int minutes = entry.has_entry ? MAX (0, entry.minutes) : 0;
  int next_step = entry.has_entry ? MAX (0, entry.next_step) : 0;

  if (minutes > 0 && minutes < 1440)
    {
      out->state = to_state;
      out->learning_steps = next_step;
      out->scheduled_days = 0;
      out->due = now_ms + minutes * MS_PER_MINUTE;
    }
  else if (minutes >= 1440)
    {
      out->state = EG_FSRS_STATE_REVIEW;
      out->learning_steps = next_step;
      out->scheduled_days = minutes / 1440;
      out->due = now_ms + minutes * MS_PER_MINUTE;
    }
  else
    {
      int ivl = _eg_fsrs_next_interval_u (params, out->stability, elapsed_days, fuzz_u);

      out->state = EG_FSRS_STATE_REVIEW;
      out->learning_steps = 0;
      out->scheduled_days = ivl;
      out->due = now_ms + ivl * EG_FSRS_MS_PER_DAY;
    }
}

static void
set_review_outcome (EgFsrsCard *out,
                    int         interval,
                    gint64      now_ms)
{
  out->state = EG_FSRS_STATE_REVIEW;
  out->learning_steps = 0;
  out->scheduled_days = interval;
  out->due = now_ms + interval * EG_FSRS_MS_PER_DAY;
}

static gboolean
validate_card (const EgFsrsCard  *card,
               gint64             now_ms,
               int               *elapsed_days,
               GError           **error)
{
  gint64 t = 0;

  if (card->state < EG_FSRS_STATE_NEW || card->state > EG_FSRS_STATE_RELEARNING)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_CARD,
                   _("Invalid card state %d"), (int) card->state);
      return FALSE;
    }
  if (card->reps < 0 || card->reps == G_MAXINT || card->lapses < 0 || card->lapses == G_MAXINT
      || card->learning_steps < 0)
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_CARD,
                   _("Invalid card counters (reps %d, lapses %d, learning step %d)"),
                   card->reps, card->lapses, card->learning_steps);
      return FALSE;
    }
  if (!time_is_valid (now_ms))
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_TIME,
                   _("Review time %lld ms is out of range"), (long long) now_ms);
      return FALSE;
    }

  if (card->state != EG_FSRS_STATE_NEW && card->last_review != 0)
    {
      if (!time_is_valid (card->last_review))
        {
          g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_TIME,
                       _("Last review time %lld ms is out of range"),
                       (long long) card->last_review);
          return FALSE;
        }
      t = eg_fsrs_elapsed_days (card->last_review, now_ms);
      if (t < 0)
        {
          g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_TIME,
                       _("Review is %lld days before the last review"), (long long) -t);
          return FALSE;
        }
    }

  *elapsed_days = (int) t;
  return TRUE;
}

/* All four outcomes (Again..Easy) of reviewing card at now_ms, §8. */
static gboolean
schedule (const EgFsrsParams  *params,
          const EgFsrsCard    *card,
          gint64               now_ms,
          EgFsrsCard           out[4],
          GError             **error)
{
  EgFsrsCard base;
  double s[4], d[4];
  double fuzz_u = -1;
  int t;

  if (!validate_card (card, now_ms, &t, error))
    return FALSE;

  base = *card;
  base.reps++;
  base.last_review = now_ms;
  base.elapsed_days = t;

  if (params->enable_fuzz)
    {
      char seed[EG_FSRS_SEED_BUF_SIZE];
      EgFsrsAlea alea;

      eg_fsrs_fuzz_seed (seed, now_ms, base.reps, card->difficulty * card->stability);
      eg_fsrs_alea_init (&alea, seed);
      fuzz_u = eg_fsrs_alea_next (&alea);
    }

  for (int g = EG_FSRS_AGAIN; g <= EG_FSRS_EASY; g++)
    {
      gboolean is_new = (card->state == EG_FSRS_STATE_NEW);

      if (!eg_fsrs_next_state (params,
                               is_new ? 0 : card->stability,
                               is_new ? 0 : card->difficulty,
                               t, g, &s[g - 1], &d[g - 1], error))
        return FALSE;

      out[g - 1] = base;
      out[g - 1].stability = s[g - 1];
      out[g - 1].difficulty = d[g - 1];
    }

  if (params->enable_short_term)
    {
      /* §8.2 basic scheduler */
      switch (card->state)
        {
        case EG_FSRS_STATE_NEW:
        case EG_FSRS_STATE_LEARNING:
        case EG_FSRS_STATE_RELEARNING:
          {
            EgFsrsState to_state = (card->state == EG_FSRS_STATE_NEW)
                                   ? EG_FSRS_STATE_LEARNING : card->state;

            for (int g = EG_FSRS_AGAIN; g <= EG_FSRS_EASY; g++)
              apply_step (params, &out[g - 1],
                          step_entry (params, card->state, card->learning_steps, g),
                          to_state, now_ms, t, fuzz_u);
          }
          break;

        case EG_FSRS_STATE_REVIEW:
        default:
          {
            int hard = _eg_fsrs_next_interval_u (params, s[1], t, fuzz_u);
            int good = _eg_fsrs_next_interval_u (params, s[2], t, fuzz_u);
            int easy;

            hard = MIN (hard, good);
            good = MAX (good, hard + 1);
            easy = MAX (_eg_fsrs_next_interval_u (params, s[3], t, fuzz_u), good + 1);

            set_review_outcome (&out[1], hard, now_ms);
            set_review_outcome (&out[2], good, now_ms);
            set_review_outcome (&out[3], easy, now_ms);

            out[0].lapses++;
            apply_step (params, &out[0],
                        step_entry (params, EG_FSRS_STATE_REVIEW, card->learning_steps,
                                    EG_FSRS_AGAIN),
                        EG_FSRS_STATE_RELEARNING, now_ms, t, fuzz_u);
          }
          break;
        }
    }
  else
    {
      /* §8.4 long-term scheduler; t is 0 for new cards */
      int again = _eg_fsrs_next_interval_u (params, s[0], t, fuzz_u);
      int hard = _eg_fsrs_next_interval_u (params, s[1], t, fuzz_u);
      int good = _eg_fsrs_next_interval_u (params, s[2], t, fuzz_u);
      int easy = _eg_fsrs_next_interval_u (params, s[3], t, fuzz_u);

      again = MIN (again, hard);
      hard = MAX (hard, again + 1);
      good = MAX (good, hard + 1);
      easy = MAX (easy, good + 1);

      if (card->state == EG_FSRS_STATE_NEW)
        {
          for (int g = 0; g < 4; g++)
            {
              out[g].elapsed_days = 0;
              out[g].scheduled_days = 0;
            }
        }
      else
        {
          out[0].lapses++;
        }

      set_review_outcome (&out[0], again, now_ms);
      set_review_outcome (&out[1], hard, now_ms);
      set_review_outcome (&out[2], good, now_ms);
      set_review_outcome (&out[3], easy, now_ms);
    }

  return TRUE;
}

/* Reviews card at now_ms with rating; out (which may be card) receives
 * the updated card.  Fails for an invalid rating or card, or a review
 * time before the card's last review (in UTC calendar days). */
gboolean
eg_fsrs_review (const EgFsrsParams  *params,
                const EgFsrsCard    *card,
                gint64               now_ms,
                EgFsrsRating         rating,
                EgFsrsCard          *out,
                GError             **error)
{
  EgFsrsCard outcomes[4];

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (card != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rating_is_valid (rating))
    {
      g_set_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_RATING,
                   _("Invalid rating %d"), (int) rating);
      return FALSE;
    }

  if (!schedule (params, card, now_ms, outcomes, error))
    return FALSE;

  *out = outcomes[rating - 1];
  return TRUE;
}

/* The four possible outcomes (out[0] Again .. out[3] Easy) of reviewing
 * card at now_ms; out[r - 1] equals what eg_fsrs_review() gives for r. */
gboolean
eg_fsrs_preview (const EgFsrsParams  *params,
                 const EgFsrsCard    *card,
                 gint64               now_ms,
                 EgFsrsCard           out[4],
                 GError             **error)
{
  EgFsrsCard outcomes[4];

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (card != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!schedule (params, card, now_ms, outcomes, error))
    return FALSE;

  memcpy (out, outcomes, sizeof outcomes);
  return TRUE;
}

/* Current retrievability for display (ts-fsrs get_retrievability()):
 * whole 24-hour periods since the last review (not calendar days) and the
 * stability rounded to 8 decimals.  0 for new cards and for cards without
 * a usable stability. */
double
eg_fsrs_retrievability (const EgFsrsParams *params,
                        const EgFsrsCard   *card,
                        gint64              now_ms)
{
  double t = 0;
  double s;

  g_return_val_if_fail (params != NULL, 0.0);
  g_return_val_if_fail (card != NULL, 0.0);

  if (card->state == EG_FSRS_STATE_NEW)
    return 0.0;

  if (card->last_review != 0)
    t = dmax (floor (((double) now_ms - (double) card->last_review)
                     / (double) EG_FSRS_MS_PER_DAY), 0);

  s = eg_fsrs_to_fixed8 (card->stability);
  if (!(s > 0))
    return 0.0;

  return eg_fsrs_forgetting_curve (params, t, s);
}
