/* eg-cli-json.c - the members the commands' --json output is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-cli-json.h"

/* @value: (nullable): NULL is written null */
void
eg_cli_json_add_string (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
eg_cli_json_add_int (JsonBuilder *builder,
                     const char  *name,
                     gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
eg_cli_json_add_double (JsonBuilder *builder,
                        const char  *name,
                        double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

/* A share from 0 to 1, or null (@value < 0) when there is nothing to share */
void
eg_cli_json_add_share (JsonBuilder *builder,
                       const char  *name,
                       double       value)
{
  json_builder_set_member_name (builder, name);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

/* A study day as its date, "2026-12-05" */
void
eg_cli_json_add_day (JsonBuilder *builder,
                     const char  *name,
                     int          day)
{
  g_autofree char *date = eg_time_format_day (day);

  eg_cli_json_add_string (builder, name, date);
}

/* A time as ISO 8601, "2026-12-05T08:00:00.000Z" */
void
eg_cli_json_add_time (JsonBuilder *builder,
                      const char  *name,
                      gint64       ms)
{
  g_autofree char *iso = eg_time_format_iso (ms);

  eg_cli_json_add_string (builder, name, iso);
}

void
eg_cli_json_print (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}
