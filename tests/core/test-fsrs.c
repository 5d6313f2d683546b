/* test-fsrs.c - FSRS-6 scheduler against the ts-fsrs 5.4.2 golden vectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "eg-fsrs.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

/* Failures reported in detail per section; the rest are only counted. */
#define MAX_REPORTED_FAILURES 25

/* ---------------------------------------------------------------------- */
/* Tally of one section                                                   */
/* ---------------------------------------------------------------------- */

typedef struct
{
  const char *name;
  guint       passed;
  guint       failed;
  guint       inexact;   /* passed within tolerance but not bit-equal */
  guint       reported;
} Tally;

static void
tally_init (Tally      *tally,
            const char *name)
{
  memset (tally, 0, sizeof *tally);
  tally->name = name;
}

static void G_GNUC_PRINTF (2, 3)
tally_fail (Tally      *tally,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (tally->reported >= MAX_REPORTED_FAILURES)
    return;
  tally->reported++;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("%s: FAIL %s", tally->name, message);
}

static void
tally_add (Tally    *tally,
           gboolean  ok)
{
  if (ok)
    tally->passed++;
  else
    tally->failed++;
}

static void
tally_report (Tally *tally)
{
  g_test_message ("%s: %u passed, %u failed", tally->name, tally->passed, tally->failed);
  if (tally->inexact > 0)
    g_test_message ("%s: %u value(s) within tolerance but not bit-equal",
                    tally->name, tally->inexact);
  g_assert_cmpuint (tally->failed, ==, 0);
  g_assert_cmpuint (tally->passed, >, 0);
}

/* Bit-equal, or |got - want| <= 1e-8 * max(1, |want|) (doc/fsrs.md §12 Tolerances). */
static gboolean
check_double (Tally      *tally,
              gboolean   *ok,
              const char *context,
              const char *what,
              double      got,
              double      want)
{
  if (got == want)
    return TRUE;

  if (fabs (got - want) <= 1e-8 * MAX (1.0, fabs (want)))
    {
      tally->inexact++;
      return TRUE;
    }

  *ok = FALSE;
  tally_fail (tally, "%s: %s = %.17g, want %.17g", context, what, got, want);
  return FALSE;
}

static gboolean
check_int (Tally      *tally,
           gboolean   *ok,
           const char *context,
           const char *what,
           gint64      got,
           gint64      want)
{
  if (got == want)
    return TRUE;

  *ok = FALSE;
  tally_fail (tally, "%s: %s = %" G_GINT64_FORMAT ", want %" G_GINT64_FORMAT,
              context, what, got, want);
  return FALSE;
}

static gboolean
check_str (Tally      *tally,
           gboolean   *ok,
           const char *context,
           const char *what,
           const char *got,
           const char *want)
{
  if (g_strcmp0 (got, want) == 0)
    return TRUE;

  *ok = FALSE;
  tally_fail (tally, "%s: %s = \"%s\", want \"%s\"", context, what, got, want);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* JSON and time helpers                                                  */
/* ---------------------------------------------------------------------- */

static JsonParser *
load_vectors (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fsrs", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_test_message ("cannot load %s: %s", path, error->message);
      g_test_fail ();
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_test_message ("%s: root is not an object", path);
      g_test_fail ();
      return NULL;
    }
  return g_steal_pointer (&parser);
}

static JsonArray *
get_section (JsonParser *parser,
             const char *section)
{
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonNode *node = json_object_get_member (root, section);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_test_message ("section %s missing", section);
      g_test_fail ();
      return NULL;
    }
  return json_node_get_array (node);
}

#define LOAD_SECTION(parser, array, file, section) \
  g_autoptr(JsonParser) parser = load_vectors (file); \
  JsonArray *array = (parser != NULL) ? get_section (parser, section) : NULL; \
  if (array == NULL) \
    return

static double
get_double (JsonObject *object,
            const char *member)
{
  return json_object_get_double_member (object, member);
}

static gint64
get_int (JsonObject *object,
         const char *member)
{
  return json_object_get_int_member (object, member);
}

/* Reads a JSON array of numbers into out (at most max values). */
static guint
get_doubles (JsonArray *array,
             double    *out,
             guint      max)
{
  guint n = json_array_get_length (array);

  g_assert_cmpuint (n, <=, max);
  n = MIN (n, max);
  for (guint i = 0; i < n; i++)
    out[i] = json_array_get_double_element (array, i);
  return n;
}

static GStrv
get_strv (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

static gint64
unix_epoch_julian (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1970);
  return g_date_get_julian (&date);
}

/* n decimal digits at text[pos], or -1 */
static int
parse_digits (const char *text,
              guint       pos,
              guint       n)
{
  int value = 0;

  for (guint i = pos; i < pos + n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + (text[i] - '0');
    }
  return value;
}

/* "2023-01-01T00:00:00.000Z" -> Unix ms */
static gboolean
parse_iso (const char *text,
           gint64     *ms)
{
  int year, month, day, hour, minute, second, milli;
  GDate date;

  if (text == NULL || strlen (text) != 24
      || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':'
      || text[16] != ':' || text[19] != '.' || text[23] != 'Z')
    return FALSE;

  year = parse_digits (text, 0, 4);
  month = parse_digits (text, 5, 2);
  day = parse_digits (text, 8, 2);
  hour = parse_digits (text, 11, 2);
  minute = parse_digits (text, 14, 2);
  second = parse_digits (text, 17, 2);
  milli = parse_digits (text, 20, 3);
  if (year < 1 || month < 1 || day < 1 || !g_date_valid_dmy (day, month, year)
      || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
      || milli < 0)
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  *ms = ((((gint64) g_date_get_julian (&date) - unix_epoch_julian ()) * 24 + hour) * 60
         + minute) * 60 * 1000 + second * 1000 + milli;
  return TRUE;
}

/* Unix ms -> "2023-01-01T00:00:00.000Z" (for messages) */
static char *
format_iso (gint64 ms)
{
  gint64 days = ms / EG_FSRS_MS_PER_DAY;
  gint64 rest = ms % EG_FSRS_MS_PER_DAY;
  GDate date;

  if (rest < 0)
    {
      rest += EG_FSRS_MS_PER_DAY;
      days--;
    }
  if (days + unix_epoch_julian () < 1 || days + unix_epoch_julian () > G_MAXUINT32)
    return g_strdup_printf ("%" G_GINT64_FORMAT " ms", ms);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (days + unix_epoch_julian ()));
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), (int) (rest / 3600000),
                          (int) (rest / 60000 % 60), (int) (rest / 1000 % 60),
                          (int) (rest % 1000));
}

