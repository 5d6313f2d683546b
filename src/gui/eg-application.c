/* eg-application.c - the Engram application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-application-private.h"
#include "eg-help-overlay.h"
#include "eg-install-dir.h"
#include "eg-mnemonic-names.h"
#include "eg-preferences.h"
#include "engram-resources.h"

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
  /* and, for the app and the tests alike, GTK 4.8's buttons' names */
  eg_mnemonic_names_watch ();
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
  g_autofree char *pkgdatadir = NULL;

  if (dir != NULL && dir[0] != '\0')
    return g_strdup (dir);
  pkgdatadir = eg_install_dir (PKGDATADIR_FROM_PREFIX, PKGDATADIR);
  return g_build_filename (pkgdatadir, "content", NULL);
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
  /* a collection that cannot be used shows why, and there is nothing to review */
  if (self->store == NULL)
    return;
  /* on the very first start the deck is still being imported */
  if (eg_window_get_store (window) == NULL || eg_store_is_empty (eg_window_get_store (window)))
    self->review_when_ready = TRUE;
  else
    eg_window_start_review (window, NULL);
}

/**
 * _eg_application_open_pending:
 *
 * Hands the decks opened so far to the window for their previews, once the
 * collection is open and the first start's import has ended.
 */
void
_eg_application_open_pending (EgApplication *self)
{
  EgWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (EG_IS_WINDOW (l->data))
      {
        window = l->data;
        break;
      }
  if (window == NULL || self->store == NULL || self->importing_shipped ||
      eg_window_get_store (window) == NULL)
    return;

  for (guint i = 0; i < self->open_when_ready->len; i++)
    eg_window_import_file (window, g_ptr_array_index (self->open_when_ready, i));
  g_ptr_array_set_size (self->open_when_ready, 0);
}

/* "engram deck.md", "Open With Engram" in a file manager, and a second
 * "engram deck.md" while Engram runs: the same window shows each file's
 * import preview in turn; nothing is written before the user confirms. */
static void
eg_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  EgApplication *self = EG_APPLICATION (app);
  EgWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (self->open_when_ready, g_object_ref (files[i]));
  /* a collection that cannot be used shows why; the decks wait for one */
  if (self->store == NULL)
    eg_window_add_toast (window, _("The deck can be imported once a collection is open"));
  _eg_application_open_pending (self);
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
  /* go on: "engram --review deck.md" opens the deck too (its preview shows
   * over the review); without files this only presents the window */
  return -1;
}

static void
eg_application_activate (GApplication *app)
{
  EgApplication *self = EG_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (eg_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);
  _eg_application_open_collection (self, EG_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Engram developers"), NULL };
  const char *scheduling[] = {
    "FSRS, Open Spaced Repetition https://github.com/open-spaced-repetition", NULL
  };
  const char *libraries[] = {
    "GTK https://gtk.org", "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "WebKitGTK https://webkitgtk.org", "SQLite https://sqlite.org",
    "MD4C https://github.com/mity/md4c", NULL
  };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Engram"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Engram developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Learn for the long term with spaced repetition."),
                        "developers", developers,
                        "website", "https://github.com/engram-app/engram",
                        "issue-url", "https://github.com/engram-app/engram/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Engram developers",
                        NULL);
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about), _("Scheduling"),
                                                scheduling);
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about), _("Built With"),
                                                libraries);
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
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  eg_help_overlay_name_keys (window);
}

static void
eg_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };

  g_autoptr(GSettings) settings = NULL;

  eg_gui_init_resources ();

  G_APPLICATION_CLASS (eg_application_parent_class)->startup (app);

  /* the style chosen in Preferences */
  settings = g_settings_new (APP_ID);
  eg_preferences_apply_style (settings);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  _eg_application_add_collection_actions (EG_APPLICATION (app));
  /* after GTK gave the window its shortcuts window */
  g_signal_connect_after (app, "window-added", G_CALLBACK (window_added_cb), NULL);
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
  _eg_application_close_collection (self);

  G_APPLICATION_CLASS (eg_application_parent_class)->shutdown (app);
}

static void
eg_application_dispose (GObject *object)
{
  EgApplication *self = (EgApplication *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->guard_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->open_when_ready, g_ptr_array_unref);

  G_OBJECT_CLASS (eg_application_parent_class)->dispose (object);
}

static void
eg_application_class_init (EgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = eg_application_dispose;
  app_class->activate = eg_application_activate;
  app_class->open = eg_application_open;
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
  self->open_when_ready = g_ptr_array_new_with_free_func (g_object_unref);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

EgApplication *
eg_application_new (void)
{
  return g_object_new (EG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_HANDLES_OPEN,
                       NULL);
}
