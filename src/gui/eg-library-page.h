/* eg-library-page.h - the library: decks, sections and searches, the card
 * table, a preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-card-view.h"
#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_LIBRARY_PAGE (eg_library_page_get_type ())
G_DECLARE_FINAL_TYPE (EgLibraryPage, eg_library_page, EG, LIBRARY_PAGE, GtkWidget)

void               eg_library_page_set_scheduler     (EgLibraryPage *self,
                                                      EgScheduler   *scheduler);
void               eg_library_page_reload            (EgLibraryPage *self);
void               eg_library_page_first_frame_shown (EgLibraryPage *self);
void               eg_library_page_ensure_preview    (EgLibraryPage *self);
void               eg_library_page_show_loading      (EgLibraryPage *self,
                                                      const char    *title,
                                                      const char    *description);
void               eg_library_page_show_error        (EgLibraryPage *self,
                                                      const char    *message);
void               eg_library_page_show_sidebar      (EgLibraryPage *self);
gboolean           eg_library_page_go_back           (EgLibraryPage *self);
gint64             eg_library_page_get_deck_id       (EgLibraryPage *self);

GListModel        *eg_library_page_get_sidebar       (EgLibraryPage *self);
gboolean           eg_library_page_select_sidebar    (EgLibraryPage *self,
                                                      guint          position);
GListModel        *eg_library_page_get_cards         (EgLibraryPage *self);
GtkSelectionModel *eg_library_page_get_card_selection (EgLibraryPage *self);
GtkColumnView     *eg_library_page_get_card_table    (EgLibraryPage *self);
GtkEditable       *eg_library_page_get_search_entry  (EgLibraryPage *self);
gboolean           eg_library_page_set_search        (EgLibraryPage *self,
                                                      const char    *text);
EgCardView        *eg_library_page_get_preview       (EgLibraryPage *self);

G_END_DECLS