static gint64
get_time (JsonObject *object,
          const char *member)
{
  gint64 ms = 0;

  if (!parse_iso (json_object_get_string_member (object, member), &ms))
    {
      g_test_message ("bad time in %s: %s", member,
                      json_object_get_string_member (object, member));
      g_test_fail ();
    }
  return ms;
}

/* Parameters with the default weights except w20, as in
 * retrievability-vectors.json. */
static gboolean
params_for_decay (EgFsrsParams *params,
                  double        w20,
                  double        request_retention,
                  int           maximum_interval)
{
  double w[EG_FSRS_N_PARAMS];

  memcpy (w, eg_fsrs_default_weights (), sizeof w);
  w[20] = w20;
  return eg_fsrs_params_init (params, w, EG_FSRS_N_PARAMS, request_retention, maximum_interval,
                              FALSE, TRUE, NULL, NULL, NULL);
}

/* ---------------------------------------------------------------------- */
/* Scheduler cases (scheduler-vectors.json and fuzz-vectors.json)         */
/* ---------------------------------------------------------------------- */

/* Compares the members present in want (a "card" or "preview" entry). */
static void
compare_card (Tally            *tally,
              gboolean         *ok,
              const char       *context,
              JsonObject       *want,
              const EgFsrsCard *got)
{
  static const char * const known[] = {
    "state", "stability", "difficulty", "due", "scheduled_days", "elapsed_days",
    "reps", "lapses", "learning_steps", NULL
  };
  g_autoptr(GList) members = json_object_get_members (want);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (known, l->data))
        {
          *ok = FALSE;
          tally_fail (tally, "%s: unknown card member %s", context, (const char *) l->data);
        }
    }

  if (json_object_has_member (want, "state"))
    check_int (tally, ok, context, "state", got->state, get_int (want, "state"));
  if (json_object_has_member (want, "stability"))
    check_double (tally, ok, context, "stability", got->stability, get_double (want, "stability"));
  if (json_object_has_member (want, "difficulty"))
    check_double (tally, ok, context, "difficulty", got->difficulty,
                  get_double (want, "difficulty"));
  if (json_object_has_member (want, "due"))
    {
      gint64 due = get_time (want, "due");

      if (got->due != due)
        {
          g_autofree char *got_iso = format_iso (got->due);

          *ok = FALSE;
          tally_fail (tally, "%s: due = %s, want %s", context, got_iso,
                      json_object_get_string_member (want, "due"));
        }
    }
  if (json_object_has_member (want, "scheduled_days"))
    check_int (tally, ok, context, "scheduled_days", got->scheduled_days,
               get_int (want, "scheduled_days"));
  if (json_object_has_member (want, "elapsed_days"))
    check_int (tally, ok, context, "elapsed_days", got->elapsed_days,
               get_int (want, "elapsed_days"));
  if (json_object_has_member (want, "reps"))
    check_int (tally, ok, context, "reps", got->reps, get_int (want, "reps"));
  if (json_object_has_member (want, "lapses"))
    check_int (tally, ok, context, "lapses", got->lapses, get_int (want, "lapses"));
  if (json_object_has_member (want, "learning_steps"))
    check_int (tally, ok, context, "learning_steps", got->learning_steps,
               get_int (want, "learning_steps"));
}

static void
card_from_json (EgFsrsCard *card,
                JsonObject *object,
                gint64      last_review)
{
  card->state = (EgFsrsState) get_int (object, "state");
  card->stability = get_double (object, "stability");
  card->difficulty = get_double (object, "difficulty");
  card->due = get_time (object, "due");
  card->last_review = last_review;
  card->elapsed_days = (int) get_int (object, "elapsed_days");
  card->scheduled_days = (int) get_int (object, "scheduled_days");
  card->reps = (int) get_int (object, "reps");
  card->lapses = (int) get_int (object, "lapses");
  card->learning_steps = (int) get_int (object, "learning_steps");
}

/* Sets up params for a case: from the raw param set when param_sets is
 * given (exercising clipping), else from config.w; checks the effective
 * parameters and the derived values against the config. */
static gboolean
case_params (JsonObject   *config,
             JsonObject   *param_sets,
             const char   *id,
             Tally        *tally,
             EgFsrsParams *params)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) learning = get_strv (json_object_get_array_member (config, "learning_steps"));
  g_auto(GStrv) relearning = get_strv (json_object_get_array_member (config, "relearning_steps"));
  double w[EG_FSRS_N_PARAMS], want_w[EG_FSRS_N_PARAMS];
  guint n_w, n_want;
  gboolean ok = TRUE;
  JsonArray *raw;

  if (param_sets != NULL)
    raw = json_object_get_array_member (param_sets,
                                        json_object_get_string_member (config, "param_set"));
  else
    raw = json_object_get_array_member (config, "w");
  n_w = get_doubles (raw, w, EG_FSRS_N_PARAMS);
  n_want = get_doubles (json_object_get_array_member (config, "w"), want_w, EG_FSRS_N_PARAMS);

  if (!eg_fsrs_params_init (params, w, n_w, get_double (config, "request_retention"),
                            (int) get_int (config, "maximum_interval"),
                            json_object_get_boolean_member (config, "enable_fuzz"),
                            json_object_get_boolean_member (config, "enable_short_term"),
                            (const char * const *) learning,
                            (const char * const *) relearning, &error))
    {
      tally_fail (tally, "%s: params_init: %s", id, error->message);
      tally_add (tally, FALSE);
      return FALSE;
    }

  check_int (tally, &ok, id, "number of w", n_want, EG_FSRS_N_PARAMS);
  for (guint i = 0; i < MIN (n_want, EG_FSRS_N_PARAMS); i++)
    {
      char what[16];

      g_snprintf (what, sizeof what, "w[%u]", i);
      check_double (tally, &ok, id, what, params->w[i], want_w[i]);
    }
  check_double (tally, &ok, id, "decay", params->decay, get_double (config, "decay"));
  check_double (tally, &ok, id, "factor", params->factor, get_double (config, "factor"));
  check_double (tally, &ok, id, "interval_modifier", params->interval_modifier,
                get_double (config, "interval_modifier"));
  tally_add (tally, ok);
  return TRUE;
}

/* Replays one case; every review is one check.  After a mismatch the
 * replay resumes from the vector's card (doc/fsrs.md §12). */
