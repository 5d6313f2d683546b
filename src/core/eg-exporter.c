/* eg-exporter.c - write the collection as JSON or as a Markdown deck
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-exporter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "eg-deck.h"
#include "eg-exporter.h"
#include "eg-time.h"

static const char * const state_names[] = { "new", "learning", "review", "relearning" };

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       ms)
{
  json_builder_set_member_name (builder, name);
  if (ms == 0)
    json_builder_add_null_value (builder);
  else
    {
      g_autofree char *iso = eg_time_format_iso (ms);

      json_builder_add_string_value (builder, iso);
    }
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* A highlight with its quote and position selectors (code points of the
 * field's rendered text) and comment, or a note with its text. */
static void
add_annotation (JsonBuilder        *builder,
                const EgAnnotation *annotation)
{
  gboolean highlight = annotation->kind == EG_ANNOTATION_HIGHLIGHT;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, annotation->id);
  add_string (builder, "kind", eg_annotation_kind_to_string (annotation->kind));
  if (highlight && annotation->anchor != NULL)
    {
      add_string (builder, "field", annotation->field);
      json_builder_set_member_name (builder, "quote");
      json_builder_begin_object (builder);
      add_string (builder, "exact", annotation->anchor->exact);
      add_string (builder, "prefix", annotation->anchor->prefix);
      add_string (builder, "suffix", annotation->anchor->suffix);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "position");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, annotation->anchor->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, annotation->anchor->end);
      json_builder_end_object (builder);
      add_string (builder, "comment", annotation->body);
      add_string (builder, "color", annotation->color);
      json_builder_set_member_name (builder, "orphaned");
      json_builder_add_boolean_value (builder, annotation->orphaned);
    }
  else
    add_string (builder, "body", annotation->body);
  add_time (builder, "created", annotation->created);
  add_time (builder, "modified", annotation->modified);
  json_builder_end_object (builder);
}

static void
add_card (JsonBuilder *builder,
          EgCard      *card,
          GPtrArray   *annotations)
{
  const EgCardState *s = &card->state;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, card->key);
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, card->number);
  json_builder_set_member_name (builder, "question");
  json_builder_add_string_value (builder, card->question);
  json_builder_set_member_name (builder, "answer");
  json_builder_add_string_value (builder, card->answer);

  json_builder_set_member_name (builder, "parts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < card->parts->len; i++)
    {
      EgCardPart *part = g_ptr_array_index (card->parts, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, part->name);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, part->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    add_annotation (builder, g_ptr_array_index (annotations, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "content_hash");
  json_builder_add_string_value (builder, card->content_hash);
  add_time (builder, "created", card->created);
  add_time (builder, "modified", card->modified);
  json_builder_set_member_name (builder, "flag");
  json_builder_add_int_value (builder, card->flag);
  json_builder_set_member_name (builder, "suspended");
  json_builder_add_boolean_value (builder, card->suspended);
  add_time (builder, "buried_until", card->buried_until);
  json_builder_set_member_name (builder, "in_source");
  json_builder_add_boolean_value (builder, card->in_source);

  json_builder_set_member_name (builder, "state");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, state_names[CLAMP (s->state, 0, 3)]);
  add_time (builder, "due", s->due);
  json_builder_set_member_name (builder, "stability");
  json_builder_add_double_value (builder, s->stability);
  json_builder_set_member_name (builder, "difficulty");
  json_builder_add_double_value (builder, s->difficulty);
  json_builder_set_member_name (builder, "elapsed_days");
  json_builder_add_int_value (builder, s->elapsed_days);
  json_builder_set_member_name (builder, "scheduled_days");
  json_builder_add_int_value (builder, s->scheduled_days);
  json_builder_set_member_name (builder, "reps");
  json_builder_add_int_value (builder, s->reps);
  json_builder_set_member_name (builder, "lapses");
  json_builder_add_int_value (builder, s->lapses);
  json_builder_set_member_name (builder, "learning_steps");
  json_builder_add_int_value (builder, s->learning_steps);
  add_time (builder, "last_review", s->last_review);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

/* Moves @s and @c past the sections and cards of the deck @deck_id */
static void
skip_deck (gint64     deck_id,
           GPtrArray *sections,
           guint     *s,
           GPtrArray *cards,
           guint     *c)
{
  for (; *s < sections->len; (*s)++)
    {
      EgSectionInfo *section = g_ptr_array_index (sections, *s);

      if (section->deck_id != deck_id)
        break;
      while (*c < cards->len && ((EgCard *) g_ptr_array_index (cards, *c))->section_id ==
                                section->id)
        (*c)++;
    }
}

/* card id -> GPtrArray of its annotations (not deleted), in the card's
 * order: read once for the whole collection */
static GHashTable *
annotations_by_card (EgStore  *store,
                     GError  **error)
{
  g_autoptr(GPtrArray) all = eg_store_list_annotations (store, 0, EG_STORE_ANNOTATIONS_DEFAULT,
                                                        error);
  GHashTable *by_card;

  if (all == NULL)
    return NULL;
  by_card = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                   (GDestroyNotify) g_ptr_array_unref);
  /* the annotations move into the lists */
  g_ptr_array_set_free_func (all, NULL);
  for (guint i = 0; i < all->len; i++)
    {
      EgAnnotation *annotation = g_ptr_array_index (all, i);
      GPtrArray *list = g_hash_table_lookup (by_card, &annotation->card_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_annotation_free);
          g_hash_table_insert (by_card, &annotation->card_id, list);
        }
      /* the key is the card id of the list's first annotation */
      g_ptr_array_add (list, annotation);
    }
  return by_card;
}

