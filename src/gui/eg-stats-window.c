/* eg-stats-window.c - the statistics of the collection, a deck or a section
 *
 * The figures come from the core (eg_stats_compute()), the pictures too
 * (eg_stats_html_render(): one HTML document of SVG, no script); this
 * window shows that document in a web view set up as the card view's
 * (eg-web-module.c), computes the figures when it opens, and draws them
 * again in the app's style when it turns light or dark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-stats-window"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-card-view.h"
#include "eg-stats-window.h"
#include "eg-web-module.h"

struct _EgStatsWindow
{
  AdwWindow           parent_instance;

  EgScheduler        *scheduler;
  gint64              deck_id;
  gint64              section_id;
  EgStats            *stats;
  EgStatsForecast     forecast;          /* its points are ours */
  gboolean            has_forecast;
  const EgWebModule  *module;
  GtkWidget          *web_view;
  gboolean            loaded;

  /* template widgets */
  AdwWindowTitle     *window_title;
  GtkStack           *stack;
  AdwBin             *page;
  AdwStatusPage      *error_page;
};

G_DEFINE_FINAL_TYPE (EgStatsWindow, eg_stats_window, ADW_TYPE_WINDOW)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (EgStatsWindow *self,
            const char    *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
page_message_cb (GObject    *owner,
                 const char *kind,
                 guint64     token,
                 const char *json)
{
  EgStatsWindow *self = EG_STATS_WINDOW (owner);

  if (g_strcmp0 (kind, "ready") != 0)
    return;
  self->loaded = TRUE;
  g_signal_emit (self, signals[LOADED], 0);
}

/* Draws the figures computed last, in the app's style */
static void
render (EgStatsWindow *self)
{
  EgStatsHtmlOptions options = {
    .dark = adw_style_manager_get_dark (adw_style_manager_get_default ()),
    .forecast = self->has_forecast ? &self->forecast : NULL,
  };
  g_autofree char *html = NULL;

  if (self->stats == NULL || self->web_view == NULL)
    return;
  html = eg_stats_html_render (self->stats, &options);
  self->loaded = FALSE;
  self->module->load_document (self->web_view, html);
  gtk_stack_set_visible_child_name (self->stack, "page");
}

/**
 * eg_stats_window_refresh:
 *
 * Computes the figures again, now, and draws them.
 */
void
eg_stats_window_refresh (EgStatsWindow *self)
{
  g_autoptr(GError) error = NULL;
  EgStats *stats;

  g_return_if_fail (EG_IS_STATS_WINDOW (self));

  if (self->web_view == NULL)
    return;
  stats = eg_stats_compute (self->scheduler, self->deck_id, self->section_id, eg_time_now_ms (),
                            &error);
  if (stats == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->stats, eg_stats_free);
  self->stats = stats;
  render (self);
}

/**
 * eg_stats_window_set_forecast:
 * @forecast: (nullable): the expected recall on the interview date by study
 *   day (copied), or %NULL for no such picture
 *
 * Draws the page again with (or without) the forecast.
 */
void
eg_stats_window_set_forecast (EgStatsWindow         *self,
                              const EgStatsForecast *forecast)
{
  g_return_if_fail (EG_IS_STATS_WINDOW (self));

  g_clear_pointer ((EgStatsForecastPoint **) &self->forecast.points, g_free);
  self->has_forecast = forecast != NULL;
  if (forecast != NULL)
    {
      self->forecast = *forecast;
      self->forecast.points = g_memdup2 (forecast->points,
                                         forecast->n_points * sizeof (EgStatsForecastPoint));
    }
  render (self);
}

/**
 * eg_stats_window_get_stats:
 *
 * Returns: (nullable): the figures shown
 */
const EgStats *
eg_stats_window_get_stats (EgStatsWindow *self)
{
  g_return_val_if_fail (EG_IS_STATS_WINDOW (self), NULL);
  return self->stats;
}

/**
 * eg_stats_window_is_loaded:
 *
 * Returns: whether the page shows the figures computed last (after
 *   #EgStatsWindow::loaded)
 */
gboolean
eg_stats_window_is_loaded (EgStatsWindow *self)
{
  g_return_val_if_fail (EG_IS_STATS_WINDOW (self), FALSE);
  return self->loaded;
}

GtkWidget *
eg_stats_window_get_web_view (EgStatsWindow *self)
{
  g_return_val_if_fail (EG_IS_STATS_WINDOW (self), NULL);
  return self->web_view;
}

static void
eg_stats_window_dispose (GObject *object)
{
  EgStatsWindow *self = (EgStatsWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), EG_TYPE_STATS_WINDOW);
  self->web_view = NULL;
  g_clear_object (&self->scheduler);
  g_clear_pointer (&self->stats, eg_stats_free);
  g_clear_pointer ((EgStatsForecastPoint **) &self->forecast.points, g_free);

  G_OBJECT_CLASS (eg_stats_window_parent_class)->dispose (object);
}

static void
eg_stats_window_class_init (EgStatsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eg_stats_window_dispose;

  /**
   * EgStatsWindow::loaded:
   *
   * The page shows the figures computed last.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/eg-stats-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EgStatsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EgStatsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EgStatsWindow, page);
  gtk_widget_class_bind_template_child (widget_class, EgStatsWindow, error_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
eg_stats_window_init (EgStatsWindow *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->module = eg_card_view_get_module (&error);
  if (self->module == NULL)
    {
      show_error (self, error->message);
      return;
    }
  self->web_view = self->module->new_document_view (G_OBJECT (self), page_message_cb);
  adw_bin_set_child (self->page, self->web_view);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (render), self, G_CONNECT_SWAPPED);
}

/**
 * eg_stats_window_new:
 * @deck_id: the deck, or 0 for every deck
 * @section_id: the section, or 0 for the whole deck
 * @scope: (nullable): what the statistics are of, for the subtitle, e.g.
 *   "Expert Go Interview Questions — Concurrency"
 *
 * Returns: a window showing the statistics of the scope, computed now
 */
GtkWidget *
eg_stats_window_new (EgScheduler *scheduler,
                     gint64       deck_id,
                     gint64       section_id,
                     const char  *scope)
{
  EgStatsWindow *self;

  g_return_val_if_fail (EG_IS_SCHEDULER (scheduler), NULL);

  self = g_object_new (EG_TYPE_STATS_WINDOW, NULL);
  self->scheduler = g_object_ref (scheduler);
  self->deck_id = deck_id;
  self->section_id = section_id;
  adw_window_title_set_subtitle (self->window_title, scope != NULL ? scope : "");
  eg_stats_window_refresh (self);
  return GTK_WIDGET (self);
}
