/* eg-preferences.h - the Preferences window: appearance, study settings, backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-backup-list.h"
#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_PREFERENCES (eg_preferences_get_type ())
G_DECLARE_FINAL_TYPE (EgPreferences, eg_preferences, EG, PREFERENCES, AdwPreferencesWindow)

GtkWidget *eg_preferences_new       (EgScheduler   *scheduler,
                                     GSettings     *settings);
gboolean   eg_preferences_apply     (EgPreferences *self,
                                     const char    *key,
                                     const char    *value,
                                     GError       **error);
GtkWidget *eg_preferences_get_row   (EgPreferences *self,
                                     const char    *key);
void       eg_preferences_set_scheduler   (EgPreferences *self,
                                           EgScheduler   *scheduler);
void       eg_preferences_set_collection  (EgPreferences *self,
                                           const char    *collection_path);
EgBackupList *eg_preferences_get_backup_list (EgPreferences *self);

void       eg_preferences_apply_style (GSettings   *settings);

G_END_DECLS
