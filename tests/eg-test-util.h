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

G_END_DECLS
