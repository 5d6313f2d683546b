/* eg-install-dir.h - Engram's installed folders, found from the program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *eg_install_dir (const char *relative,
                      const char *fallback);
gboolean eg_install_dir_in_build_tree (void);

G_END_DECLS
