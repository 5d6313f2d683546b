/* eg-annotation.c - a user's highlight or note on a card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "eg-annotation.h"
#include "eg-rendered-text.h"

EgAnnotation *
eg_annotation_new (EgAnnotationKind kind)
{
  EgAnnotation *annotation = g_new0 (EgAnnotation, 1);

  annotation->kind = kind;
  annotation->field = g_strdup (kind == EG_ANNOTATION_NOTE ? "" : EG_ANNOTATION_FIELD_ANSWER);
  annotation->body = g_strdup ("");
  if (kind == EG_ANNOTATION_HIGHLIGHT)
    annotation->color = g_strdup (EG_ANNOTATION_DEFAULT_COLOR);
  return annotation;
}

EgAnnotation *
eg_annotation_copy (const EgAnnotation *annotation)
{
  EgAnnotation *copy;

  if (annotation == NULL)
    return NULL;
  copy = g_memdup2 (annotation, sizeof *annotation);
  copy->card_key = g_strdup (annotation->card_key);
  copy->field = g_strdup (annotation->field);
  copy->anchor = annotation->anchor != NULL ? eg_anchor_copy (annotation->anchor) : NULL;
  copy->body = g_strdup (annotation->body);
  copy->color = g_strdup (annotation->color);
  copy->card_hash = g_strdup (annotation->card_hash);
  return copy;
}

void
eg_annotation_free (EgAnnotation *annotation)
{
  if (annotation == NULL)
    return;
  g_free (annotation->card_key);
  g_free (annotation->field);
  g_clear_pointer (&annotation->anchor, eg_anchor_free);
  g_free (annotation->body);
  g_free (annotation->color);
  g_free (annotation->card_hash);
  g_free (annotation);
}

/**
 * eg_annotation_kind_to_string:
 *
 * Returns: "highlight" or "note", as the collection and the CLI's JSON say
 */
const char *
eg_annotation_kind_to_string (EgAnnotationKind kind)
{
  return kind == EG_ANNOTATION_NOTE ? "note" : "highlight";
}

gboolean
eg_annotation_kind_from_string (const char       *text,
                                EgAnnotationKind *kind)
{
  if (g_strcmp0 (text, "highlight") == 0)
    *kind = EG_ANNOTATION_HIGHLIGHT;
  else if (g_strcmp0 (text, "note") == 0)
    *kind = EG_ANNOTATION_NOTE;
  else
    return FALSE;
  return TRUE;
}

/* The card view's stylesheet (data/web/card.css) has a light, a dark and a
 * high-contrast look for each of these names. */
static const char * const colors[] = { "yellow", "green", "blue", "pink", NULL };

/**
 * eg_annotation_colors:
 *
 * Returns: (transfer none): the names of the highlight colours, the default
 *   first
 */
const char * const *
eg_annotation_colors (void)
{
  return colors;
}

gboolean
eg_annotation_color_is_valid (const char *color)
{
  return color != NULL && g_strv_contains (colors, color);
}

/**
 * eg_annotation_color_label:
 *
 * Returns: the colour's name for people ("Yellow"), translated, or NULL
 *   for a name that is not a colour
 */
const char *
eg_annotation_color_label (const char *color)
{
  if (g_strcmp0 (color, "yellow") == 0)
    return _("Yellow");
  if (g_strcmp0 (color, "green") == 0)
    return _("Green");
  if (g_strcmp0 (color, "blue") == 0)
    return _("Blue");
  if (g_strcmp0 (color, "pink") == 0)
    return _("Pink");
  return NULL;
}

/**
 * eg_annotation_field_markdown:
 *
 * Returns: (transfer none) (nullable): the Markdown of @card's @field
 *   ("question", "answer" or "part:NAME"), NULL when the card has no such
 *   field
 */
const char *
eg_annotation_field_markdown (const EgCard *card,
                              const char   *field)
{
  if (field == NULL)
    return NULL;
  if (strcmp (field, EG_ANNOTATION_FIELD_QUESTION) == 0)
    return card->question;
  if (strcmp (field, EG_ANNOTATION_FIELD_ANSWER) == 0)
    return card->answer;
  if (g_str_has_prefix (field, EG_ANNOTATION_FIELD_PART))
    {
      const char *name = field + strlen (EG_ANNOTATION_FIELD_PART);

      for (guint i = 0; card->parts != NULL && i < card->parts->len; i++)
        {
          EgCardPart *part = g_ptr_array_index (card->parts, i);

          if (strcmp (part->name, name) == 0)
            return part->text;
        }
    }
  return NULL;
}

gboolean
eg_annotation_field_is_valid (const EgCard *card,
                              const char   *field)
{
  return eg_annotation_field_markdown (card, field) != NULL;
}

/**
 * eg_annotation_field_text:
 *
 * Returns: (transfer full) (nullable): the rendered text of @card's @field,
 *   the text a highlight's selectors are computed over, or NULL when the
 *   card has no such field
 */
char *
eg_annotation_field_text (const EgCard *card,
                          const char   *field)
{
  const char *markdown = eg_annotation_field_markdown (card, field);

  return markdown != NULL ? eg_rendered_text_from_markdown (markdown) : NULL;
}

/**
 * eg_annotation_field_label:
 *
 * Returns: (transfer full): the field's name for people: "Question",
 *   "Answer" or the part's name
 */
char *
eg_annotation_field_label (const char *field)
{
  if (g_strcmp0 (field, EG_ANNOTATION_FIELD_QUESTION) == 0)
    return g_strdup (_("Question"));
  if (g_strcmp0 (field, EG_ANNOTATION_FIELD_ANSWER) == 0)
    return g_strdup (_("Answer"));
  if (field != NULL && g_str_has_prefix (field, EG_ANNOTATION_FIELD_PART))
    return g_strdup (field + strlen (EG_ANNOTATION_FIELD_PART));
  return g_strdup (field != NULL ? field : "");
}
