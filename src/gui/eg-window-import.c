/* eg-window-import.c - importing and exporting decks
 *
 * An import runs in a worker thread on its own connection: first as a dry
 * run whose report the preview dialog shows (with the conflicts, each with
 * a check to take the file's version), then, when confirmed, for real with
 * a progress dialog that can cancel it.  A backup of the collection is
 * made before anything is written.  Files opened or dropped while a
 * preview or an import is under way wait for their turn, one preview at a
 * time, so that an Import always imports the file its preview showed.
 * Export writes the selected deck as Markdown, never over the collection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eg-import-preview.h"
#include "eg-toast.h"
#include "eg-window-private.h"

typedef struct
{
  char           *db_path;
  GFile          *file;
  EgImportFlags   flags;
  char          **theirs;     /* cards that take the file's version */
  EgImportReport *report;
  char           *backup_name; /* the backup taken before the import, for Undo */
  GtkProgressBar *progress;
  int             permille;   /* atomic: written by the import's thread */
  int             pending;    /* atomic: a progress update is queued */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->db_path);
  g_clear_object (&job->file);
  g_strfreev (job->theirs);
  g_clear_pointer (&job->report, eg_import_report_free);
  g_free (job->backup_name);
  g_clear_object (&job->progress);
  g_free (job);
}

/* In the main thread; the update holds the task, and so the job. */
static gboolean
show_progress (gpointer data)
{
  ImportJob *job = g_task_get_task_data (data);

  g_atomic_int_set (&job->pending, 0);
  if (job->progress != NULL)
    gtk_progress_bar_set_fraction (job->progress, g_atomic_int_get (&job->permille) / 1000.0);
  return G_SOURCE_REMOVE;
}

/* In the import's thread: one update queued at a time. */
static void
import_progress_cb (double   fraction,
                    gpointer data)
{
  GTask *task = data;
  ImportJob *job = g_task_get_task_data (task);

  g_atomic_int_set (&job->permille, (int) (fraction * 1000));
  if (g_atomic_int_compare_and_exchange (&job->pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_progress, g_object_ref (task), g_object_unref);
}

/* In the import's thread: a backup of what the import is about to change,
 * an empty collection too: it is what Undo goes back to. */
static gboolean
back_up_before_import (EgStore        *store,
                       ImportJob      *job,
                       GError        **error)
{
  g_autoptr(EgBackupInfo) backup = NULL;

  if (job->flags & EG_IMPORT_FLAGS_DRY_RUN)
    return TRUE;
  backup = eg_backup_create (store, EG_BACKUP_REASON_IMPORT, eg_time_now_ms (), NULL, error);
  if (backup == NULL)
    {
      g_prefix_error (error, _("Nothing was imported, because the collection could not be "
                               "backed up first: "));
      return FALSE;
    }
  job->backup_name = g_strdup (backup->name);
  return TRUE;
}

/* In a worker thread, on its own connection: long imports keep the window alive. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!(store = eg_store_open (job->db_path, &error)) ||
      !back_up_before_import (store, job, &error) ||
      !(job->report = eg_import_file_full (store, job->file, eg_time_now_ms (), job->flags,
                                           (const char * const *) job->theirs, cancellable,
                                           import_progress_cb, task, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
run_import (EgWindow            *self,
            EgImportFlags        flags,
            char               **theirs,
            GtkProgressBar      *progress,
            GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->db_path = g_strdup (eg_store_get_path (self->store));
  job->file = g_object_ref (self->import_file);
  job->flags = flags;
  job->theirs = theirs;
  job->progress = progress ? g_object_ref (progress) : NULL;

  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->import_cancellable, callback, NULL);
  g_task_set_source_tag (task, run_import);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/* ------------------------------------------------------------------ */
/* One file at a time: the files opened or dropped wait for their turn  */
/* ------------------------------------------------------------------ */

static void import_preview_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data);

/* The preview of the next file waiting, unless one is under way */
static void
import_next (EgWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (self->import_busy || self->store == NULL ||
      !(file = g_queue_pop_head (&self->import_queue)))
    return;

  self->import_busy = TRUE;
  self->import_confirmed = FALSE;
  g_set_object (&self->import_file, file);
  run_import (self, EG_IMPORT_FLAGS_DRY_RUN, NULL, NULL, import_preview_cb);
}

/* The preview was answered, or the import ended: the next file's turn */
static void
import_finished (EgWindow *self)
{
  self->import_busy = FALSE;
  self->import_confirmed = FALSE;
  import_next (self);
}

/* A preview, or the message why the file cannot be imported, went away:
 * unless its Import started the import, the next file's turn. */
static void
import_dialog_destroy_cb (EgWindow *self)
{
  if (!self->import_confirmed)
    import_finished (self);
}

