/* eg-dev-fsrs.c - engram-dev fsrs replay: replay FSRS review sequences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "eg-dev.h"
#include "eg-dev-vectors.h"

/* The input is a file in the schema of the ts-fsrs golden vectors
 * (scheduler-vectors.json; only its "cases" matter):
 *
 *   cases: [ { id, config: { w, request_retention, maximum_interval, enable_fuzz,
 *                            enable_short_term, learning_steps, relearning_steps,
 *                            decay?, factor?, interval_modifier? },
 *              card_created: ISO,
 *              reviews: [ { review_time: ISO, rating: 1..4,
 *                           state_before?, elapsed_days?, retrievability?,
 *                           retrievability_api?, fuzz_seed?,
 *                           card, preview?: [4 outcomes] } ] } ]
 *
 * Every case is replayed from a New card due at card_created.  Without
 * --check the document is printed again with every computed member replaced
 * by what the scheduler gives; with --check the computed values are
 * compared with the file's.  Times are read and written by eg-time.c, in
 * the form of JavaScript's toISOString() ("2025-01-31T09:30:00.000Z").
 */

/* ---------------------------------------------------------------------- */
/* Cards                                                                  */
/* ---------------------------------------------------------------------- */

/* The members of "card" (the card after a review) and of the "preview"
 * outcomes, in the order of the file. */
static const CardField card_fields[] = {
  CARD_FIELD (state, FIELD_STATE),
  CARD_FIELD (stability, FIELD_DOUBLE),
  CARD_FIELD (difficulty, FIELD_DOUBLE),
  CARD_FIELD (due, FIELD_TIME),
  CARD_FIELD (scheduled_days, FIELD_INT),
  CARD_FIELD (elapsed_days, FIELD_INT),
  CARD_FIELD (reps, FIELD_INT),
  CARD_FIELD (lapses, FIELD_INT),
  CARD_FIELD (learning_steps, FIELD_INT),
};

static const CardField preview_fields[] = {
  CARD_FIELD (state, FIELD_STATE),
  CARD_FIELD (stability, FIELD_DOUBLE),
  CARD_FIELD (difficulty, FIELD_DOUBLE),
  CARD_FIELD (due, FIELD_TIME),
  CARD_FIELD (scheduled_days, FIELD_INT),
  CARD_FIELD (learning_steps, FIELD_INT),
  CARD_FIELD (lapses, FIELD_INT),
};

/* ---------------------------------------------------------------------- */
/* Comparing (--check)                                                    */
/* ---------------------------------------------------------------------- */

/* The first difference found in a review or a config. */
typedef struct
{
  char *field;
  char *got;
  char *want;
} Difference;

static void
difference_clear (Difference *diff)
{
  g_clear_pointer (&diff->field, g_free);
  g_clear_pointer (&diff->got, g_free);
  g_clear_pointer (&diff->want, g_free);
}

/* Takes got and want; keeps only the first difference. */
static void
difference_add (Difference *diff,
                const char *prefix,
                const char *field,
                char       *got,
                char       *want)
{
  if (diff->field != NULL)
    {
      g_free (got);
      g_free (want);
      return;
    }
  diff->field = prefix != NULL ? g_strconcat (prefix, ".", field, NULL) : g_strdup (field);
  diff->got = got;
  diff->want = want;
}

static char *
number_text (double value)
{
  char buffer[EG_FSRS_JS_NUMBER_BUF_SIZE];

  return g_strdup (eg_fsrs_format_js_number (value, buffer));
}

/* doc/fsrs.md §12 Tolerances: bit-equal, or |got - want| <= 1e-8 * max(1, |want|) */
static void
compare_double (Difference *diff,
                const char *prefix,
                const char *field,
                double      got,
                double      want)
{
  if (got == want || fabs (got - want) <= 1e-8 * MAX (1.0, fabs (want)))
    return;
  difference_add (diff, prefix, field, number_text (got), number_text (want));
}

static void
compare_int (Difference *diff,
             const char *prefix,
             const char *field,
             gint64      got,
             gint64      want)
{
  if (got == want)
    return;
  difference_add (diff, prefix, field,
                  g_strdup_printf ("%" G_GINT64_FORMAT, got),
                  g_strdup_printf ("%" G_GINT64_FORMAT, want));
}

