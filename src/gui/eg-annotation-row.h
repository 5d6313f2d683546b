/* eg-annotation-row.h - a highlight or note as a row of a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-core.h"

G_BEGIN_DECLS

GtkWidget *eg_annotation_row_new (const EgAnnotation *annotation,
                                  const char         *card_label,
                                  gboolean            can_reattach);

G_END_DECLS