void
_eg_window_clear_import_queue (EgWindow *self)
{
  g_queue_clear_full (&self->import_queue, g_object_unref);
}

/* "Imported: 2 added, 1 updated" (and the highlights of updated cards
 * placed again or orphaned, if any), with Undo when the application can go
 * back to the backup taken before */
static void
show_imported (EgWindow  *self,
               ImportJob *job)
{
  EgImportReport *report = job->report;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (report->highlights_placed > 0 || report->highlights_orphaned > 0)
    message = g_strdup_printf (_("Imported: %u added, %u updated; highlights: %u placed again, "
                                 "%u orphaned"),
                               report->added, report->updated, report->highlights_placed,
                               report->highlights_orphaned);
  else
    message = g_strdup_printf (_("Imported: %u added, %u updated"),
                               report->added, report->updated);
  toast = eg_toast_new (message);

  if (job->backup_name != NULL && app != NULL &&
      g_action_group_has_action (G_ACTION_GROUP (app), "undo-import"))
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "app.undo-import");
      adw_toast_set_action_target_value (toast, g_variant_new_string (job->backup_name));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EgWindow *self = EG_WINDOW (object);
  g_autoptr(GError) error = NULL;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  GtkWidget *dialog = job->progress ? gtk_widget_get_ancestor (GTK_WIDGET (job->progress),
                                                               ADW_TYPE_MESSAGE_DIALOG) : NULL;

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    eg_window_add_toast (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                               ? _("Import cancelled: nothing was changed") : error->message);
  else
    {
      show_imported (self, job);
      eg_window_reload (self);
    }
  import_finished (self);
}

static void
import_progress_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             EgWindow         *self)
{
  g_cancellable_cancel (self->import_cancellable);
}

static void
import_confirm_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   EgWindow         *self)
{
  AdwMessageDialog *progress_dialog;
  GtkWidget *progress;
  GtkWidget *preview = adw_message_dialog_get_extra_child (dialog);
  EgImportConflicts *conflicts = NULL;
  char **theirs = NULL;

  if (g_strcmp0 (response, "import") != 0)
    return;
  /* the import, not the preview's going away, ends this file's turn */
  self->import_confirmed = TRUE;
  if (EG_IS_IMPORT_PREVIEW (preview))
    conflicts = eg_import_preview_get_conflicts (EG_IMPORT_PREVIEW (preview));
  if (conflicts != NULL)
    theirs = eg_import_conflicts_get_theirs (conflicts);

  progress = gtk_progress_bar_new ();
  progress_dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                _("Importing…"), NULL));
  adw_message_dialog_set_extra_child (progress_dialog, progress);
  adw_message_dialog_add_response (progress_dialog, "cancel", _("_Cancel"));
  g_signal_connect_object (progress_dialog, "response",
                           G_CALLBACK (import_progress_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (progress_dialog));
  run_import (self, EG_IMPORT_FLAGS_NONE, theirs, GTK_PROGRESS_BAR (progress), import_done_cb);
}

