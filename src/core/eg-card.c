/* eg-card.c - a card as a value: its parts, copies, its content hash and
 * its scheduling state as the FSRS model takes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-card"

#include "config.h"

#include <string.h>

#include "eg-card.h"

EgCardPart *
eg_card_part_new (const char *name,
                  const char *text)
{
  EgCardPart *part = g_new0 (EgCardPart, 1);

  part->name = g_strdup (name);
  part->text = g_strdup (text);
  return part;
}

void
eg_card_part_free (EgCardPart *part)
{
  if (part == NULL)
    return;
  g_free (part->name);
  g_free (part->text);
  g_free (part);
}

EgCard *
eg_card_copy (const EgCard *card)
{
  EgCard *copy;

  g_return_val_if_fail (card != NULL, NULL);

  copy = g_memdup2 (card, sizeof *card);
  copy->key = g_strdup (card->key);
  copy->section_key = g_strdup (card->section_key);
  copy->question = g_strdup (card->question);
  copy->answer = g_strdup (card->answer);
  copy->content_hash = g_strdup (card->content_hash);
  copy->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  for (guint i = 0; i < card->parts->len; i++)
    {
      const EgCardPart *part = g_ptr_array_index (card->parts, i);

      g_ptr_array_add (copy->parts, eg_card_part_new (part->name, part->text));
    }
  return copy;
}

void
eg_card_free (EgCard *card)
{
  if (card == NULL)
    return;
  g_free (card->key);
  g_free (card->section_key);
  g_free (card->question);
  g_free (card->answer);
  g_clear_pointer (&card->parts, g_ptr_array_unref);
  g_free (card->content_hash);
  g_free (card);
}

/**
 * eg_card_hash:
 * @parts: (element-type EgCardPart) (nullable): the card's named parts
 *
 * Returns: the hash of a card's text (SHA-256, hex), which tells whether
 *   two versions of a card differ
 */
char *
eg_card_hash (const char *question,
              const char *answer,
              GPtrArray  *parts)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) question, strlen (question) + 1);
  g_checksum_update (sum, (const guchar *) answer, strlen (answer) + 1);
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      EgCardPart *part = g_ptr_array_index (parts, i);

      g_checksum_update (sum, (const guchar *) part->name, strlen (part->name) + 1);
      g_checksum_update (sum, (const guchar *) part->text, strlen (part->text) + 1);
    }

  return g_strdup (g_checksum_get_string (sum));
}

/* The state as eg_fsrs_review() and eg_fsrs_retrievability() take it */
void
eg_card_state_to_fsrs (const EgCardState *state,
                       EgFsrsCard        *card)
{
  card->state = (EgFsrsState) state->state;
  card->stability = state->stability;
  card->difficulty = state->difficulty;
  card->due = state->due;
  card->last_review = state->last_review;
  card->elapsed_days = state->elapsed_days;
  card->scheduled_days = state->scheduled_days;
  card->reps = state->reps;
  card->lapses = state->lapses;
  card->learning_steps = state->learning_steps;
}

/* The state a card has after @card, due on study day @due_day */
void
eg_card_state_from_fsrs (EgCardState      *state,
                         const EgFsrsCard *card,
                         int               due_day)
{
  state->state = card->state;
  state->stability = card->stability;
  state->difficulty = card->difficulty;
  state->due = card->due;
  state->last_review = card->last_review;
  state->elapsed_days = card->elapsed_days;
  state->scheduled_days = card->scheduled_days;
  state->reps = card->reps;
  state->lapses = card->lapses;
  state->learning_steps = card->learning_steps;
  state->due_day = due_day;
}
