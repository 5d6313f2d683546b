/* eg-list-tab.h - Tab leaves a list view instead of walking its rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     eg_list_tab_leaves (GtkWidget        *list);
gboolean eg_list_tab_move   (GtkWidget        *list,
                             GtkDirectionType  direction);

G_END_DECLS
