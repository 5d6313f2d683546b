/* eg-backup.h - backups of the collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

char *eg_backup_dir_for (const char *collection_path);

G_END_DECLS