static void
compare_cards (Difference       *diff,
               const char       *prefix,
               const CardField  *fields,
               guint             n_fields,
               const EgFsrsCard *got,
               const EgFsrsCard *want)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const CardField *field = &fields[i];

      switch (field->kind)
        {
        case FIELD_STATE:
          compare_int (diff, prefix, field->name, got->state, want->state);
          break;
        case FIELD_INT:
          compare_int (diff, prefix, field->name, INT_FIELD (got, field), INT_FIELD (want, field));
          break;
        case FIELD_DOUBLE:
          compare_double (diff, prefix, field->name,
                          DOUBLE_FIELD (got, field), DOUBLE_FIELD (want, field));
          break;
        case FIELD_TIME:
          if (TIME_FIELD (got, field) != TIME_FIELD (want, field))
            difference_add (diff, prefix, field->name,
                            eg_time_format_iso (TIME_FIELD (got, field)),
                            eg_time_format_iso (TIME_FIELD (want, field)));
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Replaying                                                              */
/* ---------------------------------------------------------------------- */

typedef struct
{
  const char *path;
  gboolean    check;
  guint       n_passed;
  guint       n_failed;
} Replay;

static void
report_difference (const char *where,
                   Difference *diff)
{
  g_printerr ("%s: %s: got %s, want %s\n", where, diff->field, diff->got, diff->want);
}

/* The derived members of the config (decay, factor, interval_modifier),
 * when the file has them. */
static void
replay_derived (Replay             *replay,
                JsonObject         *config,
                const EgFsrsParams *params,
                Difference         *diff)
{
  const struct
  {
    const char *name;
    double      value;
  } derived[] = {
    { "decay", params->decay },
    { "factor", params->factor },
    { "interval_modifier", params->interval_modifier },
  };

  for (guint i = 0; i < G_N_ELEMENTS (derived); i++)
    {
      JsonNode *node = json_object_get_member (config, derived[i].name);

      if (node == NULL)
        continue;
      if (!replay->check)
        json_object_set_member (config, derived[i].name,
                                _eg_vectors_double_node (derived[i].value));
      else if (_eg_vectors_is_number (node))
        compare_double (diff, "config", derived[i].name, derived[i].value,
                        json_node_get_double (node));
      else
        difference_add (diff, "config", derived[i].name, number_text (derived[i].value),
                        g_strdup ("(not a number)"));
    }
}

/* One review of a card: what the file says is done, and what the
 * scheduler computes for it. */
typedef struct
{
  gint64       now;
  EgFsrsRating rating;
  EgFsrsCard   before;
  gboolean     has_preview;
  gboolean     has_fuzz_seed;
  char         fuzz_seed[EG_FSRS_SEED_BUF_SIZE];
  gint64       elapsed_days;        /* 0 for a new card */
  double       retrievability;      /* 0 for a new card */
  double       retrievability_api;
  EgFsrsCard   next;
  EgFsrsCard   outcomes[4];         /* when has_preview */
} Outcome;

/* Runs the scheduler on o->before; FALSE when it refuses the review. */
static gboolean
compute_review (const EgFsrsParams  *params,
                Outcome             *o,
                GError             **error)
{
  const EgFsrsCard *card = &o->before;

  /* what the scheduler sees before the review */
  if (o->has_fuzz_seed)
    eg_fsrs_fuzz_seed (o->fuzz_seed, o->now, card->reps + 1, card->difficulty * card->stability);
  o->retrievability_api = eg_fsrs_retrievability (params, card, o->now);

  if ((o->has_preview && !eg_fsrs_preview (params, card, o->now, o->outcomes, error))
      || !eg_fsrs_review (params, card, o->now, o->rating, &o->next, error))
    return FALSE;

  if (card->state != EG_FSRS_STATE_NEW)
    {
      o->elapsed_days = eg_fsrs_elapsed_days (card->last_review, o->now);
      o->retrievability = eg_fsrs_forgetting_curve (params, (double) o->elapsed_days,
                                                    card->stability);
    }
  return TRUE;
}

/* Without --check: the review's computed members replace the file's. */
static void
write_review (JsonObject    *review,
              const Outcome *o)
{
  if (json_object_has_member (review, "state_before"))
    json_object_set_int_member (review, "state_before", o->before.state);
  if (json_object_has_member (review, "elapsed_days"))
    json_object_set_int_member (review, "elapsed_days", o->elapsed_days);
  if (json_object_has_member (review, "retrievability"))
    {
      if (o->before.state == EG_FSRS_STATE_NEW)
        json_object_set_null_member (review, "retrievability");
      else
        json_object_set_member (review, "retrievability",
                                _eg_vectors_double_node (o->retrievability));
    }
  if (json_object_has_member (review, "retrievability_api"))
    json_object_set_member (review, "retrievability_api",
                            _eg_vectors_double_node (o->retrievability_api));
  if (o->has_fuzz_seed)
    json_object_set_string_member (review, "fuzz_seed", o->fuzz_seed);
  json_object_set_object_member (review, "card",
                                 _eg_vectors_card_to_json (&o->next, card_fields,
                                                           G_N_ELEMENTS (card_fields)));
  if (o->has_preview)
    {
      JsonArray *preview = json_array_sized_new (4);

      for (guint i = 0; i < 4; i++)
        json_array_add_object_element (preview,
                                       _eg_vectors_card_to_json (&o->outcomes[i],
                                                                 preview_fields,
                                                                 G_N_ELEMENTS (preview_fields)));
      json_object_set_array_member (review, "preview", preview);
    }
}

/* --check: the file's members of the review (but its cards) beside the
 * computed ones, in the file's order. */
static gboolean
check_review_members (JsonObject     *review,
                      const char     *where,
                      const Outcome  *o,
                      Difference     *diff,
                      GError        **error)
{
  gboolean is_new = o->before.state == EG_FSRS_STATE_NEW;

  if (json_object_has_member (review, "state_before"))
    {
      gint64 value = 0;

      if (!_eg_vectors_read_int (review, "state_before", where, G_MININT64, G_MAXINT64, &value,
                                 error))
        return FALSE;
      compare_int (diff, NULL, "state_before", o->before.state, value);
    }
  if (json_object_has_member (review, "elapsed_days"))
    {
      gint64 value = 0;

      if (!_eg_vectors_read_int (review, "elapsed_days", where, G_MININT64, G_MAXINT64, &value,
                                 error))
        return FALSE;
      compare_int (diff, NULL, "elapsed_days", o->elapsed_days, value);
    }
  if (json_object_has_member (review, "retrievability"))
    {
      double value = 0;

      if (json_object_get_null_member (review, "retrievability"))
        {
          if (!is_new)
            difference_add (diff, NULL, "retrievability", number_text (o->retrievability),
                            g_strdup ("null"));
        }
      else if (!_eg_vectors_read_double (review, "retrievability", where, &value, error))
        return FALSE;
      else if (is_new)
        difference_add (diff, NULL, "retrievability", g_strdup ("null"), number_text (value));
      else
        compare_double (diff, NULL, "retrievability", o->retrievability, value);
    }
  if (json_object_has_member (review, "retrievability_api"))
    {
      double value = 0;

      if (!_eg_vectors_read_double (review, "retrievability_api", where, &value, error))
        return FALSE;
      compare_double (diff, NULL, "retrievability_api", o->retrievability_api, value);
    }
  if (o->has_fuzz_seed)
    {
      const char *value = NULL;

      if (!_eg_vectors_read_string (review, "fuzz_seed", where, &value, error))
        return FALSE;
      if (!g_str_equal (o->fuzz_seed, value))
        difference_add (diff, NULL, "fuzz_seed", g_strdup (o->fuzz_seed), g_strdup (value));
    }
  return TRUE;
}

/* --check: the file's card after the review (into want) and its preview
 * outcomes, beside the computed ones when there are (@computed). */
static gboolean
check_review_cards (JsonObject     *want_object,
                    JsonArray      *want_preview,
                    const char     *where,
                    const Outcome  *o,
                    gboolean        computed,
                    EgFsrsCard     *want,
                    Difference     *diff,
                    GError        **error)
{
  {
    g_autofree char *card_where = g_strconcat (where, ".card", NULL);

    if (!_eg_vectors_card_from_json (want_object, card_fields, G_N_ELEMENTS (card_fields),
                                     card_where, o->now, want, error))
      return FALSE;
  }
  if (computed)
    compare_cards (diff, "card", card_fields, G_N_ELEMENTS (card_fields), &o->next, want);

  if (want_preview != NULL)
    {
      guint n = json_array_get_length (want_preview);

      if (n != 4)
        return _eg_vectors_schema_error (error, where, "“preview” has %u outcomes, not 4", n);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (want_preview, i);
          g_autofree char *prefix = g_strdup_printf ("preview[%u]", i);
          g_autofree char *preview_where = g_strdup_printf ("%s.%s", where, prefix);
          EgFsrsCard want_outcome;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            return _eg_vectors_schema_error (error, where, "%s is not an object", prefix);
          if (!_eg_vectors_card_from_json (json_node_get_object (node), preview_fields,
                                           G_N_ELEMENTS (preview_fields), preview_where, o->now,
                                           &want_outcome, error))
            return FALSE;
          if (computed)
            compare_cards (diff, prefix, preview_fields, G_N_ELEMENTS (preview_fields),
                           &o->outcomes[i], &want_outcome);
        }
    }
  return TRUE;
}

