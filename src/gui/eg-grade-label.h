/* eg-grade-label.h - what a screen reader says for a grade button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *eg_grade_label_spoken_interval (gint64     interval_ms);
char *eg_grade_label_text            (guint      grade,
                                      gint64     interval_ms);
void  eg_grade_label_apply           (GtkWidget *button,
                                      guint      grade,
                                      gint64     interval_ms);

G_END_DECLS
