/* eg-backups-window.h - the Backups window: list, restore, back up now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-backup-list.h"

G_BEGIN_DECLS

#define EG_TYPE_BACKUPS_WINDOW (eg_backups_window_get_type ())
G_DECLARE_FINAL_TYPE (EgBackupsWindow, eg_backups_window, EG, BACKUPS_WINDOW, AdwWindow)

GtkWidget    *eg_backups_window_new      (GtkWindow       *parent,
                                          const char      *collection_path);
EgBackupList *eg_backups_window_get_list (EgBackupsWindow *self);

G_END_DECLS
