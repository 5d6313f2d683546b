/* eg-cli-annotate.c - engram-cli highlight, note and annotations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "eg-cli-json.h"
#include "eg-cli.h"

/* Characters of a quote or comment shown in a row of "annotations list" */
#define LIST_TEXT_WIDTH 72

/* "the answer", "the question", "the part “Indepth”" */
static char *
describe_field (const char *field)
{
  if (g_str_equal (field, EG_ANNOTATION_FIELD_ANSWER))
    /* Translators: fills “in %s of card …” */
    return g_strdup (_("the answer"));
  if (g_str_equal (field, EG_ANNOTATION_FIELD_QUESTION))
    /* Translators: fills “in %s of card …” */
    return g_strdup (_("the question"));
  if (g_str_has_prefix (field, EG_ANNOTATION_FIELD_PART))
    /* Translators: fills “in %s of card …”; %s is the name of a card's part */
    return g_strdup_printf (_("the part “%s”"), field + strlen (EG_ANNOTATION_FIELD_PART));
  return g_strdup_printf ("“%s”", field);
}

/* "question, answer, part:Indepth": the fields @card has */
static char *
list_fields (const EgCard *card)
{
  g_autoptr(GString) fields = g_string_new (EG_ANNOTATION_FIELD_QUESTION ", "
                                            EG_ANNOTATION_FIELD_ANSWER);

  for (guint i = 0; card->parts != NULL && i < card->parts->len; i++)
    {
      EgCardPart *part = g_ptr_array_index (card->parts, i);

      g_string_append_printf (fields, ", " EG_ANNOTATION_FIELD_PART "%s", part->name);
    }
  return g_string_free (g_steal_pointer (&fields), FALSE);
}

/* "yellow, green, blue or pink" */
static char *
list_colors (void)
{
  const char * const *colors = eg_annotation_colors ();
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_strv_length ((char **) colors);

  for (guint i = 0; i < n; i++)
    /* Translators: before the last colour name of a list, “yellow, green, blue or pink” */
    g_string_append_printf (text, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : _(" or "), colors[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* @text with each run of white space (spaces, line breaks) as one space,
 * and where each of its bytes comes from in @text: the start and the end of
 * that character (of the first character of a run).
 */
typedef struct
{
  GString *text;
  GArray  *from;   /* gsize: byte offset in the original of each byte */
  GArray  *to;     /* gsize: end of its character in the original */
} Folded;

static void
folded_clear (Folded *folded)
{
  g_string_free (folded->text, TRUE);
  g_array_unref (folded->from);
  g_array_unref (folded->to);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Folded, folded_clear)

static void
fold_spaces (const char *text,
             Folded     *folded)
{
  folded->text = g_string_new (NULL);
  folded->from = g_array_new (FALSE, FALSE, sizeof (gsize));
  folded->to = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (const char *p = text; *p != '\0';)
    {
      const char *next = g_utf8_next_char (p);
      gsize from = p - text;
      gsize to = next - text;
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));

      if (space)
        g_string_append_c (folded->text, ' ');
      else
        g_string_append_len (folded->text, p, next - p);
      for (gsize i = 0; i < (space ? 1 : (gsize) (next - p)); i++)
        {
          g_array_append_val (folded->from, from);
          g_array_append_val (folded->to, to);
        }
      p = next;
      while (space && *p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
    }
}

/* A passage, in code points */
typedef struct
{
  guint start;
  guint end;
} Range;

/* Where @quote occurs in @text (overlapping occurrences too), as ranges of
 * code points; a space or line break in @quote matches any run of white
 * space in @text, which may have line breaks where the user typed a space.
 */
static GArray *
find_quote (const char *text,
            const char *quote)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (Range));
  g_auto(Folded) haystack = { 0 };
  g_auto(Folded) needle = { 0 };

  fold_spaces (text, &haystack);
  fold_spaces (quote, &needle);
  if (needle.text->len == 0)
    return found;

  for (const char *p = strstr (haystack.text->str, needle.text->str);
       p != NULL;
       p = strstr (g_utf8_next_char (p), needle.text->str))
    {
      gsize first = p - haystack.text->str;
      gsize last = first + needle.text->len - 1;
      Range range;

      range.start = g_utf8_pointer_to_offset (text, text + g_array_index (haystack.from, gsize,
                                                                          first));
      range.end = g_utf8_pointer_to_offset (text, text + g_array_index (haystack.to, gsize, last));
      g_array_append_val (found, range);
    }
  return found;
}

