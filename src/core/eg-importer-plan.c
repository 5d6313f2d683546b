/* eg-importer-plan.c - what importing a deck file would change (the importer's part)
 *
 * A plan compares a parsed deck file with the deck's rows and decides, for
 * every card of the file, which stored card it is and what happens to it.
 * It reads nothing and writes nothing: the importer reads the rows in a
 * read transaction and writes the plan in its write transaction.
 *
 * Which card is which: by key (section/number).  Where a section repeats a
 * number, the parser keys the repeats "16/301-2", "16/301-3", …; those keys
 * follow the cards' order, so within such a group a file card first takes
 * the stored card with exactly its text, then the one whose last imported
 * text it has (the user edited it since), and only then the next one in
 * order.  A card keeps its key, history and annotations by its content.
 *
 * What happens to a card: a three-way decision between the text last
 * imported (the base), the card's text now and the file's text now.  The
 * file unchanged keeps the user's edit; the card unchanged takes the file's
 * text; both changed to different texts is a conflict, and the user's text
 * stays unless the card is one of @theirs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-importer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "eg-importer-private.h"
#include "eg-importer.h"

typedef struct
{
  GPtrArray *files;    /* EgImportStep *, in the file's order */
  GPtrArray *stored;   /* EgStoredCard *, in the order of their keys */
} Group;

static void
group_free (Group *group)
{
  g_ptr_array_unref (group->files);
  g_ptr_array_unref (group->stored);
  g_free (group);
}

typedef struct
{
  EgImportPlan *plan;
  GHashTable   *by_key;    /* stored key -> EgStoredCard * */
  guint8       *matched;   /* per stored card */
  GHashTable   *groups;    /* base key -> Group, for numbers that repeat */
} Matcher;

void
_eg_import_plan_free (EgImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->stored, _eg_stored_deck_free);
  g_clear_pointer (&plan->sections, g_array_unref);
  g_clear_pointer (&plan->steps, g_array_unref);
  g_clear_pointer (&plan->removed, g_ptr_array_unref);
  g_string_chunk_free (plan->keys);
  g_free (plan);
}

/* "16/301-2" -> the "-2"; NULL for "16/301" */
static const char *
repeat_suffix (const char *key)
{
  const char *slash = strrchr (key, '/');

  return strchr (slash != NULL ? slash : key, '-');
}

/* The key shared by the cards of one number: "16/301" for "16/301-2" */
static char *
base_key (const char *key)
{
  const char *suffix = repeat_suffix (key);

  return suffix != NULL ? g_strndup (key, suffix - key) : g_strdup (key);
}

/* 1 for "16/301", 2 for "16/301-2", … */
static int
repeat_index (const EgStoredCard *card)
{
  const char *suffix = repeat_suffix (card->key);

  return suffix != NULL ? atoi (suffix + 1) : 1;
}

static int
compare_repeats (gconstpointer a,
                 gconstpointer b)
{
  const EgStoredCard *x = *(EgStoredCard * const *) a;
  const EgStoredCard *y = *(EgStoredCard * const *) b;

  return repeat_index (x) - repeat_index (y);
}

static guint
stored_index (Matcher            *m,
              const EgStoredCard *card)
{
  return card - &g_array_index (m->plan->stored->cards, EgStoredCard, 0);
}

static void
match (Matcher            *m,
       EgImportStep       *step,
       const EgStoredCard *card)
{
  step->stored = card;
  step->key = card->key;
  m->matched[stored_index (m, card)] = TRUE;
}

static Group *
ensure_group (Matcher    *m,
              const char *key)
{
  g_autofree char *base = base_key (key);
  Group *group = g_hash_table_lookup (m->groups, base);

  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->files = g_ptr_array_new ();
      group->stored = g_ptr_array_new ();
      g_hash_table_insert (m->groups, g_steal_pointer (&base), group);
    }
  return group;
}

static Group *
find_group (Matcher    *m,
            const char *key)
{
  g_autofree char *base = NULL;

  if (g_hash_table_size (m->groups) == 0)
    return NULL;
  base = base_key (key);
  return g_hash_table_lookup (m->groups, base);
}

