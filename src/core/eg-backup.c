/* eg-backup.c - backups of the collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-backup"

#include "config.h"

#include "eg-backup.h"
#include "eg-store.h"

/**
 * eg_backup_dir_for:
 * @collection_path: a collection file
 *
 * Returns: the folder of its backups: `backups` beside the default
 *   collection (`$XDG_DATA_HOME/engram/backups`), `NAME.backups` beside any
 *   other collection file
 */
char *
eg_backup_dir_for (const char *collection_path)
{
  g_autofree char *default_path = eg_store_default_path ();
  g_autofree char *dir = NULL;

  g_return_val_if_fail (collection_path != NULL, NULL);

  dir = g_path_get_dirname (collection_path);
  if (g_str_equal (collection_path, default_path))
    return g_build_filename (dir, "backups", NULL);
  return g_strconcat (collection_path, ".backups", NULL);
}
