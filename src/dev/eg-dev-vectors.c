/* eg-dev-vectors.c - reading and writing FSRS vector files (JSON) for engram-dev
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "eg-dev-vectors.h"

/* ---------------------------------------------------------------------- */
/* Reading the file; every error names where it is                        */
/* ---------------------------------------------------------------------- */

gboolean G_GNUC_PRINTF (3, 4)
_eg_vectors_schema_error (GError     **error,
                          const char  *where,
                          const char  *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", where, message);
  return FALSE;
}

gboolean
_eg_vectors_is_number (JsonNode *node)
{
  GType type = node != NULL ? json_node_get_value_type (node) : G_TYPE_INVALID;

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

gboolean
_eg_vectors_read_object (JsonObject  *object,
                         const char  *member,
                         const char  *where,
                         JsonObject **value,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return _eg_vectors_schema_error (error, where, "“%s” is missing or not an object", member);
  *value = json_node_get_object (node);
  return TRUE;
}

gboolean
_eg_vectors_read_array (JsonObject  *object,
                        const char  *member,
                        const char  *where,
                        JsonArray  **value,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return _eg_vectors_schema_error (error, where, "“%s” is missing or not an array", member);
  *value = json_node_get_array (node);
  return TRUE;
}

gboolean
_eg_vectors_read_double (JsonObject  *object,
                         const char  *member,
                         const char  *where,
                         double      *value,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (!_eg_vectors_is_number (node))
    return _eg_vectors_schema_error (error, where, "“%s” is missing or not a number", member);
  *value = json_node_get_double (node);
  return TRUE;
}

gboolean
_eg_vectors_read_int (JsonObject  *object,
                      const char  *member,
                      const char  *where,
                      gint64       min,
                      gint64       max,
                      gint64      *value,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  double number;

  if (!_eg_vectors_is_number (node))
    return _eg_vectors_schema_error (error, where, "“%s” is missing or not an integer", member);

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else
    {
      number = json_node_get_double (node);
      if (number != floor (number) || !(fabs (number) < 1e15))
        return _eg_vectors_schema_error (error, where, "“%s” is not an integer", member);
      *value = (gint64) number;
    }

  if (*value < min || *value > max)
    return _eg_vectors_schema_error (error, where, "“%s” is out of range (%" G_GINT64_FORMAT ")",
                                     member, *value);
  return TRUE;
}

gboolean
_eg_vectors_read_boolean (JsonObject  *object,
                          const char  *member,
                          const char  *where,
                          gboolean    *value,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return _eg_vectors_schema_error (error, where, "“%s” is missing or not a boolean", member);
  *value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
_eg_vectors_read_string (JsonObject  *object,
                         const char  *member,
                         const char  *where,
                         const char **value,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return _eg_vectors_schema_error (error, where, "“%s” is missing or not a string", member);
  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
_eg_vectors_read_time (JsonObject  *object,
                       const char  *member,
                       const char  *where,
                       gint64      *ms,
                       GError     **error)
{
  const char *text = NULL;

  if (!_eg_vectors_read_string (object, member, where, &text, error))
    return FALSE;
  if (!eg_time_parse_iso (text, ms))
    return _eg_vectors_schema_error (error, where,
                                     "“%s” is not a time such as 2025-01-31T09:30:00.000Z: %s",
                                     member, text);
  return TRUE;
}

static gboolean
read_steps (JsonObject  *config,
            const char  *member,
            const char  *where,
            GStrv       *steps,
            GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = NULL;

  if (!_eg_vectors_read_array (config, member, where, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return _eg_vectors_schema_error (error, where, "%s[%u] is not a string such as \"10m\"",
                                         member, i);
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  /* an empty array gives an empty (not NULL) list: no steps */
  *steps = g_strv_builder_end (builder);
  return TRUE;
}

gboolean
_eg_vectors_read_params (JsonObject    *config,
                         const char    *where,
                         EgFsrsParams  *params,
                         GError       **error)
{
  g_auto(GStrv) learning_steps = NULL;
  g_auto(GStrv) relearning_steps = NULL;
  double w[EG_FSRS_N_PARAMS];
  double request_retention = 0;
  gint64 maximum_interval = 0;
  gboolean enable_fuzz = FALSE;
  gboolean enable_short_term = FALSE;
  JsonArray *array = NULL;
  guint n_w;

  if (!_eg_vectors_read_array (config, "w", where, &array, error))
    return FALSE;
  n_w = json_array_get_length (array);
  if (n_w == 0 || n_w > EG_FSRS_N_PARAMS)
    return _eg_vectors_schema_error (error, where, "“w” has %u numbers, not 17, 19 or 21", n_w);
  for (guint i = 0; i < n_w; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!_eg_vectors_is_number (node))
        return _eg_vectors_schema_error (error, where, "w[%u] is not a number", i);
      w[i] = json_node_get_double (node);
    }

  if (!_eg_vectors_read_double (config, "request_retention", where, &request_retention, error)
      || !_eg_vectors_read_int (config, "maximum_interval", where, 1, G_MAXINT, &maximum_interval,
                                error)
      || !_eg_vectors_read_boolean (config, "enable_fuzz", where, &enable_fuzz, error)
      || !_eg_vectors_read_boolean (config, "enable_short_term", where, &enable_short_term, error)
      || !read_steps (config, "learning_steps", where, &learning_steps, error)
      || !read_steps (config, "relearning_steps", where, &relearning_steps, error))
    return FALSE;

  if (!eg_fsrs_params_init (params, w, n_w, request_retention, (int) maximum_interval,
                            enable_fuzz, enable_short_term,
                            (const char * const *) learning_steps,
                            (const char * const *) relearning_steps, error))
    {
      g_prefix_error (error, "%s: ", where);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Cards                                                                  */
/* ---------------------------------------------------------------------- */

JsonNode *
_eg_vectors_double_node (double value)
{
  /* JSON has no NaN or Infinity */
  if (!isfinite (value))
    return json_node_init_null (json_node_alloc ());
  return json_node_init_double (json_node_alloc (), value);
}

JsonObject *
_eg_vectors_card_to_json (const EgFsrsCard *card,
                          const CardField  *fields,
                          guint             n_fields)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < n_fields; i++)
    {
      const CardField *field = &fields[i];
      g_autofree char *iso = NULL;

      switch (field->kind)
        {
        case FIELD_STATE:
          json_object_set_int_member (object, field->name, card->state);
          break;
        case FIELD_INT:
          json_object_set_int_member (object, field->name, INT_FIELD (card, field));
          break;
        case FIELD_DOUBLE:
          json_object_set_member (object, field->name,
                                  _eg_vectors_double_node (DOUBLE_FIELD (card, field)));
          break;
        case FIELD_TIME:
          iso = eg_time_format_iso (TIME_FIELD (card, field));
          json_object_set_string_member (object, field->name, iso);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return object;
}

/* The file's card; its last review is the review's time. */
gboolean
_eg_vectors_card_from_json (JsonObject       *object,
                            const CardField  *fields,
                            guint             n_fields,
                            const char       *where,
                            gint64            review_time,
                            EgFsrsCard       *card,
                            GError          **error)
{
  eg_fsrs_card_init_new (card, 0);
  card->last_review = review_time;

  for (guint i = 0; i < n_fields; i++)
    {
      const CardField *field = &fields[i];
      gint64 value = 0;

      switch (field->kind)
        {
        case FIELD_STATE:
          if (!_eg_vectors_read_int (object, field->name, where, EG_FSRS_STATE_NEW,
                                     EG_FSRS_STATE_RELEARNING, &value, error))
            return FALSE;
          card->state = (EgFsrsState) value;
          break;
        case FIELD_INT:
          if (!_eg_vectors_read_int (object, field->name, where, G_MININT, G_MAXINT, &value, error))
            return FALSE;
          INT_FIELD (card, field) = (int) value;
          break;
        case FIELD_DOUBLE:
          if (!_eg_vectors_read_double (object, field->name, where, &DOUBLE_FIELD (card, field),
                                        error))
            return FALSE;
          break;
        case FIELD_TIME:
          if (!_eg_vectors_read_time (object, field->name, where, &TIME_FIELD (card, field), error))
            return FALSE;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Writing                                                                */
/* ---------------------------------------------------------------------- */

/* json-glib 1.6 appends ".0" to every double it prints without a '.',
 * even after an exponent ("1e-08.0" is not JSON): drop those. */
char *
_eg_vectors_fix_exponents (const char *json)
{
  GString *out = g_string_sized_new (strlen (json) + 1);
  gboolean in_string = FALSE;
  const char *p = json;

  while (*p != '\0')
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            g_string_append_c (out, *p++);
          else if (*p == '"')
            in_string = FALSE;
          g_string_append_c (out, *p++);
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p++);
        }
      else if ((*p == 'e' || *p == 'E') && p > json && g_ascii_isdigit (p[-1]))
        {
          g_string_append_c (out, *p++);
          if (*p == '+' || *p == '-')
            g_string_append_c (out, *p++);
          while (g_ascii_isdigit (*p))
            g_string_append_c (out, *p++);
          if (p[0] == '.' && p[1] == '0' && !g_ascii_isdigit (p[2]))
            p += 2;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}
