/* eg-cli-json.h - the members the commands' --json output is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "eg-core.h"

G_BEGIN_DECLS

void eg_cli_json_add_string (JsonBuilder *builder,
                             const char  *name,
                             const char  *value);
void eg_cli_json_add_int    (JsonBuilder *builder,
                             const char  *name,
                             gint64       value);
void eg_cli_json_add_double (JsonBuilder *builder,
                             const char  *name,
                             double       value);
void eg_cli_json_add_share  (JsonBuilder *builder,
                             const char  *name,
                             double       value);
void eg_cli_json_add_day    (JsonBuilder *builder,
                             const char  *name,
                             int          day);
void eg_cli_json_add_time   (JsonBuilder *builder,
                             const char  *name,
                             gint64       ms);
/* Prints what @builder built, indented, and a newline */
void eg_cli_json_print      (JsonBuilder *builder);

G_END_DECLS
