/* eg-window.c - the main window: the library of decks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "eg-card-item.h"
#include "eg-review-page.h"
#include "eg-section-item.h"
#include "eg-window.h"

struct _EgWindow
{
  AdwApplicationWindow  parent_instance;

  EgStore              *store;
  EgScheduler          *scheduler;
  GSettings            *settings;
  gulong                after_paint_handler;
  GListStore           *sections;
  GListStore           *cards;
  GtkSingleSelection   *section_selection;
  GtkNoSelection       *card_selection;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  EgReviewPage         *review_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkListView          *section_list;
  GtkListView          *card_list;
  AdwWindowTitle       *content_title;
  GtkStack             *content_stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (EgWindow, eg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_cards_of (EgWindow      *self,
               EgSectionItem *section)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *subtitle = NULL;

  if (section == NULL || self->store == NULL)
    {
      g_list_store_remove_all (self->cards);
      adw_window_title_set_title (self->content_title, _("Engram"));
      adw_window_title_set_subtitle (self->content_title, NULL);
      return;
    }

  cards = eg_store_list_cards (self->store, eg_section_item_get_id (section), &error);
  if (cards == NULL)
    {
      eg_window_show_error (self, error->message);
      return;
    }

  items = g_ptr_array_new_full (cards->len, g_object_unref);
  for (guint i = 0; i < cards->len; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);
      g_autofree char *question = eg_markdown_to_plain (card->question);

      g_ptr_array_add (items, eg_card_item_new (card->id, card->key, card->number, question));
    }
  g_list_store_splice (self->cards, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cards)),
                       items->pdata, items->len);

  adw_window_title_set_title (self->content_title, eg_section_item_get_heading (section));
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", cards->len),
                              cards->len);
  adw_window_title_set_subtitle (self->content_title, subtitle);
  gtk_stack_set_visible_child_name (self->content_stack, "cards");
}

static void
section_selection_changed_cb (EgWindow *self)
{
  EgSectionItem *section = gtk_single_selection_get_selected_item (self->section_selection);

  show_cards_of (self, section);
}

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
  if (!eg_review_page_start (self->review_page, options, NULL))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "library");
      return FALSE;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->review_page));
  return TRUE;
}

static void
review_section (EgWindow *self)
{
  EgSectionItem *section = gtk_single_selection_get_selected_item (self->section_selection);
  EgQueueOptions options = { 0 };

  if (section != NULL)
    options.section_id = eg_section_item_get_id (section);
  eg_window_start_review (self, &options);
}

static void
section_list_activated_cb (EgWindow *self,
                           guint     position)
{
  gtk_single_selection_set_selected (self->section_selection, position);
  review_section (self);
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  review_section (EG_WINDOW (widget));
}

static void
review_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  eg_window_start_review (EG_WINDOW (widget), NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgWindow *self = EG_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->review_page), "review.undo", NULL);
}

static void
review_closed_cb (EgWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "library");
  eg_window_reload (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->section_list));
}

static gint64
process_age_ms (void)
{
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  double up;

  /* field 22 of /proc/self/stat: start time in clock ticks after boot */
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      !g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL) ||
      !(after_name = strrchr (stat, ')')))
    return -1;
  fields = g_strsplit (after_name + 2, " ", -1);
  if (g_strv_length (fields) < 20)
    return -1;
  up = g_ascii_strtod (uptime, NULL);
  return (gint64) (up * 1000 - g_ascii_strtod (fields[19], NULL) * 1000 / sysconf (_SC_CLK_TCK));
}

static gboolean
warm_up_web_view (gpointer data)
{
  EgWindow *self = data;

  eg_review_page_ensure_view (self->review_page);
  return G_SOURCE_REMOVE;
}

/* After the first frame: report it, then start the web view in the background. */
static void
after_first_paint_cb (EgWindow      *self,
                      GdkFrameClock *clock)
{
  g_clear_signal_handler (&self->after_paint_handler, clock);

  if (g_strcmp0 (g_getenv ("ENGRAM_TRACE"), "1") == 0)
    g_printerr ("trace: first-frame %" G_GINT64_FORMAT "\n", process_age_ms ());

  g_idle_add_full (G_PRIORITY_LOW, warm_up_web_view, g_object_ref (self), g_object_unref);
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

static void
show_sections_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EgWindow *self = EG_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->section_list));
}

/**
 * eg_window_reload:
 *
 * Reads the sections from the store again, keeping the selected section.
 */
