/* eg-cli.h - what the commands of engram-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-core.h"

G_BEGIN_DECLS

typedef struct
{
  char    *db_path;   /* --db */
  char    *at;        /* --at */
  gint64   now_ms;    /* --at, or the current time */
  EgStore *store;     /* after eg_cli_open_store() */
} EgCliContext;

/* A command: argv[0] is "engram-cli COMMAND"; returns the exit status. */
typedef int (*EgCliCommand) (EgCliContext  *ctx,
                             int            argc,
                             char         **argv);

gboolean eg_cli_parse_options (EgCliContext  *ctx,
                               const char    *args,
                               const char    *summary,
                               GOptionEntry  *entries,
                               int           *argc,
                               char        ***argv);
/* What a command does to the collection: a command that writes opens it
 * only when it passes the integrity check. */
typedef enum
{
  EG_CLI_READ,
  EG_CLI_WRITE,
} EgCliAccess;

char    *eg_cli_collection_path (EgCliContext *ctx);
gboolean eg_cli_open_store    (EgCliContext  *ctx,
                               EgCliAccess    access);
int      eg_cli_fail          (GError        *error);
int      eg_cli_usage_error   (const char    *format,
                               ...) G_GNUC_PRINTF (1, 2);
gboolean eg_cli_write_output  (EgCliContext  *ctx,
                               const char    *path,
                               const char    *data,
                               GError       **error);

/* Commands defined in their own files */
int      eg_cli_due           (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);
int      eg_cli_review        (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);
int      eg_cli_forecast      (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);
int      eg_cli_log           (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);
int      eg_cli_settings      (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);
int      eg_cli_search        (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);
int      eg_cli_backup        (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);
int      eg_cli_highlight     (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);
int      eg_cli_note          (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);
int      eg_cli_stats_json    (EgCliContext  *ctx,
                               const char    *deck_key,
                               const char    *section_key);
int      eg_cli_plan          (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);
int      eg_cli_annotations   (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);
int      eg_cli_optimize      (EgCliContext  *ctx,
                               int            argc,
                               char         **argv);

G_END_DECLS
