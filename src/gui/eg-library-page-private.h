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

#include "eg-annotator.h"

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
  EgAnnotator         *annotator;    /* of the preview's card */
  GSettings           *settings;     /* the app's: how the preview shows parts */
  EgSortColumn         sort;
  gboolean             descending;
  gboolean             had_sections;
  gboolean             painted;       /* the window's first frame is on screen */
  GArray              *stats;         /* EgSectionStats, as last counted */
  GArray              *today;         /* EgDeckToday, counted with the stats */
  char                *shown_query;   /* what the table shows: search, section, sort */
  guint                search_idle;   /* the text changed: search before the next frame */
  guint                warm_up_source;   /* a while after start: eg_search_warm_up() */
  GCancellable        *stats_cancellable;
  gboolean             search_all;     /* the search looks beyond the sidebar's selection */
  gboolean             navigation_queued; /* see eg-library-page-adaptive.c */
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
  /* narrow windows: eg-library-page-adaptive.c */
  AdwLeaflet          *card_leaflet;
  GtkWidget           *card_list;
  GtkWidget           *back_button;
  GtkWidget           *selection_bar;
  GtkWidget           *review_button;
  /* the search's scope and results: eg-library-page-search.c */
  GtkRevealer         *scope_revealer;
  GtkRevealer         *interview_revealer;
  GtkLabel            *interview_warning;
  GtkLabel            *scope_label;
  GtkWidget           *scope_chip;
  GtkLabel            *scope_chip_label;
  GtkWidget           *scope_restore;
  GtkLabel            *scope_restore_label;
  AdwStatusPage       *no_results_page;
  GtkWidget           *no_results_button;
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

/* eg-library-page-adaptive.c */
void           _eg_library_page_class_add_adaptive  (GtkWidgetClass       *widget_class);
void           _eg_library_page_init_adaptive       (EgLibraryPage        *self);
gboolean       _eg_library_page_show_content        (EgLibraryPage        *self);
gboolean       _eg_library_page_show_card_pane      (EgLibraryPage        *self);

/* eg-library-page-search.c */
void           _eg_library_page_class_add_search    (GtkWidgetClass       *widget_class);
void           _eg_library_page_get_scope           (EgLibraryPage        *self,
                                                     gint64               *section_id,
                                                     gint64               *deck_id,
                                                     const char          **filter);
void           _eg_library_page_show_search_state   (EgLibraryPage        *self);

G_END_DECLS
