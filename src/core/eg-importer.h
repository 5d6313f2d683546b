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
#include "eg-repair.h"
#include "eg-store.h"

G_BEGIN_DECLS

#define EG_IMPORT_ERROR (eg_import_error_quark ())

typedef enum
{
  EG_IMPORT_ERROR_UNKNOWN_CARD,   /* a card to take from the file is not in it */
} EgImportError;

typedef enum
{
  EG_IMPORT_FLAGS_NONE    = 0,
  EG_IMPORT_FLAGS_DRY_RUN = 1 << 0,   /* compute the report, write nothing */
} EgImportFlags;

/* A card changed both in the file and in the collection since the last
 * import: the collection's text was kept. */
typedef struct
{
  char *key;                 /* the card's key in the collection */
  char *question;            /* the card's question in the collection (Markdown) */
} EgImportConflict;

/* The most cards a report lists in @changes; the counts are always whole */
#define EG_IMPORT_MAX_CHANGES 500

typedef enum
{
  EG_IMPORT_CHANGE_ADDED,
  EG_IMPORT_CHANGE_UPDATED,
} EgImportChangeKind;

typedef enum
{
  EG_IMPORT_CHANGED_QUESTION = 1 << 0,
  EG_IMPORT_CHANGED_ANSWER   = 1 << 1,
  EG_IMPORT_CHANGED_PARTS    = 1 << 2,
} EgImportChangedFields;

/* A card the import adds or gives the file's text. */
typedef struct
{
  char                  *key;
  int                    number;
  EgImportChangeKind     kind;
  EgImportChangedFields  fields;        /* updated: what the file changes */
  char                  *question;      /* the file's (Markdown) */
  char                  *answer;        /* the file's (Markdown) */
  char                  *old_question;  /* updated: the collection's before, else NULL */
  char                  *old_answer;    /* updated: the collection's before, else NULL */
} EgImportChange;

/* The report's warnings of one kind, said in words (see
 * eg_import_report_group_warnings()). */
typedef struct
{
  EgWarningKind  kind;
  char          *text;       /* one sentence, e.g. "3 characters damaged by a wrong
                              * encoding were repaired; 1 could not be repaired with
                              * certainty: line 1407." */
  GPtrArray     *details;    /* char *, "Line 1407: lost byte in …", with code points */
} EgImportNotice;

typedef struct
{
  char       *name;          /* the file */
  char       *deck_key;
  char       *deck_title;
  guint       sections;
  guint       cards;
  guint       added;
  guint       updated;       /* took the file's text */
  guint       unchanged;     /* had the file's text, or kept the user's edit of a card
                              * that did not change in the file */
  guint       removed;       /* in the collection, no longer in the file (kept) */
  guint       highlights_placed;    /* highlights of updated cards placed again */
  guint       highlights_orphaned;  /* highlights of updated cards that could not be */
  GPtrArray  *removed_keys;  /* char * */
  GPtrArray  *conflicts;     /* EgImportConflict, in the file's order */
  GPtrArray  *warnings;      /* EgRepairWarning */
  guint       n_repaired;
  GPtrArray  *changes;       /* EgImportChange, added and updated cards in the file's
                              * order, at most EG_IMPORT_MAX_CHANGES */
} EgImportReport;

typedef void (*EgImportProgressFunc) (double   fraction,
                                      gpointer user_data);

GQuark          eg_import_error_quark  (void);
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
EgImportReport *eg_import_deck_full    (EgStore               *store,
                                        EgDeck                *deck,
                                        const char            *source_path,
                                        gint64                 now_ms,
                                        EgImportFlags          flags,
                                        const char * const    *theirs,
                                        GCancellable          *cancellable,
                                        EgImportProgressFunc   progress,
                                        gpointer               progress_data,
                                        GError               **error);
EgImportReport *eg_import_file_full    (EgStore               *store,
                                        GFile                 *file,
                                        gint64                 now_ms,
                                        EgImportFlags          flags,
                                        const char * const    *theirs,
                                        GCancellable          *cancellable,
                                        EgImportProgressFunc   progress,
                                        gpointer               progress_data,
                                        GError               **error);
void            eg_import_report_free  (EgImportReport        *report);
GPtrArray      *eg_import_report_group_warnings (const EgImportReport *report);
void            eg_import_notice_free  (EgImportNotice        *notice);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgImportReport, eg_import_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgImportNotice, eg_import_notice_free)

G_END_DECLS
