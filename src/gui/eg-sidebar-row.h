/* eg-sidebar-row.h - a row of the library sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "eg-sidebar-item.h"

G_BEGIN_DECLS

#define EG_TYPE_SIDEBAR_ROW (eg_sidebar_row_get_type ())
G_DECLARE_FINAL_TYPE (EgSidebarRow, eg_sidebar_row, EG, SIDEBAR_ROW, GtkWidget)

GtkWidget *eg_sidebar_row_new      (void);
void       eg_sidebar_row_set_item (EgSidebarRow  *self,
                                    EgSidebarItem *item);

G_END_DECLS
