/* eg-application-collection.c - the app's collection: opening it, keeping it safe
 *
 * The collection is opened without reading it whole, so the first frame
 * never waits; after that frame a worker thread checks its integrity
 * (writes wait until it passed: a grade shows "Saving…") and takes the
 * day's backup.  A collection that cannot be used (damaged, empty, not an
 * Engram collection) is never written to: the window explains it and offers
 * its backups or a new collection, with the old file moved aside and kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-application-private.h"
#include "eg-backup-list.h"
#include "eg-preferences.h"

/* Set in the collection once the shipped decks were imported, so that a user
 * who deletes every card does not get them back on the next start.
 */
#define SHIPPED_DECKS_SETTING "shipped-decks-imported"

/* A check that could not run (another program holds the file) is tried again. */
#define GUARD_RETRY_S 10

static EgWindow *
main_window (EgApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (EG_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
is_unusable (const GError *error)
{
  return g_error_matches (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT) ||
         g_error_matches (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_COLLECTION);
}

static void
reload_backup_lists (EgApplication *self)
{
  EgWindow *window = main_window (self);

  if (window != NULL && eg_window_get_preferences (window) != NULL)
    eg_backup_list_reload (eg_preferences_get_backup_list (
                             EG_PREFERENCES (eg_window_get_preferences (window))));
  if (window != NULL)
    eg_backup_list_reload (eg_damaged_page_get_list (eg_window_get_damaged_page (window)));
}

/* ------------------------------------------------------------------ */
/* The decks Engram ships, on the first start                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  char  *db_path;
  char  *content_dir;
  guint  cards;
} ShippedImport;

static void
shipped_import_free (ShippedImport *data)
{
  g_free (data->db_path);
  g_free (data->content_dir);
  g_free (data);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Runs in a worker thread on its own connection to the collection. */
static void
import_shipped_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ShippedImport *data = task_data;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  if (!(store = eg_store_open (data->db_path, &error)) ||
      !(dir = g_dir_open (data->content_dir, 0, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (data->content_dir,
                                                (char *) g_ptr_array_index (names, i), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(EgImportReport) report = NULL;

      report = eg_import_file (store, file, eg_time_now_ms (), EG_IMPORT_FLAGS_NONE,
                               cancellable, NULL, NULL, &error);
      if (report == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      data->cards += report->added;
    }

  if (!eg_store_set_setting (store, SHIPPED_DECKS_SETTING, "1", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
import_shipped_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  EgApplication *self = EG_APPLICATION (object);
  g_autoptr(EgWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  ShippedImport *data = g_task_get_task_data (G_TASK (result));

  g_application_release (G_APPLICATION (self));
  self->importing_shipped = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message =
            g_strdup_printf (_("The decks that come with Engram could not be imported: %s"),
                             error->message);
          eg_window_show_error (window, message);
          _eg_application_open_pending (self);
        }
      return;
    }

  eg_window_reload (window);
  /* the decks opened while the first start's import ran */
  _eg_application_open_pending (self);
  if (self->review_when_ready)
    {
      self->review_when_ready = FALSE;
      eg_window_start_review (window, NULL);
    }
  if (data->cards > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u card to your library",
                                      "Added %u cards to your library", data->cards),
                         data->cards);
      eg_window_add_toast (window, message);
    }
}

static void
import_shipped_decks (EgApplication *self,
                      EgWindow      *window)
{
  g_autoptr(GTask) task = NULL;
  ShippedImport *data = g_new0 (ShippedImport, 1);

  data->db_path = g_strdup (eg_store_get_path (self->store));
  data->content_dir = eg_application_get_content_dir ();

  eg_window_show_loading (window, _("Importing the Go Deck…"),
                          _("Engram is setting up your library for the first time."));
  g_application_hold (G_APPLICATION (self));
  self->importing_shipped = TRUE;

  task = g_task_new (self, self->cancellable, import_shipped_done_cb, g_object_ref (window));
  g_task_set_source_tag (task, import_shipped_decks);
  g_task_set_task_data (task, data, (GDestroyNotify) shipped_import_free);
  g_task_run_in_thread (task, import_shipped_thread);
}

/* ------------------------------------------------------------------ */
/* The integrity check and the day's backup                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  char             *db_path;
  EgStoreIntegrity  integrity;
  GError           *check_error;
  EgBackupInfo     *daily;
  GError           *backup_error;
} Guard;

static void
guard_free (Guard *guard)
{
  g_free (guard->db_path);
  g_clear_error (&guard->check_error);
  g_clear_error (&guard->backup_error);
  g_clear_pointer (&guard->daily, eg_backup_info_free);
  g_free (guard);
}

/* In a worker thread, on its own connection: it only reads the collection. */
static void
guard_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Guard *guard = task_data;
  g_autoptr(EgStore) store = NULL;

  store = eg_store_open_full (guard->db_path, EG_STORE_OPEN_UNCHECKED, &guard->check_error);
  /* it reads the file once through: no need to keep its pages */
  if (store != NULL)
    eg_store_set_cache_size (store, 1024);
  if (store == NULL || !eg_store_check (store, cancellable, &guard->check_error))
    {
      guard->integrity = store ? eg_store_get_integrity (store) : EG_STORE_INTEGRITY_UNKNOWN;
      g_task_return_boolean (task, TRUE);
      return;
    }
  guard->integrity = EG_STORE_INTEGRITY_OK;

  /* a new collection has nothing to lose yet */
  if (!eg_store_is_empty (store))
    eg_backup_create_daily (store, eg_time_now_ms (), cancellable, &guard->daily,
                            &guard->backup_error);
  g_task_return_boolean (task, TRUE);
}

static void start_guard (EgApplication *self);

static gboolean
retry_guard_cb (gpointer data)
{
  EgApplication *self = data;

  self->guard_retry = 0;
  start_guard (self);
  return G_SOURCE_REMOVE;
}

static void
guard_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  EgApplication *self = EG_APPLICATION (object);
  Guard *guard = g_task_get_task_data (G_TASK (result));
  EgWindow *window = main_window (self);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))) ||
      self->store == NULL)
    return;

  if (guard->integrity == EG_STORE_INTEGRITY_OK)
    eg_store_set_integrity (self->store, EG_STORE_INTEGRITY_OK);
  else if (guard->integrity == EG_STORE_INTEGRITY_DAMAGED || is_unusable (guard->check_error))
    {
      eg_store_set_integrity (self->store, EG_STORE_INTEGRITY_DAMAGED);
      if (window != NULL)
        eg_window_show_damaged (window, guard->db_path, guard->check_error);
      _eg_application_close_collection (self);
      return;
    }
  else if (guard->check_error != NULL && window != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The collection could not be checked "
                                                    "(changes wait until it is): %s"),
                                                  guard->check_error->message);

      eg_window_add_toast (window, message);
      self->guard_retry = g_timeout_add_seconds (GUARD_RETRY_S, retry_guard_cb, self);
    }

  if (guard->backup_error != NULL && window != NULL &&
      !g_error_matches (guard->backup_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The daily backup failed: %s"),
                                                  guard->backup_error->message);

      eg_window_add_toast (window, message);
    }
  if (guard->daily != NULL)
    reload_backup_lists (self);
}