static int
highlight_add (EgCliContext *ctx,
               const char   *card_key,
               const char   *quote,
               const char   *field,
               const char   *comment,
               const char   *color,
               int           occurrence)
{
  g_autoptr(EgCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  g_autofree char *text = NULL;
  g_autofree char *where = describe_field (field);
  const Range *range;
  gint64 id;

  if (!eg_cli_open_store (ctx, EG_CLI_WRITE))
    return 1;
  if (!(card = eg_store_find_card (ctx->store, card_key, &error)))
    return eg_cli_fail (error);
  if (!eg_annotation_field_is_valid (card, field))
    {
      g_autofree char *fields = list_fields (card);

      /* Translators: the fields are words to type (question, answer, part:NAME) */
      return eg_cli_usage_error (_("highlight add: card %s has no field “%s”; its fields are "
                                   "%s"), card->key, field, fields);
    }

  text = eg_annotation_field_text (card, field);
  found = find_quote (text, quote);
  if (found->len == 0)
    /* Translators: the second %s is “the answer”, “the question” or “the part …” */
    return eg_cli_usage_error (_("highlight add: “%s” was not found in %s of card %s"),
                               quote, where, card->key);
  if (occurrence < 0 && found->len > 1)
    return eg_cli_usage_error (_("highlight add: “%s” occurs %u times in %s of card %s; "
                                 "pass --occurrence N (1 to %u) to say which one"),
                               quote, found->len, where, card->key, found->len);
  if (occurrence > (int) found->len && found->len == 1)
    return eg_cli_usage_error (_("highlight add: --occurrence %d, but “%s” occurs once in %s "
                                 "of card %s"), occurrence, quote, where, card->key);
  if (occurrence > (int) found->len)
    /* Translators: “only %u times” is always more than once (2 or more) */
    return eg_cli_usage_error (_("highlight add: --occurrence %d, but “%s” occurs only %u "
                                 "times in %s of card %s"), occurrence, quote, found->len, where,
                               card->key);

  /* in code points, as the store counts */
  range = &g_array_index (found, Range, MAX (occurrence, 1) - 1);
  id = eg_store_add_highlight (ctx->store, card->id, field, range->start, range->end,
                               comment, color, ctx->now_ms, &error);
  if (id <= 0)
    return eg_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}

#define HIGHLIGHT_SUMMARY N_( \
  "Highlights a passage of a card: TEXT where it occurs in the card's answer\n" \
  "(or the field --field names) as the card shows it, without Markdown; a\n" \
  "space in TEXT matches any spaces or line break.  When TEXT occurs more\n" \
  "than once, --occurrence N says which (the first is 1).  Prints the new\n" \
  "highlight's id.")

