/* eg-review-page.h - reviewing cards, from the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-card-view.h"
#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_REVIEW_PAGE (eg_review_page_get_type ())
G_DECLARE_FINAL_TYPE (EgReviewPage, eg_review_page, EG, REVIEW_PAGE, GtkWidget)

GtkWidget  *eg_review_page_new            (void);
void        eg_review_page_set_scheduler  (EgReviewPage         *self,
                                           EgScheduler          *scheduler);
void        eg_review_page_ensure_view    (EgReviewPage         *self);
EgCardView *eg_review_page_get_card_view  (EgReviewPage         *self);
gboolean    eg_review_page_start          (EgReviewPage         *self,
                                           const EgQueueOptions *options);
gint64      eg_review_page_get_card_id    (EgReviewPage         *self);
gboolean    eg_review_page_get_revealed   (EgReviewPage         *self);
const char *eg_review_page_get_visible    (EgReviewPage         *self);
void        eg_review_page_set_clock      (EgReviewPage         *self,
                                           gint64              (*now) (gpointer data),
                                           gpointer              data);

G_END_DECLS
