/* eg-exporter.h - write the collection as JSON or as a Markdown deck
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include "eg-store.h"

G_BEGIN_DECLS

char *eg_export_json     (EgStore     *store,
                          GError     **error);
char *eg_export_markdown (EgStore     *store,
                          const char  *deck_key,
                          GError     **error);
char *eg_export_deck_json (EgStore    *store,
                           const char *deck_key,
                           GError    **error);
char *eg_export_file_name (const char *title,
                           const char *extension);
void  eg_export_append_card (GString     *out,
                             int          number,
                             const char  *question,
                             const char  *answer,
                             GPtrArray   *parts);

G_END_DECLS