int
eg_cli_highlight (EgCliContext  *ctx,
                  int            argc,
                  char         **argv)
{
  g_autofree char *quote = NULL;
  g_autofree char *field = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *color = NULL;
  g_autofree char *colors = list_colors ();
  g_autofree char *color_help = g_strdup_printf (_("The colour: %s (default %s)"), colors,
                                                 EG_ANNOTATION_DEFAULT_COLOR);
  int occurrence = -1;
  GOptionEntry entries[] = {
    { "quote", 0, 0, G_OPTION_ARG_STRING, &quote,
      N_("The passage to highlight, as the card shows it"), "TEXT" },
    { "field", 0, 0, G_OPTION_ARG_STRING, &field,
      /* Translators: answer, question and part:NAME are words to type */
      N_("Where: answer (default), question or part:NAME (e.g. part:Indepth)"), "FIELD" },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("A comment (Markdown)"), "TEXT" },
    { "color", 0, 0, G_OPTION_ARG_STRING, &color, color_help, "NAME" },
    { "occurrence", 0, 0, G_OPTION_ARG_INT, &occurrence,
      N_("Which occurrence of TEXT (1 is the first)"), "N" },
    { NULL }
  };

  if (!eg_cli_parse_options (ctx, "add CARD_KEY --quote TEXT", HIGHLIGHT_SUMMARY,
                             entries, &argc, &argv))
    return 1;
  if (argc < 2 || !g_str_equal (argv[1], "add"))
    return eg_cli_usage_error (_("highlight: say add CARD_KEY --quote TEXT"));
  if (argc != 3)
    return eg_cli_usage_error (_("highlight add: name one card, e.g. "
                                 "engram-cli highlight add 16/301 --quote 'Work Stealing'"));
  if (quote == NULL || g_strstrip (quote)[0] == '\0')
    return eg_cli_usage_error (_("highlight add: --quote TEXT says which passage to "
                                 "highlight"));
  if (color != NULL && !eg_annotation_color_is_valid (color))
    return eg_cli_usage_error (_("highlight add: --color: “%s” is not a highlight colour; "
                                 "use %s"), color, colors);
  if (occurrence != -1 && occurrence < 1)
    return eg_cli_usage_error (_("highlight add: --occurrence counts from 1"));

  return highlight_add (ctx, argv[2], quote,
                        field != NULL ? field : EG_ANNOTATION_FIELD_ANSWER,
                        comment, color, occurrence);
}

