/* eg-cli-study.c - engram-cli due, review, forecast, log, settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "eg-cli-json.h"
#include "eg-cli.h"

static const char * const rating_names[] = { "Manual", "Again", "Hard", "Good", "Easy" };
static const char * const state_names[] = { "new", "learning", "review", "relearning" };

/* The names above in the log and its JSON; these in front of the user */
static const char *
state_name (int state)
{
  return state_names[CLAMP (state, 0, 3)];
}

static const char *
state_label (int state)
{
  switch (CLAMP (state, 0, 3))
    {
    case 0:
      return C_("card state", "new");
    case 1:
      return C_("card state", "learning");
    case 2:
      return C_("card state", "review");
    default:
      return C_("card state", "relearning");
    }
}

static const char *
rating_label (int rating)
{
  switch (CLAMP (rating, 0, 4))
    {
    case 1:
      return _("Again");
    case 2:
      return _("Hard");
    case 3:
      return _("Good");
    case 4:
      return _("Easy");
    default:
      /* Translators: a review log row not from a grade */
      return C_("rating", "Manual");
    }
}

static EgScheduler *
open_scheduler (EgCliContext *ctx,
                EgCliAccess   access)
{
  g_autoptr(GError) error = NULL;
  EgScheduler *scheduler;

  if (!eg_cli_open_store (ctx, access))
    return NULL;
  scheduler = eg_scheduler_new (ctx->store, &error);
  if (scheduler == NULL)
    eg_cli_fail (error);
  return scheduler;
}

/* "2026-11-28T04:00:00.000Z (in 6h)" */
static char *
describe_time (gint64 when,
               gint64 now)
{
  g_autofree char *iso = eg_time_format_iso (when);
  g_autofree char *in = NULL;

  if (when <= now)
    /* Translators: %s is a time such as 2026-11-28T04:00:00.000Z */
    return g_strdup_printf (_("%s (now)"), iso);
  in = eg_time_format_interval (when - now);
  /* Translators: "2026-11-28T04:00:00.000Z (in 6h)" */
  return g_strdup_printf (_("%s (in %s)"), iso, in);
}

static char *
card_key (EgStore *store,
          gint64   card_id)
{
  g_autoptr(EgCard) card = eg_store_get_card (store, card_id, NULL);

  return g_strdup (card ? card->key : "?");
}