/* Checks the collection and takes the day's backup, off the main thread. */
static void
start_guard (EgApplication *self)
{
  g_autoptr(GTask) task = NULL;
  Guard *guard;

  if (self->store == NULL)
    return;

  g_clear_handle_id (&self->guard_retry, g_source_remove);
  g_cancellable_cancel (self->guard_cancellable);
  g_clear_object (&self->guard_cancellable);
  self->guard_cancellable = g_cancellable_new ();

  guard = g_new0 (Guard, 1);
  guard->db_path = g_strdup (eg_store_get_path (self->store));
  task = g_task_new (self, self->guard_cancellable, guard_done_cb, NULL);
  g_task_set_source_tag (task, start_guard);
  g_task_set_task_data (task, guard, (GDestroyNotify) guard_free);
  g_task_run_in_thread (task, guard_thread);
}

static void
window_painted_cb (EgApplication *self)
{
  if (self->painted)
    return;
  self->painted = TRUE;
  start_guard (self);
}

/* ------------------------------------------------------------------ */
/* Opening and closing                                                  */
/* ------------------------------------------------------------------ */

/**
 * _eg_application_open_collection:
 *
 * Opens the user's collection into @window: the library, the first start's
 * import, or the page that says why the collection cannot be used.
 */
void
_eg_application_open_collection (EgApplication *self,
                                 EgWindow      *window)
{
  g_autofree char *path = eg_store_default_path ();
  g_autofree char *imported = NULL;
  g_autoptr(GError) error = NULL;

  _eg_application_close_collection (self);

  /* no integrity check yet: it reads the whole file, after the first frame */
  self->store = eg_store_open_full (path, EG_STORE_OPEN_UNCHECKED, &error);
  if (self->store == NULL)
    {
      if (is_unusable (error))
        eg_window_show_damaged (window, path, error);
      else
        eg_window_show_error (window, error->message);
      return;
    }

  imported = eg_store_get_setting (self->store, SHIPPED_DECKS_SETTING);
  eg_window_set_store (window, self->store);
  if (eg_store_is_empty (self->store) && imported == NULL)
    import_shipped_decks (self, window);
  else
    _eg_application_open_pending (self);

  if (self->painted)
    start_guard (self);
  else
    g_signal_connect_object (window, "painted", G_CALLBACK (window_painted_cb), self,
                             G_CONNECT_SWAPPED);
}