/* The standard input, all of it, as UTF-8 */
static char *
read_stdin (GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[4096];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (text, buffer, n);
  if (ferror (stdin))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("could not read the standard input"));
      return NULL;
    }
  if (!g_utf8_validate_len (text->str, text->len, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("the standard input is not UTF-8 text"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
note_set (EgCliContext *ctx,
          const char   *card_key,
          const char   *body)
{
  g_autoptr(EgCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = NULL;

  if (g_str_equal (body, "-") && !(body = input = read_stdin (&error)))
    return eg_cli_usage_error (_("note set: %s"), error->message);
  if (!eg_cli_open_store (ctx, EG_CLI_WRITE))
    return 1;
  if (!(card = eg_store_find_card (ctx->store, card_key, &error)))
    return eg_cli_fail (error);
  if (eg_store_set_note (ctx->store, card->id, body, ctx->now_ms, &error) <= 0 && error != NULL)
    return eg_cli_fail (error);
  return 0;
}

static int
note_show (EgCliContext *ctx,
           const char   *card_key)
{
  g_autoptr(EgCard) card = NULL;
  g_autoptr(EgAnnotation) note = NULL;
  g_autoptr(GError) error = NULL;

  if (!eg_cli_open_store (ctx, EG_CLI_READ))
    return 1;
  if (!(card = eg_store_find_card (ctx->store, card_key, &error)))
    return eg_cli_fail (error);
  note = eg_store_get_note (ctx->store, card->id, &error);
  if (note == NULL && error != NULL &&
      !g_error_matches (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND))
    return eg_cli_fail (error);
  if (note == NULL || note->deleted != 0)
    return eg_cli_usage_error (_("note show: card %s has no note"), card->key);

  g_print ("%s%s", note->body, g_str_has_suffix (note->body, "\n") ? "" : "\n");
  return 0;
}

int
eg_cli_note (EgCliContext  *ctx,
             int            argc,
             char         **argv)
{
  if (!eg_cli_parse_options (ctx, "set CARD_KEY TEXT | show CARD_KEY",
                             N_("Set or show a card's note (Markdown, one per card).\n"
                                "An empty TEXT deletes the note; “-” reads it from the "
                                "standard input."),
                             NULL, &argc, &argv))
    return 1;

  if (argc >= 2 && g_str_equal (argv[1], "set"))
    {
      if (argc != 4)
        return eg_cli_usage_error (_("note set: name a card and the note, e.g. "
                                     "engram-cli note set 16/301 'Ask about GOMAXPROCS'"));
      return note_set (ctx, argv[2], argv[3]);
    }
  if (argc >= 2 && g_str_equal (argv[1], "show"))
    {
      if (argc != 3)
        return eg_cli_usage_error (_("note show: name one card, e.g. engram-cli note "
                                     "show 16/301"));
      return note_show (ctx, argv[2]);
    }
  return eg_cli_usage_error (_("note: say set CARD_KEY TEXT or show CARD_KEY"));
}

static void
add_annotation (JsonBuilder        *builder,
                const EgAnnotation *annotation)
{
  gboolean highlight = annotation->kind == EG_ANNOTATION_HIGHLIGHT;
  const EgAnchor *anchor = highlight ? annotation->anchor : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, annotation->id);
  eg_cli_json_add_string (builder, "card", annotation->card_key);
  eg_cli_json_add_string (builder, "kind", eg_annotation_kind_to_string (annotation->kind));
  eg_cli_json_add_string (builder, "field", highlight ? annotation->field : NULL);
  eg_cli_json_add_string (builder, "quote", anchor != NULL ? anchor->exact : NULL);
  /* a highlight's comment, or the note's text */
  eg_cli_json_add_string (builder, "comment",
                          annotation->body != NULL && annotation->body[0] != '\0'
                          ? annotation->body : NULL);
  eg_cli_json_add_string (builder, "color", highlight ? annotation->color : NULL);
  json_builder_set_member_name (builder, "orphaned");
  json_builder_add_boolean_value (builder, annotation->orphaned);
  /* where the quote is in the field's rendered text, in code points */
  json_builder_set_member_name (builder, "start");
  if (anchor != NULL)
    json_builder_add_int_value (builder, anchor->start);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "end");
  if (anchor != NULL)
    json_builder_add_int_value (builder, anchor->end);
  else
    json_builder_add_null_value (builder);
  eg_cli_json_add_time (builder, "created", annotation->created);
  eg_cli_json_add_time (builder, "modified", annotation->modified);
  json_builder_end_object (builder);
}

static void
print_json (GPtrArray *annotations)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < annotations->len; i++)
    add_annotation (builder, g_ptr_array_index (annotations, i));
  json_builder_end_array (builder);

  eg_cli_json_print (builder);
}

/* @text on one line, at most @width characters */
static char *
one_line (const char *text,
          guint       width)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean space = FALSE;
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = line->len > 0;
          continue;
        }
      if (n + (space ? 1 : 0) >= width)
        {
          g_string_append (line, "…");
          break;
        }
      if (space)
        {
          g_string_append_c (line, ' ');
          n++;
          space = FALSE;
        }
      g_string_append_unichar (line, c);
      n++;
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* The last column of a row: “quote” — comment, or the note */
static char *
describe_text (const EgAnnotation *annotation)
{
  g_autofree char *text = NULL;

  if (annotation->kind == EG_ANNOTATION_NOTE)
    return one_line (annotation->body, LIST_TEXT_WIDTH);
  if (annotation->body[0] != '\0')
    text = g_strdup_printf ("%s“%s” — %s", annotation->orphaned ? _("(orphaned) ") : "",
                            annotation->anchor->exact, annotation->body);
  else
    text = g_strdup_printf ("%s“%s”", annotation->orphaned ? _("(orphaned) ") : "",
                            annotation->anchor->exact);
  return one_line (text, LIST_TEXT_WIDTH);
}

