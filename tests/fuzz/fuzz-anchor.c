/* fuzz-anchor.c - annotation anchoring: random edits of a card with random
 * highlights
 *
 * The input is a text, a NUL byte, then bytes that choose highlights and
 * edits.  Two levels:
 *
 *  1. eg_anchor_place() on plain text, each code point's origin followed
 *     through the edits: a placed highlight sits on exactly its quote
 *     (position, exact) or on a close match of it (fuzzy: at most a quarter
 *     of its code points changed); it is never orphaned while its passage
 *     is intact (a quote of 8 or more code points), and when nothing
 *     changed it stays where it was.
 *  2. The store (eg-store-reanchor.c): the text as a card's answer, the
 *     highlights made with eg_store_add_highlight(), the card edited with
 *     eg_store_update_card(): each highlight is then placed on exactly the
 *     characters of its (new) quote in the field's rendered text, or
 *     orphaned with its quote, position and comment as they were; none is
 *     deleted.
 *
 * A broken invariant aborts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-util.h"

#define STORE "anchor.db"
#define MAX_TEXT 2048
#define MAX_HIGHLIGHTS 6
#define MAX_EDITS 8
/* iterations before the collection is made again, so it stays small */
#define STORE_ROUNDS 256

static const char alphabet[] = "ab cé€\n*`_-";

typedef struct
{
  GArray *chars;    /* gunichar */
  GArray *origin;   /* int: the code point's index in the first text, -1 if inserted */
} Text;

static void
text_init (Text       *text,
           const char *utf8)
{
  glong n = 0;
  gunichar *chars = g_utf8_to_ucs4_fast (utf8, -1, &n);

  text->chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  text->origin = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_vals (text->chars, chars, n);
  for (int i = 0; i < n; i++)
    g_array_append_val (text->origin, i);
  g_free (chars);
}

static void
text_clear (Text *text)
{
  g_array_unref (text->chars);
  g_array_unref (text->origin);
}

static char *
text_utf8 (const Text *text)
{
  return g_ucs4_to_utf8 (&g_array_index (text->chars, gunichar, 0), text->chars->len,
                         NULL, NULL, NULL);
}

static guint
text_len (const Text *text)
{
  return text->chars->len;
}

/* One edit: delete, insert or replace code points at a place */
static void
text_edit (Text       *text,
           FuzzReader *reader)
{
  guint op = fuzz_read_byte (reader) % 3;
  guint pos = fuzz_read_u16 (reader) % (text_len (text) + 1);
  guint n = 1 + fuzz_read_byte (reader) % 12;
  guint source = fuzz_read_byte (reader);

  if (op != 1)   /* delete or replace */
    {
      guint del = MIN (n, text_len (text) - pos);

      g_array_remove_range (text->chars, pos, del);
      g_array_remove_range (text->origin, pos, del);
    }
  if (op != 0)   /* insert or replace: text of its own (a repeat) or letters */
    for (guint i = 0; i < n; i++)
      {
        gunichar c;
        int none = -1;

        if ((source & 1) && text_len (text) > 0)
          c = g_array_index (text->chars, gunichar, (source + i) % text_len (text));
        else
          {
            const char *p = g_utf8_offset_to_pointer (alphabet,
                                                      (source + i) % g_utf8_strlen (alphabet, -1));
            c = g_utf8_get_char (p);
          }
        g_array_insert_val (text->chars, pos + i, c);
        g_array_insert_val (text->origin, pos + i, none);
      }
}

static guint
edit_distance (const char *a,
               const char *b)
{
  glong na = 0;
  glong nb = 0;
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, &na);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, &nb);
  g_autofree guint *row = g_new (guint, nb + 1);

  for (glong j = 0; j <= nb; j++)
    row[j] = j;
  for (glong i = 1; i <= na; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (glong j = 1; j <= nb; j++)
        {
          guint above = row[j];
          guint cost = diagonal + (ua[i - 1] == ub[j - 1] ? 0 : 1);

          cost = MIN (cost, above + 1);
          cost = MIN (cost, row[j - 1] + 1);
          row[j] = cost;
          diagonal = above;
        }
    }
  return row[nb];
}

/* Where the first text's [start, end) is in @text, if it is there whole
 * and unbroken */
static gboolean
intact_at (const Text *text,
           guint       start,
           guint       end,
           guint      *at)
{
  for (guint i = 0; i < text_len (text); i++)
    if (g_array_index (text->origin, int, i) == (int) start)
      {
        if (i + (end - start) > text_len (text))
          return FALSE;
        for (guint k = 0; k < end - start; k++)
          if (g_array_index (text->origin, int, i + k) != (int) (start + k))
            return FALSE;
        *at = i;
        return TRUE;
      }
  return FALSE;
}