/* Applies one review to card.  In --check mode the computed values are
 * compared with the file's (the first difference goes to diff) and, when
 * they differ, card becomes the file's card; otherwise the review's
 * computed members are replaced. */
static gboolean
replay_review (Replay              *replay,
               const char          *where,
               const EgFsrsParams  *params,
               JsonObject          *review,
               EgFsrsCard          *card,
               Difference          *diff,
               GError             **error)
{
  g_autoptr(GError) review_error = NULL;
  JsonObject *want_object = NULL;
  JsonArray *want_preview = NULL;
  Outcome o = { 0 };
  EgFsrsCard want;
  gint64 rating = 0;

  o.before = *card;
  o.has_preview = json_object_has_member (review, "preview");
  o.has_fuzz_seed = json_object_has_member (review, "fuzz_seed");
  if (!_eg_vectors_read_time (review, "review_time", where, &o.now, error)
      || !_eg_vectors_read_int (review, "rating", where, EG_FSRS_AGAIN, EG_FSRS_EASY, &rating,
                                error))
    return FALSE;
  o.rating = (EgFsrsRating) rating;

  if (replay->check)
    {
      if (!_eg_vectors_read_object (review, "card", where, &want_object, error))
        return FALSE;
      if (o.has_preview && !_eg_vectors_read_array (review, "preview", where, &want_preview, error))
        return FALSE;
    }

  if (!compute_review (params, &o, &review_error))
    {
      if (!replay->check)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&review_error), "%s: ", where);
          return FALSE;
        }
      /* the file has a card where the scheduler refused: a difference */
      difference_add (diff, NULL, "card", g_strdup_printf ("error “%s”", review_error->message),
                      g_strdup ("a card"));
    }

  if (!replay->check)
    {
      write_review (review, &o);
      *card = o.next;
      return TRUE;
    }

  if (!check_review_members (review, where, &o, diff, error)
      || !check_review_cards (want_object, want_preview, where, &o, review_error == NULL, &want,
                              diff, error))
    return FALSE;

  /* after a difference, go on from the file's card (doc/fsrs.md §12) */
  *card = diff->field != NULL ? want : o.next;
  return TRUE;
}

