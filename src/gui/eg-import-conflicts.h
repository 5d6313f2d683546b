/* eg-import-conflicts.h - the conflicts of an import preview, each with a
 * choice to take the file's version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-core.h"

G_BEGIN_DECLS

#define EG_TYPE_IMPORT_CONFLICTS (eg_import_conflicts_get_type ())
G_DECLARE_FINAL_TYPE (EgImportConflicts, eg_import_conflicts, EG, IMPORT_CONFLICTS, AdwBin)

GtkWidget  *eg_import_conflicts_new        (GPtrArray         *conflicts);
guint       eg_import_conflicts_get_n_rows (EgImportConflicts *self);
void        eg_import_conflicts_set_theirs (EgImportConflicts *self,
                                            guint              row,
                                            gboolean           theirs);
char      **eg_import_conflicts_get_theirs (EgImportConflicts *self);

G_END_DECLS
