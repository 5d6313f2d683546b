/* eg-plan.c - interview-date mode: the settings, the pacing of new cards,
 * the forecast and the budget (see eg-plan.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-plan"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "eg-plan-private.h"
#include "eg-scheduler-private.h"
#include "eg-simulate.h"
#include "eg-time.h"

G_DEFINE_QUARK (eg-plan-error-quark, eg_plan_error)

/**
 * eg_plan_parse_date:
 * @day: (out): its study day number (eg_time_study_day())
 *
 * Reads a calendar date written YYYY-MM-DD.
 */
gboolean
eg_plan_parse_date (const char  *date,
                    int         *day,
                    GError     **error)
{
  if (date == NULL || !eg_time_parse_day (date, day) || *day < 0)
    {
      g_set_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 2027-03-15"),
                   date != NULL ? date : "");
      return FALSE;
    }
  return TRUE;
}

/* The id of the deck named @key, or -1 with @error set (an unknown deck is
 * the plan's error: the settings are refused) */
static gint64
find_deck (EgStore     *store,
           const char  *key,
           GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(EgDeckInfo) deck = eg_store_find_deck (store, key, &local);

  if (deck != NULL)
    return deck->id;
  if (g_error_matches (local, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND))
    g_set_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_INVALID, _("No deck “%s”"), key);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return -1;
}

/* The ids of the comma-separated section keys of @sections, all in deck
 * @deck_id (0: any) */
static GArray *
find_sections (EgStore     *store,
               const char  *sections,
               gint64       deck_id,
               GError     **error)
{
  g_auto(GStrv) keys = g_strsplit (sections != NULL ? sections : "", ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(EgSectionInfo) section = NULL;
      g_autoptr(GError) local = NULL;
      const char *key = g_strstrip (keys[i]);

      if (*key == '\0')
        continue;
      section = eg_store_find_section (store, key, &local);
      if (section == NULL)
        {
          g_set_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_INVALID,
                       _("Unknown section “%s”: %s"), key, local->message);
          return NULL;
        }
      if (deck_id != 0 && section->deck_id != deck_id)
        {
          g_set_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_INVALID,
                       _("Section “%s” is not in the interview's deck"), key);
          return NULL;
        }
      g_array_append_val (ids, section->id);
    }
  return g_steal_pointer (&ids);
}

