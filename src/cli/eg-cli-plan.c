/* eg-cli-plan.c - `engram-cli plan`: set, show or clear the interview date
 * and print the plan (eg_plan_compute()): new cards and expected reviews
 * per day, and the expected recall on the date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "eg-cli-json.h"
#include "eg-cli.h"

static void
print_json (const EgPlan *plan)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

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

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_warning (const EgPlan *plan)
{
  if (plan->feasible)
    return;
  g_print ("\nWarning: the goal is out of reach");
  if (plan->too_few_days)
    {
      g_autofree char *last = eg_time_format_day (plan->last_intro_day);

      g_print (": too few days. A new card needs %d days to reach a stability of %g days, "
               "so the last day to introduce one was %s; all %u new cards are planned as "
               "soon as possible.\n", plan->lead_days, plan->target_stability, last,
               plan->scope_new);
    }
  else
    g_print (" with %d reviews a day.\n", plan->reviews_per_day);
  if (plan->needed_reviews_per_day > plan->reviews_per_day)
    g_print ("It would take %d reviews a day (engram-cli settings reviews-per-day %d).\n",
             plan->needed_reviews_per_day, plan->needed_reviews_per_day);
}

static void
print_text (const EgPlan *plan)
{
  g_autofree char *sections = g_strjoinv (", ", plan->sections);
  g_autofree char *last = eg_time_format_day (plan->last_intro_day);

  if (plan->days_left < 0)
    {
      g_print ("Interview: %s (passed %d days ago): the plan has no effect any more; "
               "engram-cli plan --clear removes it.\n", plan->date, -plan->days_left);
      return;
    }
  g_print ("Interview: %s (in %d days)\n", plan->date, plan->days_left);
  g_print ("Scope: %s%s%s: %u cards, %u new\n",
           plan->deck_key != NULL ? plan->deck_key : "every deck",
           *sections != '\0' ? ", sections " : "", sections,
           plan->scope_cards, plan->scope_new);
  g_print ("Target: a stability of %g days; a new card needs %d days to reach it, "
           "so the last day to introduce one is %s\n",
           plan->target_stability, plan->lead_days, last);
  g_print ("Budget: %d new cards and %d reviews a day; the plan needs up to %d new cards "
           "and %d reviews a day\n", plan->new_per_day, plan->reviews_per_day,
           MAX (plan->needed_new_per_day, plan->new_per_day), plan->needed_reviews_per_day);
  g_print ("Expected recall on %s: %.0f %%\n\n", plan->date, 100 * plan->expected_recall);
  g_print ("Date        New  Reviews  Recall\n");
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
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "Set the interview date", "YYYY-MM-DD" },
    { "deck", 0, 0, G_OPTION_ARG_STRING, &deck, "With --date: the deck that matters "
      "(default: every card)", "KEY" },
    { "sections", 0, 0, G_OPTION_ARG_STRING, &sections, "With --date: only these sections",
      "KEY,…" },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, "End interview-date mode", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the plan as JSON", NULL },
    { NULL }
  };

  if (!eg_cli_parse_options (ctx, "", "Interview-date mode: set a date (new cards are paced "
                             "and the last day crams), show the plan and the expected recall "
                             "on the date, or clear it.", entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_cli_usage_error ("plan: unexpected argument “%s”", argv[1]);
  if (clear && date != NULL)
    return eg_cli_usage_error ("plan: --clear and --date do not go together");
  if (date == NULL && (deck != NULL || sections != NULL))
    return eg_cli_usage_error ("plan: --deck and --sections go with --date");
  if (!eg_cli_open_store (ctx, clear || date != NULL ? EG_CLI_WRITE : EG_CLI_READ))
    return 1;
  if (!(scheduler = eg_scheduler_new (ctx->store, &error)))
    return eg_cli_fail (error);

  if (clear)
    {
      if (!eg_plan_clear (scheduler, &error))
        return eg_cli_fail (error);
      g_print ("Interview date cleared: the normal study queue again.\n");
      return 0;
    }
  if (date != NULL && !eg_plan_set (scheduler, date, deck, sections, ctx->now_ms, &error))
    return eg_cli_fail (error);
  if (!eg_plan_is_set (scheduler))
    {
      if (json)
        g_print ("null\n");
      else
        g_print ("No interview date is set (engram-cli plan --date YYYY-MM-DD sets one).\n");
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
