/* eg-library-page-adaptive.c - the library in a narrow window
 *
 * Two leaflets: the sidebar beside the cards (leaflet), and, in the cards,
 * the table beside the preview (card_leaflet).  The preview folds away
 * first, then the sidebar; folded, they are a navigation, sidebar → table
 * → card: a click (or Enter) on a row goes to what it shows, and the back
 * button in the header bar, Escape and Alt+← (and the leaflets' own swipe
 * and mouse back button) go back.  Down to 360 px wide.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-library-page-private.h"

/* Folded, and showing one card */
static gboolean
on_card_pane (EgLibraryPage *self)
{
  return adw_leaflet_get_folded (self->card_leaflet) &&
         adw_leaflet_get_visible_child (self->card_leaflet) == GTK_WIDGET (self->preview_slot);
}

/* Folded, and showing the cards rather than the sidebar */
static gboolean
on_content (EgLibraryPage *self)
{
  return adw_leaflet_get_folded (self->leaflet) &&
         adw_leaflet_get_visible_child (self->leaflet) == self->content;
}

static void
update_navigation (EgLibraryPage *self)
{
  gboolean card = on_card_pane (self);
  gboolean back = card || on_content (self);

  gtk_widget_set_visible (self->back_button, back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.go-back", back);
  /* the search and the bar are the table's: one card shown has neither */
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), !card);
  gtk_widget_set_visible (GTK_WIDGET (self->scope_revealer), !card);
  gtk_widget_set_visible (GTK_WIDGET (self->search_error_revealer), !card);
  gtk_widget_set_visible (self->selection_bar, !card);
  /* room for the back button at 360 px: Review as an icon */
  if (adw_leaflet_get_folded (self->leaflet))
    {
      gtk_button_set_icon_name (GTK_BUTTON (self->review_button), "media-playback-start-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->review_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Review"), -1);
    }
  else if (gtk_button_get_icon_name (GTK_BUTTON (self->review_button)) != NULL)
    {
      gtk_button_set_label (GTK_BUTTON (self->review_button), _("_Review"));
      gtk_button_set_use_underline (GTK_BUTTON (self->review_button), TRUE);
    }
  /* folded, a click on a row goes to what it shows */
  gtk_list_view_set_single_click_activate (self->sidebar_list,
                                           adw_leaflet_get_folded (self->leaflet));
  gtk_column_view_set_single_click_activate (self->card_table,
                                             adw_leaflet_get_folded (self->card_leaflet));
}

static gboolean
update_navigation_cb (gpointer data)
{
  EgLibraryPage *self = data;

  self->navigation_queued = FALSE;
  if (self->leaflet != NULL)   /* not disposed of meanwhile */
    update_navigation (self);
  return G_SOURCE_REMOVE;
}

/* A leaflet folds or unfolds while it is allocated: what changes with it
 * changes before the next frame, not in the middle of this one. */
static void
folded_cb (EgLibraryPage *self)
{
  if (self->navigation_queued)
    return;
  self->navigation_queued = TRUE;
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_navigation_cb, g_object_ref (self),
                   g_object_unref);
}

/* The focus follows what a folded leaflet goes to, however it got there
 * (a row, the back button, a swipe). */
static void
leaflet_changed_cb (EgLibraryPage *self)
{
  update_navigation (self);
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) == self->sidebar &&
      !gtk_widget_has_focus (GTK_WIDGET (self->sidebar_list)))
    gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
}

static void
card_leaflet_changed_cb (EgLibraryPage *self)
{
  update_navigation (self);
  if (!adw_leaflet_get_folded (self->card_leaflet))
    return;
  if (on_card_pane (self))
    {
      if (self->preview != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->preview));
    }
  else if (!gtk_widget_has_focus (GTK_WIDGET (self->card_table)))
    gtk_widget_grab_focus (GTK_WIDGET (self->card_table));
}

/**
 * _eg_library_page_show_content:
 *
 * In a window so narrow that the sidebar has folded away, shows the cards
 * of the sidebar's selection.
 *
 * Returns: %FALSE when the sidebar is not folded (the cards are shown)
 */
gboolean
_eg_library_page_show_content (EgLibraryPage *self)
{
  if (!adw_leaflet_get_folded (self->leaflet))
    return FALSE;
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  gtk_widget_grab_focus (GTK_WIDGET (self->card_table));
  return TRUE;
}

/**
 * _eg_library_page_show_card_pane:
 *
 * In a window so narrow that the preview has folded away, shows the
 * selected card.
 *
 * Returns: %FALSE when the preview is not folded (it shows the card)
 */
gboolean
_eg_library_page_show_card_pane (EgLibraryPage *self)
{
  if (!adw_leaflet_get_folded (self->card_leaflet))
    return FALSE;
  if (self->cards == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->cards)) == 0)
    return TRUE;
  _eg_library_page_ensure_preview (self);
  _eg_library_page_show_selected_card (self);
  adw_leaflet_set_visible_child (self->card_leaflet, GTK_WIDGET (self->preview_slot));
  return TRUE;
}

/**
 * eg_library_page_go_back:
 *
 * In a narrow window, goes back one step: from a card to the table, from
 * the table to the sidebar.
 *
 * Returns: %FALSE when there is nothing to go back to
 */
gboolean
eg_library_page_go_back (EgLibraryPage *self)
{
  g_return_val_if_fail (EG_IS_LIBRARY_PAGE (self), FALSE);

  if (on_card_pane (self))
    {
      adw_leaflet_set_visible_child (self->card_leaflet, self->card_list);
      gtk_widget_grab_focus (GTK_WIDGET (self->card_table));
      return TRUE;
    }
  if (on_content (self))
    {
      eg_library_page_show_sidebar (self);
      return TRUE;
    }
  return FALSE;
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  eg_library_page_go_back (EG_LIBRARY_PAGE (widget));
}

void
_eg_library_page_class_add_adaptive (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, card_leaflet);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, card_list);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, review_button);

  gtk_widget_class_install_action (widget_class, "library.go-back", NULL, go_back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "library.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "library.go-back", NULL);
}

void
_eg_library_page_init_adaptive (EgLibraryPage *self)
{
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (leaflet_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->card_leaflet, "notify::folded",
                           G_CALLBACK (folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->card_leaflet, "notify::visible-child",
                           G_CALLBACK (card_leaflet_changed_cb), self, G_CONNECT_SWAPPED);
  update_navigation (self);
}