/* Appends @text and pads it with spaces to @width characters */
static void
append_cell (GString    *row,
             const char *text,
             guint       width)
{
  guint length = (guint) g_utf8_strlen (text, -1);

  g_string_append (row, text);
  for (guint i = length; i < width + 2; i++)
    g_string_append_c (row, ' ');
}

static void
print_table (GPtrArray *annotations)
{
  /* Translators: the headings of the columns of “engram-cli annotations list” */
  const char *headings[] = { C_("annotations column", "ID"), C_("annotations column", "CARD"),
                             C_("annotations column", "KIND"),
                             C_("annotations column", "FIELD"),
                             C_("annotations column", "COLOUR"),
                             C_("annotations column", "TEXT") };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint widths[G_N_ELEMENTS (headings)] = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_columns = G_N_ELEMENTS (headings);

  for (guint j = 0; j < n_columns; j++)
    g_ptr_array_add (cells, g_strdup (headings[j]));
  for (guint i = 0; i < annotations->len; i++)
    {
      EgAnnotation *annotation = g_ptr_array_index (annotations, i);
      gboolean highlight = annotation->kind == EG_ANNOTATION_HIGHLIGHT;

      g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, annotation->id));
      g_ptr_array_add (cells, g_strdup (annotation->card_key));
      g_ptr_array_add (cells, g_strdup (eg_annotation_kind_to_string (annotation->kind)));
      g_ptr_array_add (cells, g_strdup (highlight ? annotation->field : "-"));
      g_ptr_array_add (cells, g_strdup (highlight ? annotation->color : "-"));
      g_ptr_array_add (cells, describe_text (annotation));
    }

  for (guint k = 0; k < cells->len; k++)
    widths[k % n_columns] = MAX (widths[k % n_columns],
                                 (guint) g_utf8_strlen (g_ptr_array_index (cells, k), -1));
  for (guint k = 0; k < cells->len; k++)
    {
      if (k % n_columns == n_columns - 1)
        g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (cells, k));
      else
        append_cell (out, g_ptr_array_index (cells, k), widths[k % n_columns]);
    }
  fputs (out->str, stdout);
}

static int
annotations_list (EgCliContext *ctx,
                  const char   *card_key,
                  gboolean      orphaned,
                  gboolean      json)
{
  g_autoptr(EgCard) card = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;

  if (!eg_cli_open_store (ctx, EG_CLI_READ))
    return 1;
  if (card_key != NULL && !(card = eg_store_find_card (ctx->store, card_key, &error)))
    return eg_cli_fail (error);
  annotations = eg_store_list_annotations (ctx->store, card ? card->id : 0,
                                           orphaned ? EG_STORE_ANNOTATIONS_ORPHANED
                                                    : EG_STORE_ANNOTATIONS_DEFAULT,
                                           &error);
  if (annotations == NULL)
    return eg_cli_fail (error);

  if (json)
    print_json (annotations);
  else if (annotations->len == 0)
    {
      if (orphaned && card != NULL)
        g_printerr (_("engram-cli: no orphaned highlights on card %s\n"), card->key);
      else if (orphaned)
        g_printerr ("%s", _("engram-cli: no orphaned highlights\n"));
      else if (card != NULL)
        g_printerr (_("engram-cli: no highlights or notes on card %s\n"), card->key);
      else
        g_printerr ("%s", _("engram-cli: no highlights or notes\n"));
    }
  else
    print_table (annotations);
  return 0;
}

