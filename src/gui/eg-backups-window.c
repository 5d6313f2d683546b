/* eg-backups-window.c - the Backups window: list, restore, back up now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-backups-window"

#include "config.h"

#include "eg-backups-window.h"

struct _EgBackupsWindow
{
  AdwWindow     parent_instance;
  EgBackupList *list;
};

G_DEFINE_FINAL_TYPE (EgBackupsWindow, eg_backups_window, ADW_TYPE_WINDOW)

static void
eg_backups_window_class_init (EgBackupsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (EG_TYPE_BACKUP_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/eg-backups-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EgBackupsWindow, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
eg_backups_window_init (EgBackupsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
eg_backups_window_new (GtkWindow  *parent,
                       const char *collection_path)
{
  EgBackupsWindow *self = g_object_new (EG_TYPE_BACKUPS_WINDOW,
                                        "transient-for", parent,
                                        "application", parent ? gtk_window_get_application (parent)
                                                              : NULL,
                                        NULL);

  eg_backup_list_set_collection (self->list, collection_path);
  return GTK_WIDGET (self);
}

EgBackupList *
eg_backups_window_get_list (EgBackupsWindow *self)
{
  g_return_val_if_fail (EG_IS_BACKUPS_WINDOW (self), NULL);
  return self->list;
}
