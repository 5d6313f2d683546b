/* eg-optimizer-page.h - the FSRS parameters fitted to the user's reviews, a page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_OPTIMIZER_PAGE (eg_optimizer_page_get_type ())
G_DECLARE_FINAL_TYPE (EgOptimizerPage, eg_optimizer_page, EG, OPTIMIZER_PAGE, AdwPreferencesPage)

GtkWidget           *eg_optimizer_page_new          (EgScheduler     *scheduler);
gboolean             eg_optimizer_page_optimize     (EgOptimizerPage *self);
void                 eg_optimizer_page_cancel       (EgOptimizerPage *self);
gboolean             eg_optimizer_page_is_running   (EgOptimizerPage *self);
const EgFsrsFit     *eg_optimizer_page_get_fit      (EgOptimizerPage *self);
gboolean             eg_optimizer_page_apply        (EgOptimizerPage *self,
                                                     GError         **error);
void                 eg_optimizer_page_keep_current (EgOptimizerPage *self);
gboolean             eg_optimizer_page_undo         (EgOptimizerPage *self,
                                                     GError         **error);
gboolean             eg_optimizer_page_reset        (EgOptimizerPage *self,
                                                     GError         **error);
AdwPreferencesGroup *eg_optimizer_page_get_result_group (EgOptimizerPage *self);
double               eg_optimizer_page_get_retention (EgOptimizerPage *self);
void                 eg_optimizer_page_use_retention (EgOptimizerPage *self);
GtkWidget           *eg_optimizer_page_get_widget   (EgOptimizerPage *self,
                                                     const char      *name);
guint                eg_optimizer_page_get_n_running (void);

/* What the page says of a fit: its comparison with the parameters in use
 * in words, and its figures */
char                *eg_optimizer_describe_fit      (const EgFsrsFit *fit);
char                *eg_optimizer_describe_figures  (const EgFsrsFit *fit);

G_END_DECLS