static void
import_preview_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  EgWindow *self = EG_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  AdwMessageDialog *dialog;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("The Deck Cannot Be Imported"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (import_dialog_destroy_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* nothing is written until the user says so */
  body = eg_import_preview_summarize (job->report);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import This Deck?"),
                                                       body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_extra_child (dialog, eg_import_preview_new (job->report));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_confirm_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (import_dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * eg_window_import_file:
 *
 * Shows what importing @file would do, and imports it when confirmed.
 * While another file's preview or import is under way, @file waits for
 * its turn: files opened or dropped together are previewed one by one.
 */
void
eg_window_import_file (EgWindow *self,
                       GFile    *file)
{
  g_return_if_fail (EG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("“%s” cannot be imported: no collection "
                                                    "is open"), name);

      eg_window_add_toast (self, message);
      return;
    }
  g_queue_push_tail (&self->import_queue, g_object_ref (file));
  import_next (self);
}

/* A file or files dropped on the window: each one's preview, in turn */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         EgWindow      *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
      gboolean any = files != NULL;

      for (GSList *l = files; l != NULL; l = l->next)
        eg_window_import_file (self, l->data);
      g_slist_free (files);
      return any;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    {
      eg_window_import_file (self, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

void
_eg_window_add_drop_target (EgWindow *self)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static void
import_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  EgWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    eg_window_import_file (self, file);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EgWindow *self = EG_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import a Deck"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Markdown Decks"));
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The deck of the sidebar's selection, or NULL */
static EgDeckInfo *
selected_deck (EgWindow  *self,
               GError   **error)
{
  g_autoptr(GPtrArray) decks = eg_store_list_decks (self->store, error);
  gint64 deck_id = eg_library_page_get_deck_id (self->library_page);

  for (guint i = 0; decks != NULL && i < decks->len; i++)
    if (((EgDeckInfo *) g_ptr_array_index (decks, i))->id == deck_id)
      return g_ptr_array_steal_index (decks, i);
  if (decks != NULL)
    g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                 _("Select the deck to export in the sidebar"));
  return NULL;
}

/**
 * eg_window_export_deck:
 *
 * Writes the deck of the sidebar's selection to @file as Markdown, never
 * over the collection (see eg_output_write()).
 */
gboolean
eg_window_export_deck (EgWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  return eg_window_export_deck_as (self, file, EG_EXPORT_FORMAT_MARKDOWN, error);
}

/**
 * eg_window_export_deck_as:
 * @format: a Markdown deck, or JSON with the cards' schedule
 *
 * Writes the deck of the sidebar's selection to @file in @format, never
 * over the collection (see eg_output_write()).
 */
gboolean
eg_window_export_deck_as (EgWindow        *self,
                          GFile           *file,
                          EgExportFormat   format,
                          GError         **error)
{
  g_autoptr(EgDeckInfo) deck = selected_deck (self, error);
  g_autofree char *text = NULL;

  if (deck == NULL)
    return FALSE;
  text = format == EG_EXPORT_FORMAT_JSON ? eg_export_deck_json (self->store, deck->key, error)
                                         : eg_export_markdown (self->store, deck->key, error);
  if (text == NULL)
    return FALSE;
  /* never over the collection; through symlinks; pipes and devices as they are */
  return eg_output_write_file (file, text, strlen (text), eg_store_get_path (self->store), error);
}

/* "Deck exported to “Go.md”", with Open Folder */
static void
show_exported (EgWindow *self,
               GFile    *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = g_strdup_printf (_("Deck exported to “%s”"), name);
  AdwToast *toast = eg_toast_new (message);

  if (folder != NULL && g_file_is_native (folder))
    {
      g_autofree char *uri = g_file_get_uri (folder);

      adw_toast_set_button_label (toast, _("_Open Folder"));
      adw_toast_set_action_name (toast, "win.open-folder");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  EgWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  EgExportFormat format = EG_EXPORT_FORMAT_MARKDOWN;
  GtkFileFilter *filter;

  if (response != GTK_RESPONSE_ACCEPT ||
      !(file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    {
      g_object_unref (chooser);
      return;
    }

  /* JSON when the name or the chosen filter says so; "Go.md" with the
   * JSON filter becomes "Go.json", a name without extension gets one */
  name = g_file_get_basename (file);
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  if (g_str_has_suffix (name, ".json") ||
      (filter != NULL && filter == g_object_get_data (G_OBJECT (chooser), "json-filter")))
    format = EG_EXPORT_FORMAT_JSON;
  if (strchr (name, '.') == NULL ||
      (format == EG_EXPORT_FORMAT_JSON && g_str_has_suffix (name, ".md")))
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *stem = g_str_has_suffix (name, ".md") ? g_strndup (name, strlen (name) - 3)
                                                            : g_strdup (name);
      g_autofree char *renamed = g_strconcat (stem, format == EG_EXPORT_FORMAT_JSON ? ".json"
                                                                                    : ".md", NULL);

      g_clear_object (&file);
      file = g_file_get_child (parent, renamed);
      /* the chooser asked about replacing the name it showed, not this one */
      if (g_file_query_exists (file, NULL))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” exists already: nothing was "
                                                        "exported. Choose it by its name to "
                                                        "replace it."), renamed);

          eg_window_add_toast (self, message);
          g_object_unref (chooser);
          return;
        }
    }

  if (eg_window_export_deck_as (self, file, format, &error))
    show_exported (self, file);
  else
    eg_window_add_toast (self, error->message);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *title,
            const char     *suffix,
            const char     *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, title);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
  if (g_str_equal (suffix, "json"))
    g_object_set_data (G_OBJECT (chooser), "json-filter", filter);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EgWindow *self = EG_WINDOW (widget);
  g_autoptr(EgDeckInfo) deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (eg_library_page_get_deck_id (self->library_page) == 0 ||
      !(deck = selected_deck (self, &error)))
    {
      eg_window_add_toast (self, _("Select the deck to export in the sidebar"));
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Export the Deck"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("Markdown Deck"), "md", "text/markdown");
  add_filter (GTK_FILE_CHOOSER (chooser), _("JSON, with the Cards’ Schedule"), "json",
              "application/json");
  name = eg_export_file_name (deck->title, "md");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* win.open-folder('URI'): the folder an export went to, in the file manager */
static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

void
_eg_window_class_add_import_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);
}
