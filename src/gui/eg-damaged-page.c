/* eg-damaged-page.c - a collection that cannot be used, and the ways back
 *
 * Shown instead of the library when the collection is damaged, empty or
 * not an Engram collection: what is wrong, the backups to restore
 * ("app.restore-backup"), a damaged collection opened for reading only
 * ("app.open-read-only"), and a new collection with the file moved aside
 * ("app.start-new-collection").  Nothing here deletes anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-damaged-page"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-damaged-page.h"
#include "eg-toast.h"

struct _EgDamagedPage
{
  AdwBin         parent_instance;
  AdwStatusPage *status_page;
  EgBackupList  *list;
  GtkWidget     *read_only_button;
};

G_DEFINE_FINAL_TYPE (EgDamagedPage, eg_damaged_page, ADW_TYPE_BIN)

static void
eg_damaged_page_class_init (EgDamagedPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (EG_TYPE_BACKUP_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/eg-damaged-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EgDamagedPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, EgDamagedPage, list);
  gtk_widget_class_bind_template_child (widget_class, EgDamagedPage, read_only_button);
}

static void
eg_damaged_page_init (EgDamagedPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * eg_damaged_page_show:
 * @message: what is wrong, naming the file
 * @readable: whether what is left can still be looked at (a damaged
 *   collection, not an empty file or another program's)
 */
void
eg_damaged_page_show (EgDamagedPage *self,
                      const char    *collection_path,
                      const char    *message,
                      gboolean       readable)
{
  g_autofree char *description = NULL;

  g_return_if_fail (EG_IS_DAMAGED_PAGE (self));

  description = g_strdup_printf (_("%s.\n\nRestore a backup, or start a new collection: "
                                   "the file is then moved aside and kept."), message);
  eg_status_page_set_text (self->status_page, description);
  gtk_widget_set_visible (self->read_only_button, readable);
  eg_backup_list_set_collection (self->list, collection_path);
}

const char *
eg_damaged_page_get_description (EgDamagedPage *self)
{
  g_return_val_if_fail (EG_IS_DAMAGED_PAGE (self), NULL);
  return adw_status_page_get_description (self->status_page);
}

EgBackupList *
eg_damaged_page_get_list (EgDamagedPage *self)
{
  g_return_val_if_fail (EG_IS_DAMAGED_PAGE (self), NULL);
  return self->list;
}