static void
check_plain (const char *first,
             FuzzReader *reader,
             GArray     *ranges)
{
  Text text;
  g_autofree char *edited = NULL;
  guint n_edits = fuzz_read_byte (reader) % (MAX_EDITS + 1);
  guint len;

  text_init (&text, first);
  for (guint i = 0; i < n_edits; i++)
    text_edit (&text, reader);
  edited = text_utf8 (&text);
  len = text_len (&text);

  for (guint h = 0; h < ranges->len; h += 2)
    {
      guint start = g_array_index (ranges, guint, h);
      guint end = g_array_index (ranges, guint, h + 1);
      g_autoptr(EgAnchor) anchor = eg_anchor_describe (first, start, end);
      guint new_start = 0;
      guint new_end = 0;
      guint at = 0;
      double score = 0;
      EgAnchorMatch match;
      g_autofree char *placed = NULL;

      FUZZ_CHECK (anchor != NULL, "no anchor for [%u, %u)", start, end);
      FUZZ_CHECK (anchor->start == start && anchor->end == end, "anchor moved");
      match = eg_anchor_place (anchor, edited, &new_start, &new_end, &score);
      if (match == EG_ANCHOR_ORPHANED)
        {
          FUZZ_CHECK (new_start == 0 && new_end == 0 && score == 0, "orphaned with a place");
          FUZZ_CHECK (!(intact_at (&text, start, end, &at) && end - start >= 8),
                      "«%s» orphaned though intact at %u in «%s»", anchor->exact, at, edited);
          continue;
        }
      FUZZ_CHECK (new_start < new_end && new_end <= len, "placed at [%u, %u) of %u",
                  new_start, new_end, len);
      FUZZ_CHECK (score > 0 && score <= 1.0, "score %g", score);
      placed = g_utf8_substring (edited, new_start, new_end);
      if (match == EG_ANCHOR_POSITION || match == EG_ANCHOR_EXACT)
        FUZZ_CHECK (strcmp (placed, anchor->exact) == 0,
                    "placed on «%s», not on its quote «%s»", placed, anchor->exact);
      else
        FUZZ_CHECK (edit_distance (placed, anchor->exact) <= (end - start) / 4,
                    "fuzzy: placed on «%s», far from its quote «%s»", placed, anchor->exact);
      if (n_edits == 0)
        FUZZ_CHECK (match == EG_ANCHOR_POSITION && new_start == start,
                    "unchanged text, yet «%s» moved from %u to %u", anchor->exact, start,
                    new_start);
    }
  text_clear (&text);
}

/* The store: the text as a card's answer (Markdown) */
static EgStore *store;
static gint64 section_id;
static guint rounds;

