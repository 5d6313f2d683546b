/* eg-synthetic.c - synthetic collections for benchmarks and tests
 *
 * eg_synthetic_generate() fills an empty collection with decks of varied
 * Markdown cards and a review history that the scheduler could have written:
 * every review-log row is what eg_scheduler_grade() would have appended for
 * that grade at that time, so eg_scheduler_rebuild() gives back the stored
 * card states bit for bit.
 *
 * The simulated user introduces new cards in deck order on most days, does
 * each card's (re)learning steps within the same session and reviews a card
 * on the day it is due or a few days late; some days are skipped.  A review
 * is forgotten (Again) with probability 1 - R, R the card's retrievability
 * (a fixed prior for a card seen the first time, the short-term forgetting
 * curve during learning steps); a remembered card is Hard, Good or Easy in
 * the proportions 10/75/15.
 *
 * Cards are simulated independently of each other (each with its own random
 * stream), which lets the work spread over threads and keeps the output the
 * same whatever the number of threads.  Card "rank" 0 is the card introduced
 * last, rank 1 the one before, and so on: simulating ranks in this order and
 * stopping once the histories add up to the requested number of reviews
 * makes the introductions run up to today; the few reviews too many are the
 * latest ones, which are dropped (the user stops a few minutes early).  How
 * many new cards a day and how long ago the user started are chosen from a
 * small calibration run, so that the history runs up to the present.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-synthetic"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eg-deck.h"
#include "eg-scheduler.h"
#include "eg-store-private.h"
#include "eg-synthetic.h"
#include "eg-time.h"

#define N_DECKS            4
#define SECTIONS_PER_DECK  25

#define MS_PER_MINUTE      G_GINT64_CONSTANT (60000)
#define MS_PER_HOUR        G_GINT64_CONSTANT (3600000)

#define NEW_PER_DAY        20.0   /* the fewest new cards a study day brings */
#define PLAN_DAYS          730    /* introduce the cards over two years when that is enough */
#define MAX_SPAN_DAYS      10957  /* thirty years: the oldest review there can be */
#define SKIP_PROBABILITY   0.06   /* days without any study */
#define PLAN_MARGIN        1.10   /* plan for this many times the reviews wanted */
#define MAX_ATTEMPTS       6

#define CHUNK_RANKS        256    /* cards a thread simulates at a time */
#define CALIBRATION_CARDS  64     /* cards simulated for each age */

/* Independent random streams */
enum
{
  SALT_SKIP = 1,
  SALT_SESSION,
  SALT_LENGTH,
  SALT_NEW,
  SALT_NEW_FRACTION,
  SALT_CARD,
  SALT_CALIBRATION,
  SALT_TEXT,
};

enum
{
  DAY_SKIPPED  = 1 << 0,
  DAY_VERIFIED = 1 << 1,
};

/* ------------------------------------------------------------------ */
/* Random numbers: SplitMix64, one stream per (seed, salt, key)         */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint64 state;
} Rng;

static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint32  seed,
          guint64  salt,
          guint64  key)
{
  rng->state = mix64 (mix64 (((guint64) seed << 16) ^ salt) ^ mix64 (key + salt));
}

static inline guint64
rng_next (Rng *rng)
{
  rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return mix64 (rng->state);
}

/* Uniform in [0, 1) */
static inline double
rng_double (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_double (rng) * n);
}

static double
hash01 (guint32 seed,
        guint64 salt,
        gint64  key)
{
  Rng rng;

  rng_init (&rng, seed, salt, (guint64) key);
  return rng_double (&rng);
}

/* ------------------------------------------------------------------ */
/* The simulated user                                                   */
/* ------------------------------------------------------------------ */

typedef struct
{
  EgFsrsParams  params;
  int           day_start_hour;
  guint32       seed;
  gint64        now_ms;
  int           today;
  int           first_day;        /* the day tables start here */
  int           n_days;           /* first_day .. today + 1 */
  gint64       *day_start;        /* n_days + 1 entries */
  gint64       *session_start;
  gint64       *session_length;
  guint8       *day_flags;
  GCancellable *cancellable;
} Sim;

/* One review, as the card is after it (the row's "before" is the previous
 * review of the same card, or a new card).
 */
typedef struct
{
  gint64   reviewed_at;
  gint64   due;
  double   stability;
  double   difficulty;
  gint32   elapsed_days;
  gint32   scheduled_days;
  gint32   reps;
  gint32   lapses;
  gint32   day;
  guint16  duration_ms;
  guint8   rating;
  guint8   state;
  guint8   learning_steps;
} Review;

static void
sim_clear (Sim *sim)
{
  g_clear_pointer (&sim->day_start, g_free);
  g_clear_pointer (&sim->session_start, g_free);
  g_clear_pointer (&sim->session_length, g_free);
  g_clear_pointer (&sim->day_flags, g_free);
}

static inline gint64
day_start_of (const Sim *sim,
              int        day)
{
  return sim->day_start[day - sim->first_day];
}