void
eg_window_reload (EgWindow *self)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_key = NULL;
  EgSectionItem *selected;
  guint position = 0;

  g_return_if_fail (EG_IS_WINDOW (self));

  gtk_spinner_stop (self->spinner);
  if (self->store == NULL)
    return;

  selected = gtk_single_selection_get_selected_item (self->section_selection);
  if (selected != NULL)
    selected_key = g_strdup (eg_section_item_get_key (selected));

  sections = eg_store_list_sections (self->store, 0, &error);
  if (sections == NULL)
    {
      eg_window_show_error (self, error->message);
      return;
    }

  items = g_ptr_array_new_full (sections->len, g_object_unref);
  for (guint i = 0; i < sections->len; i++)
    {
      EgSectionInfo *info = g_ptr_array_index (sections, i);
      g_autofree char *heading = eg_markdown_to_plain (info->heading);

      if (g_strcmp0 (info->key, selected_key) == 0)
        position = i;
      g_ptr_array_add (items, eg_section_item_new (info->id, info->key, heading, info->n_cards));
    }

  g_list_store_splice (self->sections, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->sections)),
                       items->pdata, items->len);

  if (items->len == 0)
    {
      show_cards_of (self, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }

  /* Selecting the same position again does not notify: refresh by hand. */
  if (gtk_single_selection_get_selected (self->section_selection) == position)
    section_selection_changed_cb (self);
  else
    gtk_single_selection_set_selected (self->section_selection, position);

  /* the list could not take the focus while it was empty */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "library") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->section_list));
}

void
eg_window_show_loading (EgWindow *self)
{
  g_return_if_fail (EG_IS_WINDOW (self));

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
}

void
eg_window_show_error (EgWindow   *self,
                      const char *message)
{
  g_return_if_fail (EG_IS_WINDOW (self));

  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

void
eg_window_add_toast (EgWindow   *self,
                     const char *message)
{
  g_return_if_fail (EG_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
eg_window_set_store (EgWindow *self,
                     EgStore  *store)
{
  g_return_if_fail (EG_IS_WINDOW (self));
  g_return_if_fail (!store || EG_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      g_autoptr(GError) error = NULL;

      g_clear_object (&self->scheduler);
      if (store != NULL && !(self->scheduler = eg_scheduler_new (store, &error)))
        eg_window_show_error (self, error->message);
      eg_review_page_set_scheduler (self->review_page, self->scheduler);
      eg_window_reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

EgStore *
eg_window_get_store (EgWindow *self)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), NULL);

  return self->store;
}

GListModel *
eg_window_get_sections (EgWindow *self)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->sections);
}

GListModel *
eg_window_get_cards (EgWindow *self)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->cards);
}

gboolean
eg_window_select_section (EgWindow *self,
                          guint     position)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), FALSE);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->sections)))
    return FALSE;
  gtk_single_selection_set_selected (self->section_selection, position);
  return TRUE;
}

static void
eg_window_dispose (GObject *object)
{
  EgWindow *self = (EgWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), EG_TYPE_WINDOW);
  g_clear_object (&self->section_selection);
  g_clear_object (&self->card_selection);
  g_clear_object (&self->sections);
  g_clear_object (&self->cards);
  g_clear_object (&self->settings);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->store);

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

  g_type_ensure (EG_TYPE_SECTION_ITEM);
  g_type_ensure (EG_TYPE_CARD_ITEM);
  g_type_ensure (EG_TYPE_REVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/eg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, content);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, section_list);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, card_list);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, EgWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, section_list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, review_closed_cb);

  gtk_widget_class_install_action (widget_class, "win.show-sections", NULL, show_sections_action);
  gtk_widget_class_install_action (widget_class, "win.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.review-all", NULL, review_all_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
}

static void
eg_window_init (EgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sections = g_list_store_new (EG_TYPE_SECTION_ITEM);
  self->cards = g_list_store_new (EG_TYPE_CARD_ITEM);

  self->section_selection =
    gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sections)));
  gtk_single_selection_set_autoselect (self->section_selection, TRUE);
  g_signal_connect_object (self->section_selection, "notify::selected",
                           G_CALLBACK (section_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->section_list, GTK_SELECTION_MODEL (self->section_selection));

  self->card_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->cards)));
  gtk_list_view_set_model (self->card_list, GTK_SELECTION_MODEL (self->card_selection));

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

GtkWidget *
eg_window_get_review_page (EgWindow *self)
{
  g_return_val_if_fail (EG_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->review_page);
}
