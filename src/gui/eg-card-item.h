/* eg-card-item.h - a card, as the library's card list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EG_TYPE_CARD_ITEM (eg_card_item_get_type ())
G_DECLARE_FINAL_TYPE (EgCardItem, eg_card_item, EG, CARD_ITEM, GObject)

EgCardItem *eg_card_item_new          (gint64      id,
                                       const char *key,
                                       int         number,
                                       const char *question);
gint64      eg_card_item_get_id       (EgCardItem *self);
const char *eg_card_item_get_key      (EgCardItem *self);
int         eg_card_item_get_number   (EgCardItem *self);
const char *eg_card_item_get_question (EgCardItem *self);

G_END_DECLS