int
eg_cli_due (EgCliContext  *ctx,
            int            argc,
            char         **argv)
{
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  EgQueueCounts counts;
  gint64 next;

  if (!eg_cli_parse_options (ctx, "",
                             /* Translators: is:due is a search term: keep it */
                             _("How many cards are due today (the cards is:due finds), and "
                               "when the next is."), NULL, &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_cli_usage_error (_("due: unexpected argument “%s”"), argv[1]);
  if (!(scheduler = open_scheduler (ctx, EG_CLI_READ)))
    return 1;

  if (!(queue = eg_scheduler_build_queue (scheduler, ctx->now_ms, &error)))
    return eg_cli_fail (error);
  eg_queue_get_counts (queue, &counts);
  g_print (_("Due today: %u new, %u learning, %u review\n"),
           counts.new_cards, counts.learning, counts.review);

  if (eg_queue_peek (queue, ctx->now_ms) != 0)
    {
      g_autofree char *key = card_key (ctx->store, eg_queue_peek (queue, ctx->now_ms));

      /* Translators: %s is a card's key such as 16/301 */
      g_print (_("Next card: %s, now\n"), key);
      return 0;
    }

  next = eg_queue_get_next_due (queue);
  if (next == 0)
    next = eg_scheduler_next_due (scheduler, ctx->now_ms, &error);
  if (error != NULL)
    return eg_cli_fail (error);
  if (next == 0)
    g_print (_("Nothing is due, and no card is waiting.\n"));
  else
    {
      g_autofree char *when = describe_time (next, ctx->now_ms);

      g_print (_("Next card due: %s\n"), when);
    }
  return 0;
}

static void
print_grade (EgStore             *store,
             gint64               card_id,
             EgFsrsRating         rating,
             const EgGradeResult *result,
             gint64               now)
{
  g_autofree char *key = card_key (store, card_id);
  g_autofree char *when = describe_time (result->after.due, now);

  /* Translators: "16/301 Good: new → learning, due 2026-11-28T04:00:00.000Z
   * (in 10m)": a card's key, the grade, its state before and after, and
   * when it is due next */
  g_print (_("%s %s: %s → %s, due %s\n"), key, rating_label (rating),
           state_label (result->before.state), state_label (result->after.state), when);
}

/* The four grades with the interval each would give: "1 Again (1m)  …" */
static char *
describe_outcomes (EgScheduler *scheduler,
                   gint64       card_id,
                   gint64       now)
{
  g_autoptr(GString) line = g_string_new (NULL);
  EgFsrsCard outcomes[4];

  if (!eg_scheduler_preview (scheduler, card_id, now, outcomes, NULL))
    return g_strdup_printf ("1 %s  2 %s  3 %s  4 %s", rating_label (1), rating_label (2),
                            rating_label (3), rating_label (4));
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *interval = eg_time_format_interval (outcomes[i].due - now);

      g_string_append_printf (line, "%s%u %s (%s)", i ? "  " : "", i + 1,
                              rating_label (i + 1), interval);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static char *
read_line (void)
{
  char buffer[256];

  fflush (stdout);
  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;
  return g_strstrip (g_strdup (buffer));
}

static gboolean
undo (EgScheduler *scheduler,
      EgQueue     *queue,
      gint64       now)
{
  g_autoptr(GError) error = NULL;
  g_auto(EgUndoInfo) info = { 0 };

  if (!eg_scheduler_undo_full (scheduler, EG_UNDO_SCOPE_ALL, queue, now, &info, &error))
    {
      g_print ("%s\n", error->message);
      return FALSE;
    }
  g_print ("%s.\n", info.description);   /* "Undid grade Good on card 302." */
  return TRUE;
}

static int
review_interactive (EgCliContext *ctx,
                    EgScheduler  *scheduler)
{
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  guint reviewed = 0;

  if (!(queue = eg_scheduler_build_queue (scheduler, ctx->now_ms, &error)))
    return eg_cli_fail (error);

  for (;;)
    {
      gint64 now = ctx->at ? ctx->now_ms : eg_time_now_ms ();
      gint64 card_id = eg_queue_peek (queue, now);
      gint64 shown = g_get_monotonic_time ();
      g_autoptr(EgCard) card = NULL;
      g_autofree char *key = NULL;
      g_autofree char *question = NULL;
      g_autofree char *outcomes = NULL;
      g_autofree char *answer = NULL;
      EgQueueCounts counts;
      EgGradeResult result;
      int rating = 0;

      if (card_id == 0)
        {
          gint64 next = eg_queue_get_next_due (queue);
          g_autofree char *when = NULL;

          if (next == 0)
            next = eg_scheduler_next_due (scheduler, now, NULL);
          when = next ? describe_time (next, now) : g_strdup (_("never"));
          g_print (ngettext ("All caught up: %u card reviewed. Next card due: %s\n",
                             "All caught up: %u cards reviewed. Next card due: %s\n",
                             reviewed), reviewed, when);
          return 0;
        }

      if (!(card = eg_store_get_card (ctx->store, card_id, &error)))
        return eg_cli_fail (error);
      key = g_strdup (card->key);
      eg_queue_get_counts (queue, &counts);
      question = eg_markdown_to_plain (card->question);
      g_print ("\n[%s]  ", key);
      /* Translators: the counts of the cards due, beside the card's key */
      g_print (_("%u new · %u learning · %u review"), counts.new_cards, counts.learning,
               counts.review);
      g_print ("\n\n%s\n\n", question);
      /* Translators: the keys Enter, u and q stay as they are */
      g_print ("%s ", _("(Enter shows the answer, u undoes the last grade, q quits)"));

      answer = read_line ();
      if (answer == NULL || g_str_equal (answer, "q"))
        break;
      if (g_str_equal (answer, "u"))
        {
          if (undo (scheduler, queue, now))
            reviewed = reviewed > 0 ? reviewed - 1 : 0;
          continue;
        }

      g_print ("\n%s\n", card->answer);
      for (guint i = 0; i < card->parts->len; i++)
        {
          EgCardPart *part = g_ptr_array_index (card->parts, i);

          g_print ("\n## %s\n%s\n", part->name, part->text);
        }

      outcomes = describe_outcomes (scheduler, card_id, now);
      while (rating == 0)
        {
          g_autofree char *choice = NULL;

          /* Translators: after the grades and their intervals; the keys u and
           * q stay as they are */
          g_print ("\n%s   %s\n> ", outcomes, _("u undo   q quit"));
          if (!(choice = read_line ()) || g_str_equal (choice, "q"))
            goto out;
          if (g_str_equal (choice, "u"))
            {
              if (!undo (scheduler, queue, now))
                continue;
              reviewed = reviewed > 0 ? reviewed - 1 : 0;
              rating = -1;
            }
          else if (strlen (choice) == 1 && choice[0] >= '1' && choice[0] <= '4')
            rating = choice[0] - '0';
        }
      if (rating < 0)
        continue;

      now = ctx->at ? ctx->now_ms : eg_time_now_ms ();
      if (!eg_scheduler_grade (scheduler, queue, card_id, (EgFsrsRating) rating, now,
                               (g_get_monotonic_time () - shown) / 1000, &result, &error))
        return eg_cli_fail (error);
      print_grade (ctx->store, card_id, (EgFsrsRating) rating, &result, now);
      reviewed++;
    }

out:
  g_print ("\n");
  g_print (ngettext ("%u card reviewed.\n", "%u cards reviewed.\n", reviewed), reviewed);
  return 0;
}

int
eg_cli_review (EgCliContext  *ctx,
               int            argc,
               char         **argv)
{
  int grade = 0;
  int duration = 0;
  GOptionEntry entries[] = {
    { "grade", 0, 0, G_OPTION_ARG_INT, &grade,
      _("Grade the next due card (1 Again, 2 Hard, 3 Good, 4 Easy) and exit"),
      C_("placeholder", "N") },
    { "duration", 0, 0, G_OPTION_ARG_INT, &duration,
      _("With --grade: the time spent on the card, in ms"), C_("placeholder", "MS") },
    { NULL }
  };
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(EgQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  EgGradeResult result;
  gint64 card_id;

  if (!eg_cli_parse_options (ctx, "",
                             /* Translators: the keys stay as they are */
                             _("Review the due cards in the terminal: Enter shows the "
                               "answer, 1-4 grade, u undoes, q quits."),
                             entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_cli_usage_error (_("review: unexpected argument “%s”"), argv[1]);
  if (grade != 0 && (grade < 1 || grade > 4))
    return eg_cli_usage_error (_("review: --grade must be 1 (Again), 2 (Hard), 3 (Good) or "
                                   "4 (Easy)"));
  if (!(scheduler = open_scheduler (ctx, EG_CLI_WRITE)))
    return 1;

  if (grade == 0)
    return review_interactive (ctx, scheduler);

  if (!(queue = eg_scheduler_build_queue (scheduler, ctx->now_ms, &error)))
    return eg_cli_fail (error);
  card_id = eg_queue_peek (queue, ctx->now_ms);
  if (card_id == 0)
    {
      g_autofree char *at = eg_time_format_iso (ctx->now_ms);

      return eg_cli_usage_error (_("review: nothing is due at %s"), at);
    }

  if (!eg_scheduler_grade (scheduler, queue, card_id, (EgFsrsRating) grade, ctx->now_ms,
                           duration, &result, &error))
    return eg_cli_fail (error);
  print_grade (ctx->store, card_id, (EgFsrsRating) grade, &result, ctx->now_ms);
  return 0;
}

int
eg_cli_forecast (EgCliContext  *ctx,
                 int            argc,
                 char         **argv)
{
  int n_days = 7;
  GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &n_days, _("How many days (default 7)"),
      C_("placeholder", "N") },
    { NULL }
  };
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GError) error = NULL;
  int today;

  if (!eg_cli_parse_options (ctx, "", _("Cards due on each of the next days."),
                             entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_cli_usage_error (_("forecast: unexpected argument “%s”"), argv[1]);
  if (n_days < 1 || n_days > 36500)
    return eg_cli_usage_error (_("forecast: --days must be from 1 to 36500"));
  if (!(scheduler = open_scheduler (ctx, EG_CLI_READ)))
    return 1;

  if (!(days = eg_scheduler_forecast (scheduler, ctx->now_ms, n_days, &error)))
    return eg_cli_fail (error);
  today = eg_scheduler_study_day (scheduler, ctx->now_ms);
  for (guint i = 0; i < days->len; i++)
    {
      g_autofree char *date = eg_time_format_day (today + (int) i);

      g_print ("%s\t%u\n", date, g_array_index (days, guint, i));
    }
  return 0;
}

int
eg_cli_log (EgCliContext  *ctx,
            int            argc,
            char         **argv)
{
  g_autofree char *key = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "card", 0, 0, G_OPTION_ARG_STRING, &key, _("Only this card's reviews"),
      C_("placeholder", "KEY") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, _("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(EgCard) card = NULL;
  g_autoptr(GError) error = NULL;

  if (!eg_cli_parse_options (ctx, "", _("The review log, oldest first."),
                             entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return eg_cli_usage_error (_("log: unexpected argument “%s”"), argv[1]);
  if (!eg_cli_open_store (ctx, EG_CLI_READ))
    return 1;
  if (key != NULL && !(card = eg_store_find_card (ctx->store, key, &error)))
    return eg_cli_fail (error);
  if (!(reviews = eg_store_list_reviews (ctx->store, card ? card->id : 0, &error)))
    return eg_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < reviews->len; i++)
    {
      EgReview *r = g_ptr_array_index (reviews, i);
      g_autofree char *time = eg_time_format_iso (r->reviewed_at);
      g_autofree char *due = eg_time_format_iso (r->due_after);
      int rating = CLAMP (r->rating, 0, 4);

      /* tab-separated columns for scripts: they stay as they are */
      if (!json)
        {
          g_print ("%s\t%s\t%s\t%s→%s\tS %.4f→%.4f\tD %.4f→%.4f\telapsed %d\tscheduled %d"
                   "\t%" G_GINT64_FORMAT " ms%s\n",
                   time, r->card_key, rating_names[rating],
                   state_name (r->state_before), state_name (r->state_after),
                   r->stability_before, r->stability_after,
                   r->difficulty_before, r->difficulty_after,
                   r->elapsed_days, r->scheduled_days, r->duration_ms,
                   r->rescheduled ? "" : "\t(preview, not rescheduled)");
          continue;
        }

      json_builder_begin_object (builder);
      eg_cli_json_add_string (builder, "card", r->card_key);
      eg_cli_json_add_string (builder, "time", time);
      eg_cli_json_add_int (builder, "rating", rating);
      eg_cli_json_add_string (builder, "state_before", state_name (r->state_before));
      eg_cli_json_add_string (builder, "state_after", state_name (r->state_after));
      eg_cli_json_add_double (builder, "stability_before", r->stability_before);
      eg_cli_json_add_double (builder, "stability_after", r->stability_after);
      eg_cli_json_add_double (builder, "difficulty_before", r->difficulty_before);
      eg_cli_json_add_double (builder, "difficulty_after", r->difficulty_after);
      eg_cli_json_add_int (builder, "elapsed_days", r->elapsed_days);
      eg_cli_json_add_int (builder, "scheduled_days", r->scheduled_days);
      eg_cli_json_add_string (builder, "due", due);
      eg_cli_json_add_int (builder, "duration_ms", r->duration_ms);
      json_builder_set_member_name (builder, "rescheduled");
      json_builder_add_boolean_value (builder, r->rescheduled);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (json)
    {

      eg_cli_json_print (builder);
    }
  return 0;
}

static const char * const setting_keys[] = {
  "desired-retention", "learning-steps", "relearning-steps", "new-per-day",
  "reviews-per-day", "maximum-interval", "fuzz", "day-start-hour", "fsrs-weights",
};

int
eg_cli_settings (EgCliContext  *ctx,
                 int            argc,
                 char         **argv)
{
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  gboolean known = FALSE;

  if (!eg_cli_parse_options (ctx, C_("placeholder", "[KEY [VALUE]]"),
                             _("Show the scheduler's settings, or set one."),
                             NULL, &argc, &argv))
    return 1;
  if (argc > 3)
    return eg_cli_usage_error (_("settings: too many arguments"));
  if (!(scheduler = open_scheduler (ctx, argc == 3 ? EG_CLI_WRITE : EG_CLI_READ)))
    return 1;

  if (argc == 1)
    {
      const EgSchedulerSettings *s = eg_scheduler_get_settings (scheduler);
      g_autofree char *learning = g_strjoinv (" ", s->learning_steps);
      g_autofree char *relearning = g_strjoinv (" ", s->relearning_steps);
      g_autoptr(GString) weights = g_string_new (NULL);
      /* in the order of setting_keys */
      char *values[G_N_ELEMENTS (setting_keys)];

      for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
        g_string_append_printf (weights, "%s%g", i ? "," : "", s->weights[i]);
      values[0] = g_strdup_printf ("%g", s->desired_retention);
      values[1] = g_strdup (learning);
      values[2] = g_strdup (relearning);
      values[3] = g_strdup_printf ("%d", s->new_per_day);
      values[4] = g_strdup_printf ("%d", s->reviews_per_day);
      values[5] = g_strdup_printf ("%d", s->maximum_interval);
      values[6] = g_strdup (s->fuzz ? "true" : "false");
      values[7] = g_strdup_printf ("%d", s->day_start_hour);
      values[8] = g_strdup (weights->str);
      /* KEY<TAB>VALUE lines for scripts: they stay as they are */
      for (guint i = 0; i < G_N_ELEMENTS (setting_keys); i++)
        {
          g_print ("%s\t%s\n", setting_keys[i], values[i]);
          g_free (values[i]);
        }
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (setting_keys); i++)
    known |= g_str_equal (argv[1], setting_keys[i]);
  if (!known)
    return eg_cli_usage_error (_("settings: unknown setting “%s”"), argv[1]);

  if (argc == 2)
    {
      old = eg_store_get_setting (ctx->store, argv[1]);
      g_print ("%s\n", old ? old : "(default)");
      return 0;
    }

  /* a refused value changes nothing */
  if (!eg_scheduler_settings_set_value (ctx->store, argv[1], argv[2], &error))
    return eg_cli_fail (error);
  return 0;
}