/* "a, b,,c " -> "a,b,c" */
static char *
normalize_sections (const char *sections)
{
  g_auto(GStrv) keys = g_strsplit (sections != NULL ? sections : "", ",", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *key = g_strstrip (keys[i]);

      if (*key != '\0')
        g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", key);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
write_settings (EgStore     *store,
                const char  *date,
                const char  *deck,
                const char  *sections,
                GError     **error)
{
  if (!_eg_store_begin (store, error))
    return FALSE;
  if (!eg_store_set_setting (store, EG_PLAN_KEY_DATE, date, error) ||
      !eg_store_set_setting (store, EG_PLAN_KEY_DECK, deck, error) ||
      !eg_store_set_setting (store, EG_PLAN_KEY_SECTIONS, sections, error) ||
      !_eg_store_commit (store, error))
    {
      _eg_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * eg_plan_set:
 * @date: the interview, YYYY-MM-DD: today or later
 * @deck_key: (nullable): the deck in scope; NULL: every deck
 * @sections: (nullable): comma-separated section keys (KEY or DECK:KEY) to
 *   restrict the scope to; NULL or "": the whole deck
 *
 * Sets the interview plan.  A bad or past date, an unknown deck or section
 * is refused with a message, and nothing is saved.
 */
gboolean
eg_plan_set (EgScheduler  *scheduler,
             const char   *date,
             const char   *deck_key,
             const char   *sections,
             gint64        now_ms,
             GError      **error)
{
  EgStore *store;
  g_autoptr(GArray) section_ids = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *normal = NULL;
  gint64 deck_id = 0;
  int day, today;

  g_return_val_if_fail (EG_IS_SCHEDULER (scheduler), FALSE);

  store = eg_scheduler_get_store (scheduler);
  if (!eg_plan_parse_date (date, &day, error))
    return FALSE;
  today = eg_scheduler_study_day (scheduler, now_ms);
  if (day < today)
    {
      today_text = eg_time_format_day (today);
      g_set_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_INVALID,
                   _("The interview date %s is in the past (today is %s)"), date, today_text);
      return FALSE;
    }
  if (deck_key != NULL && *deck_key != '\0' && (deck_id = find_deck (store, deck_key, error)) < 0)
    return FALSE;
  if (!(section_ids = find_sections (store, sections, deck_id, error)))
    return FALSE;
  normal = normalize_sections (sections);
  return write_settings (store, date, deck_key != NULL ? deck_key : "", normal, error);
}

/**
 * eg_plan_clear:
 *
 * Ends interview-date mode: the queue is the normal one again.
 */
gboolean
eg_plan_clear (EgScheduler  *scheduler,
               GError      **error)
{
  g_return_val_if_fail (EG_IS_SCHEDULER (scheduler), FALSE);
  return write_settings (eg_scheduler_get_store (scheduler), "", "", "", error);
}

/**
 * eg_plan_is_set:
 *
 * Returns: whether an interview date is set (past or not)
 */
gboolean
eg_plan_is_set (EgScheduler *scheduler)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (EG_IS_SCHEDULER (scheduler), FALSE);
  date = eg_store_get_setting (eg_scheduler_get_store (scheduler), EG_PLAN_KEY_DATE);
  return date != NULL && *date != '\0';
}

/**
 * eg_plan_lead_days:
 *
 * Returns: how many days after its introduction a new card reaches
 *   @target_stability when every answer is Good at the scheduler's
 *   intervals (learning steps included, fuzz left out)
 */
int
eg_plan_lead_days (const EgFsrsParams *params,
                   double              target_stability)
{
  EgFsrsParams exact = *params;
  const gint64 start = G_GINT64_CONSTANT (946706400000);  /* 2000-01-01T06:00Z */
  gint64 now = start;
  EgFsrsCard card;

  exact.enable_fuzz = FALSE;
  eg_fsrs_card_init_new (&card, start);
  for (guint i = 0; i < 200; i++)
    {
      EgFsrsCard next;

      if (!eg_fsrs_review (&exact, &card, now, EG_FSRS_GOOD, &next, NULL))
        break;
      card = next;
      if (card.state == EG_FSRS_STATE_REVIEW && card.stability >= target_stability)
        break;
      now = MAX (now, card.due);
    }
  return (int) ((now - start) / EG_FSRS_MS_PER_DAY);
}

void
_eg_plan_scope_clear (EgPlanScope *scope)
{
  g_clear_pointer (&scope->cards, g_array_unref);
}

static gboolean
in_sections (GArray *ids,
             gint64  section_id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == section_id)
      return TRUE;
  return FALSE;
}

/**
 * _eg_plan_load_scope:
 * @active: (out): whether a plan is set and the interview is today or later
 *
 * Reads the plan's settings and the cards of its scope.  Without a plan,
 * or once the date has passed, @active is FALSE and @scope is left empty.
 */
gboolean
_eg_plan_load_scope (EgScheduler  *scheduler,
                     gint64        now_ms,
                     EgPlanScope  *scope,
                     gboolean     *active,
                     GError      **error)
{
  EgStore *store = eg_scheduler_get_store (scheduler);
  g_autofree char *date = eg_store_get_setting (store, EG_PLAN_KEY_DATE);
  g_autofree char *deck = eg_store_get_setting (store, EG_PLAN_KEY_DECK);
  g_autofree char *sections = eg_store_get_setting (store, EG_PLAN_KEY_SECTIONS);
  g_autoptr(GArray) section_ids = NULL;
  g_autoptr(GArray) cards = NULL;
  gint64 deck_id = 0;

  memset (scope, 0, sizeof *scope);
  *active = FALSE;
  if (date == NULL || *date == '\0')
    return TRUE;
  if (!eg_plan_parse_date (date, &scope->interview_day, error))
    return FALSE;
  scope->today = eg_scheduler_study_day (scheduler, now_ms);
  scope->last_intro_day = scope->interview_day -
                          eg_plan_lead_days (eg_scheduler_get_params (scheduler),
                                             EG_PLAN_TARGET_STABILITY);
  scope->date_ms = _eg_scheduler_day_start (scheduler, scope->interview_day) +
                   EG_PLAN_RECALL_OFFSET_MS;
  if (scope->interview_day < scope->today)
    return TRUE;
  if (deck != NULL && *deck != '\0' && (deck_id = find_deck (store, deck, error)) < 0)
    return FALSE;
  if (!(section_ids = find_sections (store, sections, deck_id, error)))
    return FALSE;
  cards = g_array_new (FALSE, FALSE, sizeof (EgScopeCard));
  if (!_eg_store_list_scope_cards (store, deck_id, now_ms, cards, error))
    return FALSE;
  scope->cards = g_array_new (FALSE, FALSE, sizeof (EgScopeCard));
  for (guint i = 0; i < cards->len; i++)
    {
      const EgScopeCard *card = &g_array_index (cards, EgScopeCard, i);

      if (section_ids->len > 0 && !in_sections (section_ids, card->section_id))
        continue;
      g_array_append_val (scope->cards, *card);
      scope->n_new += card->state.state == EG_FSRS_STATE_NEW;
    }
  *active = TRUE;
  return TRUE;
}

void
eg_plan_free (EgPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->date);
  g_free (plan->deck_key);
  g_strfreev (plan->sections);
  g_clear_pointer (&plan->days, g_array_unref);
  g_free (plan);
}

