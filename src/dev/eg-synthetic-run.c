/* eg-synthetic-run.c - planning synthetic histories and simulating every card on threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A small pool of threads; the calibration (how many reviews a card of
 * each age has); the plan (how many new cards a day, and until when) that
 * gives the reviews asked for; and the run that simulates every card of
 * the plan in chunks and collects their reviews in the order of the log.
 */
#define G_LOG_DOMAIN "eg-synthetic"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "eg-synthetic-private.h"

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


G_STATIC_ASSERT (G_N_ELEMENTS (calibration_ages) == N_CALIBRATION_AGES);

static gboolean
calibrate_age (gpointer   data,
               guint      task,
               GError   **error)
{
  Calibration *calibration = data;
  const Sim *sim = calibration->sim;
  int day = _eg_synthetic_previous_study_day (sim, sim->today - calibration_ages[task]);
  guint64 total = 0;

  for (guint k = 0; k < CALIBRATION_CARDS; k++)
    {
      guint n;

      if (g_cancellable_set_error_if_cancelled (sim->cancellable, error) ||
          !_eg_synthetic_simulate_card (sim, SALT_CALIBRATION,
                                        (guint64) task * CALIBRATION_CARDS + k, day, NULL, &n,
                                        error))
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

void
_eg_synthetic_run_clear (Run *run)
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
          !_eg_synthetic_simulate_card (run->sim, SALT_CARD, j, run->intro_day[j], chunk->reviews,
                                        &n, error))
        return FALSE;
    }
  chunk->first[chunk->n_ranks] = chunk->reviews->len;
  return TRUE;
}

/* Starts simulating ranks 0, 1, … on threads; _eg_synthetic_run_wait() collects them. */
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
gboolean
_eg_synthetic_run_wait (Run     *run,
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
Entry *
_eg_synthetic_order_reviews (const Run *run,
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

gboolean
_eg_synthetic_calibrate (const Sim    *sim,
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
gboolean
_eg_synthetic_plan_and_start (Run                *run,
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

