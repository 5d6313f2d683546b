/* eg-test-util.h - helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes a private temporary folder and points XDG_DATA_HOME, XDG_CONFIG_HOME,
 * XDG_CACHE_HOME and XDG_RUNTIME_DIR into it.  Call before anything reads them.
 */
const char *eg_test_setup_dirs   (const char *prefix);
/* Removes the folder made by eg_test_setup_dirs(). */
void        eg_test_cleanup_dirs (void);
char       *eg_test_tmp_path     (const char *name);
char       *eg_test_fixture      (const char *name);
GBytes     *eg_test_read_bytes   (const char *path);
gboolean    eg_test_rm_rf        (const char *path);
void        eg_test_damage_pages (const char *path,
                                  const int  *pages);

/* Benchmarks.  eg_bench_report() prints a line with the median (min, max)
 * of @samples in ms and the target, if any, then empties @samples. */
void        eg_bench_report      (const char         *what,
                                  GArray             *samples,
                                  const char         *target);
double      eg_bench_ms_since    (gint64              start);
void        eg_bench_add         (GArray             *samples,
                                  double              ms);
/* The wall time of running @argv to its end (standard output dropped) */
double      eg_bench_run_process (const char * const *argv);

G_END_DECLS
