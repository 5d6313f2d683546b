/* test-annotation.c - the annotation model: fields, colours, copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-core.h"
#include "eg-test-util.h"

static EgCard *
make_card (void)
{
  EgCard *card = g_new0 (EgCard, 1);

  card->question = g_strdup ("What does `<-ch` do?");
  card->answer = g_strdup ("It **receives** from &amp; blocks.\n\n```go\nv := <-ch\n```");
  card->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  g_ptr_array_add (card->parts, eg_card_part_new ("Follow-up", "Is it *safe*?"));
  return card;
}

static void
test_fields (void)
{
  g_autoptr(EgCard) card = make_card ();
  g_autofree char *question = eg_annotation_field_text (card, "question");
  g_autofree char *answer = eg_annotation_field_text (card, "answer");
  g_autofree char *part = eg_annotation_field_text (card, "part:Follow-up");
  g_autofree char *label = eg_annotation_field_label ("part:Follow-up");

  g_assert_cmpstr (question, ==, "What does <-ch do?\n");
  g_assert_cmpstr (answer, ==, "It receives from & blocks.\nv := <-ch\n\n");
  g_assert_cmpstr (part, ==, "Is it safe?\n");
  g_assert_cmpstr (eg_annotation_field_markdown (card, "part:Follow-up"), ==, "Is it *safe*?");
  g_assert_null (eg_annotation_field_text (card, "part:Missing"));
  g_assert_null (eg_annotation_field_text (card, "parts"));
  g_assert_null (eg_annotation_field_markdown (card, NULL));
  g_assert_false (eg_annotation_field_is_valid (card, ""));
  g_assert_true (eg_annotation_field_is_valid (card, "answer"));
  g_assert_cmpstr (label, ==, "Follow-up");
}

static void
test_colors (void)
{
  const char * const *colors = eg_annotation_colors ();

  g_assert_cmpstr (colors[0], ==, EG_ANNOTATION_DEFAULT_COLOR);
  g_assert_cmpuint (g_strv_length ((char **) colors), >=, 3);
  for (guint i = 0; colors[i] != NULL; i++)
    {
      g_assert_true (eg_annotation_color_is_valid (colors[i]));
      g_assert_nonnull (eg_annotation_color_label (colors[i]));
    }
  g_assert_false (eg_annotation_color_is_valid ("red; background: url(x)"));
  g_assert_false (eg_annotation_color_is_valid (NULL));
  g_assert_null (eg_annotation_color_label ("mauve"));
}

static void
test_copy (void)
{
  g_autoptr(EgAnnotation) highlight = eg_annotation_new (EG_ANNOTATION_HIGHLIGHT);
  g_autoptr(EgAnnotation) note = eg_annotation_new (EG_ANNOTATION_NOTE);
  g_autoptr(EgAnnotation) copy = NULL;
  EgAnnotationKind kind;

  g_assert_cmpstr (highlight->color, ==, EG_ANNOTATION_DEFAULT_COLOR);
  g_assert_null (note->color);
  highlight->anchor = eg_anchor_describe ("one two three", 4, 7);
  highlight->body = (g_free (highlight->body), g_strdup ("a *comment*"));
  highlight->card_key = g_strdup ("go/7");
  copy = eg_annotation_copy (highlight);
  g_assert_true (copy->anchor != highlight->anchor);
  g_assert_cmpstr (copy->anchor->exact, ==, "two");
  g_assert_cmpstr (copy->body, ==, "a *comment*");
  g_assert_cmpstr (copy->card_key, ==, "go/7");
  g_assert_cmpstr (eg_annotation_kind_to_string (note->kind), ==, "note");
  g_assert_true (eg_annotation_kind_from_string ("highlight", &kind));
  g_assert_cmpint (kind, ==, EG_ANNOTATION_HIGHLIGHT);
  g_assert_false (eg_annotation_kind_from_string ("bookmark", &kind));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/annotation/fields", test_fields);
  g_test_add_func ("/annotation/colors", test_colors);
  g_test_add_func ("/annotation/copy", test_copy);
  return g_test_run ();
}
