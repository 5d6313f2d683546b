/* eg-annotations-window.h - every highlight and note of the collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_ANNOTATIONS_WINDOW (eg_annotations_window_get_type ())
G_DECLARE_FINAL_TYPE (EgAnnotationsWindow, eg_annotations_window, EG, ANNOTATIONS_WINDOW, AdwWindow)

GtkWidget *eg_annotations_window_new       (EgScheduler          *scheduler,
                                            GError              **error);
gboolean   eg_annotations_window_export_to (EgAnnotationsWindow  *self,
                                            GFile                *file,
                                            GError              **error);
guint      eg_annotations_window_get_n_orphans (EgAnnotationsWindow *self);

G_END_DECLS