static int
annotations_delete (EgCliContext *ctx,
                    const char   *id_text)
{
  g_autoptr(EgAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL))
    return eg_cli_usage_error (_("annotations delete: “%s” is not an annotation's id "
                                 "(engram-cli annotations list shows them)"), id_text);
  if (!eg_cli_open_store (ctx, EG_CLI_WRITE))
    return 1;
  annotation = eg_store_get_annotation (ctx->store, id, &error);
  if (annotation == NULL && error != NULL &&
      !g_error_matches (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND))
    return eg_cli_fail (error);
  if (annotation == NULL || annotation->deleted != 0)
    return eg_cli_usage_error (_("annotations delete: there is no annotation %lld "
                                 "(engram-cli annotations list shows them)"), (long long) id);

  if (!eg_store_delete_annotation (ctx->store, id, ctx->now_ms, &error))
    return eg_cli_fail (error);
  if (annotation->kind == EG_ANNOTATION_NOTE)
    g_print (_("Deleted the note %lld of card %s\n"), (long long) id, annotation->card_key);
  else
    g_print (_("Deleted the highlight %lld of card %s\n"), (long long) id,
             annotation->card_key);
  return 0;
}

static int
annotations_export (EgCliContext *ctx,
                    const char   *format,
                    const char   *output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  if (g_strcmp0 (format, "markdown") != 0)
    return eg_cli_usage_error (_("annotations export: --format must be markdown"));
  if (!eg_cli_open_store (ctx, EG_CLI_READ))
    return 1;
  if (!(data = eg_annotations_to_markdown (ctx->store, &error)) ||
      !eg_cli_write_output (ctx, output, data, &error))
    return error != NULL ? eg_cli_fail (error) : 1;
  return 0;
}

#define ANNOTATIONS_SUMMARY N_( \
  "  list [--card KEY] [--orphaned] [--json]\n" \
  "        the highlights and notes (of one card); --orphaned: only the\n" \
  "        highlights that could not be placed again after their card changed\n" \
  "  delete ID\n" \
  "        delete a highlight or note (list shows the ids)\n" \
  "  export --format markdown [-o FILE]\n" \
  "        every highlight with its comment and every note, by section and card")

int
eg_cli_annotations (EgCliContext  *ctx,
                    int            argc,
                    char         **argv)
{
  g_autofree char *card_key = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  gboolean orphaned = FALSE;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "card", 0, 0, G_OPTION_ARG_STRING, &card_key, N_("list: only this card's"),
      "KEY" },
    { "orphaned", 0, 0, G_OPTION_ARG_NONE, &orphaned,
      N_("list: only the orphaned highlights"),
      NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      /* Translators: keep the JSON keys in braces as they are */
      N_("list: a JSON array of {id, card, kind, field, quote, comment, color, orphaned, …}"),
      NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("export: markdown"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("export: write to FILE instead of the standard output"), "FILE" },
    { NULL }
  };
  const char *command;
  gboolean list_options;
  gboolean export_options;

  if (!eg_cli_parse_options (ctx, "list|delete ID|export", ANNOTATIONS_SUMMARY,
                             entries, &argc, &argv))
    return 1;
  if (argc < 2)
    return eg_cli_usage_error (_("annotations: say list, delete ID or export --format "
                                 "markdown"));

  command = argv[1];
  list_options = card_key != NULL || orphaned || json;
  export_options = format != NULL || output != NULL;
  if (g_str_equal (command, "list") && argc == 2 && !export_options)
    return annotations_list (ctx, card_key, orphaned, json);
  if (g_str_equal (command, "delete") && argc == 3 && !list_options && !export_options)
    return annotations_delete (ctx, argv[2]);
  if (g_str_equal (command, "export") && argc == 2 && !list_options)
    return annotations_export (ctx, format, output);

  if (g_str_equal (command, "delete") && argc != 3)
    return eg_cli_usage_error (_("annotations delete: name one id (annotations list shows "
                                 "them)"));
  if (g_str_equal (command, "list") || g_str_equal (command, "delete") ||
      g_str_equal (command, "export"))
    /* Translators: %s is list, delete or export */
    return eg_cli_usage_error (_("annotations %s: unexpected argument or option (see "
                                 "engram-cli annotations --help)"), command);
  return eg_cli_usage_error (_("annotations: say list, delete ID or export --format "
                                 "markdown"));
}
