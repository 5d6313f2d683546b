/* eg-window.h - the main window: the library of decks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_WINDOW (eg_window_get_type ())
G_DECLARE_FINAL_TYPE (EgWindow, eg_window, EG, WINDOW, AdwApplicationWindow)

EgWindow   *eg_window_new           (GtkApplication *application);
void        eg_window_set_store     (EgWindow       *self,
                                     EgStore        *store);
EgStore    *eg_window_get_store     (EgWindow       *self);
void        eg_window_reload        (EgWindow       *self);
void        eg_window_show_loading  (EgWindow       *self);
void        eg_window_show_error    (EgWindow       *self,
                                     const char     *message);
void        eg_window_add_toast     (EgWindow       *self,
                                     const char     *message);
GListModel *eg_window_get_sections  (EgWindow       *self);
GListModel *eg_window_get_cards     (EgWindow       *self);
gboolean    eg_window_select_section (EgWindow      *self,
                                     guint           position);
gboolean    eg_window_start_review  (EgWindow             *self,
                                     const EgQueueOptions *options);
GtkWidget  *eg_window_get_review_page (EgWindow      *self);

G_END_DECLS
