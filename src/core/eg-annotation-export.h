/* eg-annotation-export.h - a collection's highlights and notes as a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include "eg-store.h"

G_BEGIN_DECLS

char *eg_annotations_to_markdown (EgStore  *store,
                                  GError  **error);

G_END_DECLS