static void
open_store (void)
{
  static const char deck[] = "# Anchors\n\n### 1. Question\nAnswer.\n";
  g_autoptr(GFile) file = fuzz_write_file ("anchors.md", deck, strlen (deck));
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(EgSectionInfo) section = NULL;
  g_autoptr(GError) error = NULL;

  if (store != NULL && rounds++ < STORE_ROUNDS)
    return;
  if (store != NULL)
    fuzz_store_drop (g_steal_pointer (&store), STORE);
  rounds = 0;
  store = fuzz_store_new (STORE);
  report = eg_import_file (store, file, FUZZ_NOW, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  FUZZ_CHECK (report != NULL, "%s", error->message);
  section = eg_store_find_section (store, "anchors", &error);
  FUZZ_CHECK (section != NULL, "no section");
  section_id = section->id;
}

static void
check_store (const char *first,
             FuzzReader *reader,
             GArray     *ranges)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_annotation_free);
  g_autoptr(EgCard) card = NULL;
  g_autoptr(EgCard) changed = NULL;
  g_autofree char *rendered = NULL;
  g_autofree char *rendered_after = NULL;
  g_autofree char *edited = NULL;
  guint n_edits = fuzz_read_byte (reader) % (MAX_EDITS + 1);
  gint64 card_id;
  Text text;

  open_store ();
  card_id = eg_store_add_card (store, section_id, "Question", first, NULL, FUZZ_NOW, &error);
  FUZZ_CHECK (card_id > 0, "%s", error->message);
  card = eg_store_get_card (store, card_id, &error);
  FUZZ_CHECK (card != NULL, "%s", error->message);
  rendered = eg_annotation_field_text (card, EG_ANNOTATION_FIELD_ANSWER);
  FUZZ_CHECK (rendered != NULL, "no rendered text");

  for (guint h = 0; h < ranges->len; h += 2)
    {
      guint len = g_utf8_strlen (rendered, -1);
      guint start = g_array_index (ranges, guint, h);
      guint end = g_array_index (ranges, guint, h + 1);
      gint64 id;

      if (len == 0)
        break;
      start %= len;
      end = MIN (len, start + MAX (1, end - g_array_index (ranges, guint, h)));
      id = eg_store_add_highlight (store, card_id, EG_ANNOTATION_FIELD_ANSWER, start, end,
                                   "comment", NULL, FUZZ_NOW, &error);
      if (id <= 0)
        {
          /* a range of nothing but spaces may be refused, cleanly */
          FUZZ_CHECK (error != NULL && error->domain == EG_STORE_ERROR, "no error set");
          g_clear_error (&error);
          continue;
        }
      g_array_append_val (ids, id);
      g_ptr_array_add (before, eg_store_get_annotation (store, id, &error));
    }

  text_init (&text, first);
  for (guint i = 0; i < n_edits; i++)
    text_edit (&text, reader);
  edited = text_utf8 (&text);
  text_clear (&text);
  FUZZ_CHECK (eg_store_update_card (store, card_id, "Question", edited, NULL, FUZZ_NOW + 1000,
                                    &error), "%s", error->message);
  changed = eg_store_get_card (store, card_id, &error);
  FUZZ_CHECK (changed != NULL, "%s", error->message);
  rendered_after = eg_annotation_field_text (changed, EG_ANNOTATION_FIELD_ANSWER);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(EgAnnotation) a = eg_store_get_annotation (store, g_array_index (ids, gint64, i),
                                                           &error);
      const EgAnnotation *old = g_ptr_array_index (before, i);
      g_autofree char *passage = NULL;

      FUZZ_CHECK (a != NULL && a->deleted == 0, "a highlight was deleted by an edit");
      FUZZ_CHECK (g_strcmp0 (a->body, old->body) == 0, "the comment changed");
      if (a->orphaned)
        {
          FUZZ_CHECK (strcmp (a->anchor->exact, old->anchor->exact) == 0
                      && strcmp (a->anchor->prefix, old->anchor->prefix) == 0
                      && strcmp (a->anchor->suffix, old->anchor->suffix) == 0
                      && a->anchor->start == old->anchor->start
                      && a->anchor->end == old->anchor->end,
                      "orphaned «%s» lost its selectors", old->anchor->exact);
          FUZZ_CHECK (strcmp (rendered, rendered_after) != 0,
                      "«%s» orphaned though the rendered text did not change", old->anchor->exact);
          continue;
        }
      FUZZ_CHECK (a->anchor->start < a->anchor->end
                  && a->anchor->end <= (guint) g_utf8_strlen (rendered_after, -1),
                  "«%s» placed at [%u, %u) outside the text", a->anchor->exact,
                  a->anchor->start, a->anchor->end);
      passage = g_utf8_substring (rendered_after, a->anchor->start, a->anchor->end);
      FUZZ_CHECK (strcmp (passage, a->anchor->exact) == 0,
                  "highlight on «%s», but its quote is «%s» (was «%s»)", passage,
                  a->anchor->exact, old->anchor->exact);
      FUZZ_CHECK (g_strcmp0 (a->card_hash, changed->content_hash) == 0, "card hash not updated");
      if (strcmp (rendered, rendered_after) == 0)
        FUZZ_CHECK (a->anchor->start == old->anchor->start && a->anchor->end == old->anchor->end,
                    "«%s» moved though the rendered text did not change", old->anchor->exact);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *nul = memchr (data, '\0', size);
  size_t text_size = nul != NULL ? (size_t) (nul - data) : size;
  FuzzReader reader = { nul != NULL ? nul + 1 : data + size,
                        nul != NULL ? size - text_size - 1 : 0, 0 };
  g_autofree char *first = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  guint len;
  guint n_highlights;
  FuzzReader store_reader;

  fuzz_init ();
  if (text_size > MAX_TEXT)
    return 0;
  first = fuzz_text (data, text_size);
  len = g_utf8_strlen (first, -1);
  if (len == 0)
    return 0;

  n_highlights = 1 + fuzz_read_byte (&reader) % MAX_HIGHLIGHTS;
  for (guint h = 0; h < n_highlights; h++)
    {
      guint start = fuzz_read_u16 (&reader) % len;
      guint end = start + 1 + fuzz_read_byte (&reader) % MIN (64, len - start);

      g_array_append_val (ranges, start);
      g_array_append_val (ranges, end);
    }

  store_reader = reader;
  check_plain (first, &reader, ranges);
  check_store (first, &store_reader, ranges);
  return 0;
}
