/* eg-card.h - a card as a value: its text, its named parts, its scheduling state
 *
 * The leaf that the deck parser (eg-deck.c), the collection (eg-store.c)
 * and the scheduler share: plain data and pure functions, no I/O.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

#include "eg-fsrs.h"

G_BEGIN_DECLS

/* A card's scheduling state as the collection keeps it; state is an
 * EgFsrsState. */
typedef struct
{
  int     state;
  double  stability;
  double  difficulty;
  gint64  due;          /* ms since the epoch, UTC */
  gint64  last_review;  /* ms, 0 when never reviewed */
  int     elapsed_days;
  int     scheduled_days;
  int     reps;
  int     lapses;
  int     learning_steps;
  int     due_day;      /* study day a review card is due (see eg_time_study_day()) */
} EgCardState;

typedef struct
{
  char *name;
  char *text;
} EgCardPart;

typedef struct
{
  gint64       id;
  gint64       deck_id;
  gint64       section_id;
  char        *key;
  char        *section_key;
  int          number;
  char        *question;
  char        *answer;
  GPtrArray   *parts;      /* EgCardPart */
  char        *content_hash;
  gint64       created;
  gint64       modified;
  int          flag;
  gboolean     suspended;
  gint64       buried_until;
  gboolean     in_source;
  EgCardState  state;
} EgCard;

EgCardPart *eg_card_part_new        (const char        *name,
                                     const char        *text);
void        eg_card_part_free       (EgCardPart        *part);
EgCard     *eg_card_copy            (const EgCard      *card);
void        eg_card_free            (EgCard            *card);
char       *eg_card_hash            (const char        *question,
                                     const char        *answer,
                                     GPtrArray         *parts);
void        eg_card_state_to_fsrs   (const EgCardState *state,
                                     EgFsrsCard        *card);
void        eg_card_state_from_fsrs (EgCardState       *state,
                                     const EgFsrsCard  *card,
                                     int                due_day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EgCard, eg_card_free)

G_END_DECLS
