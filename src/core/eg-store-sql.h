/* eg-store-sql.h - the tables as the store's files write SQL about them
 *
 * Only the store's files (eg-store*.c) include this: the card states as SQL
 * numbers, the columns of a state, and the conditions that decide what is
 * due, each written once.  In the conditions, cards are "c" and card_state
 * is "s"; ?1 is the time (ms), ?2 the study day and ?3 when it ends (ms).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-fsrs.h"

/* card_state.state is an EgFsrsState */
#define EG_STORE_STATE_NEW         "0"
#define EG_STORE_STATE_LEARNING    "1"
#define EG_STORE_STATE_REVIEW      "2"
#define EG_STORE_STATE_RELEARNING  "3"

G_STATIC_ASSERT (EG_FSRS_STATE_NEW == 0 && EG_FSRS_STATE_LEARNING == 1 &&
                 EG_FSRS_STATE_REVIEW == 2 && EG_FSRS_STATE_RELEARNING == 3);

/* the cards of an EgStudyScope bound by _eg_store_bind_scope(): ?8 deck,
 * ?9 section, 0 for all */
#define EG_STORE_SQL_IN_SCOPE \
  "(?8 = 0 OR c.deck_id = ?8) AND (?9 = 0 OR c.section_id = ?9)"

#define EG_STORE_SQL_IS_NEW \
  "s.state = " EG_STORE_STATE_NEW
#define EG_STORE_SQL_IS_NOT_NEW \
  "s.state != " EG_STORE_STATE_NEW
/* learning or relearning: due at a time, not on a day */
#define EG_STORE_SQL_IS_LEARNING \
  "s.state IN (" EG_STORE_STATE_LEARNING ", " EG_STORE_STATE_RELEARNING ")"
#define EG_STORE_SQL_IS_REVIEW \
  "s.state = " EG_STORE_STATE_REVIEW
/* is:review in the search: a review card, or one relearning it */
#define EG_STORE_SQL_IS_REVIEWED \
  "s.state IN (" EG_STORE_STATE_REVIEW ", " EG_STORE_STATE_RELEARNING ")"

/* Due today, limits aside: a (re)learning card due before the study day
 * ends (?3), a review card due today or before; suspended and buried cards
 * too.  (Today's queue, eg_scheduler_build_queue(), takes these cards
 * within the daily limits, and new cards.) */
#define EG_STORE_SQL_DUE \
  "(" EG_STORE_SQL_IS_LEARNING " AND s.due < ?3 OR " EG_STORE_SQL_IS_REVIEW " AND s.due_day <= ?2)"

/* Neither suspended nor buried at ?1 */
#define EG_STORE_SQL_ACTIVE \
  "c.suspended = 0 AND c.buried_until <= ?1"

/* What a study session may show: a card not deleted, and active */
#define EG_STORE_SQL_ELIGIBLE \
  "c.deleted = 0 AND " EG_STORE_SQL_ACTIVE

/* The columns _eg_store_read_state() reads */
#define EG_STORE_STATE_COLUMNS \
  "s.state, s.due, s.stability, s.difficulty, s.elapsed_days, s.scheduled_days," \
  " s.reps, s.lapses, s.learning_steps, s.last_review, s.due_day"
