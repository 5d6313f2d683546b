/* eg-cli-stats.c - `engram-cli stats --json`: the statistics the app shows
 * (eg_stats_compute()) as one JSON object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "eg-cli-json.h"
#include "eg-cli.h"

static void
add_today (JsonBuilder   *builder,
           const EgStats *stats)
{
  json_builder_set_member_name (builder, "today");
  json_builder_begin_object (builder);
  eg_cli_json_add_day (builder, "date", stats->today);
  eg_cli_json_add_int (builder, "reviews", stats->reviews_today);
  eg_cli_json_add_int (builder, "time_ms", stats->time_today_ms);
  eg_cli_json_add_int (builder, "again", stats->again_today);
  eg_cli_json_add_share (builder, "again_rate", stats->again_rate);
  eg_cli_json_add_int (builder, "retention_reviews", stats->retention_reviews);
  eg_cli_json_add_int (builder, "retention_passed", stats->retention_passed);
  eg_cli_json_add_share (builder, "true_retention", stats->true_retention);
  json_builder_end_object (builder);
}

/* The forecast's first @n_days days as the array @name */
static void
add_due (JsonBuilder   *builder,
         const char    *name,
         const EgStats *stats,
         int            n_days)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (int i = 0; i < n_days; i++)
    {
      json_builder_begin_object (builder);
      eg_cli_json_add_day (builder, "date", stats->today + i);
      eg_cli_json_add_int (builder, "learning", stats->due[i].learning);
      eg_cli_json_add_int (builder, "review", stats->due[i].review);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_days (JsonBuilder   *builder,
          const EgStats *stats)
{
  add_due (builder, "due", stats, EG_STATS_DUE_DAYS);
  add_due (builder, "due90", stats, EG_STATS_DUE90_DAYS);

  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (int i = 0; i < EG_STATS_HISTORY_DAYS; i++)
    {
      json_builder_begin_object (builder);
      eg_cli_json_add_day (builder, "date", stats->history_first_day + i);
      eg_cli_json_add_int (builder, "reviews", stats->history[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  eg_cli_json_add_int (builder, "streak", stats->streak);
}

static void
add_months (JsonBuilder   *builder,
            const EgStats *stats)
{
  json_builder_set_member_name (builder, "retention_by_month");
  json_builder_begin_array (builder);
  for (int i = 0; i < EG_STATS_MONTHS; i++)
    {
      const EgStatsMonth *month = &stats->months[i];
      g_autofree char *date = eg_time_format_day (month->first_day);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "month");
      date[7] = '\0';   /* "2026-03" */
      json_builder_add_string_value (builder, date);
      eg_cli_json_add_int (builder, "reviews", month->reviews);
      eg_cli_json_add_int (builder, "passed", month->passed);
      eg_cli_json_add_share (builder, "true_retention", month->rate);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* @n buckets as the array @name of {"from", "to", "cards"}; @edges: the
 * n + 1 edges, the last may be infinite (null) */
static void
add_buckets (JsonBuilder  *builder,
             const char   *name,
             const guint  *counts,
             const double *edges,
             guint         n)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "from");
      json_builder_add_double_value (builder, edges[i]);
      json_builder_set_member_name (builder, "to");
      if (isinf (edges[i + 1]))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, edges[i + 1]);
      eg_cli_json_add_int (builder, "cards", counts[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_distributions (JsonBuilder   *builder,
                   const EgStats *stats)
{
  double stability[EG_STATS_STABILITY_BUCKETS + 1];
  double difficulty[EG_STATS_DIFFICULTY_BUCKETS + 1];
  double retrievability[EG_STATS_RETRIEVABILITY_BUCKETS + 1];

  for (guint i = 0; i < EG_STATS_STABILITY_BUCKETS; i++)
    stability[i] = eg_stats_stability_edges[i];
  stability[EG_STATS_STABILITY_BUCKETS] = INFINITY;
  for (guint i = 0; i <= EG_STATS_DIFFICULTY_BUCKETS; i++)
    difficulty[i] = 1 + i;
  for (guint i = 0; i <= EG_STATS_RETRIEVABILITY_BUCKETS; i++)
    retrievability[i] = i / 10.0;

  json_builder_set_member_name (builder, "distributions");
  json_builder_begin_object (builder);
  eg_cli_json_add_int (builder, "studied", stats->studied);
  add_buckets (builder, "stability", stats->stability, stability,
               EG_STATS_STABILITY_BUCKETS);
  add_buckets (builder, "difficulty", stats->difficulty, difficulty,
               EG_STATS_DIFFICULTY_BUCKETS);
  add_buckets (builder, "retrievability", stats->retrievability, retrievability,
               EG_STATS_RETRIEVABILITY_BUCKETS);
  json_builder_end_object (builder);
}

static void
add_sections (JsonBuilder   *builder,
              const EgStats *stats)
{
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stats->sections->len; i++)
    {
      const EgStatsSection *section = &g_array_index (stats->sections, EgStatsSection, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, section->key);
      json_builder_set_member_name (builder, "heading");
      json_builder_add_string_value (builder, section->heading);
      eg_cli_json_add_int (builder, "cards", section->cards);
      eg_cli_json_add_share (builder, "mastery", section->mastery);
      eg_cli_json_add_int (builder, "mature", section->mature);
      eg_cli_json_add_share (builder, "mature_share", section->mature_share);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_cards (JsonBuilder   *builder,
           const EgStats *stats)
{
  json_builder_set_member_name (builder, "cards");
  json_builder_begin_object (builder);
  eg_cli_json_add_int (builder, "new", stats->new_cards);
  eg_cli_json_add_int (builder, "learning", stats->learning);
  eg_cli_json_add_int (builder, "review", stats->review);
  eg_cli_json_add_int (builder, "relearning", stats->relearning);
  eg_cli_json_add_int (builder, "suspended", stats->suspended);
  json_builder_end_object (builder);
}

/**
 * eg_cli_stats_json:
 * @deck_key: (nullable): only this deck's cards
 * @section_key: (nullable): only this section's cards
 *
 * Prints the statistics of the collection, a deck or a section at the
 * context's time as a JSON object.
 */
int
eg_cli_stats_json (EgCliContext *ctx,
                   const char   *deck_key,
                   const char   *section_key)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(EgDeckInfo) deck = NULL;
  g_autoptr(EgSectionInfo) section = NULL;
  g_autoptr(EgStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  if (!(scheduler = eg_scheduler_new (ctx->store, &error)))
    return eg_cli_fail (error);
  if (deck_key != NULL && !(deck = eg_store_find_deck (ctx->store, deck_key, &error)))
    return eg_cli_fail (error);
  if (section_key != NULL && !(section = eg_store_find_section (ctx->store, section_key, &error)))
    return eg_cli_fail (error);
  stats = eg_stats_compute (scheduler, deck ? deck->id : 0, section ? section->id : 0, ctx->now_ms, &error);
  if (stats == NULL)
    return eg_cli_fail (error);

  json_builder_begin_object (builder);
  add_today (builder, stats);
  add_days (builder, stats);
  add_months (builder, stats);
  add_distributions (builder, stats);
  add_sections (builder, stats);
  add_cards (builder, stats);
  json_builder_end_object (builder);

  eg_cli_json_print (builder);
  return 0;
}