static void
run_case (JsonObject *kase,
          JsonObject *param_sets,
          Tally      *configs,
          Tally      *reviews,
          guint      *n_previews)
{
  const char *id = json_object_get_string_member (kase, "id");
  JsonArray *list = json_object_get_array_member (kase, "reviews");
  EgFsrsParams params;
  EgFsrsCard card;

  if (!case_params (json_object_get_object_member (kase, "config"), param_sets, id, configs,
                    &params))
    {
      for (guint i = 0; i < json_array_get_length (list); i++)
        tally_add (reviews, FALSE);
      return;
    }

  eg_fsrs_card_init_new (&card, get_time (kase, "card_created"));

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *review = json_array_get_object_element (list, i);
      JsonObject *want = json_object_get_object_member (review, "card");
      gint64 now = get_time (review, "review_time");
      int rating = (int) get_int (review, "rating");
      g_autoptr(GError) error = NULL;
      g_autofree char *context = g_strdup_printf ("%s review %u", id, i + 1);
      gboolean ok = TRUE;
      gint64 t = 0;
      EgFsrsCard out;

      check_int (reviews, &ok, context, "state before", card.state,
                 get_int (review, "state_before"));

      if (card.state != EG_FSRS_STATE_NEW)
        t = eg_fsrs_elapsed_days (card.last_review, now);
      check_int (reviews, &ok, context, "elapsed days", t, get_int (review, "elapsed_days"));

      if (json_object_get_null_member (review, "retrievability"))
        check_int (reviews, &ok, context, "state (null retrievability)", card.state,
                   EG_FSRS_STATE_NEW);
      else
        check_double (reviews, &ok, context, "retrievability",
                      eg_fsrs_forgetting_curve (&params, (double) t, card.stability),
                      get_double (review, "retrievability"));
      check_double (reviews, &ok, context, "retrievability_api",
                    eg_fsrs_retrievability (&params, &card, now),
                    get_double (review, "retrievability_api"));

      if (json_object_has_member (review, "fuzz_seed"))
        {
          char seed[EG_FSRS_SEED_BUF_SIZE];

          eg_fsrs_fuzz_seed (seed, now, card.reps + 1, card.difficulty * card.stability);
          check_str (reviews, &ok, context, "fuzz seed", seed,
                     json_object_get_string_member (review, "fuzz_seed"));
        }

      if (json_object_has_member (review, "preview"))
        {
          JsonArray *preview = json_object_get_array_member (review, "preview");
          EgFsrsCard outcomes[4];

          (*n_previews)++;
          if (!eg_fsrs_preview (&params, &card, now, outcomes, &error))
            {
              ok = FALSE;
              tally_fail (reviews, "%s: preview: %s", context, error->message);
              g_clear_error (&error);
            }
          else if (check_int (reviews, &ok, context, "preview length",
                              json_array_get_length (preview), 4))
            {
              for (guint g = 0; g < 4; g++)
                {
                  g_autofree char *sub = g_strdup_printf ("%s preview %u", context, g + 1);

                  compare_card (reviews, &ok, sub,
                                json_array_get_object_element (preview, g), &outcomes[g]);
                }
            }
        }

      if (!eg_fsrs_review (&params, &card, now, rating, &out, &error))
        {
          ok = FALSE;
          tally_fail (reviews, "%s: review: %s", context, error->message);
        }
      else
        {
          compare_card (reviews, &ok, context, want, &out);
          check_int (reviews, &ok, context, "last_review", out.last_review, now);
        }

      tally_add (reviews, ok);
      if (ok)
        card = out;
      else
        card_from_json (&card, want, now);
    }
}

static void
run_cases (JsonParser *parser,
           JsonArray  *cases,
           gboolean    use_param_sets,
           const char *name)
{
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonObject *param_sets = NULL;
  g_autofree char *configs_name = g_strconcat (name, " configs", NULL);
  g_autofree char *reviews_name = g_strconcat (name, " reviews", NULL);
  Tally configs, reviews;
  guint n_reviews = 0;
  guint n_previews = 0;

  tally_init (&configs, configs_name);
  tally_init (&reviews, reviews_name);

  if (use_param_sets)
    param_sets = json_object_get_object_member (root, "param_sets");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *kase = json_array_get_object_element (cases, i);

      n_reviews += json_array_get_length (json_object_get_array_member (kase, "reviews"));
      run_case (kase, param_sets, &configs, &reviews, &n_previews);
    }

  if (json_object_has_member (root, "case_count"))
    g_assert_cmpint (json_array_get_length (cases), ==, get_int (root, "case_count"));
  if (json_object_has_member (root, "review_count"))
    g_assert_cmpint (n_reviews, ==, get_int (root, "review_count"));

  g_test_message ("%s: %u cases, %u reviews (%u with the 4-way preview)", name,
                  json_array_get_length (cases), n_reviews, n_previews);
  tally_report (&configs);
  tally_report (&reviews);
}

static void
test_scheduler_cases (void)
{
  LOAD_SECTION (parser, cases, "scheduler-vectors", "cases");

  run_cases (parser, cases, TRUE, "scheduler cases");
}

/* ---------------------------------------------------------------------- */
/* retrievability-vectors.json                                            */
/* ---------------------------------------------------------------------- */

