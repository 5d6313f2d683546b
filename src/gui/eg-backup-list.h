/* eg-backup-list.h - the backups of a collection, each with Restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_BACKUP_LIST (eg_backup_list_get_type ())
G_DECLARE_FINAL_TYPE (EgBackupList, eg_backup_list, EG, BACKUP_LIST, AdwPreferencesGroup)

void        eg_backup_list_set_collection (EgBackupList *self,
                                           const char   *collection_path);
void        eg_backup_list_reload         (EgBackupList *self);
guint       eg_backup_list_get_n_backups  (EgBackupList *self);
gboolean    eg_backup_list_is_loading     (EgBackupList *self);
void        eg_backup_list_count_words    (const EgBackupInfo  *info,
                                           char               **cards,
                                           char               **reviews);

G_END_DECLS