/* Lets go of the collection: the window shows none, the check stops. */
void
_eg_application_close_collection (EgApplication *self)
{
  EgWindow *window = main_window (self);

  g_cancellable_cancel (self->guard_cancellable);
  g_clear_object (&self->guard_cancellable);
  g_clear_handle_id (&self->guard_retry, g_source_remove);
  if (window != NULL && eg_window_get_store (window) == self->store)
    eg_window_set_store (window, NULL);
  g_clear_object (&self->store);
}

/* ------------------------------------------------------------------ */
/* Backups                                                              */
/* ------------------------------------------------------------------ */

/* Preferences, where the backups are listed, when it is open */
static GtkWindow *
top_window (EgApplication *self)
{
  EgWindow *window = main_window (self);
  GtkWidget *preferences = window != NULL ? eg_window_get_preferences (window) : NULL;

  if (preferences != NULL && gtk_widget_get_visible (preferences))
    return GTK_WINDOW (preferences);
  return GTK_WINDOW (window);
}

static void
set_busy (EgApplication *self,
          gboolean       busy)
{
  const char *names[] = { "back-up-now", "restore-backup", "start-new-collection",
                          "undo-import" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                               names[i])),
                                 !busy);
}

static void
backups_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EgApplication *self = EG_APPLICATION (user_data);
  EgWindow *window = main_window (self);

  /* the Backups page of Preferences */
  if (window != NULL)
    eg_window_show_preferences (window, "backups");
}

static void
back_up_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(EgStore) store = NULL;
  GError *error = NULL;
  EgBackupInfo *info = NULL;

  /* reading is enough: the copy is checked */
  if ((store = eg_store_open_full (task_data, EG_STORE_OPEN_UNCHECKED, &error)))
    info = eg_backup_create (store, EG_BACKUP_REASON_MANUAL, eg_time_now_ms (), cancellable,
                             &error);
  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) eg_backup_info_free);
}

static void
backed_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  EgApplication *self = EG_APPLICATION (object);
  g_autoptr(EgBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  EgWindow *window = main_window (self);

  set_busy (self, FALSE);
  info = g_task_propagate_pointer (G_TASK (result), &error);
  if (info == NULL)
    message = g_strdup_printf (_("The collection was not backed up: %s"), error->message);
  else
    {
      g_autofree char *cards = NULL;
      g_autofree char *reviews = NULL;

      eg_backup_list_count_words (info, &cards, &reviews);

      /* Translators: "Backed up: 245 cards, 12 reviews" */
      message = g_strdup_printf (_("Backed up: %s, %s"), cards, reviews);
    }
  if (window != NULL)
    eg_window_add_toast (window, message);
  reload_backup_lists (self);
}

static void
back_up_now_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  EgApplication *self = EG_APPLICATION (user_data);
  g_autoptr(GTask) task = NULL;

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, backed_up_cb, NULL);
  g_task_set_source_tag (task, back_up_now_action);
  g_task_set_task_data (task, eg_store_default_path (), g_free);
  g_task_run_in_thread (task, back_up_thread);
}

typedef struct
{
  char     *db_path;
  char     *name;
  char     *kept;
  gboolean  undo_import;   /* Undo in the toast of an import */
} Restore;

