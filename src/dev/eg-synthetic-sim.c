/* eg-synthetic-sim.c - the simulated user of synthetic collections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The study days (some skipped, one session each), and one card's history
 * from its introduction up to now: when it is reviewed, how it is graded
 * (Again with probability 1 - R), how long that takes.  Each card has its
 * own random stream, so cards can be simulated on any thread in any order.
 */
#define G_LOG_DOMAIN "eg-synthetic"

#include "config.h"

#include <math.h>
#include <string.h>

#include "eg-synthetic-private.h"

void
_eg_synthetic_sim_clear (Sim *sim)
{
  g_clear_pointer (&sim->day_start, g_free);
  g_clear_pointer (&sim->session_start, g_free);
  g_clear_pointer (&sim->session_length, g_free);
  g_clear_pointer (&sim->day_flags, g_free);
}

/* The first day from @day on that the user studies; > today when none is left. */
static int
next_study_day (const Sim *sim,
                int        day)
{
  day = MAX (day, sim->first_day);
  while (day <= sim->today && day_is_skipped (sim, day))
    day++;
  return day;
}

int
_eg_synthetic_previous_study_day (const Sim *sim,
                                  int        day)
{
  while (day > sim->first_day && day_is_skipped (sim, day))
    day--;
  return day;
}

gboolean
_eg_synthetic_sim_init (Sim                        *sim,
                        const EgSchedulerSettings  *settings,
                        guint                       n_reviews,
                        guint32                     seed,
                        gint64                      now_ms,
                        GCancellable               *cancellable,
                        GError                    **error)
{
  gint64 base_length;

  memset (sim, 0, sizeof *sim);
  if (!eg_scheduler_settings_to_params (settings, &sim->params, error))
    return FALSE;

  sim->day_start_hour = settings->day_start_hour;
  sim->seed = seed;
  sim->now_ms = now_ms;
  sim->cancellable = cancellable;
  sim->today = eg_time_study_day (now_ms, settings->day_start_hour);
  sim->first_day = sim->today - MAX_SPAN_DAYS - 1;
  sim->n_days = sim->today + 2 - sim->first_day;

  if (now_ms - (gint64) (MAX_SPAN_DAYS + 2) * EG_FSRS_MS_PER_DAY < EG_FSRS_TIME_MIN_MS ||
      now_ms > EG_FSRS_TIME_MAX_MS - 2 * EG_FSRS_MS_PER_DAY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The time %" G_GINT64_FORMAT " ms is out of range", now_ms);
      return FALSE;
    }

  /* about 8 s a review, for the reviews of an average day */
  base_length = CLAMP ((gint64) n_reviews / PLAN_DAYS * 8000, 15 * MS_PER_MINUTE,
                       6 * MS_PER_HOUR);

  sim->day_start = g_new (gint64, sim->n_days + 1);
  sim->session_start = g_new (gint64, sim->n_days);
  sim->session_length = g_new (gint64, sim->n_days);
  sim->day_flags = g_new0 (guint8, sim->n_days);

  for (int i = 0; i <= sim->n_days; i++)
    sim->day_start[i] = eg_time_study_day_start (sim->first_day + i, sim->day_start_hour);

  for (int i = 0; i < sim->n_days; i++)
    {
      int day = sim->first_day + i;
      gint64 length = sim->day_start[i + 1] - sim->day_start[i];
      gint64 session, offset;

      /* Every time of a study day has that day (local time is monotonic
       * within it); a day that does not check out is never studied, so that
       * a review's day is always eg_time_study_day() of its time.
       */
      if (length >= 20 * MS_PER_HOUR &&
          eg_time_study_day (sim->day_start[i], sim->day_start_hour) == day &&
          eg_time_study_day (sim->day_start[i + 1] - 1, sim->day_start_hour) == day)
        sim->day_flags[i] |= DAY_VERIFIED;
      else
        sim->day_flags[i] |= DAY_SKIPPED;

      if (hash01 (seed, SALT_SKIP, day) < SKIP_PROBABILITY)
        sim->day_flags[i] |= DAY_SKIPPED;

      /* one session, starting between 3 and 17 hours into the day */
      session = (gint64) (base_length * (0.6 + 0.8 * hash01 (seed, SALT_LENGTH, day)));
      offset = 3 * MS_PER_HOUR + (gint64) (14 * MS_PER_HOUR * hash01 (seed, SALT_SESSION, day));
      offset = MAX (MIN (offset, length - session - 30 * MS_PER_MINUTE), 0);
      sim->session_start[i] = sim->day_start[i] + offset;
      sim->session_length[i] = session;
    }

  return TRUE;
}

static inline gint64
session_time (const Sim *sim,
              int        day,
              Rng       *rng)
{
  int i = day - sim->first_day;

  return sim->session_start[i] + (gint64) (rng_double (rng) * sim->session_length[i]);
}

