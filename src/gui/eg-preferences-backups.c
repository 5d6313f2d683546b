/* eg-preferences-backups.c - Preferences, Backups: Back Up Now and the
 * collection's backups, each with Restore (eg-backup-list.c)
 *
 * The buttons activate the app's actions (app.back-up-now,
 * app.restore-backup), which reload the list when they are done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-preferences-private.h"

AdwPreferencesPage *
_eg_preferences_build_backups (EgPreferences *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *now_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *now_row = adw_action_row_new ();
  GtkWidget *now = gtk_button_new_with_mnemonic (_("_Back Up Now"));

  adw_preferences_page_set_title (page, _("Backups"));
  adw_preferences_page_set_icon_name (page, "document-save-symbolic");
  adw_preferences_page_set_name (page, "backups");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (now_row), _("Back Up the Collection"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (now_row),
                               _("A copy of the collection as it is now"));
  gtk_widget_set_valign (now, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (now, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (now), "app.back-up-now");
  adw_action_row_add_suffix (ADW_ACTION_ROW (now_row), now);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (now_row), now);
  adw_preferences_group_add (now_group, now_row);
  adw_preferences_page_add (page, now_group);

  /* the page's title says it */
  self->backup_list = g_object_new (EG_TYPE_BACKUP_LIST, "title", "", NULL);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->backup_list));
  return page;
}