static char *export_json (EgStore     *store,
                          const char  *deck_key,
                          GError     **error);

/**
 * eg_export_json:
 *
 * Returns: every deck, section and card (Markdown source, parts and
 *   scheduling state) as pretty-printed JSON; see README.md for the shape
 */
char *
eg_export_json (EgStore  *store,
                GError  **error)
{
  g_return_val_if_fail (EG_IS_STORE (store), NULL);

  return export_json (store, NULL, error);
}

/**
 * eg_export_deck_json:
 * @deck_key: the deck
 *
 * Returns: the deck @deck_key as eg_export_json() writes it, the only deck
 *   of "decks"
 */
char *
eg_export_deck_json (EgStore     *store,
                     const char  *deck_key,
                     GError     **error)
{
  g_return_val_if_fail (EG_IS_STORE (store), NULL);
  g_return_val_if_fail (deck_key != NULL, NULL);

  return export_json (store, deck_key, error);
}

static char *
export_json (EgStore     *store,
             const char  *deck_key,
             GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GHashTable) annotations = NULL;
  guint c = 0;
  guint s = 0;
  gboolean found = FALSE;

  if (!(decks = eg_store_list_decks (store, error)) ||
      !(sections = eg_store_list_sections (store, 0, error)) ||
      !(cards = eg_store_list_cards (store, 0, error)) ||
      !(annotations = annotations_by_card (store, error)))
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "decks");
  json_builder_begin_array (builder);
  for (guint d = 0; d < decks->len; d++)
    {
      EgDeckInfo *deck = g_ptr_array_index (decks, d);

      if (deck_key != NULL && !g_str_equal (deck->key, deck_key))
        {
          skip_deck (deck->id, sections, &s, cards, &c);
          continue;
        }
      found = TRUE;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, deck->key);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, deck->title);
      json_builder_set_member_name (builder, "default_language");
      if (deck->default_language != NULL)
        json_builder_add_string_value (builder, deck->default_language);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "sections");
      json_builder_begin_array (builder);

      /* sections and cards come in deck order */
      for (; s < sections->len; s++)
        {
          EgSectionInfo *section = g_ptr_array_index (sections, s);

          if (section->deck_id != deck->id)
            break;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, section->key);
          json_builder_set_member_name (builder, "heading");
          json_builder_add_string_value (builder, section->heading);
          json_builder_set_member_name (builder, "source");
          if (section->source != NULL)
            json_builder_add_string_value (builder, section->source);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "cards");
          json_builder_begin_array (builder);
          for (; c < cards->len; c++)
            {
              EgCard *card = g_ptr_array_index (cards, c);

              if (card->section_id != section->id)
                break;
              add_card (builder, card, g_hash_table_lookup (annotations, &card->id));
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }

      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (deck_key != NULL && !found)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND, _("No deck “%s”"),
                   deck_key);
      return NULL;
    }

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

