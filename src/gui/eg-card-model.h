/* eg-card-model.h - the cards matching a search, paged in from SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "eg-card-row.h"
#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_CARD_MODEL (eg_card_model_get_type ())
G_DECLARE_FINAL_TYPE (EgCardModel, eg_card_model, EG, CARD_MODEL, GObject)

/* Rows are read from the collection this many at a time, when shown. */
#define EG_CARD_MODEL_PAGE_SIZE 64

EgCardModel *eg_card_model_new          (EgScheduler  *scheduler);
gboolean     eg_card_model_set_query    (EgCardModel  *self,
                                         const char   *search,
                                         gint64        section_id,
                                         EgSortColumn  sort,
                                         gboolean      descending,
                                         GError      **error);
void         eg_card_model_set_deck_id  (EgCardModel  *self,
                                         gint64        deck_id);
gint64       eg_card_model_get_deck_id  (EgCardModel  *self);
void         eg_card_model_set_filter   (EgCardModel  *self,
                                         const char   *filter);
const char * const *eg_card_model_get_terms (EgCardModel *self);
gboolean     eg_card_model_reload       (EgCardModel  *self,
                                         GError      **error);
gint64       eg_card_model_get_card_id  (EgCardModel  *self,
                                         guint         position);
guint        eg_card_model_find         (EgCardModel  *self,
                                         gint64        card_id);
const GArray *eg_card_model_get_ids     (EgCardModel  *self);
guint        eg_card_model_get_n_loaded_pages (EgCardModel *self);

G_END_DECLS
