/* eg-window.c - the main window: a stack of pages and their toasts
 *
 * The pages: the library (EgLibraryPage), reviewing (EgReviewPage), and a
 * collection that cannot be used (EgDamagedPage).  The window owns the
 * collection's store and scheduler and gives them to the pages; it reports
 * its first frame ("painted", and with ENGRAM_TRACE=1 on stderr, see
 * eg-trace.c) and only then starts what must not delay it: the library's
 * table and counts, and WebKit.  Importing and exporting decks is in
 * eg-window-import.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-annotations-window.h"
#include "eg-card-view.h"
#include "eg-library-page-private.h"
#include "eg-preferences.h"
#include "eg-stats-window.h"
#include "eg-toast.h"
#include "eg-trace.h"
#include "eg-window-private.h"

G_DEFINE_FINAL_TYPE (EgWindow, eg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PAINTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
eg_window_add_toast (EgWindow   *self,
                     const char *message)
{
  GtkWidget *page;

  g_return_if_fail (EG_IS_WINDOW (self));

  /* in the page's own overlay, above its buttons, if it has one */
  page = gtk_stack_get_visible_child (self->main_stack);
  eg_toast_show (page != NULL ? page : GTK_WIDGET (self->toast_overlay), message, FALSE);
}

/**
 * eg_window_show_loading:
 * @title: what is being done, e.g. "Importing the Go Deck…"
 *
 * Shows a spinner instead of the cards while the library is being made.
 */
void
eg_window_show_loading (EgWindow   *self,
                        const char *title,
                        const char *description)
{
  g_return_if_fail (EG_IS_WINDOW (self));

  eg_library_page_show_loading (self->library_page, title, description);
}

/**
 * eg_window_show_error:
 *
 * Shows, instead of the cards, that the library could not be opened and why.
 */
void
eg_window_show_error (EgWindow   *self,
                      const char *message)
{
  g_return_if_fail (EG_IS_WINDOW (self));

  eg_library_page_show_error (self->library_page, message);
}

/**
 * eg_window_show_damaged:
 * @error: what is wrong with the collection, naming it
 *
 * Shows, instead of the library, what is wrong with the collection and the
 * ways back: its backups, a look at a damaged collection for reading only,
 * or a new collection.
 */
void
eg_window_show_damaged (EgWindow     *self,
                        const char   *collection_path,
                        const GError *error)
{
  g_return_if_fail (EG_IS_WINDOW (self));

  eg_window_set_store (self, NULL);
  eg_damaged_page_show (self->damaged_page, collection_path, error->message,
                        g_error_matches (error, EG_STORE_ERROR, EG_STORE_ERROR_CORRUPT));
  gtk_stack_set_visible_child_name (self->main_stack, "damaged");
}

EgDamagedPage *
eg_window_get_damaged_page (EgWindow *self)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), NULL);
  return self->damaged_page;
}

/**
 * eg_window_reload:
 *
 * Reads the library again (after the collection changed), keeping what was
 * selected.
 */
void
eg_window_reload (EgWindow *self)
{
  g_return_if_fail (EG_IS_WINDOW (self));

  eg_library_page_reload (self->library_page);
}

/* ------------------------------------------------------------------ */
/* Reviewing                                                            */
/* ------------------------------------------------------------------ */

/**
 * eg_window_start_review:
 * @options: (nullable): which cards; %NULL for all that is due
 *
 * Switches to the review page and starts a session.
 */
gboolean
eg_window_start_review (EgWindow             *self,
                        const EgQueueOptions *options)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), FALSE);

  if (self->scheduler == NULL)
    return FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, "review");
  if (!eg_review_page_start (self->review_page, options))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "library");
      return FALSE;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->review_page));
  return TRUE;
}

static void
review_requested_cb (EgWindow             *self,
                     const EgQueueOptions *options)
{
  eg_window_start_review (self, options);
}

static void
review_closed_cb (EgWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "library");
  eg_library_page_reload (self->library_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->library_page));
}

static void
review_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  eg_window_start_review (EG_WINDOW (widget), NULL);
}

/* The Highlights and Notes window: every annotation, the orphans first */
static void
annotations_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EgWindow *self = EG_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  if (self->scheduler == NULL)
    return;
  window = eg_annotations_window_new (self->scheduler, &error);
  if (window == NULL)
    {
      eg_window_add_toast (self, error->message);
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
preferences_changed_cb (EgWindow *self)
{
  eg_library_page_reload (self->library_page);
}

/**
 * eg_window_show_preferences:
 * @page: (nullable): the page to show, "general", "interview", "optimizer" or
 *   "backups"; %NULL for the one last shown
 *
 * Presents Preferences (the one open, or a new one): the appearance, the
 * collection's study settings (when a collection is open) and its backups.
 *
 * Returns: (transfer none): the Preferences window
 */
GtkWidget *
eg_window_show_preferences (EgWindow   *self,
                            const char *page)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (EG_IS_WINDOW (self), NULL);

  if (self->preferences == NULL)
    {
      self->preferences = eg_preferences_new (self->scheduler, self->settings);
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
      g_signal_connect_object (self->preferences, "changed",
                               G_CALLBACK (preferences_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_window_set_transient_for (GTK_WINDOW (self->preferences), GTK_WINDOW (self));
      /* its buttons activate the app's actions (Back Up Now, Restore) */
      gtk_window_set_application (GTK_WINDOW (self->preferences),
                                  gtk_window_get_application (GTK_WINDOW (self)));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->preferences), TRUE);
      /* the backups of the collection the app opens (eg-application-collection.c) */
      path = eg_store_default_path ();
      eg_preferences_set_collection (EG_PREFERENCES (self->preferences), path);
    }
  if (page != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self->preferences),
                                                  page);
  gtk_window_present (GTK_WINDOW (self->preferences));
  return self->preferences;
}

