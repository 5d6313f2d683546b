/* eg-dev-study.c - engram-dev study: days of study by a simulated learner
 *
 * Studies the cards already in a collection for the last N days through
 * the real scheduler (its queue, limits and grades), as a learner whose
 * memory follows the FSRS model: a card is recalled with the probability
 * of its retrievability when shown (Good, sometimes Hard or Easy),
 * forgotten otherwise (Again).  One session a day at a random hour, some
 * days skipped.  It makes the history the statistics pages are looked at
 * with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-dev.h"

#define MS_PER_MINUTE   G_GINT64_CONSTANT (60000)
#define MS_PER_HOUR     (60 * MS_PER_MINUTE)
#define SKIP_PROBABILITY 0.12   /* a day without study */

typedef struct
{
  EgScheduler *scheduler;
  GRand       *rand;
  guint        reviews;
  guint        again;
} Study;

static EgFsrsRating
answer (Study  *study,
        gint64  card_id,
        gint64  now_ms,
        GError **error)
{
  g_autoptr(EgCard) card = eg_store_get_card (eg_scheduler_get_store (study->scheduler),
                                              card_id, error);
  EgFsrsCard fsrs;
  double recall, draw;

  if (card == NULL)
    return 0;
  eg_card_state_to_fsrs (&card->state, &fsrs);
  /* a new card is seen for the first time: known a third of the time */
  recall = fsrs.last_review == 0 ? 0.35
         : eg_fsrs_retrievability (eg_scheduler_get_params (study->scheduler), &fsrs, now_ms);
  draw = g_rand_double (study->rand);
  if (draw >= recall)
    return EG_FSRS_AGAIN;
  draw = g_rand_double (study->rand);
  return draw < 0.12 ? EG_FSRS_HARD : draw < 0.92 ? EG_FSRS_GOOD : EG_FSRS_EASY;
}

/* One session from @start: everything the queue has, learning steps
 * included (the learner waits for them), until the day is over. */
static gboolean
study_day (Study   *study,
           gint64   start,
           gint64   day_end,
           GError **error)
{
  EgQueue *queue = eg_scheduler_build_queue (study->scheduler, start, error);
  gint64 now = start;
  gboolean ok = queue != NULL;

  while (ok && now < day_end)
    {
      gint64 card_id = eg_queue_peek (queue, now);
      gint64 duration;
      EgFsrsRating rating;

      if (card_id == 0)
        {
          gint64 next = eg_queue_get_next_due (queue);

          if (next <= 0 || next >= day_end)
            break;
          now = MAX (now, next);
          continue;
        }
      rating = answer (study, card_id, now, error);
      if (rating == 0)
        ok = FALSE;
      duration = g_rand_int_range (study->rand, 4000, rating == EG_FSRS_AGAIN ? 30000 : 16000);
      now += duration;
      if (ok)
        ok = eg_scheduler_grade (study->scheduler, queue, card_id, rating, now, duration,
                                 NULL, error);
      study->reviews += ok;
      study->again += ok && rating == EG_FSRS_AGAIN;
    }
  if (queue != NULL)
    eg_queue_free (queue);
  return ok;
}

int
eg_dev_study (int    argc,
              char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *at = NULL;
  gint64 days = -1;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      "The collection, with cards and no review yet (required)", "PATH" },
    { "days", 0, 0, G_OPTION_ARG_INT64, &days, "Days of study up to today (required)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "S" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      "The present, e.g. 2026-12-01T09:00:00Z: no review is later (default: now)", "ISO-TIME" },
    { NULL }
  };
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GError) error = NULL;
  EgStoreStats stats = { 0 };
  Study study = { 0 };
  int day_start_hour, today;
  gint64 now_ms;

  if (!eg_dev_parse_options ("--days N --db PATH",
                             "Study the cards of a collection for the last N days as a\n"
                             "simulated learner, through the real scheduler.",
                             entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_dev_usage_error ("study: unexpected argument “%s”", argv[1]);
  if (db_path == NULL || days < 1 || days > 3650)
    return eg_dev_usage_error ("study: --db PATH and --days N (1 to 3650) are required");
  if (seed < 0 || seed > G_MAXUINT32)
    return eg_dev_usage_error ("study: --seed is a number from 0 to %u", G_MAXUINT32);
  if (at == NULL)
    now_ms = eg_time_now_ms ();
  else if (!eg_time_parse_iso (at, &now_ms))
    return eg_dev_usage_error ("--at: “%s” is not an ISO 8601 time such as "
                               "2026-12-01T09:00:00Z", at);

  store = eg_store_open_full (db_path, EG_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !eg_store_get_stats (store, &stats, &error))
    return eg_dev_fail (error);
  /* a history is only ever added to cards nobody studied */
  if (stats.cards == 0 || stats.reviews_logged > 0)
    return eg_dev_usage_error ("study: “%s” must hold cards and no review yet "
                               "(%u cards, %u reviews)", db_path, stats.cards,
                               stats.reviews_logged);
  scheduler = eg_scheduler_new (store, &error);
  if (scheduler == NULL)
    return eg_dev_fail (error);

  rand = g_rand_new_with_seed ((guint32) seed);
  study.scheduler = scheduler;
  study.rand = rand;
  day_start_hour = eg_scheduler_get_settings (scheduler)->day_start_hour;
  today = eg_scheduler_study_day (scheduler, now_ms);

  for (int day = today - (int) days; day <= today; day++)
    {
      gint64 day_start = eg_time_study_day_start (day, day_start_hour);
      gint64 day_end = MIN (eg_time_study_day_start (day + 1, day_start_hour), now_ms);
      gint64 start = day_start + 3 * MS_PER_HOUR
                     + g_rand_int_range (rand, 0, 12) * MS_PER_HOUR;

      if (g_rand_double (rand) < SKIP_PROBABILITY || start >= day_end)
        continue;
      if (!study_day (&study, start, day_end, &error))
        return eg_dev_fail (error);
    }

  g_print ("%s: %u reviews over %" G_GINT64_FORMAT " days, %u rated Again\n",
           db_path, study.reviews, days, study.again);
  return 0;
}
