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
 * This file writes the collection (in one transaction, with the indexes
 * built once at the end); the simulated user is in eg-synthetic-sim.c, the
 * planning and the threads in eg-synthetic-run.c, the card text in
 * eg-synthetic-text.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-synthetic"

#include "config.h"

#include <string.h>

#include "eg-scheduler.h"
#include "eg-store-private.h"
#include "eg-synthetic.h"
#include "eg-synthetic-private.h"

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
      const Theme *theme = _eg_synthetic_theme (d);
      guint deck_cards = n_cards / n_decks + (d < n_cards % n_decks);
      guint n_sections = MIN (SECTIONS_PER_DECK, deck_cards);
      g_autofree char *deck_key = eg_slugify (theme->title);
      gint64 deck_id;
      guint number = 1;

      deck_id = _eg_store_write_deck (store, 0, deck_key, theme->title, NULL, NULL, created,
                                      error);
      if (deck_id == 0)
        return FALSE;

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
          heading = g_strdup_printf ("%s **%u–%u: %s**", _eg_synthetic_emoji (section_number),
                                     number, number + MAX (section_cards, 1) - 1, title);
          source = g_strdup_printf ("From %u %s", section_number, topic);

          section_id = _eg_store_write_section (store, deck_id, 0, key, heading, source, (int) s,
                                                error);
          if (section_id == 0)
            return FALSE;

          for (guint c = 0; c < section_cards; c++, number++, index++)
            {
              g_autofree char *card_key = g_strdup_printf ("%u/%u", section_number, number);
              CardText text = { NULL };
              EgNewCard card;

              if (index % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
                return FALSE;
              _eg_synthetic_make_card_text (seed, index, theme, &text);
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
              _eg_synthetic_card_text_clear (&text);
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
  EgFsrsCard card;
  EgCardState state;

  review_to_card (last, &card);
  eg_card_state_from_fsrs (&state, &card, last->day + card.scheduled_days);
  return _eg_store_write_state (store, card_id, &state, error);
}

/* As eg_scheduler_grade() appends a review to the log. */
static gboolean
write_review (EgStore       *store,
              gint64         card_id,
              const Review  *before,
              const Review  *after,
              GError       **error)
{
  EgReview review = {
    .card_id = card_id,
    .reviewed_at = after->reviewed_at,
    .rating = after->rating,
    .state_before = before ? before->state : EG_FSRS_STATE_NEW,
    .state_after = after->state,
    .stability_before = before ? before->stability : 0.0,
    .stability_after = after->stability,
    .difficulty_before = before ? before->difficulty : 0.0,
    .difficulty_after = after->difficulty,
    .elapsed_days = after->elapsed_days,
    .scheduled_days = after->scheduled_days,
    .due_after = after->due,
    .duration_ms = after->duration_ms,
    .rescheduled = TRUE,
    .day = after->day,
  };

  return _eg_store_append_review (store, &review, error) != 0;
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

/* Waits for the run; when it falls short of @n_reviews, plans for more,
 * older cards and runs again.
 */
static gboolean
simulate_history (Run                *run,
                  const Sim          *sim,
                  const Calibration  *calibration,
                  guint               n_cards,
                  guint               n_reviews,
                  int                *intro_day,
                  Plan               *plan,
                  GError            **error)
{
  double margin = PLAN_MARGIN;

  for (int attempt = 1; ; attempt++)
    {
      if (!_eg_synthetic_run_wait (run, n_reviews, error))
        return FALSE;
      if (run->total >= n_reviews)
        return TRUE;

      /* fewer than planned: plan for more, older cards */
      if (attempt == MAX_ATTEMPTS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "Cannot plan a history of %u reviews for %u cards",
                       n_reviews, n_cards);
          return FALSE;
        }
      margin *= 1.1 * n_reviews / MAX (run->total, 1);
      _eg_synthetic_run_clear (run);
      if (!_eg_synthetic_plan_and_start (run, sim, calibration, n_cards, n_reviews, margin,
                                         intro_day, plan, error))
        return FALSE;
    }
}

/* Writes the first @n_reviews reviews of the run to the log and the card
 * states they leave, inside the caller's transaction.
 */
static gboolean
write_history (EgStore       *store,
               const Run     *run,
               const Sim     *sim,
               const int     *intro_day,
               const gint64  *card_ids,
               guint          n_reviews,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree guint *kept = g_new (guint, run->last_rank + 1);
  g_autofree Entry *entries = _eg_synthetic_order_reviews (run, n_reviews, kept);

  if (!set_created (store, day_start_of (sim, intro_day[run->last_rank]), error))
    return FALSE;

  /* rank j is card last_rank - j: the oldest rank is first in deck order */
  for (guint rank = 0; rank <= run->last_rank; rank++)
    if (kept[rank] > 0 &&
        !write_state (store, card_ids[run->last_rank - rank],
                      run_review (run, rank, kept[rank] - 1), error))
      return FALSE;

  for (guint i = 0; i < n_reviews; i++)
    {
      const Entry *e = &entries[i];

      if (i % 8192 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!write_review (store, card_ids[run->last_rank - e->rank],
                         e->index > 0 ? run_review (run, e->rank, e->index - 1) : NULL,
                         run_review (run, e->rank, e->index), error))
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
  g_autoptr(GPtrArray) indexes = NULL;
  Calibration calibration;
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
      !_eg_synthetic_sim_init (&sim, &settings, n_reviews, seed, now_ms, cancellable, error))
    goto out;

  /* the threads simulate while this one writes the cards */
  intro_day = g_new (int, MAX (n_cards, 1));
  if (n_reviews > 0 &&
      (!_eg_synthetic_calibrate (&sim, &calibration, error) ||
       !_eg_synthetic_plan_and_start (&run, &sim, &calibration, n_cards, n_reviews, PLAN_MARGIN,
                                      intro_day, &plan, error)))
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
      if (!simulate_history (&run, &sim, &calibration, n_cards, n_reviews, intro_day, &plan,
                             error))
        goto failed;
      simulated = g_get_monotonic_time ();
      if (!write_history (store, &run, &sim, intro_day, card_ids, n_reviews, cancellable, error))
        goto failed;
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
  _eg_synthetic_run_clear (&run);
  _eg_synthetic_sim_clear (&sim);
  eg_scheduler_settings_clear (&settings);
  return ok;
}