static EgPlan *
plan_new (EgScheduler       *scheduler,
          const EgPlanScope *scope)
{
  EgStore *store = eg_scheduler_get_store (scheduler);
  const EgSchedulerSettings *settings = eg_scheduler_get_settings (scheduler);
  g_autofree char *deck = eg_store_get_setting (store, EG_PLAN_KEY_DECK);
  g_autofree char *sections = eg_store_get_setting (store, EG_PLAN_KEY_SECTIONS);
  EgPlan *plan = g_new0 (EgPlan, 1);

  plan->date = eg_store_get_setting (store, EG_PLAN_KEY_DATE);
  plan->deck_key = deck != NULL && *deck != '\0' ? g_steal_pointer (&deck) : NULL;
  plan->sections = sections != NULL && *sections != '\0'
                   ? g_strsplit (sections, ",", -1) : g_new0 (char *, 1);
  plan->today = scope->today;
  plan->interview_day = scope->interview_day;
  plan->days_left = scope->interview_day - scope->today;
  plan->target_stability = EG_PLAN_TARGET_STABILITY;
  plan->lead_days = scope->interview_day - scope->last_intro_day;
  plan->last_intro_day = scope->last_intro_day;
  plan->new_per_day = settings->new_per_day;
  plan->reviews_per_day = settings->reviews_per_day;
  plan->days = g_array_new (FALSE, TRUE, sizeof (EgPlanDay));
  plan->expected_recall = -1;
  plan->feasible = TRUE;
  return plan;
}

/* How many runs to average: EG_PLAN_RUNS for a small scope, fewer for a
 * large one, whose mean over its many cards varies little from run to run
 * (at least EG_PLAN_CARD_RUNS card-runs, at least one run) */
static guint
n_runs (guint n_cards)
{
  return CLAMP (EG_PLAN_CARD_RUNS / MAX (n_cards, 1), 1, EG_PLAN_RUNS);
}

/* Runs the simulation n_runs() times; @sum gets the sums of each day */
static gboolean
simulate_runs (EgSimulateOptions  *options,
               const EgFsrsCard   *cards,
               guint               n_cards,
               EgSimulateDay      *sum,
               GError            **error)
{
  g_autofree EgSimulateDay *days = g_new (EgSimulateDay, options->n_days);

  memset (sum, 0, sizeof *sum * options->n_days);
  for (guint run = 0; run < n_runs (n_cards); run++)
    {
      options->seed = run + 1;
      if (!eg_simulate_run (options, cards, n_cards, days, NULL, error))
        return FALSE;
      for (guint d = 0; d < options->n_days; d++)
        {
          sum[d].new_cards += days[d].new_cards;
          sum[d].reviews += days[d].reviews;
          sum[d].early += days[d].early;
          sum[d].recall += days[d].recall;
        }
    }
  return TRUE;
}

