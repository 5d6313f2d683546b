/* eg-dev.h - what the commands of engram-dev share
 *
 * engram-dev holds Engram's development tools: generating benchmark
 * collections and replaying FSRS test vectors.  It is built with Engram
 * but never installed: it is not part of the product.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-core.h"

G_BEGIN_DECLS

/* A command: argv[0] is "engram-dev COMMAND"; returns the exit status. */
typedef int (*EgDevCommand) (int    argc,
                             char **argv);

gboolean eg_dev_parse_options (const char    *args,
                               const char    *summary,
                               GOptionEntry  *entries,
                               int           *argc,
                               char        ***argv);
int      eg_dev_fail          (GError        *error);
int      eg_dev_usage_error   (const char    *format,
                               ...) G_GNUC_PRINTF (1, 2);

/* Commands defined in their own files */
int      eg_dev_bench_gen     (int            argc,
                               char         **argv);
int      eg_dev_fsrs          (int            argc,
                               char         **argv);
int      eg_dev_study         (int            argc,
                               char         **argv);

G_END_DECLS