/**
 * eg_window_get_preferences:
 *
 * Returns: (transfer none) (nullable): the Preferences window, if it is open
 */
GtkWidget *
eg_window_get_preferences (EgWindow *self)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), NULL);
  return self->preferences;
}

/**
 * eg_window_get_scheduler:
 *
 * Returns: (transfer none) (nullable): the scheduler of the collection the
 *   window shows
 */
EgScheduler *
eg_window_get_scheduler (EgWindow *self)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), NULL);
  return self->scheduler;
}

/* Preferences (Ctrl+,): at the page last shown */
static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  eg_window_show_preferences (EG_WINDOW (widget), NULL);
}

/* The interview date and its plan: the page of Preferences */
static void
interview_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EgWindow *self = EG_WINDOW (widget);

  eg_window_show_preferences (self, self->scheduler != NULL ? "interview" : NULL);
}

/* The interview plan's forecast, for the statistics: the expected recall
 * on the date, day by day until it */
static void
set_forecast (EgStatsWindow *window,
              EgScheduler   *scheduler)
{
  g_autoptr(EgPlan) plan = NULL;
  g_autofree EgStatsForecastPoint *points = NULL;
  EgStatsForecast forecast = { 0 };

  if (!eg_plan_is_set (scheduler) ||
      !(plan = eg_plan_compute (scheduler, eg_time_now_ms (), NULL)) ||
      plan->days == NULL || plan->days->len == 0)
    return;
  points = g_new (EgStatsForecastPoint, plan->days->len);
  for (guint i = 0; i < plan->days->len; i++)
    {
      const EgPlanDay *day = &g_array_index (plan->days, EgPlanDay, i);

      points[i].day = day->day;
      points[i].recall = day->recall;
    }
  forecast.points = points;
  forecast.n_points = plan->days->len;
  forecast.interview_day = plan->interview_day;
  eg_stats_window_set_forecast (window, &forecast);
}

/* The deck and section selected in the library's sidebar, and their names;
 * a search ("All Cards"…) or nothing selected: the whole collection */
static char *
statistics_scope (EgWindow *self,
                  gint64   *deck_id,
                  gint64   *section_id)
{
  EgSidebarItem *item = _eg_library_page_get_selected_item (self->library_page);
  GListModel *sidebar = eg_library_page_get_sidebar (self->library_page);
  const char *deck_title = NULL;

  *deck_id = *section_id = 0;
  if (item == NULL || eg_sidebar_item_get_kind (item) == EG_SIDEBAR_SEARCH)
    return g_strdup (_("All Decks"));
  if (eg_sidebar_item_get_kind (item) == EG_SIDEBAR_DECK)
    {
      *deck_id = eg_sidebar_item_get_id (item);
      return g_strdup (eg_sidebar_item_get_title (item));
    }
  *deck_id = eg_sidebar_item_get_deck_id (item);
  *section_id = eg_sidebar_item_get_id (item);
  for (guint i = 0; i < g_list_model_get_n_items (sidebar) && deck_title == NULL; i++)
    {
      g_autoptr(EgSidebarItem) other = g_list_model_get_item (sidebar, i);

      if (eg_sidebar_item_get_kind (other) == EG_SIDEBAR_DECK &&
          eg_sidebar_item_get_id (other) == *deck_id)
        deck_title = eg_sidebar_item_get_title (other);
    }
  if (deck_title == NULL)
    return g_strdup (eg_sidebar_item_get_title (item));
  /* TRANSLATORS: the statistics' scope: "Deck — Section" */
  return g_strdup_printf (_("%s — %s"), deck_title, eg_sidebar_item_get_title (item));
}

/* Statistics of the selected deck or section, or of the collection */
static void
statistics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EgWindow *self = EG_WINDOW (widget);
  g_autofree char *scope = NULL;
  gint64 deck_id, section_id;
  GtkWidget *window;

  if (self->scheduler == NULL)
    return;
  scope = statistics_scope (self, &deck_id, &section_id);
  window = eg_stats_window_new (self->scheduler, deck_id, section_id, scope);
  set_forecast (EG_STATS_WINDOW (window), self->scheduler);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (window));
}

