/* eg-cli-plan.c - `engram-cli plan`: set, show or clear the interview date
 * and print the plan (eg_plan_compute()): new cards and expected reviews
 * per day, and the expected recall on the date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "eg-cli-json.h"
#include "eg-cli.h"

static void
print_json (const EgPlan *plan)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  eg_cli_json_add_string (builder, "date", plan->date);
  eg_cli_json_add_day (builder, "today", plan->today);
  eg_cli_json_add_int (builder, "days_left", plan->days_left);
  eg_cli_json_add_string (builder, "deck", plan->deck_key);
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; plan->sections[i] != NULL; i++)
    json_builder_add_string_value (builder, plan->sections[i]);
  json_builder_end_array (builder);
  eg_cli_json_add_int (builder, "scope_cards", plan->scope_cards);
  eg_cli_json_add_int (builder, "scope_new", plan->scope_new);
  eg_cli_json_add_double (builder, "target_stability", plan->target_stability);
  eg_cli_json_add_int (builder, "lead_days", plan->lead_days);
  eg_cli_json_add_day (builder, "last_intro_date", plan->last_intro_day);
  eg_cli_json_add_int (builder, "new_per_day", plan->new_per_day);
  eg_cli_json_add_int (builder, "reviews_per_day", plan->reviews_per_day);
  eg_cli_json_add_share (builder, "expected_recall", plan->expected_recall);
  json_builder_set_member_name (builder, "feasible");
  json_builder_add_boolean_value (builder, plan->feasible);
  json_builder_set_member_name (builder, "too_few_days");
  json_builder_add_boolean_value (builder, plan->too_few_days);
  eg_cli_json_add_int (builder, "needed_reviews_per_day", plan->needed_reviews_per_day);
  eg_cli_json_add_int (builder, "needed_new_per_day", plan->needed_new_per_day);
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plan->days->len; i++)
    {
      const EgPlanDay *day = &g_array_index (plan->days, EgPlanDay, i);

      json_builder_begin_object (builder);
      eg_cli_json_add_day (builder, "date", day->day);
      eg_cli_json_add_int (builder, "new_cards", day->new_cards);
      eg_cli_json_add_double (builder, "reviews", day->reviews);
      eg_cli_json_add_double (builder, "recall", day->recall);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  eg_cli_json_print (builder);
}

/* "3 new cards", "1 new card" */
static char *
new_cards_text (int n)
{
  return g_strdup_printf (ngettext ("%d new card", "%d new cards", n), n);
}

/* "200 reviews", "1 review" */
static char *
reviews_text (int n)
{
  return g_strdup_printf (ngettext ("%d review", "%d reviews", n), n);
}

/* "12 days", "1 day" */
static char *
days_text (int n)
{
  return g_strdup_printf (ngettext ("%d day", "%d days", n), n);
}

static void
print_warning (const EgPlan *plan)
{
  if (plan->feasible)
    return;
  g_print ("\n");
  if (plan->too_few_days)
    {
      g_autofree char *last = eg_time_format_day (plan->last_intro_day);
      g_autofree char *lead = days_text (plan->lead_days);
      g_autofree char *planned = NULL;

      /* Translators: the end of the warning below */
      planned = g_strdup_printf (ngettext ("%d new card is planned as soon as possible",
                                           "all %d new cards are planned as soon as possible",
                                           plan->scope_new), (int) plan->scope_new);
      /* Translators: the first %s is "12 days", %g a number of days, the
       * second %s a date, the third "all 245 new cards are planned as soon
       * as possible" */
      g_print (_("Warning: the goal is out of reach: too few days. A new card needs %s "
                 "to reach a stability of %g days, so the last day to introduce one was %s; "
                 "%s.\n"), lead, plan->target_stability, last, planned);
    }
  else
    {
      g_autofree char *reviews = reviews_text (plan->reviews_per_day);

      /* Translators: %s is "200 reviews" */
      g_print (_("Warning: the goal is out of reach with %s a day.\n"), reviews);
    }
  if (plan->needed_reviews_per_day > plan->reviews_per_day)
    /* Translators: the command in parentheses stays as it is */
    g_print (ngettext ("It would take %d review a day (engram-cli settings reviews-per-day %d).\n",
                       "It would take %d reviews a day (engram-cli settings reviews-per-day %d).\n",
                       plan->needed_reviews_per_day),
             plan->needed_reviews_per_day, plan->needed_reviews_per_day);
}

