/* eg-importer.h - import Markdown decks into the collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <gio/gio.h>

#include "eg-deck.h"
#include "eg-store.h"

G_BEGIN_DECLS

typedef enum
{
  EG_IMPORT_FLAGS_NONE    = 0,
  EG_IMPORT_FLAGS_DRY_RUN = 1 << 0,   /* compute the report, write nothing */
} EgImportFlags;

typedef struct
{
  char       *name;          /* the file */
  char       *deck_key;
  char       *deck_title;
  guint       sections;
  guint       cards;
  guint       added;
  guint       updated;
  guint       unchanged;
  guint       removed;       /* in the collection, no longer in the file (kept) */
  GPtrArray  *removed_keys;  /* char * */
  GPtrArray  *warnings;      /* EgRepairWarning */
  guint       n_repaired;
} EgImportReport;

typedef void (*EgImportProgressFunc) (double   fraction,
                                      gpointer user_data);

EgImportReport *eg_import_deck         (EgStore               *store,
                                        EgDeck                *deck,
                                        const char            *source_path,
                                        gint64                 now_ms,
                                        EgImportFlags          flags,
                                        GCancellable          *cancellable,
                                        EgImportProgressFunc   progress,
                                        gpointer               progress_data,
                                        GError               **error);
EgImportReport *eg_import_file         (EgStore               *store,
                                        GFile                 *file,
                                        gint64                 now_ms,
                                        EgImportFlags          flags,
                                        GCancellable          *cancellable,
                                        EgImportProgressFunc   progress,
                                        gpointer               progress_data,
                                        GError               **error);
void            eg_import_report_free  (EgImportReport        *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgImportReport, eg_import_report_free)

G_END_DECLS
