/* eg-card-info.h - a card's scheduling state and review history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_CARD_INFO (eg_card_info_get_type ())
G_DECLARE_FINAL_TYPE (EgCardInfo, eg_card_info, EG, CARD_INFO, AdwWindow)

GtkWidget *eg_card_info_new (EgScheduler  *scheduler,
                             gint64        card_id,
                             gint64        now_ms,
                             GError      **error);
void       eg_card_info_set_can_reattach (EgCardInfo *self,
                                          gboolean    can_reattach);

G_END_DECLS