static EgFsrsRating
draw_rating (const Sim         *sim,
             const EgFsrsCard  *card,
             gint64             now_ms,
             Rng               *rng)
{
  double recall;
  double u;

  switch (card->state)
    {
    case EG_FSRS_STATE_NEW:
      recall = 0.80;
      break;

    case EG_FSRS_STATE_REVIEW:
      recall = eg_fsrs_retrievability (&sim->params, card, now_ms);
      break;

    case EG_FSRS_STATE_LEARNING:
    case EG_FSRS_STATE_RELEARNING:
    default:
      {
        /* minutes after the last step retrievability is ~1; a real learner
         * still misses about one step in ten
         */
        double days = (double) (now_ms - card->last_review) / EG_FSRS_MS_PER_DAY;

        recall = 0.9 * eg_fsrs_forgetting_curve (&sim->params, MAX (days, 0.0),
                                                 MAX (card->stability, EG_FSRS_S_MIN));
      }
      break;
    }

  if (rng_double (rng) >= recall)
    return EG_FSRS_AGAIN;

  u = rng_double (rng);
  if (u < 0.10)
    return EG_FSRS_HARD;
  if (u < 0.85)
    return EG_FSRS_GOOD;
  return EG_FSRS_EASY;
}

/* Time spent on a card: a few seconds, more when it was forgotten. */
static gint64
draw_duration (Rng          *rng,
               EgFsrsRating  rating)
{
  gint64 ms = 1500 + (gint64) (-log1p (-rng_double (rng)) * 5500);

  if (rating == EG_FSRS_AGAIN)
    ms += 4000;
  return MIN (ms, 60000);
}

/* How long after a learning step is due the card comes back. */
static gint64
draw_step_delay (Rng *rng)
{
  gint64 ms = 5000 + (gint64) (-log1p (-rng_double (rng)) * 90000);

  return MIN (ms, 20 * MS_PER_MINUTE);
}

/* Days a review is late, besides skipped days. */
static int
draw_lateness (Rng *rng)
{
  double u = rng_double (rng);

  if (u < 0.75)
    return 0;
  if (u < 0.92)
    return 1;
  if (u < 0.98)
    return 2 + (int) rng_below (rng, 2);
  return 4 + (int) rng_below (rng, 7);
}

/* Simulates one card, introduced on study day @intro_day, up to now.  Its
 * reviews are appended to @reviews (when not %NULL) and counted in @n_out.
 */
gboolean
_eg_synthetic_simulate_card (const Sim  *sim,
                             guint64     salt,
                             guint64     stream,
                             int         intro_day,
                             GArray     *reviews,
                             guint      *n_out,
                             GError    **error)
{
  Rng rng;
  EgFsrsCard card;
  int day = intro_day;
  gint64 t;
  guint n = 0;

  rng_init (&rng, sim->seed, salt, stream);
  /* a new card's due time does not enter any review (eg_fsrs_review()
   * replaces it), so the card's creation time is not needed here
   */
  eg_fsrs_card_init_new (&card, 0);

  if (day > sim->today || day_is_skipped (sim, day))
    {
      *n_out = 0;
      return TRUE;
    }
  t = session_time (sim, day, &rng);

  while (t <= sim->now_ms)
    {
      EgFsrsRating rating = draw_rating (sim, &card, t, &rng);
      gint64 duration = draw_duration (&rng, rating);
      EgFsrsCard next;

      if (!eg_fsrs_review (&sim->params, &card, t, rating, &next, error))
        return FALSE;
      card = next;
      n++;

      if (reviews != NULL)
        {
          Review r;

          r.reviewed_at = t;
          r.due = card.due;
          r.stability = card.stability;
          r.difficulty = card.difficulty;
          r.elapsed_days = card.elapsed_days;
          r.scheduled_days = card.scheduled_days;
          r.reps = card.reps;
          r.lapses = card.lapses;
          r.day = day;
          r.duration_ms = (guint16) duration;
          r.rating = (guint8) rating;
          r.state = (guint8) card.state;
          r.learning_steps = (guint8) card.learning_steps;
          g_array_append_val (reviews, r);
        }

      if (card.state == EG_FSRS_STATE_LEARNING || card.state == EG_FSRS_STATE_RELEARNING)
        {
          /* the next step, later in the session, or early in the next one */
          gint64 when = MAX (card.due, t + duration) + draw_step_delay (&rng);

          while (when >= day_start_of (sim, day + 1))
            {
              day = next_study_day (sim, day + 1);
              if (day > sim->today)
                goto done;
              when = MAX (card.due, sim->session_start[day - sim->first_day] +
                                    (gint64) (rng_double (&rng) * 10 * MS_PER_MINUTE));
            }
          t = when;
        }
      else
        {
          int due_day = day + MAX (card.scheduled_days, 1) + draw_lateness (&rng);

          day = next_study_day (sim, due_day);
          if (day > sim->today)
            break;
          t = session_time (sim, day, &rng);
        }
    }

done:
  *n_out = n;
  return TRUE;
}