/* Appends a field's text.  A fenced code block it leaves open would make
 * code of all that follows in the file (the next part, the "---", the next
 * cards): closed here, unless @last (the caller decides); then its closing
 * line is returned. */
static char *
append_field (GString    *out,
              const char *text,
              gboolean    last)
{
  g_autofree char *closing = NULL;

  if (text[0] == '\0')
    return NULL;
  g_string_append_printf (out, "%s\n", text);
  if ((closing = _eg_deck_open_fence (text)) == NULL || last)
    return g_steal_pointer (&closing);
  g_string_append_printf (out, "%s\n", closing);
  return NULL;
}

/* As eg_export_append_card(); returns the closing line of a code block
 * the card's last field leaves open (see append_field()), or NULL */
static char *
append_card (GString    *out,
             int         number,
             const char *question,
             const char *answer,
             GPtrArray  *parts)
{
  guint n_parts = parts != NULL ? parts->len : 0;
  char *closing;

  g_string_append_printf (out, "### %d. %s\n", number, question);
  closing = append_field (out, answer, n_parts == 0);
  for (guint k = 0; k < n_parts; k++)
    {
      EgCardPart *part = g_ptr_array_index (parts, k);

      g_string_append_printf (out, "\n#### %s\n", part->name);
      closing = append_field (out, part->text, k + 1 == n_parts);
    }
  return closing;
}

/**
 * eg_export_append_card:
 *
 * Appends one card in the deck format ("### N. Question", the answer,
 * "#### Part" and its text), as eg_deck_parse() reads it back.  A code
 * block the answer or a part leaves open is closed before the next part;
 * one the last field leaves open stays open (the text ends with the card).
 */
void
eg_export_append_card (GString    *out,
                       int         number,
                       const char *question,
                       const char *answer,
                       GPtrArray  *parts)
{
  g_free (append_card (out, number, question, answer, parts));
}

/* A section's "## From" line and heading.  A section without cards is not
 * kept, but in the file the cards came from it took its key: the cards of
 * the second "From 24" section are "24-2/…" even when the first had none.
 * Empty sections with the same lines stand in for those, so that the cards
 * read back with their keys (@taken: the keys the sections written so far
 * get when read). */
static void
append_section_heads (GString             *out,
                      const EgSectionInfo *section,
                      GHashTable          *taken)
{
  g_autofree char *base = _eg_deck_section_key_base (section->heading, section->source);
  g_autofree char *prefix = g_strconcat (base, "-", NULL);
  gboolean suffixed = g_str_has_prefix (section->key, prefix);

  for (guint n = 0;; n++)
    {
      char *key = _eg_deck_section_key (base, taken);

      g_hash_table_add (taken, key);
      if (section->source != NULL)
        g_string_append_printf (out, "## %s\n\n", section->source);
      g_string_append_printf (out, "# %s\n\n", section->heading);
      if (g_str_equal (key, section->key) || !suffixed || n >= 1000)
        return;
    }
}

/* The card written last left a code block open (@closing): now that
 * something follows, close it and end the card */
static void
end_card (GString  *out,
          char    **closing)
{
  if (*closing == NULL)
    return;
  g_string_append_printf (out, "%s\n\n---\n\n", *closing);
  g_clear_pointer (closing, g_free);
}

/**
 * eg_export_markdown:
 * @deck_key: (nullable): the deck; may be %NULL when the collection has one
 *
 * Returns: the deck in the format the importer reads, so that importing the
 *   result into an empty collection gives the same cards
 */