static void
restore_free (Restore *restore)
{
  g_free (restore->db_path);
  g_free (restore->name);
  g_free (restore->kept);
  g_free (restore);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Restore *restore = task_data;
  GError *error = NULL;

  if (eg_backup_restore (restore->db_path, restore->name, eg_time_now_ms (), cancellable,
                         &restore->kept, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  EgApplication *self = EG_APPLICATION (object);
  Restore *restore = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  EgWindow *window = main_window (self);

  g_application_release (G_APPLICATION (self));
  set_busy (self, FALSE);
  if (window == NULL)
    return;

  _eg_application_open_collection (self, window);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup_printf (_("The backup was not restored: %s"), error->message);
  else if (restore->undo_import)
    message = g_strdup (_("Import undone: the collection is as it was before"));
  else if (restore->kept != NULL)
    message = g_strdup_printf (_("Backup restored. The collection as it was is kept in “%s”."),
                               restore->kept);
  else
    message = g_strdup (_("Backup restored"));
  eg_window_add_toast (window, message);
  reload_backup_lists (self);
}

static void
restore (EgApplication *self,
         const char    *name,
         gboolean       undo_import)
{
  g_autoptr(GTask) task = NULL;
  Restore *data = g_new0 (Restore, 1);
  EgWindow *window = main_window (self);

  data->db_path = eg_store_default_path ();
  data->name = g_strdup (name);
  data->undo_import = undo_import;

  /* nothing of this process reads the collection while it is replaced */
  _eg_application_close_collection (self);
  if (window != NULL)
    eg_window_show_loading (window, undo_import ? _("Undoing the Import…")
                                                : _("Restoring the Backup…"),
                            _("The collection as it is now is backed up first."));

  set_busy (self, TRUE);
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, self->cancellable, restored_cb, NULL);
  g_task_set_source_tag (task, restore);
  g_task_set_task_data (task, data, (GDestroyNotify) restore_free);
  g_task_run_in_thread (task, restore_thread);
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  EgApplication *self = EG_APPLICATION (user_data);

  if (g_str_equal (response, "restore"))
    restore (self, g_object_get_data (G_OBJECT (dialog), "backup-name"), FALSE);
}

/* app.restore-backup('NAME'): asks, then restores the backup NAME. */
static void
restore_backup_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  EgApplication *self = EG_APPLICATION (user_data);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *path = eg_store_default_path ();
  g_autoptr(EgBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *when = NULL;
  GtkWidget *dialog;

  if (!(info = eg_backup_find (path, name, FALSE, &error)))
    {
      if (main_window (self) != NULL)
        eg_window_add_toast (main_window (self), error->message);
      return;
    }

  time = g_date_time_new_from_unix_local (info->created / 1000);
  /* TRANSLATORS: when a backup was taken, see g_date_time_format() */
  when = g_date_time_format (time, _("%A %-e %B %Y, %H:%M"));
  dialog = adw_message_dialog_new (top_window (self), _("Restore This Backup?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Your collection will be as it was on %s. The collection "
                                    "as it is now is backed up first, or moved aside and kept "
                                    "if it is damaged."), when);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* app.undo-import('NAME'): the toast of an import goes back to the backup
 * NAME the import took; the collection as it is now is backed up first. */
static void
undo_import_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  restore (EG_APPLICATION (user_data), g_variant_get_string (parameter, NULL), TRUE);
}

/* app.open-read-only: the library of a damaged collection, nothing written */
static void
open_read_only_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  EgApplication *self = EG_APPLICATION (user_data);
  g_autofree char *path = eg_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  EgWindow *window = main_window (self);

  if (window == NULL)
    return;
  _eg_application_close_collection (self);
  self->store = eg_store_open_full (path, EG_STORE_OPEN_READ_ONLY, &error);
  if (self->store == NULL)
    {
      eg_window_add_toast (window, error->message);
      return;
    }
  eg_window_set_store (window, self->store);
  message = g_strdup_printf (_("“%s” is open for reading only: nothing you do is saved. "
                               "Backups in the main menu can restore it."), path);
  eg_window_add_toast (window, message);
}

static void
start_new_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  EgApplication *self = EG_APPLICATION (user_data);
  g_autofree char *path = eg_store_default_path ();
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  EgWindow *window = main_window (self);

  if (!g_str_equal (response, "start") || window == NULL)
    return;

  _eg_application_close_collection (self);
  aside = eg_backup_set_aside (path, eg_time_now_ms (), &error);
  if (aside == NULL)
    {
      message = g_strdup_printf (_("The file could not be moved aside: %s"), error->message);
      eg_window_add_toast (window, message);
      return;
    }
  _eg_application_open_collection (self, window);
  message = g_strdup_printf (_("The old collection is kept in “%s”"), aside);
  eg_window_add_toast (window, message);
}

/* app.start-new-collection: moves the unusable collection aside (asked first). */
static void
start_new_collection_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  EgApplication *self = EG_APPLICATION (user_data);
  g_autofree char *path = eg_store_default_path ();
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (top_window (self), _("Start a New Collection?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” will be moved aside to a new name beside it and kept. "
                                    "A new collection with the decks that come with Engram "
                                    "takes its place."), path);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start New Collection"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (start_new_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_eg_application_add_collection_actions (EgApplication *self)
{
  static const GActionEntry actions[] = {
    { "backups", backups_action },
    { "back-up-now", back_up_now_action },
    { "restore-backup", restore_backup_action, "s" },
    { "undo-import", undo_import_action, "s" },
    { "start-new-collection", start_new_collection_action },
    { "open-read-only", open_read_only_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
}