/* The first unmatched stored card of @group whose @hash_offset field is
 * @hash, the one with @key if there is one. */
static const EgStoredCard *
find_by_hash (Matcher    *m,
              Group      *group,
              const char *key,
              const char *hash,
              gsize       hash_offset)
{
  const EgStoredCard *found = NULL;

  for (guint i = 0; i < group->stored->len; i++)
    {
      const EgStoredCard *card = g_ptr_array_index (group->stored, i);
      const char *card_hash = G_STRUCT_MEMBER (const char *, card, hash_offset);

      if (m->matched[stored_index (m, card)] || g_strcmp0 (card_hash, hash) != 0)
        continue;
      if (g_str_equal (card->key, key))
        return card;
      if (found == NULL)
        found = card;
    }
  return found;
}

static void
match_group (Matcher *m,
             Group   *group)
{
  static const gsize hashes[] = {
    G_STRUCT_OFFSET (EgStoredCard, content_hash),
    G_STRUCT_OFFSET (EgStoredCard, imported_hash),
  };
  guint next = 0;

  g_ptr_array_sort (group->stored, compare_repeats);

  /* by the text it has, then by the text it was last imported with */
  for (guint h = 0; h < G_N_ELEMENTS (hashes); h++)
    for (guint i = 0; i < group->files->len; i++)
      {
        EgImportStep *step = g_ptr_array_index (group->files, i);
        const EgStoredCard *card;

        if (step->stored == NULL &&
            (card = find_by_hash (m, group, step->card->key, step->card->content_hash,
                                  hashes[h])) != NULL)
          match (m, step, card);
      }

  /* then in order */
  for (guint i = 0; i < group->files->len; i++)
    {
      EgImportStep *step = g_ptr_array_index (group->files, i);

      if (step->stored != NULL)
        continue;
      while (next < group->stored->len &&
             m->matched[stored_index (m, g_ptr_array_index (group->stored, next))])
        next++;
      if (next < group->stored->len)
        match (m, step, g_ptr_array_index (group->stored, next));
    }
}

static void
match_cards (Matcher *m)
{
  GArray *cards = m->plan->stored->cards;
  GArray *steps = m->plan->steps;
  GHashTableIter iter;
  Group *group;

  /* the numbers that repeat, in the file or in the collection */
  for (guint i = 0; i < cards->len; i++)
    if (repeat_suffix (g_array_index (cards, EgStoredCard, i).key) != NULL)
      ensure_group (m, g_array_index (cards, EgStoredCard, i).key);
  for (guint i = 0; i < steps->len; i++)
    if (repeat_suffix (g_array_index (steps, EgImportStep, i).card->key) != NULL)
      ensure_group (m, g_array_index (steps, EgImportStep, i).card->key);

  for (guint i = 0; i < cards->len; i++)
    if ((group = find_group (m, g_array_index (cards, EgStoredCard, i).key)) != NULL)
      g_ptr_array_add (group->stored, &g_array_index (cards, EgStoredCard, i));

  /* a number that does not repeat: the card with its key */
  for (guint i = 0; i < steps->len; i++)
    {
      EgImportStep *step = &g_array_index (steps, EgImportStep, i);
      const EgStoredCard *card;

      if ((group = find_group (m, step->card->key)) != NULL)
        g_ptr_array_add (group->files, step);
      else if ((card = g_hash_table_lookup (m->by_key, step->card->key)) != NULL)
        match (m, step, card);
    }

  g_hash_table_iter_init (&iter, m->groups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &group))
    match_group (m, group);
}

/* New cards keep the file's key unless a stored card has it (a number that
 * repeats); those get the next free "-N". */
