/* eg-backup-list.c - the backups of a collection, each with Restore
 *
 * The list is read in a worker thread (each backup is opened to count its
 * cards and reviews).  A row's Restore button activates
 * "app.restore-backup" with the backup's name, which asks before it
 * restores anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-backup-list"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-backup-list.h"
#include "eg-core.h"

struct _EgBackupList
{
  AdwPreferencesGroup  parent_instance;
  char                *collection_path;
  GPtrArray           *rows;          /* GtkWidget, as added to the group */
  GCancellable        *cancellable;
  guint                n_backups;
  gboolean             loading;

  /* template widgets */
  GtkWidget           *placeholder;
  GtkSpinner          *spinner;
};

G_DEFINE_FINAL_TYPE (EgBackupList, eg_backup_list, ADW_TYPE_PREFERENCES_GROUP)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
describe_reason (EgBackupReason reason)
{
  switch (reason)
    {
    case EG_BACKUP_REASON_DAILY: return _("Daily backup");
    case EG_BACKUP_REASON_IMPORT: return _("Before an import");
    case EG_BACKUP_REASON_RESTORE: return _("Before a restore");
    case EG_BACKUP_REASON_UPGRADE: return _("Before an upgrade of Engram");
    case EG_BACKUP_REASON_MANUAL:
    default: return _("Backed up by you");
    }
}

static char *
describe_time (gint64 ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (ms / 1000);

  /* TRANSLATORS: when a backup was taken, see g_date_time_format() */
  return g_date_time_format (time, _("%A %-e %B %Y, %H:%M"));
}

/**
 * eg_backup_list_count_words:
 * @cards: (out): "245 cards"
 * @reviews: (out): "1,024 reviews"
 *
 * What a backup holds, as its row and the toast after "Back Up Now" say it.
 */
void
eg_backup_list_count_words (const EgBackupInfo  *info,
                            char               **cards,
                            char               **reviews)
{
  *cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d card", "%d cards", info->cards),
                            info->cards);
  *reviews = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d review", "%d reviews",
                                           info->reviews), info->reviews);
}

static GtkWidget *
make_row (const EgBackupInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));
  g_autofree char *title = describe_time (info->created);
  g_autofree char *size = g_format_size (info->size);
  g_autofree char *subtitle = NULL;

  if (info->cards < 0)
    subtitle = g_strdup_printf (_("Cannot be read · %s"), size);
  else
    {
      g_autofree char *cards = NULL;
      g_autofree char *reviews = NULL;

      eg_backup_list_count_words (info, &cards, &reviews);

      /* TRANSLATORS: "245 cards · 1,024 reviews · 655 kB · Daily backup" */
      subtitle = g_strdup_printf (_("%s · %s · %s · %s"), cards, reviews, size,
                                  describe_reason (info->reason));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.restore-backup");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", info->name);
  gtk_widget_set_sensitive (button, info->cards >= 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *backups = eg_backup_list (task_data, &error);

  if (backups == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, backups, (GDestroyNotify) g_ptr_array_unref);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  EgBackupList *self = EG_BACKUP_LIST (object);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  backups = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  self->n_backups = backups ? backups->len : 0;
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      GtkWidget *row = make_row (g_ptr_array_index (backups, i));

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }

  gtk_widget_set_visible (self->placeholder, self->n_backups == 0);
  if (error != NULL)
    gtk_label_set_text (GTK_LABEL (self->placeholder), error->message);
  else
    gtk_label_set_text (GTK_LABEL (self->placeholder), _("There are no backups yet."));

  g_signal_emit (self, signals[LOADED], 0);
}

/**
 * eg_backup_list_reload:
 *
 * Reads the backups again (in a thread); "loaded" is emitted when the rows
 * show them.
 */
void
eg_backup_list_reload (EgBackupList *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EG_IS_BACKUP_LIST (self));

  if (self->collection_path == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);

  task = g_task_new (self, self->cancellable, listed_cb, NULL);
  g_task_set_source_tag (task, eg_backup_list_reload);
  g_task_set_task_data (task, g_strdup (self->collection_path), g_free);
  g_task_run_in_thread (task, list_thread);
}

void
eg_backup_list_set_collection (EgBackupList *self,
                               const char   *collection_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (EG_IS_BACKUP_LIST (self));

  g_free (self->collection_path);
  self->collection_path = g_strdup (collection_path);
  dir = eg_backup_dir_for (collection_path);
  description = g_strdup_printf (_("Engram backs up your collection every day, before each "
                                   "import and before a restore. Backups are kept in “%s”."),
                                 dir);
  /* the description is markup; a folder may be named "Notes & Cards" */
  escaped = g_markup_escape_text (description, -1);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), escaped);
  eg_backup_list_reload (self);
}

guint
eg_backup_list_get_n_backups (EgBackupList *self)
{
  g_return_val_if_fail (EG_IS_BACKUP_LIST (self), 0);
  return self->n_backups;
}

gboolean
eg_backup_list_is_loading (EgBackupList *self)
{
  g_return_val_if_fail (EG_IS_BACKUP_LIST (self), FALSE);
  return self->loading;
}

static void
eg_backup_list_dispose (GObject *object)
{
  EgBackupList *self = (EgBackupList *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (eg_backup_list_parent_class)->dispose (object);
}

static void
eg_backup_list_finalize (GObject *object)
{
  EgBackupList *self = (EgBackupList *)object;

  g_free (self->collection_path);

  G_OBJECT_CLASS (eg_backup_list_parent_class)->finalize (object);
}

static void
eg_backup_list_class_init (EgBackupListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eg_backup_list_dispose;
  object_class->finalize = eg_backup_list_finalize;

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/eg-backup-list.ui");
  gtk_widget_class_bind_template_child (widget_class, EgBackupList, placeholder);
  gtk_widget_class_bind_template_child (widget_class, EgBackupList, spinner);
}

static void
eg_backup_list_init (EgBackupList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}
