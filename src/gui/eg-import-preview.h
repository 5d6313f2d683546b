/* eg-import-preview.h - what an import would do: the cards it adds and
 * changes, its conflicts and its warnings in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-core.h"
#include "eg-import-conflicts.h"

G_BEGIN_DECLS

#define EG_TYPE_IMPORT_PREVIEW (eg_import_preview_get_type ())
G_DECLARE_FINAL_TYPE (EgImportPreview, eg_import_preview, EG, IMPORT_PREVIEW, AdwBin)

GtkWidget         *eg_import_preview_new           (EgImportReport  *report);
char              *eg_import_preview_summarize     (EgImportReport  *report);
EgImportConflicts *eg_import_preview_get_conflicts (EgImportPreview *self);
guint              eg_import_preview_get_n_updated (EgImportPreview *self);
guint              eg_import_preview_get_n_notices (EgImportPreview *self);
void               eg_import_preview_expand_all    (EgImportPreview *self);

G_END_DECLS