char *
eg_export_markdown (EgStore     *store,
                    const char  *deck_key,
                    GError     **error)
{
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *closing = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  EgDeckInfo *deck = NULL;

  g_return_val_if_fail (EG_IS_STORE (store), NULL);

  if (!(decks = eg_store_list_decks (store, error)))
    return NULL;

  for (guint i = 0; i < decks->len; i++)
    {
      EgDeckInfo *info = g_ptr_array_index (decks, i);

      if (deck_key == NULL || g_str_equal (info->key, deck_key))
        {
          if (deck != NULL)
            {
              g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_AMBIGUOUS,
                           _("The collection has several decks; choose one with --deck"));
              return NULL;
            }
          deck = info;
        }
    }
  if (deck == NULL)
    {
      if (deck_key != NULL)
        g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND, _("No deck “%s”"), deck_key);
      else
        g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                     _("The collection has no decks"));
      return NULL;
    }

  if (!(sections = eg_store_list_sections (store, deck->id, error)))
    return NULL;

  out = g_string_new (NULL);
  g_string_append_printf (out, "# %s\n\n", deck->title);
  if (deck->default_language != NULL)
    g_string_append_printf (out, "<!-- engram default-language: %s -->\n\n",
                            deck->default_language);

  for (guint i = 0; i < sections->len; i++)
    {
      EgSectionInfo *section = g_ptr_array_index (sections, i);
      g_autoptr(GPtrArray) cards = NULL;
      gboolean implicit;

      if (!(cards = eg_store_list_cards (store, section->id, error)))
        return NULL;
      if (cards->len == 0)
        continue;
      end_card (out, &closing);

      /* A deck that has no section headings is one section named by its title. */
      implicit = sections->len == 1 && section->source == NULL &&
                 g_str_equal (section->heading, deck->title);
      if (implicit)
        {
          if (section->source != NULL)
            g_string_append_printf (out, "## %s\n\n", section->source);
        }
      else
        append_section_heads (out, section, taken);

      for (guint j = 0; j < cards->len; j++)
        {
          EgCard *card = g_ptr_array_index (cards, j);

          end_card (out, &closing);
          closing = append_card (out, card->number, card->question, card->answer, card->parts);
          if (closing == NULL)
            g_string_append (out, "\n---\n\n");
        }
    }
  /* a code block the deck's last card leaves open stays open: closing it
   * would change the card, and nothing follows that it could swallow */

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The longest name eg_export_file_name() gives, in bytes, extension aside */
#define MAX_NAME_BYTES 200

/**
 * eg_export_file_name:
 * @title: (nullable): a deck's title
 * @extension: "md" or "json"
 *
 * A file name for a deck, from its title: the characters no file system
 * takes ("/", "\\", ":", "*", "?", "\"", "<", ">", "|", controls) and
 * leading dots become spaces, runs of spaces one, at most 200 bytes, and
 * "deck" when nothing is left.  "Go: Tips/Tricks" gives "Go Tips Tricks.md".
 *
 * Returns: (transfer full): the file name
 */
char *
eg_export_file_name (const char *title,
                     const char *extension)
{
  g_autofree char *valid = g_utf8_make_valid (title != NULL ? title : "", -1);
  g_autoptr(GString) name = g_string_new (NULL);

  g_return_val_if_fail (extension != NULL, NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
                       (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL) ||
                       (c == '.' && name->len == 0);
      const char *next = g_utf8_next_char (p);

      if (space)
        {
          if (name->len > 0 && name->str[name->len - 1] != ' ')
            g_string_append_c (name, ' ');
          continue;
        }
      if (name->len + (next - p) > MAX_NAME_BYTES)
        break;
      g_string_append_len (name, p, next - p);
    }
  while (name->len > 0 && (name->str[name->len - 1] == ' ' || name->str[name->len - 1] == '.'))
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_assign (name, "deck");
  g_string_append_printf (name, ".%s", extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}
