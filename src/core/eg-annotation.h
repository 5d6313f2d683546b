/* eg-annotation.h - a user's highlight or note on a card
 *
 * An annotation belongs to a card.  It is either the card's note (Markdown,
 * at most one per card) or a highlight of a passage of one field of the card
 * with an optional comment (Markdown) and a colour.  A highlight is stored
 * as W3C Web Annotation selectors over the field's rendered text (see
 * eg-rendered-text.h and eg-anchor.h: a TextQuoteSelector and a
 * TextPositionSelector in Unicode code points), with the content hash of the
 * card it was made on.  When the card's text changes the store places each
 * highlight again; one that cannot be placed confidently is orphaned: kept
 * with its quote and comment, shown nowhere in the text, listed for the user
 * to attach again or delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

#include "eg-anchor.h"
#include "eg-card.h"

G_BEGIN_DECLS

typedef enum
{
  EG_ANNOTATION_HIGHLIGHT,
  EG_ANNOTATION_NOTE,
} EgAnnotationKind;

/* Fields a highlight can be made in: the question, the answer, or a named
 * part of the answer, "part:NAME" (EG_ANNOTATION_FIELD_PART + the part's
 * name as the card has it). */
#define EG_ANNOTATION_FIELD_QUESTION "question"
#define EG_ANNOTATION_FIELD_ANSWER   "answer"
#define EG_ANNOTATION_FIELD_PART     "part:"

/* The colour of a highlight made without one */
#define EG_ANNOTATION_DEFAULT_COLOR "yellow"

typedef struct
{
  gint64            id;
  gint64            card_id;
  char             *card_key;     /* the card's key */
  EgAnnotationKind  kind;
  char             *field;        /* highlight: where it is; note: "" */
  EgAnchor         *anchor;       /* highlight: its selectors; note: NULL */
  char             *body;         /* the comment or the note (Markdown), "" for none */
  char             *color;        /* highlight: a name of eg_annotation_colors(); note: NULL */
  char             *card_hash;    /* the card's content hash when last placed, or NULL */
  gboolean          orphaned;     /* a highlight that could not be placed again */
  gint64            created;      /* ms since the epoch */
  gint64            modified;     /* ms */
  gint64            deleted;      /* ms when deleted, 0 when not */
} EgAnnotation;

EgAnnotation       *eg_annotation_new             (EgAnnotationKind     kind);
EgAnnotation       *eg_annotation_copy            (const EgAnnotation  *annotation);
void                eg_annotation_free            (EgAnnotation        *annotation);
const char         *eg_annotation_kind_to_string  (EgAnnotationKind     kind);
gboolean            eg_annotation_kind_from_string (const char         *text,
                                                   EgAnnotationKind    *kind);

const char * const *eg_annotation_colors          (void);
gboolean            eg_annotation_color_is_valid  (const char          *color);
const char         *eg_annotation_color_label     (const char          *color);

gboolean            eg_annotation_field_is_valid  (const EgCard        *card,
                                                   const char          *field);
const char         *eg_annotation_field_markdown  (const EgCard        *card,
                                                   const char          *field);
char               *eg_annotation_field_text      (const EgCard        *card,
                                                   const char          *field);
char               *eg_annotation_field_label     (const char          *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgAnnotation, eg_annotation_free)

G_END_DECLS