static void
key_new_cards (Matcher *m)
{
  GArray *steps = m->plan->steps;
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < steps->len; i++)
    {
      EgImportStep *step = &g_array_index (steps, EgImportStep, i);

      if (step->stored == NULL && !g_hash_table_contains (m->by_key, step->card->key))
        {
          step->key = step->card->key;
          g_hash_table_add (taken, (gpointer) step->key);
        }
    }

  for (guint i = 0; i < steps->len; i++)
    {
      EgImportStep *step = &g_array_index (steps, EgImportStep, i);
      g_autofree char *base = NULL;

      if (step->stored != NULL || step->key != NULL)
        continue;
      base = base_key (step->card->key);
      for (guint n = 2; step->key == NULL; n++)
        {
          g_autofree char *key = g_strdup_printf ("%s-%u", base, n);

          if (!g_hash_table_contains (m->by_key, key) && !g_hash_table_contains (taken, key))
            step->key = g_string_chunk_insert (m->plan->keys, key);
        }
      g_hash_table_add (taken, (gpointer) step->key);
    }
}

/* The card keys of @theirs that belong to this deck ("KEY" or "DECK:KEY"),
 * each of which must be a card of the file. */
static GHashTable *
theirs_keys (Matcher             *m,
             const char * const  *theirs,
             GError             **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  const char *deck_key = m->plan->deck->key;
  gsize deck_len = strlen (deck_key);

  for (guint i = 0; theirs != NULL && theirs[i] != NULL; i++)
    {
      const char *key = theirs[i];
      const EgStoredCard *card;

      if (strncmp (key, deck_key, deck_len) == 0 && key[deck_len] == ':')
        key += deck_len + 1;
      card = g_hash_table_lookup (m->by_key, key);
      if (card == NULL || !m->matched[stored_index (m, card)])
        {
          g_set_error (error, EG_IMPORT_ERROR, EG_IMPORT_ERROR_UNKNOWN_CARD,
                       _("No card “%s” of deck “%s” is in this file"), theirs[i], deck_key);
          return NULL;
        }
      g_hash_table_add (keys, (gpointer) key);
    }
  return g_steal_pointer (&keys);
}

static void
decide (EgImportStep *step,
        GHashTable   *theirs)
{
  const EgStoredCard *card = step->stored;
  const char *file = step->card->content_hash;

  if (card == NULL)
    step->kind = EG_IMPORT_STEP_ADD;
  else if (g_str_equal (file, card->content_hash))
    {
      /* unchanged, or both changed to the same text */
      step->kind = EG_IMPORT_STEP_SAME;
      step->base = g_strcmp0 (card->imported_hash, file) != 0;
    }
  else if (g_hash_table_contains (theirs, card->key) ||
           (card->imported_hash != NULL &&
            g_str_equal (card->imported_hash, card->content_hash)))
    step->kind = EG_IMPORT_STEP_UPDATE;
  else if (g_strcmp0 (card->imported_hash, file) == 0)
    step->kind = EG_IMPORT_STEP_KEEP;
  else
    step->kind = EG_IMPORT_STEP_CONFLICT;
}

static int
compare_stored_keys (gconstpointer a,
                     gconstpointer b)
{
  return strcmp ((*(EgStoredCard * const *) a)->key, (*(EgStoredCard * const *) b)->key);
}

static void
plan_deck_and_sections (EgImportPlan *plan)
{
  EgDeck *deck = plan->deck;
  EgStoredDeck *stored = plan->stored;

  /* a file without a language directive keeps the deck's language */
  plan->language = deck->default_language ? deck->default_language : stored->default_language;
  plan->write_deck = stored->id == 0 ||
                     g_strcmp0 (stored->title, deck->title) != 0 ||
                     g_strcmp0 (stored->source_path, plan->source_path) != 0 ||
                     g_strcmp0 (stored->default_language, plan->language) != 0;

  for (guint i = 0; i < deck->sections->len; i++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, i);
      EgStoredSection *found = g_hash_table_lookup (stored->sections, section->key);
      EgImportSectionStep step = { 0, TRUE };

      if (found != NULL)
        {
          step.id = found->id;
          step.write = g_strcmp0 (found->heading, section->heading) != 0 ||
                       g_strcmp0 (found->source, section->source) != 0 ||
                       found->position != (int) i;
        }
      g_array_append_val (plan->sections, step);
    }
}

