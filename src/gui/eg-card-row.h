/* eg-card-row.h - one row of the library's card table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_CARD_ROW (eg_card_row_get_type ())
G_DECLARE_FINAL_TYPE (EgCardRow, eg_card_row, EG, CARD_ROW, GObject)

EgCardRow  *eg_card_row_new      (const EgCard       *card,
                                  const char         *section,
                                  const EgFsrsParams *params,
                                  gint64              now_ms,
                                  int                 today);
EgCardRow  *eg_card_row_new_unreadable (gint64 id);
void        eg_card_row_update   (EgCardRow          *self,
                                  const EgCard       *card,
                                  const char         *section,
                                  const EgFsrsParams *params,
                                  gint64              now_ms,
                                  int                 today);
gint64      eg_card_row_get_id   (EgCardRow *self);
const char *eg_card_row_get_key  (EgCardRow *self);
int         eg_card_row_get_flag (EgCardRow *self);
gboolean    eg_card_row_get_suspended (EgCardRow *self);

G_END_DECLS