static gboolean
replay_case (Replay      *replay,
             JsonNode    *node,
             guint        index,
             GError     **error)
{
  g_autofree char *where = NULL;
  JsonObject *kase;
  JsonObject *config = NULL;
  JsonArray *reviews = NULL;
  const char *id = NULL;
  EgFsrsParams params;
  EgFsrsCard card;
  gint64 created = 0;
  gboolean passed = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _eg_vectors_schema_error (error, replay->path, "cases[%u] is not an object", index);
  kase = json_node_get_object (node);
  if (json_object_has_member (kase, "id"))
    {
      g_autofree char *id_where = g_strdup_printf ("%s: cases[%u]", replay->path, index);

      if (!_eg_vectors_read_string (kase, "id", id_where, &id, error))
        return FALSE;
      where = g_strdup_printf ("%s: case %s", replay->path, id);
    }
  else
    where = g_strdup_printf ("%s: cases[%u]", replay->path, index);

  if (!_eg_vectors_read_object (kase, "config", where, &config, error)
      || !_eg_vectors_read_params (config, where, &params, error)
      || !_eg_vectors_read_time (kase, "card_created", where, &created, error)
      || !_eg_vectors_read_array (kase, "reviews", where, &reviews, error))
    return FALSE;

  {
    Difference diff = { NULL };

    replay_derived (replay, config, &params, &diff);
    if (diff.field != NULL)
      {
        report_difference (where, &diff);
        passed = FALSE;
      }
    difference_clear (&diff);
  }

  eg_fsrs_card_init_new (&card, created);
  for (guint i = 0; i < json_array_get_length (reviews); i++)
    {
      JsonNode *review = json_array_get_element (reviews, i);
      g_autofree char *review_where = g_strdup_printf ("%s: reviews[%u]", where, i);
      Difference diff = { NULL };
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (review))
        return _eg_vectors_schema_error (error, review_where, "not an object");

      ok = replay_review (replay, review_where, &params, json_node_get_object (review), &card,
                          &diff, error);
      if (ok && diff.field != NULL)
        {
          report_difference (review_where, &diff);
          passed = FALSE;
        }
      difference_clear (&diff);
      if (!ok)
        return FALSE;
    }

  if (passed)
    replay->n_passed++;
  else
    replay->n_failed++;
  return TRUE;
}

