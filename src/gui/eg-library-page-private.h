/* eg-library-page-private.h - the library page's parts, shared by its files
 *
 * eg-library-page.c shows the card table and the preview;
 * eg-library-page-sidebar.c the sidebar; eg-library-page-actions.c has the
 * actions on the selected cards and the sidebar's selection (review,
 * study, edit, add, suspend, flag, …).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-card-model.h"
#include "eg-library-page.h"
#include "eg-sidebar-item.h"

G_BEGIN_DECLS

/* What a deck's review would take today, within the daily limits */
typedef struct
{
  gint64         deck_id;
  EgQueueCounts  counts;
} EgDeckToday;

struct _EgLibraryPage
{
  GtkWidget            parent_instance;

  EgScheduler         *scheduler;
  EgStore             *store;        /* the scheduler's */

  GListStore          *sidebar_items;
  GtkSingleSelection  *sidebar_selection;
  EgCardModel         *cards;
  EgCardView          *preview;
  EgSortColumn         sort;
  gboolean             descending;
  gboolean             had_sections;
  gboolean             painted;       /* the window's first frame is on screen */
  GArray              *stats;         /* EgSectionStats, as last counted */
  GArray              *today;         /* EgDeckToday, counted with the stats */
  char                *shown_query;   /* what the table shows: search, section, sort */
  guint                search_idle;   /* the text changed: search before the next frame */
  GCancellable        *stats_cancellable;
  gboolean             cards_traced;   /* ENGRAM_TRACE: the first cards shown */
  gulong               cards_paint_handler;

  /* template widgets */
  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkWidget           *content;
  GtkListView         *sidebar_list;
  AdwWindowTitle      *content_title;
  GtkSearchEntry      *search_entry;
  GtkRevealer         *search_error_revealer;
  GtkLabel            *search_error;
  GtkStack            *content_stack;
  GtkColumnView       *card_table;
  AdwBin              *preview_slot;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  GtkLabel            *selection_label;
  AdwStatusPage       *loading_page;
  AdwToastOverlay     *toast_overlay;   /* above the action bar */
};

EgSidebarItem *_eg_library_page_get_selected_item   (EgLibraryPage        *self);
GArray        *_eg_library_page_get_selected_ids    (EgLibraryPage        *self);
const char    *_eg_library_page_deck_language       (EgLibraryPage        *self,
                                                     gint64                deck_id);
void           _eg_library_page_show_selected_card  (EgLibraryPage        *self);
gboolean       _eg_library_page_refresh_cards       (EgLibraryPage        *self);
void           _eg_library_page_ensure_preview      (EgLibraryPage        *self);
void           _eg_library_page_init_sidebar        (EgLibraryPage        *self);
void           _eg_library_page_request_review      (EgLibraryPage        *self,
                                                     const EgQueueOptions *options);
void           _eg_library_page_class_add_actions   (GtkWidgetClass       *widget_class);
void           _eg_library_page_update_marks        (EgLibraryPage        *self);

G_END_DECLS