/* Ctrl+Z, and the toasts' Undo: in the page on screen. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgWindow *self = EG_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (page, "review") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->review_page), "review.undo", NULL);
  else if (g_strcmp0 (page, "library") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->library_page), "library.undo", NULL);
}

static void
show_sections_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  if (!eg_library_page_go_back (EG_WINDOW (widget)->library_page))
    eg_library_page_show_sidebar (EG_WINDOW (widget)->library_page);
}

/* ------------------------------------------------------------------ */
/* Start-up                                                             */
/* ------------------------------------------------------------------ */

static gboolean
warm_up_web_views (gpointer data)
{
  EgWindow *self = data;

  eg_library_page_first_frame_shown (self->library_page);
  eg_review_page_ensure_view (self->review_page);
  eg_library_page_ensure_preview (self->library_page);
  return G_SOURCE_REMOVE;
}

/* After the first frame: report it, load WebKit in a thread while the table
 * fills, then start the web views. */
static void
after_first_paint_cb (EgWindow      *self,
                      GdkFrameClock *clock)
{
  g_clear_signal_handler (&self->after_paint_handler, clock);

  eg_trace_first_frame ();
  g_signal_emit (self, signals[PAINTED], 0);

  eg_card_view_preload_module ();
  g_idle_add_full (G_PRIORITY_LOW, warm_up_web_views, g_object_ref (self), g_object_unref);
}

static void
eg_window_map (GtkWidget *widget)
{
  EgWindow *self = EG_WINDOW (widget);
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (eg_window_parent_class)->map (widget);

  clock = gtk_widget_get_frame_clock (widget);
  if (clock != NULL && self->after_paint_handler == 0)
    self->after_paint_handler = g_signal_connect_object (clock, "after-paint",
                                                         G_CALLBACK (after_first_paint_cb),
                                                         self, G_CONNECT_SWAPPED);
}

/**
 * eg_window_set_store:
 * @store: (nullable): the collection, or %NULL for none
 *
 * Shows @store's library; its writes never wait for another program's.
 */
void
eg_window_set_store (EgWindow *self,
                     EgStore  *store)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (EG_IS_WINDOW (self));
  g_return_if_fail (!store || EG_IS_STORE (store));

  if (store != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "damaged") == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "library");

  if (!g_set_object (&self->store, store))
    return;
  /* The main thread never waits for another program's write: a change that
   * meets one fails at once (a grade waits in its saver, showing "Saving…") */
  if (store != NULL)
    eg_store_set_write_timeout (store, 0);

  g_clear_object (&self->scheduler);
  if (store != NULL && !(self->scheduler = eg_scheduler_new (store, &error)))
    eg_window_show_error (self, error->message);
  eg_review_page_set_scheduler (self->review_page, self->scheduler);
  eg_library_page_set_scheduler (self->library_page, self->scheduler);
  /* Preferences never keeps a collection open that a restore replaces */
  if (self->preferences != NULL)
    eg_preferences_set_scheduler (EG_PREFERENCES (self->preferences), self->scheduler);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

EgStore *
eg_window_get_store (EgWindow *self)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), NULL);
  return self->store;
}

GtkWidget *
eg_window_get_review_page (EgWindow *self)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->review_page);
}

EgLibraryPage *
eg_window_get_library_page (EgWindow *self)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), NULL);
  return self->library_page;
}

static void
eg_window_dispose (GObject *object)
{
  EgWindow *self = (EgWindow *)object;

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), EG_TYPE_WINDOW);
  g_clear_weak_pointer (&self->preferences);
  g_clear_object (&self->settings);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->store);
  g_clear_object (&self->import_file);
  _eg_window_clear_import_queue (self);
  g_clear_object (&self->import_cancellable);

  G_OBJECT_CLASS (eg_window_parent_class)->dispose (object);
}

static void
eg_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EgWindow *self = EG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eg_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EgWindow *self = EG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      eg_window_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eg_window_class_init (EgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eg_window_dispose;
  object_class->get_property = eg_window_get_property;
  object_class->set_property = eg_window_set_property;
  widget_class->map = eg_window_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, EG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the first frame is on screen: the time for work that must not delay it */
  signals[PAINTED] = g_signal_new ("painted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (EG_TYPE_DAMAGED_PAGE);
  g_type_ensure (EG_TYPE_LIBRARY_PAGE);
  g_type_ensure (EG_TYPE_REVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/eg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, library_page);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, damaged_page);
  gtk_widget_class_bind_template_callback (widget_class, review_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, review_closed_cb);

  gtk_widget_class_install_action (widget_class, "win.show-sections", NULL, show_sections_action);
  gtk_widget_class_install_action (widget_class, "win.review-all", NULL, review_all_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.annotations", NULL, annotations_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.statistics", NULL, statistics_action);
  gtk_widget_class_install_action (widget_class, "win.interview", NULL, interview_action);
  _eg_window_class_add_import_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.statistics", NULL);
}

static void
eg_window_init (EgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _eg_window_add_drop_target (self);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
}

EgWindow *
eg_window_new (GtkApplication *application)
{
  return g_object_new (EG_TYPE_WINDOW, "application", application, NULL);
}