/* The forecast and the budget, from simulations of the scope */
static gboolean
forecast (EgScheduler        *scheduler,
          const EgPlanScope  *scope,
          gint64              now_ms,
          EgPlan             *plan,
          GError            **error)
{
  EgStore *store = eg_scheduler_get_store (scheduler);
  guint n_cards = scope->cards->len, n_days = (guint) plan->days_left + 1;
  double runs = n_runs (n_cards);
  g_autofree EgFsrsCard *cards = g_new (EgFsrsCard, MAX (n_cards, 1));
  g_autofree EgSimulateDay *sum = g_new (EgSimulateDay, n_days);
  EgSimulateOptions options;
  EgFsrsParams unfuzzed;
  int introduced, reviewed;
  double busiest = 0;

  if ((introduced = _eg_store_count_graded (store, plan->today, EG_FSRS_STATE_NEW, error)) < 0 ||
      (reviewed = _eg_store_count_graded (store, plan->today, EG_FSRS_STATE_REVIEW, error)) < 0)
    return FALSE;
  for (guint i = 0; i < n_cards; i++)
    eg_card_state_to_fsrs (&g_array_index (scope->cards, EgScopeCard, i).state, &cards[i]);

  /* fuzz left out: it moves a review a day or so either way at random,
   * which an average over runs hardly sees, and it makes the simulation
   * several times slower */
  unfuzzed = *eg_scheduler_get_params (scheduler);
  unfuzzed.enable_fuzz = FALSE;
  eg_simulate_options_init (&options, &unfuzzed);
  options.start_ms = _eg_scheduler_day_start (scheduler, plan->today);
  options.n_days = MIN (n_days, EG_SIMULATE_MAX_DAYS);
  options.new_per_day = plan->new_per_day;
  options.reviews_per_day = plan->reviews_per_day;
  options.interview_day = plan->days_left;
  options.last_intro_day = plan->last_intro_day - plan->today;
  options.first_session_ms = now_ms;
  options.new_studied_today = (guint) introduced;
  options.reviews_studied_today = (guint) reviewed;
  if (!simulate_runs (&options, cards, n_cards, sum, error))
    return FALSE;
  for (guint d = 0; d < options.n_days; d++)
    {
      EgPlanDay day = {
        plan->today + (int) d,
        (guint) round (sum[d].new_cards / runs),
        sum[d].reviews / runs,
        sum[d].recall / runs,
      };

      g_array_append_val (plan->days, day);
    }
  plan->expected_recall = g_array_index (plan->days, EgPlanDay, plan->days->len - 1).recall;

  /* the budget: the busiest day's reviews when nothing holds them back
   * (the cram window's early reviews left out: they only use what is left) */
  options.reviews_per_day = G_MAXINT / 2;
  options.skip_recall = TRUE;
  /* (unfuzzed, the reviews bunch a little more: the busiest day errs on
   * the safe side) */
  if (!simulate_runs (&options, cards, n_cards, sum, error))
    return FALSE;
  for (guint d = 0; d < options.n_days; d++)
    busiest = MAX (busiest, (sum[d].reviews - sum[d].early) / runs);
  plan->needed_reviews_per_day = (int) ceil (busiest - 1e-9);
  return TRUE;
}

/**
 * eg_plan_compute:
 *
 * The plan at @now_ms: its scope, the pacing of new cards, the forecast of
 * the expected recall for each day up to the interview, and whether the
 * goal is in reach with the daily budget.  Once the date has passed, the
 * plan has no days and an expected recall of -1.
 *
 * Returns: (transfer full): the plan, or NULL with EG_PLAN_ERROR_NOT_SET
 *   when no date is set
 */
EgPlan *
eg_plan_compute (EgScheduler  *scheduler,
                 gint64        now_ms,
                 GError      **error)
{
  g_auto(EgPlanScope) scope = { 0 };
  g_autoptr(EgPlan) plan = NULL;
  gboolean active;

  g_return_val_if_fail (EG_IS_SCHEDULER (scheduler), NULL);

  if (!eg_plan_is_set (scheduler))
    {
      g_set_error (error, EG_PLAN_ERROR, EG_PLAN_ERROR_NOT_SET, _("No interview date is set"));
      return NULL;
    }
  if (!_eg_plan_load_scope (scheduler, now_ms, &scope, &active, error))
    return NULL;
  plan = plan_new (scheduler, &scope);
  if (!active)
    return g_steal_pointer (&plan);

  plan->scope_cards = scope.cards->len;
  plan->scope_new = scope.n_new;
  plan->too_few_days = scope.n_new > 0 && plan->last_intro_day < plan->today;
  if (plan->too_few_days)
    plan->needed_new_per_day = (int) scope.n_new;
  else if (scope.n_new > 0)
    plan->needed_new_per_day = (int) ((scope.n_new + (guint) (plan->last_intro_day - plan->today))
                                      / (guint) (plan->last_intro_day - plan->today + 1));
  if (!forecast (scheduler, &scope, now_ms, plan, error))
    return NULL;
  plan->feasible = !plan->too_few_days &&
                   plan->needed_reviews_per_day <= plan->reviews_per_day;
  return g_steal_pointer (&plan);
}
