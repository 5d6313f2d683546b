/* eg-card-view.h - a card rendered in a WebKit view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "eg-core.h"
#include "eg-web-module.h"

G_BEGIN_DECLS

#define EG_TYPE_CARD_VIEW (eg_card_view_get_type ())
G_DECLARE_FINAL_TYPE (EgCardView, eg_card_view, EG, CARD_VIEW, GtkWidget)

/* The script world our page script and its message handler live in. */
#define EG_CARD_VIEW_WORLD EG_WEB_MODULE_WORLD

gboolean       eg_card_view_load_module    (GError     **error);
gboolean       _eg_card_view_load_module_from (const char  *dir,
                                               GError     **error);
void           eg_card_view_preload_module (void);
const EgWebModule *eg_card_view_get_module (GError     **error);
GtkWidget     *eg_card_view_new            (void);
gboolean       eg_card_view_is_ready       (EgCardView  *self);
void           eg_card_view_show_card      (EgCardView  *self,
                                            EgCard      *card,
                                            const char  *default_language,
                                            gboolean     revealed,
                                            guint64      token);
void           eg_card_view_set_marks      (EgCardView         *self,
                                            const char * const *terms);
void           eg_card_view_reveal         (EgCardView  *self,
                                            guint64      token);
void           eg_card_view_scroll         (EgCardView  *self,
                                            const char  *how);
void           eg_card_view_set_dark       (EgCardView  *self,
                                            gboolean     dark);
void           eg_card_view_set_zoom       (EgCardView  *self,
                                            double       zoom);
double         eg_card_view_get_zoom       (EgCardView  *self);
GtkWidget     *eg_card_view_get_web_view   (EgCardView  *self);
void           eg_card_view_set_parts_collapsed (EgCardView *self,
                                                 gboolean    collapsed);
gboolean       eg_card_view_get_parts_collapsed (EgCardView *self);
void           eg_card_view_set_fonts      (EgCardView  *self,
                                            int          font_size,
                                            const char  *code_font);
void           eg_card_view_follow_settings (EgCardView  *self,
                                             GSettings   *settings);
void           eg_card_view_set_caret_browsing (EgCardView *self,
                                                gboolean    caret_browsing);
gboolean       eg_card_view_get_caret_browsing (EgCardView *self);
void           eg_card_view_set_annotations (EgCardView  *self,
                                             GPtrArray   *annotations);
void           eg_card_view_get_selection   (EgCardView          *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       eg_card_view_get_selection_finish (EgCardView    *self,
                                                  GAsyncResult  *result,
                                                  char         **field,
                                                  guint         *start,
                                                  guint         *end,
                                                  GError       **error);
void           eg_card_view_activate_at_caret (EgCardView *self);
char          *eg_card_view_render_html    (EgCardView  *self,
                                            const char  *markdown,
                                            const char  *default_language);

G_END_DECLS
