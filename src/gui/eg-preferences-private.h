/* eg-preferences-private.h - what the pages of EgPreferences share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-backup-list.h"
#include "eg-interview-page.h"
#include "eg-optimizer-page.h"
#include "eg-preferences.h"

G_BEGIN_DECLS

struct _EgPreferences
{
  AdwPreferencesWindow  parent_instance;

  EgScheduler          *scheduler;     /* nullable: no collection open */
  GSettings            *settings;
  GHashTable           *rows;          /* key -> its row (or its switch, spin button...) */
  GtkLabel             *error_label;

  AdwPreferencesPage   *general_page;
  AdwPreferencesGroup  *study_group;   /* nullable */
  AdwPreferencesGroup  *errors_group;
  EgBackupList         *backup_list;
  GtkWidget            *interview_page; /* nullable: no collection open */
  GtkWidget            *optimizer_page; /* nullable: no collection open */
  AdwPreferencesPage   *backups_page;
};

/* eg-preferences-appearance.c */
AdwPreferencesGroup *_eg_preferences_build_appearance (EgPreferences *self);

/* eg-preferences-workload.c */
void                 _eg_preferences_add_workload     (EgPreferences       *self,
                                                       AdwPreferencesGroup *group,
                                                       GtkWidget           *retention_row);

/* eg-preferences-backups.c */
AdwPreferencesPage  *_eg_preferences_build_backups    (EgPreferences *self);

G_END_DECLS