static inline gboolean
day_is_skipped (const Sim *sim,
                int        day)
{
  return (sim->day_flags[day - sim->first_day] & DAY_SKIPPED) != 0;
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

static int
previous_study_day (const Sim *sim,
                    int        day)
{
  while (day > sim->first_day && day_is_skipped (sim, day))
    day--;
  return day;
}

static gboolean
sim_init (Sim                        *sim,
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
static gboolean
simulate_card (const Sim  *sim,
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

/* ------------------------------------------------------------------ */
/* Running tasks on threads                                             */
/* ------------------------------------------------------------------ */

typedef gboolean (*TaskFunc) (gpointer   data,
                              guint      task,
                              GError   **error);

typedef struct
{
  TaskFunc    func;
  gpointer    data;
  guint       n_tasks;
  gint        next;      /* atomic: the next task to take */
  gint        stop;      /* atomic */
  GMutex      lock;
  GCond       cond;
  gboolean   *done;      /* under lock */
  GError     *error;     /* under lock: the first failure */
  GPtrArray  *threads;
} Pool;

/* Takes and runs one task; FALSE when none is left. */
static gboolean
pool_run_one (Pool *pool)
{
  GError *local_error = NULL;
  guint task;
  gboolean ok;

  if (g_atomic_int_get (&pool->stop))
    return FALSE;
  task = (guint) g_atomic_int_add (&pool->next, 1);
  if (task >= pool->n_tasks)
    return FALSE;

  ok = pool->func (pool->data, task, &local_error);

  g_mutex_lock (&pool->lock);
  pool->done[task] = TRUE;
  if (!ok)
    {
      if (pool->error == NULL)
        pool->error = local_error;
      else
        g_clear_error (&local_error);
      g_atomic_int_set (&pool->stop, 1);
    }
  g_cond_broadcast (&pool->cond);
  g_mutex_unlock (&pool->lock);
  return ok;
}

static gpointer
pool_worker (gpointer data)
{
  Pool *pool = data;

  while (pool_run_one (pool))
    ;
  return NULL;
}

static void
pool_start (Pool     *pool,
            TaskFunc  func,
            gpointer  data,
            guint     n_tasks)
{
  guint n_threads = MIN (g_get_num_processors (), 8) - 1;

  memset (pool, 0, sizeof *pool);
  pool->func = func;
  pool->data = data;
  pool->n_tasks = n_tasks;
  pool->done = g_new0 (gboolean, MAX (n_tasks, 1));
  g_mutex_init (&pool->lock);
  g_cond_init (&pool->cond);
  pool->threads = g_ptr_array_new ();

  for (guint i = 0; i < MIN (n_threads, n_tasks); i++)
    {
      GThread *thread = g_thread_try_new ("eg-synthetic", pool_worker, pool, NULL);

      /* without threads, the caller runs every task itself */
      if (thread == NULL)
        break;
      g_ptr_array_add (pool->threads, thread);
    }
}

/* Waits until @task has run, helping with the tasks meanwhile.  FALSE when a
 * task failed.
 */
static gboolean
pool_wait (Pool  *pool,
           guint  task)
{
  gboolean ok;

  for (;;)
    {
      g_mutex_lock (&pool->lock);
      ok = pool->error == NULL;
      if (!ok || pool->done[task])
        {
          g_mutex_unlock (&pool->lock);
          return ok;
        }
      g_mutex_unlock (&pool->lock);

      if (!pool_run_one (pool))
        break;
    }

  g_mutex_lock (&pool->lock);
  while (pool->error == NULL && !pool->done[task])
    g_cond_wait (&pool->cond, &pool->lock);
  ok = pool->error == NULL;
  g_mutex_unlock (&pool->lock);
  return ok;
}

/* Stops the pool (tasks not started are not run) and frees it. */
static gboolean
pool_finish (Pool    *pool,
             GError **error)
{
  g_atomic_int_set (&pool->stop, 1);
  for (guint i = 0; i < pool->threads->len; i++)
    g_thread_join (g_ptr_array_index (pool->threads, i));
  g_ptr_array_unref (pool->threads);
  g_free (pool->done);
  g_mutex_clear (&pool->lock);
  g_cond_clear (&pool->cond);

  if (pool->error != NULL)
    {
      g_propagate_error (error, pool->error);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Planning: how many new cards a day, and until when                   */
/* ------------------------------------------------------------------ */

/* Ages (days before today) at which the calibration introduces cards. */
static const int calibration_ages[] = {
  0, 1, 2, 3, 4, 6, 8, 11, 15, 20, 27, 36, 48, 64, 85, 113, 150, 200, 265, 350, 465,
  615, 815, 1080, 1430, 1900, 2520, 3340, 4430, 5870, 7780, 9400, MAX_SPAN_DAYS,
};

typedef struct
{
  const Sim *sim;
  double     mean[G_N_ELEMENTS (calibration_ages)];   /* reviews of a card of that age */
} Calibration;

static gboolean
calibrate_age (gpointer   data,
               guint      task,
               GError   **error)
{
  Calibration *calibration = data;
  const Sim *sim = calibration->sim;
  int day = previous_study_day (sim, sim->today - calibration_ages[task]);
  guint64 total = 0;

  for (guint k = 0; k < CALIBRATION_CARDS; k++)
    {
      guint n;

      if (g_cancellable_set_error_if_cancelled (sim->cancellable, error) ||
          !simulate_card (sim, SALT_CALIBRATION, (guint64) task * CALIBRATION_CARDS + k,
                          day, NULL, &n, error))
        return FALSE;
      total += n;
    }

  calibration->mean[task] = (double) total / CALIBRATION_CARDS;
  return TRUE;
}

static double
expected_reviews_at (const Calibration *calibration,
                     int                age)
{
  guint i;

  if (age <= 0)
    return calibration->mean[0];
  for (i = 1; i < G_N_ELEMENTS (calibration_ages); i++)
    if (age <= calibration_ages[i])
      {
        double a = calibration_ages[i - 1];
        double b = calibration_ages[i];

        return calibration->mean[i - 1] +
               (calibration->mean[i] - calibration->mean[i - 1]) * (age - a) / (b - a);
      }
  return calibration->mean[G_N_ELEMENTS (calibration_ages) - 1];
}

typedef struct
{
  double rate;   /* new cards on an average study day */
  int    gap;    /* days between the last new card and today */
} Plan;

/* The study day each rank is introduced on: the last one @gap days ago, the
 * ones before on earlier study days, about @rate a day.
 */
static void
plan_intro_days (const Sim  *sim,
                 const Plan *plan,
                 guint       n_ranks,
                 int        *intro_day)
{
  int day = sim->today - plan->gap;
  guint j = 0;

  while (j < n_ranks)
    {
      if (day <= sim->first_day)
        {
          /* not reached with a valid plan; keep the days in range */
          for (; j < n_ranks; j++)
            intro_day[j] = sim->first_day + 1;
          break;
        }
      if (!day_is_skipped (sim, day))
        {
          double want = plan->rate * (0.5 + hash01 (sim->seed, SALT_NEW, day));
          guint k = (guint) want;

          if (hash01 (sim->seed, SALT_NEW_FRACTION, day) < want - k)
            k++;
          for (; k > 0 && j < n_ranks; k--)
            intro_day[j++] = day;
        }
      day--;
    }
}

static double
plan_estimate (const Sim         *sim,
               const Calibration *calibration,
               const Plan        *plan,
               guint              n_ranks,
               int               *intro_day)
{
  double total = 0;

  plan_intro_days (sim, plan, n_ranks, intro_day);
  for (guint j = 0; j < n_ranks; j++)
    total += expected_reviews_at (calibration, sim->today - intro_day[j]);
  return total;
}

/* The plan that introduces the cards as fast as possible (at least 20 a day,
 * over two years at most) up to today, with enough reviews; slower, and then
 * stopping earlier, when that does not give enough.
 */
static gboolean
choose_plan (const Sim         *sim,
             const Calibration *calibration,
             guint              n_cards,
             guint              n_reviews,
             double             target,
             Plan              *plan,
             int               *intro_day,
             GError           **error)
{
  double rate_min = MAX (NEW_PER_DAY, 1.25 * n_cards / MAX_SPAN_DAYS);
  double rate_max = MAX (rate_min, (double) n_cards / PLAN_DAYS);
  double most;
  int gap_lo, gap_hi;

  *plan = (Plan) { rate_max, 0 };
  if (plan_estimate (sim, calibration, plan, n_cards, intro_day) >= target)
    return TRUE;

  *plan = (Plan) { rate_min, 0 };
  if (plan_estimate (sim, calibration, plan, n_cards, intro_day) >= target)
    {
      double lo = rate_min, hi = rate_max;

      for (int i = 0; i < 40 && hi - lo > 0.01; i++)
        {
          Plan mid = { (lo + hi) / 2, 0 };

          if (plan_estimate (sim, calibration, &mid, n_cards, intro_day) >= target)
            lo = mid.rate;
          else
            hi = mid.rate;
        }
      *plan = (Plan) { lo, 0 };
      plan_estimate (sim, calibration, plan, n_cards, intro_day);
      return TRUE;
    }

  /* every card at the slowest rate is not enough: start further back */
  gap_lo = 0;
  gap_hi = MAX (intro_day[n_cards - 1] - sim->first_day - 2, 0);
  *plan = (Plan) { rate_min, gap_hi };
  most = plan_estimate (sim, calibration, plan, n_cards, intro_day);
  if (most < target)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%u reviews are too many for %u cards: %d years of study give "
                   "about %.0f", n_reviews, n_cards, MAX_SPAN_DAYS / 365, most);
      return FALSE;
    }
  while (gap_hi - gap_lo > 1)
    {
      Plan mid = { rate_min, (gap_lo + gap_hi) / 2 };

      if (plan_estimate (sim, calibration, &mid, n_cards, intro_day) >= target)
        gap_hi = mid.gap;
      else
        gap_lo = mid.gap;
    }
  *plan = (Plan) { rate_min, gap_hi };
  plan_estimate (sim, calibration, plan, n_cards, intro_day);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Simulating every card                                                */
/* ------------------------------------------------------------------ */

typedef struct
{
  GArray *reviews;   /* Review */
  guint  *first;     /* per rank: its first review; first[n_ranks] = reviews->len */
  guint   n_ranks;
} Chunk;

typedef struct
{
  const Sim  *sim;
  const int  *intro_day;
  guint       n_ranks;
  guint       n_chunks;
  Chunk      *chunks;
  guint       last_rank;   /* the oldest card introduced */
  guint64     total;       /* reviews of ranks 0 .. last_rank */
  Pool        pool;
  gboolean    running;
} Run;

static void
run_clear (Run *run)
{
  if (run->running)
    {
      run->running = FALSE;
      pool_finish (&run->pool, NULL);
    }
  for (guint i = 0; run->chunks != NULL && i < run->n_chunks; i++)
    {
      if (run->chunks[i].reviews != NULL)
        g_array_unref (run->chunks[i].reviews);
      g_free (run->chunks[i].first);
    }
  g_clear_pointer (&run->chunks, g_free);
}

static gboolean
run_chunk (gpointer   data,
           guint      task,
           GError   **error)
{
  Run *run = data;
  Chunk *chunk = &run->chunks[task];
  guint begin = task * CHUNK_RANKS;
  guint end = MIN (begin + CHUNK_RANKS, run->n_ranks);

  chunk->n_ranks = end - begin;
  chunk->first = g_new (guint, chunk->n_ranks + 1);
  chunk->reviews = g_array_sized_new (FALSE, FALSE, sizeof (Review), chunk->n_ranks * 12);

  for (guint j = begin; j < end; j++)
    {
      guint n;

      chunk->first[j - begin] = chunk->reviews->len;
      if (g_cancellable_set_error_if_cancelled (run->sim->cancellable, error) ||
          !simulate_card (run->sim, SALT_CARD, j, run->intro_day[j], chunk->reviews, &n, error))
        return FALSE;
    }
  chunk->first[chunk->n_ranks] = chunk->reviews->len;
  return TRUE;
}

/* Starts simulating ranks 0, 1, … on threads; run_wait() collects them. */
static void
run_start (Run        *run,
           const Sim  *sim,
           const int  *intro_day,
           guint       n_ranks)
{
  memset (run, 0, sizeof *run);
  run->sim = sim;
  run->intro_day = intro_day;
  run->n_ranks = n_ranks;
  run->n_chunks = (n_ranks + CHUNK_RANKS - 1) / CHUNK_RANKS;
  run->chunks = g_new0 (Chunk, MAX (run->n_chunks, 1));
  pool_start (&run->pool, run_chunk, run, run->n_chunks);
  run->running = TRUE;
}

/* Waits (and helps) until the reviews of ranks 0, 1, … add up to
 * @n_reviews, or every rank has run: then run->total < n_reviews.
 */
static gboolean
run_wait (Run     *run,
          guint    n_reviews,
          GError **error)
{
  gboolean ok = TRUE;
  gboolean reached = FALSE;

  for (guint c = 0; c < run->n_chunks && !reached; c++)
    {
      Chunk *chunk = &run->chunks[c];

      if (!(ok = pool_wait (&run->pool, c)))
        break;
      for (guint r = 0; r < chunk->n_ranks; r++)
        {
          run->total += chunk->first[r + 1] - chunk->first[r];
          run->last_rank = c * CHUNK_RANKS + r;
          if (run->total >= n_reviews)
            {
              reached = TRUE;
              break;
            }
        }
    }

  run->running = FALSE;
  if (!pool_finish (&run->pool, error))
    ok = FALSE;
  return ok;
}

static inline const Review *
run_review (const Run *run,
            guint      rank,
            guint      index)
{
  const Chunk *chunk = &run->chunks[rank / CHUNK_RANKS];

  return &g_array_index (chunk->reviews, Review, chunk->first[rank % CHUNK_RANKS] + index);
}

static inline guint
run_count (const Run *run,
           guint      rank)
{
  const Chunk *chunk = &run->chunks[rank / CHUNK_RANKS];
  guint r = rank % CHUNK_RANKS;

  return chunk->first[r + 1] - chunk->first[r];
}

/* A review in the order of the log */
typedef struct
{
  gint64  reviewed_at;
  guint32 rank;
  guint32 index;
} Entry;

static int
compare_entries (const void *a,
                 const void *b)
{
  const Entry *x = a;
  const Entry *y = b;

  if (x->reviewed_at != y->reviewed_at)
    return x->reviewed_at < y->reviewed_at ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

/* Every review of the run in time order, cut after the first @n_reviews;
 * @kept receives how many reviews of each rank are left.
 */
static Entry *
order_reviews (const Run *run,
               guint      n_reviews,
               guint     *kept)
{
  Entry *entries = g_new (Entry, MAX (run->total, 1));
  guint64 n = 0;

  for (guint rank = 0; rank <= run->last_rank; rank++)
    for (guint i = 0; i < run_count (run, rank); i++)
      entries[n++] = (Entry) { run_review (run, rank, i)->reviewed_at, rank, i };
  qsort (entries, n, sizeof (Entry), compare_entries);

  memset (kept, 0, sizeof (guint) * (run->last_rank + 1));
  for (guint i = 0; i < n_reviews; i++)
    kept[entries[i].rank]++;
  return entries;
}

/* ------------------------------------------------------------------ */
/* Card text                                                            */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char * const *words;
  guint               n;
} Words;

#define WORDS(array) { array, G_N_ELEMENTS (array) }

static const char * const go_topics[] = {
  "Goroutines", "Channels", "The Scheduler", "Garbage Collection", "Escape Analysis",
  "Interfaces", "Generics", "The Memory Model", "Profiling", "Error Handling", "Testing",
  "Modules", "Reflection", "The Compiler",
};
static const char * const go_nouns[] = {
  "goroutine", "stack", "heap", "pointer", "slice header", "map bucket", "mutex",
  "wait group", "worker pool", "buffer", "deadline", "ticker", "closure", "struct",
  "method set", "type parameter", "allocation", "pause", "write barrier", "span", "arena",
  "cache line", "system call", "thread", "processor", "run queue", "timer", "select case",
  "receiver", "embedded field", "panic", "stack trace", "benchmark", "build tag", "package",
};
static const char * const db_topics[] = {
  "Transactions", "Indexes", "Replication", "Consensus", "Query Planning",
  "Storage Engines", "Caching", "Sharding", "Isolation Levels", "Logs", "Backups",
  "Networking", "Queues", "Observability",
};
static const char * const db_nouns[] = {
  "table", "row", "page", "B-tree", "write-ahead log", "snapshot", "replica", "leader",
  "follower", "quorum", "partition", "shard", "lock", "latch", "checkpoint", "cursor",
  "query plan", "join", "index", "tuple", "lease", "heartbeat", "epoch", "term", "vote",
  "cluster", "node", "client", "timeout", "retry", "backlog", "vacuum", "bloom filter",
};
static const char * const bio_topics[] = {
  "The Heart", "Blood", "The Lungs", "Digestion", "Immunity", "Hormones", "Neurons",
  "Muscles", "Bones", "Genetics", "The Kidneys", "The Liver", "Skin", "Sleep",
};
static const char * const bio_nouns[] = {
  "cell", "artery", "vein", "ventricle", "valve", "enzyme", "hormone", "antibody",
  "receptor", "neuron", "synapse", "membrane", "protein", "gene", "chromosome",
  "mitochondrion", "ribosome", "platelet", "plasma", "tissue", "organ", "nerve",
  "muscle fiber", "tendon", "ligament", "cartilage", "marrow", "lymph node", "antigen",
  "insulin", "glucose", "hemoglobin", "cortex", "alveolus", "nephron",
};
static const char * const history_topics[] = {
  "Ancient Rome", "The Silk Road", "The Renaissance", "The Industrial Revolution",
  "Rivers and Deltas", "Mountain Ranges", "Empires of Asia", "The Age of Exploration",
  "Trade Routes", "Revolutions", "Treaties", "Climate Zones", "Islands", "Capitals",
};
static const char * const history_nouns[] = {
  "empire", "dynasty", "treaty", "harbor", "river", "delta", "plateau", "mountain pass",
  "caravan", "merchant", "fleet", "colony", "province", "senate", "republic", "monarch",
  "city-state", "frontier", "fortress", "canal", "port", "desert", "steppe", "glacier",
  "monsoon", "archipelago", "peninsula", "border", "census", "currency", "guild",
  "aqueduct", "printing press", "railway", "cathedral",
};
static const char * const general_verbs[] = {
  "controls", "protects", "transforms", "regulates", "shapes", "limits", "connects",
  "stores", "releases", "delays", "replaces", "measures", "absorbs", "balances",
  "triggers", "reduces", "extends", "supports", "separates", "carries", "guards",
  "copies", "signals", "blocks", "drives", "feeds", "reveals", "reorders", "tracks",
  "follows", "precedes", "outlives", "depends on", "competes with", "waits for",
};
static const char * const code_verbs[] = {
  "allocates", "spawns", "blocks on", "escapes to", "preempts", "serializes", "marshals",
  "inlines", "locks", "unlocks", "buffers", "closes", "cancels", "retries", "flushes",
  "compacts", "indexes", "replicates", "evicts", "recovers", "schedules", "yields to",
};
static const char * const general_adjectives[] = {
  "stable", "fragile", "large", "small", "early", "late", "dense", "sparse", "rapid",
  "slow", "ancient", "modern", "central", "remote", "narrow", "broad", "fertile", "arid",
  "healthy", "damaged", "hidden", "visible", "shared", "local", "global", "rare",
  "common", "seasonal", "permanent", "temporary",
};
static const char * const code_adjectives[] = {
  "concurrent", "idempotent", "lock-free", "immutable", "buffered", "unbuffered",
  "zero-valued", "exported", "blocking", "non-blocking", "consistent", "durable",
  "atomic", "stale", "hot", "cold", "nil", "generic", "unsafe", "thread-safe",
};
static const char * const code_terms[] = {
  "escape analysis", "goroutine", "channel", "garbage collector", "interface",
  "mutex", "slice", "map", "closure", "defer", "panic", "select statement",
  "context cancellation", "stack growth", "heap allocation", "scheduler", "work stealing",
  "write barrier", "generics", "type assertion", "reflection", "race detector",
  "sync.Pool", "atomic operations", "memory model", "struct embedding", "method set",
  "error wrapping", "pprof", "inlining", "bounds check elimination", "cgo",
  "system call", "file descriptor", "epoll", "TCP handshake", "TLS", "HTTP/2", "gRPC",
  "protocol buffers", "B-tree", "write-ahead log", "transaction isolation",
  "query planner", "Raft", "replication", "sharding", "cache invalidation",
  "load balancer", "backpressure", "rate limiter", "two-phase commit", "MVCC",
};
static const char * const code_snippets[] = {
  "go func() { done <- work() }()", "ch := make(chan int, 8)", "defer mu.Unlock()",
  "runtime.GC()", "var _ io.Reader = (*File)(nil)", "select { case v := <-ch: use(v) }",
  "sync.WaitGroup", "go build -gcflags=-m", "context.WithTimeout(ctx, time.Second)",
  "errors.Is(err, fs.ErrNotExist)", "atomic.AddInt64(&n, 1)", "GOMAXPROCS",
  "GOGC=200", "GOMEMLIMIT", "make([]byte, 0, 4096)", "for range time.Tick(d)",
  "BEGIN IMMEDIATE", "SELECT count(*) FROM t", "EXPLAIN QUERY PLAN", "PRAGMA journal_mode",
  "fsync()", "SO_REUSEPORT", "recover()", "unsafe.Pointer", "t.Parallel()",
};
static const char * const code_blocks[] = {
  "```go\nfunc worker(jobs <-chan Job, results chan<- Result) {\n"
  "\tfor j := range jobs {\n\t\tresults <- j.Do()\n\t}\n}\n```",
  "```go\nctx, cancel := context.WithTimeout(ctx, 2*time.Second)\n"
  "defer cancel()\nreturn fetch(ctx, url)\n```",
  "```go\nvar mu sync.Mutex\nmu.Lock()\ncount++\nmu.Unlock()\n```",
  "```go\ntype Shape interface {\n\tArea() float64\n}\n```",
  "```go\nfunc Map[T, U any](s []T, f func(T) U) []U {\n"
  "\tout := make([]U, 0, len(s))\n\tfor _, v := range s {\n"
  "\t\tout = append(out, f(v))\n\t}\n\treturn out\n}\n```",
  "```sql\nBEGIN;\nUPDATE accounts SET balance = balance - 10 WHERE id = 1;\nCOMMIT;\n```",
  "```sh\ngo test -race -run TestQueue ./...\n```",
  "```go\nselect {\ncase msg := <-inbox:\n\thandle(msg)\ncase <-ctx.Done():\n"
  "\treturn ctx.Err()\n}\n```",
};
static const char * const emojis[] = {
  "🟢", "🔵", "🔴", "🟡", "⚙️", "📡", "🔄", "🧠", "⚒️", "🧩",
};

typedef struct
{
  const char *title;
  double      code_share;   /* cards about programming */
  Words       topics;
  Words       nouns;
} Theme;

static const Theme themes[N_DECKS] = {
  { "Go Runtime and Concurrency", 0.9, WORDS (go_topics), WORDS (go_nouns) },
  { "Databases and Distributed Systems", 0.6, WORDS (db_topics), WORDS (db_nouns) },
  { "Human Biology and Medicine", 0.08, WORDS (bio_topics), WORDS (bio_nouns) },
  { "World History and Geography", 0.08, WORDS (history_topics), WORDS (history_nouns) },
};

static const Words general_verb_words = WORDS (general_verbs);
static const Words code_verb_words = WORDS (code_verbs);
static const Words general_adjective_words = WORDS (general_adjectives);
static const Words code_adjective_words = WORDS (code_adjectives);
static const Words code_term_words = WORDS (code_terms);
static const Words code_snippet_words = WORDS (code_snippets);

static const char * const questions[] = {
  "What is the role of the $N in $P?",
  "How does $T affect the $N?",
  "Why does the $A $N $V the $M?",
  "Explain the difference between $T and $U.",
  "When would you prefer $T over a $A $N?",
  "What happens to the $N when $T $V it?",
  "How can you tell that a $N is $A?",
  "Which $N $V the $M in $P?",
  "What are the trade-offs of $T in $P?",
  "Describe how $T and the $N work together.",
  "Why is the $N called $A in $P?",
  "What goes wrong when the $N $V the $M too early?",
};
static const char * const answer_sentences[] = {
  "The $B $V the $M, so the $N stays $A.",
  "In practice, $T $V every $N that is $A.",
  "$K is $A because it $V the $N before the $M.",
  "This matters when the $N is $A: $T $V it $D times faster.",
  "A common mistake is to assume that $T $V the $N.",
  "Use $C when the $N must stay $A.",
  "Without the $M, the $N $V the $A $B.",
  "Think of the $N as a $A $M that $V $T.",
};
static const char * const detail_sentences[] = {
  "Historically the $N $V the $M only when it was $A.",
  "For example, $C $V the $N in about $D steps.",
  "Measurements show that a $A $N $V the $M $D% of the time.",
  "The $B and the $M are often confused; only one of them $V $T.",
  "Under load, $T $V the $N and the $M becomes $A.",
  "Note that $K never $V a $A $N.",
  "Since the $D revision, $T $V the $N differently.",
  "Most textbooks describe the $N as $A, which hides how $T $V it.",
};
static const char * const list_items[] = {
  "- **$N**: $V the $M",
  "- $T $V the $A $N",
  "- $C, when the $N is $A",
  "- the $A $N, not the $M",
};

typedef struct
{
  Rng         *rng;
  const Theme *theme;
  gboolean     code;    /* a card about programming */
} TextContext;

static const char *
pick (Rng         *rng,
      const Words *words)
{
  /* skewed towards the front, as real vocabularies are */
  double u = rng_double (rng);

  return words->words[(guint) (words->n * (u < 0.5 ? u * u * 2 : u))];
}

static const char *
pick_array (Rng                *rng,
            const char * const *array,
            guint               n)
{
  return array[rng_below (rng, n)];
}

static void
append_template (GString     *out,
                 TextContext *ctx,
                 const char  *template)
{
  gsize start = out->len;

  for (const char *p = template; *p != '\0'; p++)
    {
      gboolean code = ctx->code;

      if (*p != '$' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }

      switch (*++p)
        {
        case 'N':
        case 'M':
          g_string_append (out, pick (ctx->rng, &ctx->theme->nouns));
          break;
        case 'B':
          g_string_append_printf (out, "**%s**", pick (ctx->rng, &ctx->theme->nouns));
          break;
        case 'P':
          g_string_append (out, pick (ctx->rng, &ctx->theme->topics));
          break;
        case 'V':
          g_string_append (out, pick (ctx->rng, code && rng_double (ctx->rng) < 0.6
                                                  ? &code_verb_words : &general_verb_words));
          break;
        case 'A':
          g_string_append (out, pick (ctx->rng, code && rng_double (ctx->rng) < 0.6
                                                  ? &code_adjective_words
                                                  : &general_adjective_words));
          break;
        case 'T':
        case 'U':
          g_string_append (out, code ? pick (ctx->rng, &code_term_words)
                                     : pick (ctx->rng, &ctx->theme->nouns));
          break;
        case 'K':
          g_string_append_printf (out, "**%s**", code ? pick (ctx->rng, &code_term_words)
                                                      : pick (ctx->rng, &ctx->theme->nouns));
          break;
        case 'C':
          if (code)
            g_string_append_printf (out, "`%s`", pick (ctx->rng, &code_snippet_words));
          else
            g_string_append_printf (out, "*%s*", pick (ctx->rng, &ctx->theme->nouns));
          break;
        case 'D':
          g_string_append_printf (out, "%u", 2 + rng_below (ctx->rng, 1998));
          break;
        default:
          g_string_append_c (out, '$');
          g_string_append_c (out, *p);
          break;
        }
    }

  /* capitalize a sentence that starts with a word */
  if (g_ascii_islower (out->str[start]))
    out->str[start] = g_ascii_toupper (out->str[start]);
}

static void
append_sentences (GString            *out,
                  TextContext        *ctx,
                  const char * const *templates,
                  guint               n_templates,
                  gsize               until)
{
  do
    {
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
      append_template (out, ctx, pick_array (ctx->rng, templates, n_templates));
    }
  while (out->len < until);
}

typedef struct
{
  char      *question;
  char      *answer;
  GPtrArray *parts;   /* EgCardPart */
  char      *hash;
} CardText;

static void
card_text_clear (CardText *text)
{
  g_clear_pointer (&text->question, g_free);
  g_clear_pointer (&text->answer, g_free);
  g_clear_pointer (&text->parts, g_ptr_array_unref);
  g_clear_pointer (&text->hash, g_free);
}

/* About 300 to 600 bytes of Markdown: a question, an answer with bold,
 * code and sometimes a list, and an "Indepth" part.
 */
static void
make_card_text (guint32      seed,
                guint        index,
                const Theme *theme,
                CardText    *text)
{
  g_autoptr(GString) question = g_string_new (NULL);
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autoptr(GString) indepth = g_string_new (NULL);
  TextContext ctx;
  EgCardPart *part;
  Rng rng;
  gsize size;

  rng_init (&rng, seed, SALT_TEXT, index);
  ctx.rng = &rng;
  ctx.theme = theme;
  ctx.code = rng_double (&rng) < theme->code_share;
  size = 300 + rng_below (&rng, 300);

  append_template (question, &ctx, pick_array (&rng, questions, G_N_ELEMENTS (questions)));

  append_sentences (answer, &ctx, answer_sentences, G_N_ELEMENTS (answer_sentences),
                    question->len < size * 2 / 5 ? size * 2 / 5 - question->len : 1);
  if (rng_double (&rng) < 0.35)
    {
      guint n = 2 + rng_below (&rng, 3);

      g_string_append (answer, "\n\n");
      for (guint i = 0; i < n; i++)
        {
          append_template (answer, &ctx, pick_array (&rng, list_items, G_N_ELEMENTS (list_items)));
          g_string_append_c (answer, '\n');
        }
      g_string_truncate (answer, answer->len - 1);
    }

  if (ctx.code && rng_double (&rng) < 0.3)
    {
      append_sentences (indepth, &ctx, detail_sentences, G_N_ELEMENTS (detail_sentences), 60);
      g_string_append_printf (indepth, "\n\n%s",
                              pick_array (&rng, code_blocks, G_N_ELEMENTS (code_blocks)));
    }
  else
    {
      gsize used = question->len + answer->len;

      append_sentences (indepth, &ctx, detail_sentences, G_N_ELEMENTS (detail_sentences),
                        used + 80 < size ? size - used : 80);
    }

  text->question = g_string_free (g_steal_pointer (&question), FALSE);
  text->answer = g_string_free (g_steal_pointer (&answer), FALSE);
  text->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  part = g_new0 (EgCardPart, 1);
  part->name = g_strdup ("Indepth");
  part->text = g_string_free (g_steal_pointer (&indepth), FALSE);
  g_ptr_array_add (text->parts, part);
  text->hash = eg_deck_card_hash (text->question, text->answer, text->parts);
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */
/* ------------------------------------------------------------------ */

static gboolean
check_empty (EgStore  *store,
             GError  **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (store,
    "SELECT (SELECT count(*) FROM cards), (SELECT count(*) FROM decks)", error);
  int cards, decks;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _eg_store_set_error (store, error, "Cannot read the collection");
    }
  cards = sqlite3_column_int (stmt, 0);
  decks = sqlite3_column_int (stmt, 1);
  sqlite3_reset (stmt);

  if (cards > 0 || decks > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   "The collection is not empty (%d cards in %d decks); a synthetic "
                   "collection can only fill an empty one", cards, decks);
      return FALSE;
    }
  return TRUE;
}

static int
read_cache_size (EgStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = _eg_store_prepare (store, "PRAGMA cache_size", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (stmt, 0);
}

/* Decks, sections and cards in deck order: card i of the collection gets
 * card_ids[i].
 */
static gboolean
write_cards (EgStore       *store,
             guint          n_cards,
             guint32        seed,
             gint64         created,
             gint64        *card_ids,
             GCancellable  *cancellable,
             GError       **error)
{
  guint n_decks = MIN (N_DECKS, n_cards);
  guint index = 0;

  for (guint d = 0; d < n_decks; d++)
    {
      const Theme *theme = &themes[d];
      guint deck_cards = n_cards / n_decks + (d < n_cards % n_decks);
      guint n_sections = MIN (SECTIONS_PER_DECK, deck_cards);
      g_autofree char *deck_key = eg_slugify (theme->title);
      sqlite3_stmt *stmt;
      gint64 deck_id;
      guint number = 1;

      stmt = _eg_store_cached (store,
        "INSERT INTO decks (key, title, source_path, position, created, modified)"
        " VALUES (?1, ?2, NULL, ?3, ?4, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, deck_key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, theme->title, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, d);
      sqlite3_bind_int64 (stmt, 4, created);
      if (!_eg_store_step_done (store, stmt, error))
        return FALSE;
      deck_id = sqlite3_last_insert_rowid (_eg_store_get_db (store));

      for (guint s = 0; s < n_sections; s++)
        {
          guint section_cards = deck_cards / n_sections + (s < deck_cards % n_sections);
          guint section_number = d * SECTIONS_PER_DECK + s + 1;
          const char *topic = theme->topics.words[s % theme->topics.n];
          const char *other = theme->topics.words[(s * 5 + 3) % theme->topics.n];
          g_autofree char *title = NULL;
          g_autofree char *key = g_strdup_printf ("%u", section_number);
          g_autofree char *heading = NULL;
          g_autofree char *source = NULL;
          gint64 section_id;

          if (s < theme->topics.n)
            title = g_strdup_printf ("%s and %s", topic, other);
          else
            title = g_strdup_printf ("%s and %s (Part 2)", topic, other);
          heading = g_strdup_printf ("%s **%u–%u: %s**", emojis[section_number % G_N_ELEMENTS (emojis)],
                                     number, number + MAX (section_cards, 1) - 1, title);
          source = g_strdup_printf ("From %u %s", section_number, topic);

          stmt = _eg_store_cached (store,
            "INSERT INTO sections (deck_id, key, heading, source, position)"
            " VALUES (?1, ?2, ?3, ?4, ?5)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, deck_id);
          sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, heading, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, source, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 5, s);
          if (!_eg_store_step_done (store, stmt, error))
            return FALSE;
          section_id = sqlite3_last_insert_rowid (_eg_store_get_db (store));

          for (guint c = 0; c < section_cards; c++, number++, index++)
            {
              g_autofree char *card_key = g_strdup_printf ("%u/%u", section_number, number);
              CardText text = { NULL };
              EgNewCard card;

              if (index % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
                return FALSE;
              make_card_text (seed, index, theme, &text);
              card = (EgNewCard) {
                .deck_id = deck_id,
                .section_id = section_id,
                .key = card_key,
                .number = (int) number,
                .position = (int) c,
                .question = text.question,
                .answer = text.answer,
                .parts = text.parts,
                .content_hash = text.hash,
              };
              card_ids[index] = _eg_store_insert_card (store, &card, created, error);
              card_text_clear (&text);
              if (card_ids[index] == 0)
                return FALSE;
            }
        }
    }

  return TRUE;
}

static void
review_to_card (const Review *r,
                EgFsrsCard   *card)
{
  card->state = (EgFsrsState) r->state;
  card->stability = r->stability;
  card->difficulty = r->difficulty;
  card->due = r->due;
  card->last_review = r->reviewed_at;
  card->elapsed_days = r->elapsed_days;
  card->scheduled_days = r->scheduled_days;
  card->reps = r->reps;
  card->lapses = r->lapses;
  card->learning_steps = r->learning_steps;
}

/* As eg_scheduler_grade() leaves card_state after the card's last review. */
static gboolean
write_state (EgStore       *store,
             gint64         card_id,
             const Review  *last,
             GError       **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (store,
    "UPDATE card_state SET state = ?2, due = ?3, stability = ?4, difficulty = ?5,"
    "  elapsed_days = ?6, scheduled_days = ?7, reps = ?8, lapses = ?9,"
    "  learning_steps = ?10, last_review = ?11, due_day = ?12"
    " WHERE card_id = ?1", error);
  EgFsrsCard card;

  if (stmt == NULL)
    return FALSE;
  review_to_card (last, &card);
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int (stmt, 2, card.state);
  sqlite3_bind_int64 (stmt, 3, card.due);
  sqlite3_bind_double (stmt, 4, card.stability);
  sqlite3_bind_double (stmt, 5, card.difficulty);
  sqlite3_bind_int (stmt, 6, card.elapsed_days);
  sqlite3_bind_int (stmt, 7, card.scheduled_days);
  sqlite3_bind_int (stmt, 8, card.reps);
  sqlite3_bind_int (stmt, 9, card.lapses);
  sqlite3_bind_int (stmt, 10, card.learning_steps);
  sqlite3_bind_int64 (stmt, 11, card.last_review);
  sqlite3_bind_int (stmt, 12, last->day + card.scheduled_days);
  return _eg_store_step_done (store, stmt, error);
}

/* As eg_scheduler_grade() appends a review to the log. */
static gboolean
write_review (EgStore       *store,
              gint64         card_id,
              const Review  *before,
              const Review  *after,
              GError       **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (store,
    "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, state_after,"
    "  stability_before, stability_after, difficulty_before, difficulty_after,"
    "  elapsed_days, scheduled_days, due_after, duration_ms, rescheduled, day)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int64 (stmt, 2, after->reviewed_at);
  sqlite3_bind_int (stmt, 3, after->rating);
  sqlite3_bind_int (stmt, 4, before ? before->state : EG_FSRS_STATE_NEW);
  sqlite3_bind_int (stmt, 5, after->state);
  sqlite3_bind_double (stmt, 6, before ? before->stability : 0.0);
  sqlite3_bind_double (stmt, 7, after->stability);
  sqlite3_bind_double (stmt, 8, before ? before->difficulty : 0.0);
  sqlite3_bind_double (stmt, 9, after->difficulty);
  sqlite3_bind_int (stmt, 10, after->elapsed_days);
  sqlite3_bind_int (stmt, 11, after->scheduled_days);
  sqlite3_bind_int64 (stmt, 12, after->due);
  sqlite3_bind_int64 (stmt, 13, after->duration_ms);
  sqlite3_bind_int (stmt, 14, after->day);
  return _eg_store_step_done (store, stmt, error);
}

/* Drops the indexes of @table (but those of its constraints) and returns
 * the SQL that makes them again: an index built once from all the rows is
 * many times faster than one updated row by row.
 */
static gboolean
drop_indexes (EgStore     *store,
              const char  *table,
              GPtrArray   *create,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = _eg_store_prepare (store,
                            "SELECT name, sql FROM sqlite_master"
                            " WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL"
                            " ORDER BY name", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (create, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (store, error, "Cannot read the schema");

  for (guint i = 0; i < names->len; i++)
    {
      char *sql = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *) g_ptr_array_index (names, i));
      gboolean ok = _eg_store_exec (store, sql, error);

      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
create_indexes (EgStore    *store,
                GPtrArray  *create,
                GError    **error)
{
  for (guint i = 0; i < create->len; i++)
    if (!_eg_store_exec (store, g_ptr_array_index (create, i), error))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The entry point                                                      */
/* ------------------------------------------------------------------ */

static gboolean
calibrate (const Sim    *sim,
           Calibration  *calibration,
           GError      **error)
{
  Pool pool;
  gboolean ok = TRUE;

  memset (calibration, 0, sizeof *calibration);
  calibration->sim = sim;
  pool_start (&pool, calibrate_age, calibration, G_N_ELEMENTS (calibration_ages));
  for (guint i = 0; ok && i < G_N_ELEMENTS (calibration_ages); i++)
    ok = pool_wait (&pool, i);
  if (!pool_finish (&pool, error))
    return FALSE;

  return TRUE;
}

/* Plans for @margin times @n_reviews and starts simulating. */
static gboolean
plan_and_start (Run                *run,
                const Sim          *sim,
                const Calibration  *calibration,
                guint               n_cards,
                guint               n_reviews,
                double              margin,
                int                *intro_day,
                Plan               *plan,
                GError            **error)
{
  if (!choose_plan (sim, calibration, n_cards, n_reviews, margin * n_reviews, plan,
                    intro_day, error))
    return FALSE;

  run_start (run, sim, intro_day, n_cards);
  return TRUE;
}

/* The decks were added on the day the first card was studied. */
static gboolean
set_created (EgStore  *store,
             gint64    created,
             GError  **error)
{
  static const char * const updates[] = {
    "UPDATE decks SET created = ?1, modified = ?1",
    "UPDATE cards SET created = ?1, modified = ?1",
    "UPDATE card_state SET due = ?1",   /* a new card is due when it was added */
  };

  for (guint i = 0; i < G_N_ELEMENTS (updates); i++)
    {
      sqlite3_stmt *stmt = _eg_store_cached (store, updates[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, created);
      if (!_eg_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * eg_synthetic_generate:
 * @store: an empty collection
 * @n_cards: cards to add, in 4 decks of up to 25 sections each
 * @n_reviews: review-log rows to add, exactly
 * @seed: the same seed (and @now_ms) gives the same collection
 * @now_ms: the present: no review is later
 *
 * Fills @store with a synthetic collection: varied Markdown cards and a
 * realistic review history, as grading those reviews one by one with the
 * collection's scheduler settings (the defaults, normally) would have left
 * it.  Cards never reviewed stay new.  Everything is written in one
 * transaction (the indexes of cards, card_state and review_log are dropped
 * and built again in it).  Fails when the collection has cards or decks
 * already, or when @n_reviews is more than decades of study of @n_cards
 * cards give (some 40 reviews a card).
 */
gboolean
eg_synthetic_generate (EgStore       *store,
                       guint          n_cards,
                       guint          n_reviews,
                       guint32        seed,
                       gint64         now_ms,
                       GCancellable  *cancellable,
                       GError       **error)
{
  EgSchedulerSettings settings;
  g_autofree int *intro_day = NULL;
  g_autofree gint64 *card_ids = NULL;
  g_autofree guint *kept = NULL;
  g_autofree Entry *entries = NULL;
  g_autoptr(GPtrArray) indexes = NULL;
  Calibration calibration;
  double margin = PLAN_MARGIN;
  int cache_size = 0;
  Run run = { NULL };
  Sim sim = { { { 0 } } };
  Plan plan = { 0, 0 };
  gint64 started = g_get_monotonic_time ();
  gint64 cards_written = started, simulated = started;
  gboolean ok = FALSE;

  g_return_val_if_fail (EG_IS_STORE (store), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_reviews > 0 && n_cards == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Reviews need cards: %u reviews of no card", n_reviews);
      return FALSE;
    }
  if (!check_empty (store, error))
    return FALSE;

  eg_scheduler_settings_init (&settings);
  if (!eg_scheduler_settings_load (&settings, store, error) ||
      !sim_init (&sim, &settings, n_reviews, seed, now_ms, cancellable, error))
    goto out;

  /* the threads simulate while this one writes the cards */
  intro_day = g_new (int, MAX (n_cards, 1));
  if (n_reviews > 0 &&
      (!calibrate (&sim, &calibration, error) ||
       !plan_and_start (&run, &sim, &calibration, n_cards, n_reviews, margin, intro_day,
                        &plan, error)))
    goto out;

  card_ids = g_new0 (gint64, MAX (n_cards, 1));
  indexes = g_ptr_array_new_with_free_func (g_free);
  cache_size = read_cache_size (store);
  _eg_store_exec (store, "PRAGMA cache_size = -65536", NULL);
  if (!_eg_store_begin (store, error))
    goto out;
  if (!check_empty (store, error) ||
      !drop_indexes (store, "cards", indexes, error) ||
      !drop_indexes (store, "card_state", indexes, error) ||
      !drop_indexes (store, "review_log", indexes, error) ||
      !write_cards (store, n_cards, seed, now_ms, card_ids, cancellable, error))
    goto failed;
  cards_written = g_get_monotonic_time ();

  if (n_reviews > 0)
    {
      for (int attempt = 1; ; attempt++)
        {
          if (!run_wait (&run, n_reviews, error))
            goto failed;
          if (run.total >= n_reviews)
            break;

          /* fewer than planned: plan for more, older cards */
          if (attempt == MAX_ATTEMPTS)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "Cannot plan a history of %u reviews for %u cards",
                           n_reviews, n_cards);
              goto failed;
            }
          margin *= 1.1 * n_reviews / MAX (run.total, 1);
          run_clear (&run);
          if (!plan_and_start (&run, &sim, &calibration, n_cards, n_reviews, margin,
                               intro_day, &plan, error))
            goto failed;
        }
      simulated = g_get_monotonic_time ();

      kept = g_new (guint, run.last_rank + 1);
      entries = order_reviews (&run, n_reviews, kept);
      if (!set_created (store, day_start_of (&sim, intro_day[run.last_rank]), error))
        goto failed;

      /* rank j is card last_rank - j: the oldest rank is first in deck order */
      for (guint rank = 0; rank <= run.last_rank; rank++)
        if (kept[rank] > 0 &&
            !write_state (store, card_ids[run.last_rank - rank],
                          run_review (&run, rank, kept[rank] - 1), error))
          goto failed;

      for (guint i = 0; i < n_reviews; i++)
        {
          const Entry *e = &entries[i];

          if (i % 8192 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            goto failed;
          if (!write_review (store, card_ids[run.last_rank - e->rank],
                             e->index > 0 ? run_review (&run, e->rank, e->index - 1) : NULL,
                             run_review (&run, e->rank, e->index), error))
            goto failed;
        }
    }

  if (!create_indexes (store, indexes, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_eg_store_commit (store, error))
    goto failed;

  g_debug ("%u cards, %u reviews (%.1f new cards a day, the last %d days ago): "
           "cards written after %.1f s, simulated after %.1f s, all written after %.1f s",
           n_cards, n_reviews, plan.rate, plan.gap, (cards_written - started) / 1e6,
           (simulated - started) / 1e6, (g_get_monotonic_time () - started) / 1e6);

  ok = TRUE;
  goto out;

failed:
  _eg_store_rollback (store);
out:
  if (cache_size != 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %d", cache_size);

      _eg_store_exec (store, sql, NULL);
    }
  run_clear (&run);
  sim_clear (&sim);
  eg_scheduler_settings_clear (&settings);
  return ok;
}
