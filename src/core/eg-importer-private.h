/* eg-importer-private.h - what the importer's files share: the plan of an import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-deck.h"
#include "eg-store-private.h"

G_BEGIN_DECLS

typedef enum
{
  EG_IMPORT_STEP_ADD,       /* a new card */
  EG_IMPORT_STEP_SAME,      /* the card already has the file's text */
  EG_IMPORT_STEP_UPDATE,    /* the card takes the file's text */
  EG_IMPORT_STEP_KEEP,      /* the user's edit stays: the file has not changed since */
  EG_IMPORT_STEP_CONFLICT,  /* both changed: the user's text stays */
} EgImportStepKind;

typedef struct
{
  EgDeckCard          *card;        /* in the file */
  guint                section;     /* its section's index in the file */
  int                  position;    /* in its section */
  const EgStoredCard  *stored;      /* the card it updates, or NULL for a new card */
  const char          *key;         /* the card's key in the collection */
  EgImportStepKind     kind;
  guint                place : 1;   /* section, number, position or in_source to write */
  guint                base  : 1;   /* the file's text becomes the last imported text */
} EgImportStep;

typedef struct
{
  gint64    id;        /* the stored section, or 0 for a new one */
  gboolean  write;     /* added, or its heading, source or position changed */
} EgImportSectionStep;

typedef struct
{
  EgDeck        *deck;
  EgStoredDeck  *stored;
  const char    *source_path;
  const char    *language;     /* the deck's language after the import */
  gboolean       write_deck;   /* added, or its title, file or language changed */
  GArray        *sections;     /* EgImportSectionStep, one per section of the file */
  GArray        *steps;        /* EgImportStep, one per card of the file, in its order */
  GPtrArray     *removed;      /* const EgStoredCard *, no longer in the file, by key */
  GStringChunk  *keys;         /* new cards' keys that are not the file's */
} EgImportPlan;

EgImportPlan *_eg_import_plan_new         (EgDeck              *deck,
                                           EgStoredDeck        *stored,
                                           const char          *source_path,
                                           const char * const  *theirs,
                                           GError             **error);
gboolean      _eg_import_plan_has_writes  (const EgImportPlan  *plan);
void          _eg_import_plan_free        (EgImportPlan        *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgImportPlan, _eg_import_plan_free)

G_END_DECLS