static int
replay_file (const char *path,
             gboolean    check)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Replay replay = { path, check, 0, 0 };
  JsonNode *root;
  JsonArray *cases = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      if (!g_str_has_prefix (error->message, path))
        g_prefix_error (&error, "%s: ", path);
      return eg_dev_fail (error);
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return eg_dev_usage_error ("%s: not a file of FSRS review sequences "
                               "(the top level is not an object)", path);
  if (!_eg_vectors_read_array (json_node_get_object (root), "cases", path, &cases, &error))
    return eg_dev_fail (error);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    if (!replay_case (&replay, json_array_get_element (cases, i), i, &error))
      return eg_dev_fail (error);

  if (check)
    {
      g_print ("%u passed, %u failed\n", replay.n_passed, replay.n_failed);
      return replay.n_failed > 0 ? 1 : 0;
    }
  else
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *json = NULL;
      g_autofree char *fixed = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      json = json_generator_to_data (generator, NULL);
      fixed = _eg_vectors_fix_exponents (json);
      fputs (fixed, stdout);
      fputc ('\n', stdout);
      if (fflush (stdout) != 0)
        return eg_dev_usage_error ("%s: cannot write the output", path);
      return 0;
    }
}

int
eg_dev_fsrs (int    argc,
             char **argv)
{
  gboolean check = FALSE;
  GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      "Compare the replay with the file's values; print “N passed, M failed”", NULL },
    { NULL }
  };

  if (!eg_dev_parse_options ("replay FILE.json [--check]",
                             "Replay the FSRS review sequences of FILE.json (the schema of the "
                             "ts-fsrs scheduler vectors)\nand print the file with the computed "
                             "cards, or, with --check, compare them with the file's.",
                             entries, &argc, &argv))
    return 1;

  if (argc < 2)
    return eg_dev_usage_error ("fsrs: name a subcommand: "
                               "engram-dev fsrs replay FILE.json [--check]");
  if (!g_str_equal (argv[1], "replay"))
    return eg_dev_usage_error ("fsrs: unknown subcommand “%s” (known: replay FILE.json [--check])",
                               argv[1]);
  if (argc != 3)
    return eg_dev_usage_error ("fsrs replay: name one file, e.g. "
                               "engram-dev fsrs replay vectors.json --check");

  return replay_file (argv[2], check);
}
