/* eg-annotation-export.c - a collection's highlights and notes as a document
 *
 * The Markdown a user prints before an interview: for each deck, section
 * and card that has annotations, each highlighted passage quoted with its
 * comment under it, then the card's note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-annotation-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eg-annotation-export.h"

/* eg_store_get_cards() binds one parameter per card */
#define CARDS_PER_READ 500

/* Characters that mean something to Markdown anywhere in a line */
#define INLINE_SPECIAL "\\`*_[]<>&~|!"
/* ... and at the start of a line */
#define LINE_START_SPECIAL "#+-=:"

static void
append_escaped_line (GString    *out,
                     const char *line,
                     gsize       length)
{
  const char *end = line + length;
  const char *p = line;

  /* "1." or "1)" at the start would begin a list */
  while (p < end && g_ascii_isdigit (*p))
    p++;
  if (p > line && p < end && (*p == '.' || *p == ')'))
    {
      g_string_append_len (out, line, p - line);
      g_string_append_c (out, '\\');
      line = p;
    }
  else if (line < end && strchr (LINE_START_SPECIAL, *line) != NULL)
    g_string_append_c (out, '\\');

  for (p = line; p < end; p++)
    {
      if (strchr (INLINE_SPECIAL, *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* @text, plain text, as a Markdown blockquote that shows it as it is */
static void
append_quote (GString    *out,
              const char *text)
{
  const char *line = text;

  for (;;)
    {
      const char *newline = strchr (line, '\n');
      gsize length = newline != NULL ? (gsize) (newline - line) : strlen (line);
      g_autofree char *stripped = g_strndup (line, length);

      g_strstrip (stripped);
      if (stripped[0] == '\0')
        g_string_append (out, ">\n");
      else
        {
          g_string_append (out, "> ");
          append_escaped_line (out, stripped, strlen (stripped));
          g_string_append_c (out, '\n');
        }
      if (newline == NULL)
        break;
      line = newline + 1;
    }
}

/* Markdown written by the user, as its own paragraphs */
static void
append_body (GString    *out,
             const char *body)
{
  g_autofree char *copy = g_strdup (body);

  g_strstrip (copy);
  if (copy[0] != '\0')
    g_string_append_printf (out, "%s\n\n", copy);
}

static void
append_highlight (GString            *out,
                  const EgAnnotation *highlight)
{
  g_autoptr(GPtrArray) remarks = g_ptr_array_new_with_free_func (g_free);

  append_quote (out, highlight->anchor != NULL ? highlight->anchor->exact : "");
  g_string_append_c (out, '\n');

  if (g_strcmp0 (highlight->field, EG_ANNOTATION_FIELD_QUESTION) == 0)
    g_ptr_array_add (remarks, g_strdup (_("in the question")));
  else if (g_str_has_prefix (highlight->field, EG_ANNOTATION_FIELD_PART))
    g_ptr_array_add (remarks, g_strdup_printf (_("in “%s”"),
                                               highlight->field +
                                               strlen (EG_ANNOTATION_FIELD_PART)));
  if (highlight->orphaned)
    g_ptr_array_add (remarks, g_strdup (_("orphaned: this passage is no longer in the card")));
  if (remarks->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (remarks, NULL);
      joined = g_strjoinv ("; ", (char **) remarks->pdata);
      /* the field's name is the user's text: escape it like a quote */
      g_string_append (out, "*(");
      append_escaped_line (out, joined, strlen (joined));
      g_string_append (out, ")*\n\n");
    }

  append_body (out, highlight->body);
}

/* One line: "301. How does the Go scheduler work?" */
static void
append_card_heading (GString      *out,
                     const EgCard *card,
                     const char   *card_key)
{
  g_autofree char *question = NULL;

  if (card == NULL)
    {
      g_string_append_printf (out, "#### %s\n\n", card_key);
      return;
    }
  question = g_strdup (card->question);
  g_strdelimit (question, "\r\n", ' ');
  g_string_append_printf (out, "#### %d. %s\n\n", card->number, g_strstrip (question));
}

static GHashTable *
read_cards (EgStore    *store,
            GPtrArray  *annotations,
            GError    **error)
{
  g_autoptr(GHashTable) cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) eg_card_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 last = 0;

  for (guint i = 0; i < annotations->len; i++)
    {
      EgAnnotation *annotation = g_ptr_array_index (annotations, i);

      /* the annotations come card by card */
      if (annotation->card_id != last)
        g_array_append_val (ids, annotation->card_id);
      last = annotation->card_id;
    }

  for (guint i = 0; i < ids->len; i += CARDS_PER_READ)
    {
      g_autoptr(GPtrArray) read = eg_store_get_cards (store, &g_array_index (ids, gint64, i),
                                                      MIN (ids->len - i, CARDS_PER_READ),
                                                      error);

      if (read == NULL)
        return NULL;
      for (guint j = 0; j < read->len; j++)
        {
          EgCard *card = g_ptr_array_index (read, j);

          g_hash_table_insert (cards, &card->id, card);
        }
      /* the table owns them now */
      g_ptr_array_set_free_func (read, NULL);
    }
  return g_steal_pointer (&cards);
}

static GHashTable *
index_decks (GPtrArray *decks)
{
  GHashTable *table = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < decks->len; i++)
    {
      EgDeckInfo *deck = g_ptr_array_index (decks, i);

      g_hash_table_insert (table, &deck->id, deck);
    }
  return table;
}

static GHashTable *
index_sections (GPtrArray *sections)
{
  GHashTable *table = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < sections->len; i++)
    {
      EgSectionInfo *section = g_ptr_array_index (sections, i);

      g_hash_table_insert (table, &section->id, section);
    }
  return table;
}

static char *
write_document (GPtrArray  *annotations,
                GHashTable *cards,
                GHashTable *decks,
                GHashTable *sections)
{
  GString *out = g_string_new (NULL);
  gint64 deck_id = -1;
  gint64 section_id = -1;
  gint64 card_id = -1;

  g_string_append_printf (out, "# %s\n\n", _("Annotations"));
  if (annotations->len == 0)
    g_string_append_printf (out, "%s\n", _("No highlights or notes yet."));

  for (guint i = 0; i < annotations->len; i++)
    {
      EgAnnotation *annotation = g_ptr_array_index (annotations, i);
      EgCard *card = g_hash_table_lookup (cards, &annotation->card_id);

      if (card != NULL && card->deck_id != deck_id)
        {
          EgDeckInfo *deck = g_hash_table_lookup (decks, &card->deck_id);

          deck_id = card->deck_id;
          g_string_append_printf (out, "## %s\n\n", deck != NULL ? deck->title : "");
        }
      if (card != NULL && card->section_id != section_id)
        {
          EgSectionInfo *section = g_hash_table_lookup (sections, &card->section_id);

          section_id = card->section_id;
          if (section != NULL)
            g_string_append_printf (out, "### %s\n\n", section->heading);
        }
      if (annotation->card_id != card_id)
        {
          card_id = annotation->card_id;
          append_card_heading (out, card, annotation->card_key);
        }

      if (annotation->kind == EG_ANNOTATION_HIGHLIGHT)
        append_highlight (out, annotation);
      else
        {
          g_string_append_printf (out, "**%s**\n\n", _("Note"));
          append_body (out, annotation->body);
        }
    }

  /* one newline at the end */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/**
 * eg_annotations_to_markdown:
 *
 * Writes every highlight and note of the collection as one Markdown
 * document: "## Deck", "### Section", "#### N. Question", then each
 * highlighted passage as a blockquote (as plain text: Markdown characters
 * in it are escaped) with its comment under it, an orphaned one marked as
 * such, then the card's note.  Cards come in deck order; a card's
 * highlights in the order of its fields and of their places.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
char *
eg_annotations_to_markdown (EgStore  *store,
                            GError  **error)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GHashTable) cards = NULL;
  g_autoptr(GHashTable) deck_index = NULL;
  g_autoptr(GHashTable) section_index = NULL;

  g_return_val_if_fail (EG_IS_STORE (store), NULL);

  /* one consistent view of the collection */
  if (!eg_store_begin_read (store, error))
    return NULL;
  if ((annotations = eg_store_list_annotations (store, 0, EG_STORE_ANNOTATIONS_DEFAULT, error)))
    if ((decks = eg_store_list_decks (store, error)))
      if ((sections = eg_store_list_sections (store, 0, error)))
        cards = read_cards (store, annotations, error);
  eg_store_end_read (store);
  if (cards == NULL)
    return NULL;

  deck_index = index_decks (decks);
  section_index = index_sections (sections);
  return write_document (annotations, cards, deck_index, section_index);
}