static void
print_text (const EgPlan *plan)
{
  g_autofree char *sections = g_strjoinv (", ", plan->sections);
  g_autofree char *last = eg_time_format_day (plan->last_intro_day);
  g_autofree char *lead = days_text (plan->lead_days);
  g_autofree char *new_budget = new_cards_text (plan->new_per_day);
  g_autofree char *review_budget = reviews_text (plan->reviews_per_day);
  g_autofree char *new_needed = new_cards_text (MAX (plan->needed_new_per_day,
                                                     plan->new_per_day));
  g_autofree char *reviews_needed = reviews_text (plan->needed_reviews_per_day);
  g_autofree char *scope = NULL;

  if (plan->days_left < 0)
    {
      /* Translators: %s is the interview date; the command stays as it is */
      g_print (ngettext ("Interview: %s (passed %d day ago): the plan has no effect any more; "
                         "engram-cli plan --clear removes it.\n",
                         "Interview: %s (passed %d days ago): the plan has no effect any more; "
                         "engram-cli plan --clear removes it.\n", -plan->days_left),
               plan->date, -plan->days_left);
      return;
    }
  g_print (ngettext ("Interview: %s (in %d day)\n", "Interview: %s (in %d days)\n",
                     plan->days_left), plan->date, plan->days_left);
  if (*sections != '\0')
    /* Translators: a deck's key (or "every deck") and a list of section keys */
    scope = g_strdup_printf (_("%s, sections %s"),
                             plan->deck_key != NULL ? plan->deck_key : _("every deck"),
                             sections);
  else
    scope = g_strdup (plan->deck_key != NULL ? plan->deck_key : _("every deck"));
  /* Translators: "Scope: every deck: 245 cards, 245 new" */
  g_print (ngettext ("Scope: %s: %u card, %u new\n", "Scope: %s: %u cards, %u new\n",
                     plan->scope_cards), scope, plan->scope_cards, plan->scope_new);
  /* Translators: %g is a number of days, the first %s "12 days", the second a date */
  g_print (_("Target: a stability of %g days; a new card needs %s to reach it, "
             "so the last day to introduce one is %s\n"),
           plan->target_stability, lead, last);
  /* Translators: "Budget: 5 new cards and 200 reviews a day; the plan needs up
   * to 5 new cards and 40 reviews a day" */
  g_print (_("Budget: %s and %s a day; the plan needs up to %s and %s a day\n"),
           new_budget, review_budget, new_needed, reviews_needed);
  /* Translators: %s is the interview date, %.0f %% a percentage */
  g_print (_("Expected recall on %s: %.0f %%\n\n"), plan->date, 100 * plan->expected_recall);
  /* Translators: the heading of the plan's table, above lines such as
   * "2026-12-01    5       40     93 %": end "New" in column 15, "Reviews"
   * in column 24 and "Recall" in column 32 so that the columns line up */
  g_print ("%s\n", _("Date        New  Reviews  Recall"));
  for (guint i = 0; i < plan->days->len; i++)
    {
      const EgPlanDay *day = &g_array_index (plan->days, EgPlanDay, i);
      g_autofree char *date = eg_time_format_day (day->day);

      g_print ("%s %4u %8.0f %6.0f %%\n", date, day->new_cards, day->reviews,
               100 * day->recall);
    }
  print_warning (plan);
}

/**
 * eg_cli_plan:
 *
 * engram-cli plan [--date YYYY-MM-DD [--deck KEY] [--sections KEY,…]]
 * [--clear] [--json]
 */
int
eg_cli_plan (EgCliContext  *ctx,
             int            argc,
             char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(EgPlan) plan = NULL;
  g_autofree char *date = NULL;
  g_autofree char *deck = NULL;
  g_autofree char *sections = NULL;
  gboolean clear = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, _("Set the interview date"),
      /* Translators: a placeholder in the help */
      _("YYYY-MM-DD") },
    { "deck", 0, 0, G_OPTION_ARG_STRING, &deck, _("With --date: the deck that matters "
      "(default: every card)"), C_("placeholder", "KEY") },
    { "sections", 0, 0, G_OPTION_ARG_STRING, &sections, _("With --date: only these sections"),
      C_("placeholder", "KEY,…") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, _("End interview-date mode"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, _("Print the plan as JSON"), NULL },
    { NULL }
  };

  if (!eg_cli_parse_options (ctx, "", _("Interview-date mode: set a date (new cards are "
                             "paced and the last day crams), show the plan and the expected "
                             "recall on the date, or clear it."), entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_cli_usage_error (_("plan: unexpected argument “%s”"), argv[1]);
  if (clear && date != NULL)
    return eg_cli_usage_error (_("plan: --clear and --date do not go together"));
  if (date == NULL && (deck != NULL || sections != NULL))
    return eg_cli_usage_error (_("plan: --deck and --sections go with --date"));
  if (!eg_cli_open_store (ctx, clear || date != NULL ? EG_CLI_WRITE : EG_CLI_READ))
    return 1;
  if (!(scheduler = eg_scheduler_new (ctx->store, &error)))
    return eg_cli_fail (error);

  if (clear)
    {
      if (!eg_plan_clear (scheduler, &error))
        return eg_cli_fail (error);
      g_print (_("Interview date cleared: the normal study queue again.\n"));
      return 0;
    }
  if (date != NULL && !eg_plan_set (scheduler, date, deck, sections, ctx->now_ms, &error))
    return eg_cli_fail (error);
  if (!eg_plan_is_set (scheduler))
    {
      if (json)
        fputs ("null\n", stdout);   /* JSON for "no plan" */
      else
        g_print (_("No interview date is set (engram-cli plan --date YYYY-MM-DD sets one).\n"));
      return 0;
    }
  if (!(plan = eg_plan_compute (scheduler, ctx->now_ms, &error)))
    return eg_cli_fail (error);
  if (json)
    print_json (plan);
  else
    print_text (plan);
  return 0;
}
