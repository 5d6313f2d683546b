/* eg-interview-page.h - the interview date and its plan, a page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_INTERVIEW_PAGE (eg_interview_page_get_type ())
G_DECLARE_FINAL_TYPE (EgInterviewPage, eg_interview_page, EG, INTERVIEW_PAGE, AdwPreferencesPage)

GtkWidget *eg_interview_page_new        (EgScheduler     *scheduler);
gboolean   eg_interview_page_set_date   (EgInterviewPage *self,
                                         const char      *date,
                                         GError         **error);
gboolean   eg_interview_page_set_scope  (EgInterviewPage *self,
                                         const char      *deck_key,
                                         const char      *sections,
                                         GError         **error);
gboolean   eg_interview_page_clear      (EgInterviewPage *self,
                                         GError         **error);
GtkWidget *eg_interview_page_get_widget (EgInterviewPage *self,
                                         const char      *name);

/* What the library header says of a plan ("Interview in 12 days · 83 %
 * expected recall"), and the warning when its goal is out of reach (NULL
 * when it is not) */
char      *eg_interview_describe_plan   (const EgPlan    *plan);
char      *eg_interview_describe_reach  (const EgPlan    *plan);

G_END_DECLS
