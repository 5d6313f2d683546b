/* eg-import-conflicts.c - the conflicts of an import preview, each with a
 * choice to take the file's version
 *
 * A conflict is a card changed both in the deck file and in the collection
 * since the last import.  The import keeps the collection's text unless the
 * user ticks the card here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-import-conflicts"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-import-conflicts.h"

struct _EgImportConflicts
{
  AdwBin      parent_instance;
  GtkListBox *list;
  GPtrArray  *checks;   /* GtkCheckButton, one per conflict */
  GPtrArray  *keys;     /* char *, the card of each */
};

G_DEFINE_FINAL_TYPE (EgImportConflicts, eg_import_conflicts, ADW_TYPE_BIN)

static void
eg_import_conflicts_dispose (GObject *object)
{
  EgImportConflicts *self = EG_IMPORT_CONFLICTS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EG_TYPE_IMPORT_CONFLICTS);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (eg_import_conflicts_parent_class)->dispose (object);
}

static void
eg_import_conflicts_finalize (GObject *object)
{
  EgImportConflicts *self = EG_IMPORT_CONFLICTS (object);

  g_clear_pointer (&self->keys, g_ptr_array_unref);

  G_OBJECT_CLASS (eg_import_conflicts_parent_class)->finalize (object);
}

static void
eg_import_conflicts_class_init (EgImportConflictsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eg_import_conflicts_dispose;
  object_class->finalize = eg_import_conflicts_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/eg-import-conflicts.ui");
  gtk_widget_class_bind_template_child (widget_class, EgImportConflicts, list);
}

static void
eg_import_conflicts_init (EgImportConflicts *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
  self->keys = g_ptr_array_new_with_free_func (g_free);
}

static void
add_row (EgImportConflicts *self,
         EgImportConflict  *conflict)
{
  g_autofree char *question = eg_markdown_to_plain (conflict->question);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), question);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), conflict->key);
  gtk_widget_set_tooltip_text (check, _("Use the file’s version of this card"));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (self->list, row);

  g_ptr_array_add (self->checks, check);
  g_ptr_array_add (self->keys, g_strdup (conflict->key));
}

/**
 * eg_import_conflicts_new:
 * @conflicts: (element-type EgImportConflict): from the preview's report
 */
GtkWidget *
eg_import_conflicts_new (GPtrArray *conflicts)
{
  EgImportConflicts *self = g_object_new (EG_TYPE_IMPORT_CONFLICTS, NULL);

  for (guint i = 0; i < conflicts->len; i++)
    add_row (self, g_ptr_array_index (conflicts, i));
  return GTK_WIDGET (self);
}

guint
eg_import_conflicts_get_n_rows (EgImportConflicts *self)
{
  g_return_val_if_fail (EG_IS_IMPORT_CONFLICTS (self), 0);

  return self->keys->len;
}

void
eg_import_conflicts_set_theirs (EgImportConflicts *self,
                                guint              row,
                                gboolean           theirs)
{
  g_return_if_fail (EG_IS_IMPORT_CONFLICTS (self));
  g_return_if_fail (row < self->checks->len);

  gtk_check_button_set_active (g_ptr_array_index (self->checks, row), theirs);
}

/**
 * eg_import_conflicts_get_theirs:
 *
 * Returns: (transfer full): the keys of the cards that take the file's
 *   version, or %NULL for none
 */
char **
eg_import_conflicts_get_theirs (EgImportConflicts *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (EG_IS_IMPORT_CONFLICTS (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      {
        g_strv_builder_add (builder, g_ptr_array_index (self->keys, i));
        n++;
      }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}
