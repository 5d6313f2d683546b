/* eg-card-cell.h - the card table's cells show the card's marks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "eg-card-row.h"

G_BEGIN_DECLS

GtkWidget *eg_card_cell_new_flag         (void);
void       eg_card_cell_set_tooltip_from (GtkWidget  *cell,
                                          const char *property);
char      *eg_card_cell_get_tooltip      (GtkWidget  *cell);
void       eg_card_cell_bind             (GtkWidget  *cell,
                                          EgCardRow  *row);
void       eg_card_cell_unbind           (GtkWidget  *cell,
                                          EgCardRow  *row);

G_END_DECLS
