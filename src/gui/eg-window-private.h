/* eg-window-private.h - the main window's parts, shared by its files
 *
 * eg-window.c holds the pages, toasts and the window's lifecycle;
 * eg-window-import.c imports and exports decks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-card-model.h"
#include "eg-review-page.h"
#include "eg-sidebar-item.h"
#include "eg-window.h"

G_BEGIN_DECLS

struct _EgWindow
{
  AdwApplicationWindow  parent_instance;

  EgStore              *store;
  EgScheduler          *scheduler;
  GSettings            *settings;
  gulong                after_paint_handler;

  GListStore           *sidebar_items;
  GtkSingleSelection   *sidebar_selection;
  EgCardModel          *cards;
  EgCardView           *preview;
  EgSortColumn          sort;
  gboolean              descending;
  GFile                *import_file;
  gboolean              had_sections;
  gboolean              painted;      /* the first frame is on screen */
  GArray               *stats;        /* EgSectionStats, as last counted */
  char                 *shown_query;  /* what the table shows: search, section, sort */
  guint                 search_idle;  /* the text changed: search before the next frame */
  GCancellable         *stats_cancellable;
  GCancellable         *import_cancellable;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  EgReviewPage         *review_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkListView          *sidebar_list;
  AdwWindowTitle       *content_title;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *search_error_revealer;
  GtkLabel             *search_error;
  GtkStack             *content_stack;
  GtkColumnView        *card_table;
  AdwBin               *preview_slot;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  GtkLabel             *selection_label;
  EgDamagedPage        *damaged_page;
  AdwStatusPage        *loading_page;
};

EgSidebarItem *_eg_window_get_selected_item        (EgWindow       *self);
void           _eg_window_class_add_import_actions (GtkWidgetClass *widget_class);

G_END_DECLS
