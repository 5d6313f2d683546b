/* eg-store-backup.h - backups of the collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <gio/gio.h>

#include "eg-store.h"

G_BEGIN_DECLS

/* Why a backup was taken; part of its file name. */
typedef enum
{
  EG_BACKUP_REASON_MANUAL,    /* "Back Up Now", engram-cli backup create */
  EG_BACKUP_REASON_DAILY,     /* the first start of the day */
  EG_BACKUP_REASON_IMPORT,    /* before an import */
  EG_BACKUP_REASON_RESTORE,   /* before a restore replaced the collection */
  EG_BACKUP_REASON_UPGRADE,   /* before a schema upgrade */
} EgBackupReason;

/* Rotation keeps the newest backup of each of this many days, weeks and
 * months that have backups, and the newest few whatever their age. */
#define EG_BACKUP_KEEP_DAILY   7
#define EG_BACKUP_KEEP_WEEKLY  4
#define EG_BACKUP_KEEP_MONTHLY 12
#define EG_BACKUP_KEEP_NEWEST  3

typedef struct
{
  char           *name;      /* file name in the backup folder, e.g.
                              * "2026-12-04T22-15-00Z-import.db" */
  char           *path;
  gint64          created;   /* ms since the epoch, to the second */
  EgBackupReason  reason;
  gint64          size;      /* bytes */
  int             cards;     /* -1 when the backup cannot be read */
  int             reviews;
} EgBackupInfo;

char         *eg_backup_dir_for         (const char      *collection_path);
const char   *eg_backup_reason_to_string (EgBackupReason  reason);
EgBackupInfo *eg_backup_create          (EgStore         *store,
                                         EgBackupReason   reason,
                                         gint64           now_ms,
                                         GCancellable    *cancellable,
                                         GError         **error);
gboolean      eg_backup_create_daily    (EgStore         *store,
                                         gint64           now_ms,
                                         GCancellable    *cancellable,
                                         EgBackupInfo   **created,
                                         GError         **error);
GPtrArray    *eg_backup_list            (const char      *collection_path,
                                         GError         **error);
EgBackupInfo *eg_backup_find            (const char      *collection_path,
                                         const char      *name,
                                         gboolean         counts,
                                         GError         **error);
gboolean      eg_backup_restore         (const char      *collection_path,
                                         const char      *name,
                                         gint64           now_ms,
                                         GCancellable    *cancellable,
                                         char           **kept,
                                         GError         **error);
char         *eg_backup_set_aside       (const char      *collection_path,
                                         gint64           now_ms,
                                         GError         **error);
void          eg_backup_info_free       (EgBackupInfo    *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgBackupInfo, eg_backup_info_free)

G_END_DECLS
