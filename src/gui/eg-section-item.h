/* eg-section-item.h - a section of a deck, as the library sidebar lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EG_TYPE_SECTION_ITEM (eg_section_item_get_type ())
G_DECLARE_FINAL_TYPE (EgSectionItem, eg_section_item, EG, SECTION_ITEM, GObject)

EgSectionItem *eg_section_item_new         (gint64      id,
                                            const char *key,
                                            const char *heading,
                                            guint       n_cards);
gint64         eg_section_item_get_id      (EgSectionItem *self);
const char    *eg_section_item_get_key     (EgSectionItem *self);
const char    *eg_section_item_get_heading (EgSectionItem *self);
guint          eg_section_item_get_n_cards (EgSectionItem *self);

G_END_DECLS