/**
 * _eg_import_plan_new:
 * @stored: (transfer full): the deck's rows, read in the caller's transaction
 * @theirs: (nullable): keys of cards that take the file's text whatever the
 *   user changed ("KEY" or "DECK:KEY"); each must be a card of the file
 *
 * Returns: (transfer full): the plan, or %NULL when one of @theirs is not
 *   a card of the file
 */
EgImportPlan *
_eg_import_plan_new (EgDeck              *deck,
                     EgStoredDeck        *stored,
                     const char          *source_path,
                     const char * const  *theirs,
                     GError             **error)
{
  g_autoptr(EgImportPlan) plan = g_new0 (EgImportPlan, 1);
  g_autoptr(GHashTable) by_key = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GHashTable) taken = NULL;
  g_autofree guint8 *matched = NULL;
  GArray *cards = stored->cards;
  Matcher m;

  plan->deck = deck;
  plan->stored = stored;
  plan->source_path = source_path;
  plan->sections = g_array_new (FALSE, FALSE, sizeof (EgImportSectionStep));
  plan->steps = g_array_sized_new (FALSE, TRUE, sizeof (EgImportStep), deck->n_cards);
  plan->removed = g_ptr_array_new ();
  plan->keys = g_string_chunk_new (1024);
  plan_deck_and_sections (plan);

  by_key = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < cards->len; i++)
    g_hash_table_insert (by_key, (gpointer) g_array_index (cards, EgStoredCard, i).key,
                         &g_array_index (cards, EgStoredCard, i));
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) group_free);
  matched = g_new0 (guint8, cards->len + 1);
  m = (Matcher) { plan, by_key, matched, groups };

  for (guint i = 0; i < deck->sections->len; i++)
    {
      EgDeckSection *section = g_ptr_array_index (deck->sections, i);

      for (guint j = 0; j < section->cards->len; j++)
        {
          EgImportStep step = {
            .card = g_ptr_array_index (section->cards, j), .section = i, .position = j,
          };

          g_array_append_val (plan->steps, step);
        }
    }

  match_cards (&m);
  key_new_cards (&m);
  if (!(taken = theirs_keys (&m, theirs, error)))
    return NULL;

  for (guint i = 0; i < plan->steps->len; i++)
    {
      EgImportStep *step = &g_array_index (plan->steps, EgImportStep, i);
      const EgStoredCard *card = step->stored;
      gint64 section_id = g_array_index (plan->sections, EgImportSectionStep, step->section).id;

      decide (step, taken);
      step->place = card != NULL &&
                    (section_id == 0 || card->section_id != section_id ||
                     card->number != step->card->number || card->position != step->position ||
                     !card->in_source);
    }

  for (guint i = 0; i < cards->len; i++)
    if (!matched[i] && !g_array_index (cards, EgStoredCard, i).deleted)
      g_ptr_array_add (plan->removed, &g_array_index (cards, EgStoredCard, i));
  g_ptr_array_sort (plan->removed, compare_stored_keys);

  return g_steal_pointer (&plan);
}

gboolean
_eg_import_plan_has_writes (const EgImportPlan *plan)
{
  if (plan->write_deck)
    return TRUE;
  for (guint i = 0; i < plan->sections->len; i++)
    if (g_array_index (plan->sections, EgImportSectionStep, i).write)
      return TRUE;
  for (guint i = 0; i < plan->steps->len; i++)
    {
      const EgImportStep *step = &g_array_index (plan->steps, EgImportStep, i);

      if (step->kind == EG_IMPORT_STEP_ADD || step->kind == EG_IMPORT_STEP_UPDATE ||
          step->place || step->base)
        return TRUE;
    }
  for (guint i = 0; i < plan->removed->len; i++)
    if (((const EgStoredCard *) g_ptr_array_index (plan->removed, i))->in_source)
      return TRUE;
  return FALSE;
}