static void
test_retrievability_decay_factor (void)
{
  Tally tally;
  LOAD_SECTION (parser, rows, "retrievability-vectors", "decay_factor");

  tally_init (&tally, "decay_factor");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *context = g_strdup_printf ("row %u", i);
      EgFsrsParams params;
      gboolean ok = params_for_decay (&params, get_double (row, "w20"), 0.9, 36500);

      if (ok)
        {
          check_double (&tally, &ok, context, "decay", params.decay, get_double (row, "decay"));
          check_double (&tally, &ok, context, "factor", params.factor, get_double (row, "factor"));
        }
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

static void
test_retrievability_grid (void)
{
  Tally tally;
  LOAD_SECTION (parser, rows, "retrievability-vectors", "retrievability");

  tally_init (&tally, "retrievability");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *context = g_strdup_printf ("row %u", i);
      EgFsrsParams params;
      gboolean ok = params_for_decay (&params, get_double (row, "w20"), 0.9, 36500);

      if (ok)
        check_double (&tally, &ok, context, "R",
                      eg_fsrs_forgetting_curve (&params, get_double (row, "elapsed_days"),
                                                get_double (row, "stability")),
                      get_double (row, "r"));
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

static void
test_retrievability_interval_modifier (void)
{
  Tally tally;
  LOAD_SECTION (parser, rows, "retrievability-vectors", "interval_modifier");

  tally_init (&tally, "interval_modifier");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *context = g_strdup_printf ("row %u", i);
      EgFsrsParams params;
      gboolean ok = params_for_decay (&params, get_double (row, "w20"),
                                      get_double (row, "request_retention"), 36500);

      if (ok)
        check_double (&tally, &ok, context, "interval_modifier", params.interval_modifier,
                      get_double (row, "interval_modifier"));
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

static void
test_retrievability_next_interval (void)
{
  Tally tally;
  LOAD_SECTION (parser, rows, "retrievability-vectors", "next_interval");

  tally_init (&tally, "next_interval");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *context = g_strdup_printf ("row %u (S %.17g)", i,
                                                  get_double (row, "stability"));
      EgFsrsParams params;
      gboolean ok = params_for_decay (&params, get_double (row, "w20"),
                                      get_double (row, "request_retention"),
                                      (int) get_int (row, "maximum_interval"));

      if (ok)
        check_int (&tally, &ok, context, "interval",
                   eg_fsrs_next_interval (&params, get_double (row, "stability"), 0, NULL),
                   get_int (row, "interval"));
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

/* ---------------------------------------------------------------------- */
/* model-vectors.json                                                     */
/* ---------------------------------------------------------------------- */

static void
check_bounds (const char *section,
              gboolean    enable_short_term)
{
  Tally tally;
  LOAD_SECTION (parser, rows, "model-vectors", section);

  tally_init (&tally, section);
  g_assert_cmpuint (json_array_get_length (rows), ==, EG_FSRS_N_PARAMS);
  for (guint i = 0; i < MIN (json_array_get_length (rows), EG_FSRS_N_PARAMS); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);
      g_autofree char *context = g_strdup_printf ("w[%u]", i);
      gboolean ok = TRUE;
      double lo, hi;

      eg_fsrs_parameter_bounds (i, enable_short_term, &lo, &hi);
      check_double (&tally, &ok, context, "lo", lo, json_array_get_double_element (row, 0));
      check_double (&tally, &ok, context, "hi", hi, json_array_get_double_element (row, 1));
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

static void
test_model_bounds_short_term (void)
{
  check_bounds ("bounds_enable_short_term_true", TRUE);
}

static void
test_model_bounds_long_term (void)
{
  check_bounds ("bounds_enable_short_term_false", FALSE);
}

static gboolean
params_from_set (JsonObject   *set,
                 EgFsrsParams *params)
{
  double w[EG_FSRS_N_PARAMS];
  guint n_w = get_doubles (json_object_get_array_member (set, "w"), w, EG_FSRS_N_PARAMS);
  gboolean short_term = TRUE;

  if (json_object_has_member (set, "enable_short_term"))
    short_term = json_object_get_boolean_member (set, "enable_short_term");
  return eg_fsrs_params_init (params, w, n_w, 0.9, 36500, FALSE, short_term, NULL, NULL, NULL);
}

static void
test_model_next_state (void)
{
  g_autoptr(GHashTable) params_by_key = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               NULL, g_free);
  g_autoptr(GList) keys = NULL;
  JsonObject *root, *sets;
  Tally tally;
  LOAD_SECTION (parser, rows, "model-vectors", "next_state");

  root = json_node_get_object (json_parser_get_root (parser));
  sets = json_object_get_object_member (root, "next_state_param_sets");
  keys = json_object_get_members (sets);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      EgFsrsParams *params = g_new0 (EgFsrsParams, 1);

      g_assert_true (params_from_set (json_object_get_object_member (sets, l->data), params));
      g_hash_table_insert (params_by_key, l->data, params);
    }

  tally_init (&tally, "next_state");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);
      const char *key = json_array_get_string_element (row, 0);
      const EgFsrsParams *params = g_hash_table_lookup (params_by_key, key);
      double s = json_array_get_double_element (row, 1);
      double d = json_array_get_double_element (row, 2);
      int t = (int) json_array_get_int_element (row, 3);
      int g = (int) json_array_get_int_element (row, 4);
      g_autofree char *context = g_strdup_printf ("row %u [%s S=%.17g D=%.17g t=%d G=%d]",
                                                  i, key, s, d, t, g);
      g_autoptr(GError) error = NULL;
      gboolean ok = TRUE;
      double s_next, d_next;

      if (params == NULL)
        {
          ok = FALSE;
          tally_fail (&tally, "%s: unknown parameter set", context);
        }
      else if (!eg_fsrs_next_state (params, s, d, t, g, &s_next, &d_next, &error))
        {
          ok = FALSE;
          tally_fail (&tally, "%s: %s", context, error->message);
        }
      else
        {
          check_double (&tally, &ok, context, "S", s_next, json_array_get_double_element (row, 5));
          check_double (&tally, &ok, context, "D", d_next, json_array_get_double_element (row, 6));
        }
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

static void
test_model_components (void)
{
  Tally tally;
  LOAD_SECTION (parser, sets, "model-vectors", "components");

  tally_init (&tally, "components");
  for (guint i = 0; i < json_array_get_length (sets); i++)
    {
      JsonObject *set = json_array_get_object_element (sets, i);
      const char *name = json_object_get_string_member (set, "param_set");
      EgFsrsParams params;
      JsonArray *rows;

      if (!params_from_set (set, &params))
        {
          tally_fail (&tally, "%s: bad parameters", name);
          tally_add (&tally, FALSE);
          continue;
        }

#define FOR_ROWS(member) \
      rows = json_object_get_array_member (set, member); \
      for (guint j = 0; j < json_array_get_length (rows); j++)
#define COL(k) json_array_get_double_element (json_array_get_array_element (rows, j), k)
#define CHECK(member, got, want) \
      G_STMT_START { \
        g_autofree char *context = g_strdup_printf ("%s %s row %u", name, member, j); \
        gboolean ok = TRUE; \
        check_double (&tally, &ok, context, member, got, want); \
        tally_add (&tally, ok); \
      } G_STMT_END

      FOR_ROWS ("init_stability")
        CHECK ("init_stability", eg_fsrs_init_stability (&params, (int) COL (0)), COL (1));
      FOR_ROWS ("init_difficulty")
        CHECK ("init_difficulty", eg_fsrs_init_difficulty (&params, (int) COL (0)), COL (1));
      FOR_ROWS ("next_difficulty")
        CHECK ("next_difficulty",
               eg_fsrs_next_difficulty (&params, COL (0), (int) COL (1)), COL (2));
      FOR_ROWS ("next_recall_stability")
        CHECK ("next_recall_stability",
               eg_fsrs_next_recall_stability (&params, COL (0), COL (1), COL (2), (int) COL (3)),
               COL (4));
      FOR_ROWS ("next_forget_stability")
        CHECK ("next_forget_stability",
               eg_fsrs_next_forget_stability (&params, COL (0), COL (1), COL (2)), COL (3));
      FOR_ROWS ("next_short_term_stability")
        CHECK ("next_short_term_stability",
               eg_fsrs_next_short_term_stability (&params, COL (0), (int) COL (1)), COL (2));

#undef FOR_ROWS
#undef COL
#undef CHECK
    }
  tally_report (&tally);
}

static void
test_model_clip_parameters (void)
{
  Tally tally;
  LOAD_SECTION (parser, rows, "model-vectors", "clip_parameters");

  tally_init (&tally, "clip_parameters");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *context = g_strdup_printf ("row %u", i);
      guint n_steps = (guint) get_int (row, "num_relearning_steps");
      gboolean short_term = json_object_get_boolean_member (row, "enable_short_term");
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) steps = g_ptr_array_new ();
      double w[EG_FSRS_N_PARAMS], want[EG_FSRS_N_PARAMS], got[EG_FSRS_N_PARAMS];
      guint n_w = get_doubles (json_object_get_array_member (row, "w_input"), w,
                               EG_FSRS_N_PARAMS);
      guint n_want = get_doubles (json_object_get_array_member (row, "w"), want,
                                  EG_FSRS_N_PARAMS);
      gboolean ok = TRUE;
      EgFsrsParams params;

      check_int (&tally, &ok, context, "input length", n_w, EG_FSRS_N_PARAMS);
      check_int (&tally, &ok, context, "output length", n_want, EG_FSRS_N_PARAMS);

      /* the plain function */
      eg_fsrs_clip_parameters (w, n_w, n_steps, short_term, got);
      for (guint k = 0; k < MIN (n_w, n_want); k++)
        {
          char what[24];

          g_snprintf (what, sizeof what, "w[%u]", k);
          check_double (&tally, &ok, context, what, got[k], want[k]);
        }

      /* and through params_init with that many relearning steps */
      for (guint k = 0; k < n_steps; k++)
        g_ptr_array_add (steps, (gpointer) "10m");
      g_ptr_array_add (steps, NULL);
      if (!eg_fsrs_params_init (&params, w, n_w, 0.9, 36500, FALSE, short_term, NULL,
                                (const char * const *) steps->pdata, &error))
        {
          ok = FALSE;
          tally_fail (&tally, "%s: params_init: %s", context, error->message);
        }
      else
        {
          for (guint k = 0; k < MIN (n_want, EG_FSRS_N_PARAMS); k++)
            {
              char what[24];

              g_snprintf (what, sizeof what, "params.w[%u]", k);
              check_double (&tally, &ok, context, what, params.w[k], want[k]);
            }
        }
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

static void
test_model_migrate_parameters (void)
{
  Tally tally;
  LOAD_SECTION (parser, rows, "model-vectors", "migrate_parameters");

  tally_init (&tally, "migrate_parameters");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *context = g_strdup_printf ("row %u", i);
      g_auto(GStrv) steps = get_strv (json_object_get_array_member (row, "relearning_steps"));
      gboolean short_term = json_object_get_boolean_member (row, "enable_short_term");
      g_autoptr(GError) error = NULL;
      double w[EG_FSRS_N_PARAMS], want[EG_FSRS_N_PARAMS], want_sched[EG_FSRS_N_PARAMS];
      double got[EG_FSRS_N_PARAMS];
      guint n_w = get_doubles (json_object_get_array_member (row, "w_input"), w,
                               EG_FSRS_N_PARAMS);
      guint n_want = get_doubles (json_object_get_array_member (row, "w"), want,
                                  EG_FSRS_N_PARAMS);
      guint n_sched = get_doubles (json_object_get_array_member (row, "w_scheduler"),
                                   want_sched, EG_FSRS_N_PARAMS);
      gboolean ok = TRUE;
      EgFsrsParams params;

      check_int (&tally, &ok, context, "w length", n_want, EG_FSRS_N_PARAMS);
      check_int (&tally, &ok, context, "w_scheduler length", n_sched, EG_FSRS_N_PARAMS);

      if (!eg_fsrs_migrate_parameters (w, n_w, g_strv_length (steps), short_term, got))
        {
          ok = FALSE;
          tally_fail (&tally, "%s: %u values not migrated", context, n_w);
        }
      for (guint k = 0; k < MIN (n_want, EG_FSRS_N_PARAMS); k++)
        {
          char what[24];

          g_snprintf (what, sizeof what, "w[%u]", k);
          check_double (&tally, &ok, context, what, got[k], want[k]);
        }

      if (!eg_fsrs_params_init (&params, w, n_w, 0.9, 36500, FALSE, short_term, NULL,
                                (const char * const *) steps, &error))
        {
          ok = FALSE;
          tally_fail (&tally, "%s: params_init: %s", context, error->message);
        }
      else
        {
          for (guint k = 0; k < MIN (n_sched, EG_FSRS_N_PARAMS); k++)
            {
              char what[24];

              g_snprintf (what, sizeof what, "w_scheduler[%u]", k);
              check_double (&tally, &ok, context, what, params.w[k], want_sched[k]);
            }
        }
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

/* ---------------------------------------------------------------------- */
/* fuzz-vectors.json                                                      */
/* ---------------------------------------------------------------------- */

static void
test_fuzz_range (void)
{
  Tally tally;
  LOAD_SECTION (parser, rows, "fuzz-vectors", "fuzz_range");

  tally_init (&tally, "fuzz_range");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      double ivl = get_double (row, "interval");
      int t = (int) get_int (row, "elapsed_days");
      int max = (int) get_int (row, "maximum_interval");
      g_autofree char *context = g_strdup_printf ("row %u (ivl %g, t %d, max %d)",
                                                  i, ivl, t, max);
      gboolean ok = TRUE;
      int lo, hi;

      eg_fsrs_fuzz_range (ivl, t, max, &lo, &hi);
      check_int (&tally, &ok, context, "min_ivl", lo, get_int (row, "min_ivl"));
      check_int (&tally, &ok, context, "max_ivl", hi, get_int (row, "max_ivl"));
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

static void
test_fuzz_apply (void)
{
  Tally tally;
  LOAD_SECTION (parser, rows, "fuzz-vectors", "apply_fuzz");

  tally_init (&tally, "apply_fuzz");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *seed = json_object_get_string_member (row, "seed");
      int ivl = (int) get_int (row, "interval");
      int t = (int) get_int (row, "elapsed_days");
      int max = (int) get_int (row, "maximum_interval");
      g_autofree char *context = g_strdup_printf ("row %u (seed \"%s\", ivl %d, t %d, max %d)",
                                                  i, seed, ivl, t, max);
      gboolean ok = TRUE;

      check_int (&tally, &ok, context, "fuzzed", eg_fsrs_apply_fuzz (seed, ivl, t, max),
                 get_int (row, "fuzzed"));
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

static void
test_fuzz_alea (void)
{
  Tally tally;
  LOAD_SECTION (parser, rows, "fuzz-vectors", "alea_outputs");

  tally_init (&tally, "alea_outputs");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *seed = json_object_get_string_member (row, "seed");
      JsonArray *outputs = json_object_get_array_member (row, "outputs");
      g_autofree char *context = g_strdup_printf ("seed \"%s\"", seed);
      gboolean ok = TRUE;
      EgFsrsAlea alea;

      eg_fsrs_alea_init (&alea, seed);
      for (guint k = 0; k < json_array_get_length (outputs); k++)
        {
          double got = eg_fsrs_alea_next (&alea);
          double want = json_array_get_double_element (outputs, k);

          /* exact: Alea is integer arithmetic in doubles */
          if (got != want)
            {
              ok = FALSE;
              tally_fail (&tally, "%s: output %u = %.17g, want %.17g", context, k, got, want);
            }
        }
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

static void
test_fuzz_seed_examples (void)
{
  Tally tally;
  LOAD_SECTION (parser, rows, "fuzz-vectors", "seed_examples");

  tally_init (&tally, "seed_examples");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *want = json_object_get_string_member (row, "fuzz_seed");
      g_auto(GStrv) parts = g_strsplit (want, "_", -1);
      g_autofree char *context = g_strdup_printf ("row %u (%s)", i, want);
      gint64 now = get_time (row, "review_time");
      gboolean ok = TRUE;

      /* The example gives no card, so check the format: the time prefix,
       * and that the D*S part is what our formatter prints for its value. */
      if (check_int (&tally, &ok, context, "parts", g_strv_length (parts), 3))
        {
          char seed[EG_FSRS_SEED_BUF_SIZE];
          char number[EG_FSRS_JS_NUMBER_BUF_SIZE];
          double product = g_ascii_strtod (parts[2], NULL);
          int reps = (int) g_ascii_strtoll (parts[1], NULL, 10);

          check_int (&tally, &ok, context, "time", g_ascii_strtoll (parts[0], NULL, 10), now);
          check_str (&tally, &ok, context, "D*S", eg_fsrs_format_js_number (product, number),
                     parts[2]);
          check_str (&tally, &ok, context, "seed", eg_fsrs_fuzz_seed (seed, now, reps, product),
                     want);
        }
      tally_add (&tally, ok);
    }
  tally_report (&tally);
}

static void
test_fuzz_cases (void)
{
  LOAD_SECTION (parser, cases, "fuzz-vectors", "cases");

  run_cases (parser, cases, FALSE, "fuzz cases");
}

/* ---------------------------------------------------------------------- */
/* Hand-written edge cases                                                */
/* ---------------------------------------------------------------------- */

static void
test_edge_jsround (void)
{
  g_assert_cmpfloat (eg_fsrs_jsround (0.49999999999999994), ==, 0.0);
  g_assert_cmpfloat (eg_fsrs_jsround (0.5), ==, 1.0);
  g_assert_cmpfloat (eg_fsrs_jsround (1.5), ==, 2.0);
  g_assert_cmpfloat (eg_fsrs_jsround (2.5), ==, 3.0);
  g_assert_cmpfloat (eg_fsrs_jsround (-0.5), ==, 0.0);
  g_assert_cmpfloat (eg_fsrs_jsround (-1.5), ==, -1.0);
  g_assert_cmpfloat (eg_fsrs_jsround (-2.5), ==, -2.0);
  g_assert_cmpfloat (eg_fsrs_jsround (-2.5000000000000004), ==, -3.0);
  g_assert_cmpfloat (eg_fsrs_jsround (4503599627370495.5), ==, 4503599627370496.0);
  g_assert_cmpfloat (eg_fsrs_jsround (9007199254740991.0), ==, 9007199254740991.0);
}

static void
test_edge_round8 (void)
{
  g_assert_cmpfloat (eg_fsrs_round8 (1.0 / 3.0), ==, 0.33333333);
  g_assert_cmpfloat (eg_fsrs_round8 (2.0 / 3.0), ==, 0.66666667);
  g_assert_cmpfloat (eg_fsrs_round8 (-2.0 / 3.0), ==, -0.66666667);
  g_assert_cmpfloat (eg_fsrs_round8 (0.98034649), ==, 0.98034649);
  g_assert_cmpfloat (eg_fsrs_round8 (12.3456789012), ==, 12.3456789);
  g_assert_cmpfloat (eg_fsrs_round8 (1e-9), ==, 0.0);
  g_assert_cmpfloat (eg_fsrs_round8 (36500.0), ==, 36500.0);

  /* toFixed(8): exact ties (odd multiples of 2^-9) round away from zero */
  g_assert_cmpfloat (eg_fsrs_to_fixed8 (1.0 / 512), ==, 0.00195313);
  g_assert_cmpfloat (eg_fsrs_to_fixed8 (-1.0 / 512), ==, -0.00195313);
  g_assert_cmpfloat (eg_fsrs_to_fixed8 (5.0 / 512), ==, 0.00976563);
  g_assert_cmpfloat (eg_fsrs_to_fixed8 (1.0 / 3.0), ==, 0.33333333);
  g_assert_cmpfloat (eg_fsrs_to_fixed8 (0.51510155), ==, 0.51510155);
  g_assert_cmpfloat (eg_fsrs_to_fixed8 (1e22), ==, 1e22);

  /* 8-decimal numbers come back as they are; others as printf and strtod
   * read them (but for the ties, above) */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (808);

    for (int i = 0; i < 100000; i++)
      {
        double n = floor (g_rand_double_range (rand, 0, 1e14));
        double eight = (i % 2 ? -n : n) / 1e8;
        double any = g_rand_double_range (rand, -1e7, 1e7);
        char buf[64];

        if (fabs (any) * 512 == floor (fabs (any) * 512))
          any += 1e-6;   /* a multiple of 2^-9, maybe a tie: not one now */
        g_ascii_formatd (buf, sizeof buf, "%.8f", any);
        if (eg_fsrs_to_fixed8 (eight) != eight ||
            eg_fsrs_to_fixed8 (any) != g_ascii_strtod (buf, NULL))
          {
            g_test_fail_printf ("toFixed(8) of %.17g or %.17g", eight, any);
            break;
          }
      }
  }
}

static void
test_edge_js_number (void)
{
  static const struct
  {
    double      value;
    const char *text;
  } cases[] = {
    { 1e-7, "1e-7" },
    { 1.23e22, "1.23e+22" },
    { 0.0, "0" },
    { -0.0, "0" },
    { 12.0, "12" },
    { -12.0, "-12" },
    { 0.1, "0.1" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1e21, "1e+21" },
    { 1e20, "100000000000000000000" },
    { 123456789012345680000.0, "123456789012345680000" },
    { 0.000001, "0.000001" },
    { 0.0000015, "0.0000015" },
    { 1.5e-7, "1.5e-7" },
    { 4.885406806805, "4.885406806805" },
    { 1.3596195999999998, "1.3596195999999998" },
    { 5e-324, "5e-324" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 9007199254740992.0, "9007199254740992" },
    { 2.5, "2.5" },
    { 100.0, "100" },
  };
  char buffer[EG_FSRS_JS_NUMBER_BUF_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (eg_fsrs_format_js_number (cases[i].value, buffer), ==, cases[i].text);

  g_assert_cmpstr (eg_fsrs_format_js_number (NAN, buffer), ==, "NaN");
  g_assert_cmpstr (eg_fsrs_format_js_number (INFINITY, buffer), ==, "Infinity");
  g_assert_cmpstr (eg_fsrs_format_js_number (-INFINITY, buffer), ==, "-Infinity");

  /* every value of the form d * 2^k round-trips through the formatter */
  for (int k = -1074; k <= 1023; k++)
    {
      double x = ldexp (1.0, k);

      eg_fsrs_format_js_number (x, buffer);
      g_assert_cmpfloat (g_ascii_strtod (buffer, NULL), ==, x);
    }
}

static void
test_edge_steps (void)
{
  static const struct
  {
    const char *step;
    int         minutes;  /* -1: error */
  } cases[] = {
    { "1m", 1 }, { "10m", 10 }, { "1h", 60 }, { "1d", 1440 }, { "2d", 2880 },
    { "1.5h", 60 }, { " 5m", 5 }, { "+5m", 5 }, { "0m", 0 }, { "-0m", 0 },
    { "-5m", -1 }, { "m", -1 }, { "5", -1 }, { "5s", -1 }, { "", -1 }, { "abcm", -1 },
    { ".5h", -1 }, { "5m ", -1 }, { "99999999999999999999m", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      int minutes = -1;
      gboolean ok = eg_fsrs_parse_step (cases[i].step, &minutes, &error);

      if (ok != (cases[i].minutes >= 0) || (ok && minutes != cases[i].minutes)
          || (!ok && !g_error_matches (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_STEP)))
        {
          g_test_message ("step \"%s\": got %s %d, want %d", cases[i].step,
                          ok ? "minutes" : "error", minutes, cases[i].minutes);
          g_test_fail ();
        }
    }
}

static void
test_edge_params (void)
{
  static const char * const three_steps[] = { "5m", "10m", "1h", NULL };
  static const char * const bad_steps[] = { "10x", NULL };
  static const char * const no_steps[] = { NULL };
  double short_w[5] = { 1, 2, 3, 4, 5 };
  g_autoptr(GError) error = NULL;
  EgFsrsParams params;

  eg_fsrs_params_init_default (&params);
  g_assert_cmpfloat (params.request_retention, ==, 0.9);
  g_assert_cmpint (params.maximum_interval, ==, 36500);
  g_assert_cmpfloat (params.factor, ==, 0.98034649);
  g_assert_cmpfloat (params.interval_modifier, ==, 1.0);
  g_assert_cmpuint (params.n_learning_steps, ==, 2);
  g_assert_cmpint (params.learning_steps[0], ==, 1);
  g_assert_cmpint (params.learning_steps[1], ==, 10);
  g_assert_cmpuint (params.n_relearning_steps, ==, 1);
  g_assert_cmpint (params.relearning_steps[0], ==, 10);
  g_assert_cmpfloat (eg_fsrs_init_difficulty (&params, EG_FSRS_EASY), ==, -4.7716307);

  /* data-dependent w17/w18 ceiling */
  g_assert_true (eg_fsrs_params_init (&params, NULL, 0, 0.9, 36500, FALSE, TRUE, NULL,
                                      three_steps, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (params.w[17], ==, 0.49027301);
  g_assert_cmpfloat (params.w[18], ==, 0.0912);

  /* 0 means the default, like JavaScript `||` */
  g_assert_true (eg_fsrs_params_init (&params, NULL, 0, 0, 0, FALSE, TRUE, no_steps, no_steps,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (params.request_retention, ==, 0.9);
  g_assert_cmpint (params.maximum_interval, ==, 36500);
  g_assert_cmpuint (params.n_learning_steps, ==, 0);
  g_assert_cmpuint (params.n_relearning_steps, ==, 0);

  /* other retentions */
  g_assert_true (eg_fsrs_params_init (&params, NULL, 0, 0.7, 0, FALSE, TRUE, NULL, NULL, &error));
  g_assert_cmpfloat (params.interval_modifier, ==, 9.28791122);
  g_assert_true (eg_fsrs_params_init (&params, NULL, 0, 1.0, 0, FALSE, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (eg_fsrs_params_init (&params, NULL, 0, 1.5, 0, FALSE, TRUE, NULL, NULL,
                                       &error));
  g_assert_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_RETENTION);
  g_clear_error (&error);
  g_assert_false (eg_fsrs_params_init (&params, NULL, 0, -0.1, 0, FALSE, TRUE, NULL, NULL,
                                       &error));
  g_assert_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_RETENTION);
  g_clear_error (&error);
  g_assert_false (eg_fsrs_params_init (&params, short_w, G_N_ELEMENTS (short_w), 0.9, 0, FALSE,
                                       TRUE, NULL, NULL, &error));
  g_assert_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_PARAMETERS);
  g_clear_error (&error);
  g_assert_false (eg_fsrs_params_init (&params, NULL, 0, 0.9, -1, FALSE, TRUE, NULL, NULL,
                                       &error));
  g_assert_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_PARAMETERS);
  g_clear_error (&error);
  g_assert_false (eg_fsrs_params_init (&params, NULL, 0, 0.9, 0, FALSE, TRUE, bad_steps, NULL,
                                       &error));
  g_assert_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_STEP);
  g_clear_error (&error);

  /* unknown lengths migrate to the defaults */
  {
    double out[EG_FSRS_N_PARAMS];

    g_assert_false (eg_fsrs_migrate_parameters (short_w, G_N_ELEMENTS (short_w), 1, TRUE, out));
    g_assert_cmpmem (out, sizeof out, eg_fsrs_default_weights (), sizeof out);
  }

  /* NaN becomes 0 before clamping */
  {
    double w[EG_FSRS_N_PARAMS];
    double out[EG_FSRS_N_PARAMS];

    memcpy (w, eg_fsrs_default_weights (), sizeof w);
    w[0] = NAN;
    w[8] = NAN;
    w[20] = INFINITY;
    eg_fsrs_clip_parameters (w, EG_FSRS_N_PARAMS, 1, TRUE, out);
    g_assert_cmpfloat (out[0], ==, 0.001);
    g_assert_cmpfloat (out[8], ==, 0.0);
    g_assert_cmpfloat (out[20], ==, 0.8);
  }
}

static void
test_edge_scheduler (void)
{
  g_autoptr(GError) error = NULL;
  EgFsrsParams params;
  EgFsrsCard card, out;
  gint64 t0;

  eg_fsrs_params_init_default (&params);

  /* doc/fsrs.md §11 worked example */
  g_assert_true (parse_iso ("2024-03-10T23:55:00.000Z", &t0));
  eg_fsrs_card_init_new (&card, t0);
  g_assert_cmpfloat (eg_fsrs_retrievability (&params, &card, t0), ==, 0.0);
  g_assert_true (eg_fsrs_review (&params, &card, t0, EG_FSRS_GOOD, &card, &error));
  g_assert_no_error (error);
  g_assert_cmpint (card.state, ==, EG_FSRS_STATE_LEARNING);
  g_assert_cmpfloat (card.stability, ==, 2.3065);
  g_assert_cmpfloat (card.difficulty, ==, 2.11810397);
  g_assert_cmpint (card.learning_steps, ==, 1);
  g_assert_cmpint (card.due, ==, t0 + 10 * 60000);
  g_assert_true (eg_fsrs_review (&params, &card, t0 + 10 * 60000, EG_FSRS_GOOD, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out.elapsed_days, ==, 1);
  g_assert_cmpfloat (out.stability, ==, 7.31530068);
  g_assert_cmpfloat (out.difficulty, ==, 2.11121424);
  g_assert_cmpint (out.state, ==, EG_FSRS_STATE_REVIEW);
  g_assert_cmpint (out.scheduled_days, ==, 7);
  g_assert_cmpint (out.due, ==, t0 + 10 * 60000 + 7 * EG_FSRS_MS_PER_DAY);
  /* the 24h API sees less than a day */
  g_assert_cmpfloat (eg_fsrs_retrievability (&params, &card, t0 + 10 * 60000), ==, 1.0);

  /* a review on an earlier calendar day than the last one */
  g_assert_false (eg_fsrs_review (&params, &out, t0, EG_FSRS_GOOD, &card, &error));
  g_assert_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_TIME);
  g_clear_error (&error);

  /* invalid rating and card */
  g_assert_false (eg_fsrs_review (&params, &out, t0 + EG_FSRS_MS_PER_DAY, 5, &card, &error));
  g_assert_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_RATING);
  g_clear_error (&error);
  out.difficulty = 0.5;
  g_assert_false (eg_fsrs_review (&params, &out, t0 + EG_FSRS_MS_PER_DAY, EG_FSRS_GOOD, &card,
                                  &error));
  g_assert_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_CARD);
  g_clear_error (&error);
  g_assert_false (eg_fsrs_next_state (&params, 1.0, 5.0, -1, EG_FSRS_GOOD, NULL, NULL, &error));
  g_assert_error (error, EG_FSRS_ERROR, EG_FSRS_ERROR_INVALID_TIME);
  g_clear_error (&error);

  /* calendar days versus 24-hour periods */
  g_assert_cmpint (eg_fsrs_elapsed_days (t0, t0 + 10 * 60000), ==, 1);
  g_assert_cmpint (eg_fsrs_elapsed_days (-1, 0), ==, 1);
  g_assert_cmpint (eg_fsrs_elapsed_days (-EG_FSRS_MS_PER_DAY, -1), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/fsrs/scheduler/cases", test_scheduler_cases);

  g_test_add_func ("/fsrs/retrievability/decay_factor", test_retrievability_decay_factor);
  g_test_add_func ("/fsrs/retrievability/retrievability", test_retrievability_grid);
  g_test_add_func ("/fsrs/retrievability/interval_modifier",
                   test_retrievability_interval_modifier);
  g_test_add_func ("/fsrs/retrievability/next_interval", test_retrievability_next_interval);

  g_test_add_func ("/fsrs/model/bounds_enable_short_term_true", test_model_bounds_short_term);
  g_test_add_func ("/fsrs/model/bounds_enable_short_term_false", test_model_bounds_long_term);
  g_test_add_func ("/fsrs/model/next_state", test_model_next_state);
  g_test_add_func ("/fsrs/model/components", test_model_components);
  g_test_add_func ("/fsrs/model/clip_parameters", test_model_clip_parameters);
  g_test_add_func ("/fsrs/model/migrate_parameters", test_model_migrate_parameters);

  g_test_add_func ("/fsrs/fuzz/fuzz_range", test_fuzz_range);
  g_test_add_func ("/fsrs/fuzz/apply_fuzz", test_fuzz_apply);
  g_test_add_func ("/fsrs/fuzz/alea_outputs", test_fuzz_alea);
  g_test_add_func ("/fsrs/fuzz/seed_examples", test_fuzz_seed_examples);
  g_test_add_func ("/fsrs/fuzz/cases", test_fuzz_cases);

  g_test_add_func ("/fsrs/edge/jsround", test_edge_jsround);
  g_test_add_func ("/fsrs/edge/round8", test_edge_round8);
  g_test_add_func ("/fsrs/edge/js-number", test_edge_js_number);
  g_test_add_func ("/fsrs/edge/steps", test_edge_steps);
  g_test_add_func ("/fsrs/edge/params", test_edge_params);
  g_test_add_func ("/fsrs/edge/scheduler", test_edge_scheduler);

  return g_test_run ();
}
