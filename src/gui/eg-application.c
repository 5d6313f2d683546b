/* eg-application.c - the Engram application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-core.h"
#include "eg-application.h"
#include "eg-window.h"
#include "engram-resources.h"

/* Set in the collection once the shipped decks were imported, so that a user
 * who deletes every card does not get them back on the next start.
 */
#define SHIPPED_DECKS_SETTING "shipped-decks-imported"

struct _EgApplication
{
  AdwApplication  parent_instance;
  EgStore        *store;
  GCancellable   *cancellable;
  gboolean        review_when_ready;
};

G_DEFINE_FINAL_TYPE (EgApplication, eg_application, ADW_TYPE_APPLICATION)

void
eg_gui_init_resources (void)
{
  static gsize done = 0;

  /* A GResource compiled into a static library must be registered by hand. */
  if (g_once_init_enter (&done))
    {
      g_resources_register (engram_get_resource ());
      g_once_init_leave (&done, 1);
    }
}

/**
 * eg_application_get_content_dir:
 *
 * Returns: the folder of the decks Engram ships; `ENGRAM_CONTENT_DIR`
 *   overrides it for running from the build tree
 */
char *
eg_application_get_content_dir (void)
{
  const char *dir = g_getenv ("ENGRAM_CONTENT_DIR");

  if (dir != NULL && dir[0] != '\0')
    return g_strdup (dir);
  return g_build_filename (PKGDATADIR, "content", NULL);
}

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

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message =
            g_strdup_printf (_("The decks that come with Engram could not be imported: %s"),
                             error->message);
          eg_window_show_error (window, message);
        }
      return;
    }

  eg_window_reload (window);
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

  eg_window_show_loading (window);
  g_application_hold (G_APPLICATION (self));

  task = g_task_new (self, self->cancellable, import_shipped_done_cb, g_object_ref (window));
  g_task_set_source_tag (task, import_shipped_decks);
  g_task_set_task_data (task, data, (GDestroyNotify) shipped_import_free);
  g_task_run_in_thread (task, import_shipped_thread);
}

static EgWindow *
ensure_window (EgApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }
  return EG_WINDOW (window);
}

/* "engram --review" and the desktop file's "Start Review" */
static void
review_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  EgApplication *self = EG_APPLICATION (user_data);
  EgWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  /* on the very first start the deck is still being imported */
  if (eg_window_get_store (window) == NULL || eg_store_is_empty (eg_window_get_store (window)))
    self->review_when_ready = TRUE;
  else
    eg_window_start_review (window, NULL);
}

static int
eg_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "review"))
    return -1;

  /* run "review" in the primary instance, starting it if needed */
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("engram: %s\n", error->message);
      return 1;
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "review", NULL);
  return 0;
}

static void
eg_application_activate (GApplication *app)
{
  EgApplication *self = EG_APPLICATION (app);
  GtkWindow *window;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *imported = NULL;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (eg_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);

  path = eg_store_default_path ();
  self->store = eg_store_open (path, &error);
  if (self->store == NULL)
    {
      eg_window_show_error (EG_WINDOW (window), error->message);
      return;
    }

  imported = eg_store_get_setting (self->store, SHIPPED_DECKS_SETTING);
  if (eg_store_is_empty (self->store) && imported == NULL)
    {
      /* The library pane shows progress; the store is handed over when done. */
      eg_window_set_store (EG_WINDOW (window), self->store);
      import_shipped_decks (self, EG_WINDOW (window));
    }
  else
    eg_window_set_store (EG_WINDOW (window), self->store);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Engram developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Engram"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Engram developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Learn for the long term with spaced repetition."),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Engram developers",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
  { "review", review_action },
};

static void
eg_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };

  eg_gui_init_resources ();

  G_APPLICATION_CLASS (eg_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-sections",
                                         back_accels);
}

static void
eg_application_shutdown (GApplication *app)
{
  EgApplication *self = EG_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (eg_application_parent_class)->shutdown (app);
}

static void
eg_application_dispose (GObject *object)
{
  EgApplication *self = (EgApplication *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (eg_application_parent_class)->dispose (object);
}

static void
eg_application_class_init (EgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = eg_application_dispose;
  app_class->activate = eg_application_activate;
  app_class->handle_local_options = eg_application_handle_local_options;
  app_class->startup = eg_application_startup;
  app_class->shutdown = eg_application_shutdown;
}

static void
eg_application_init (EgApplication *self)
{
  static const GOptionEntry options[] = {
    { "review", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start reviewing the due cards at once"), NULL },
    { NULL }
  };

  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

EgApplication *
eg_application_new (void)
{
  return g_object_new (EG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
