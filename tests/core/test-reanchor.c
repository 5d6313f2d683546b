/* test-reanchor.c - a card's highlights placed again when its text changes
 *
 * Through eg_store_update_card() (an edit in the app) and through an import
 * of a changed deck file: each highlight lands on exactly the intended
 * characters of the field's new rendered text, or is orphaned, keeping its
 * quote and comment; none is ever deleted or placed on other words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "eg-core.h"
#include "eg-store-private.h"
#include "eg-test-util.h"

#define NOW 1795000000000  /* 2026-11-19, ms */

#define ANSWER_101 \
  "The scheduler preempts goroutines at function calls. Since Go 1.14 it also sends " \
  "signals for asynchronous preemption of tight loops, so a loop cannot starve the GC."
#define INDEPTH_101 \
  "Before Go 1.14 a tight loop without calls could delay a stop-the-world pause."
#define ANSWER_102 \
  "A channel is a typed conduit through which goroutines send and receive values; " \
  "an unbuffered channel synchronises the sender and the receiver."
#define ANSWER_103 \
  "Use `sync.Mutex` to guard shared state, and keep the critical section short."

static const char deck_head[] =
  "# Reanchor Deck\n\n## From 1 Runtime\n\n# Runtime\n\n";

typedef struct
{
  char    *path;
  EgStore *store;
} Fixture;

static char *
deck_text (const char *answer_101,
           const char *indepth_101,
           const char *answer_102,
           const char *answer_103)
{
  GString *text = g_string_new (deck_head);

  g_string_append_printf (text, "### 101. How does Go preempt goroutines?\n%s\n\n", answer_101);
  if (indepth_101 != NULL)
    g_string_append_printf (text, "#### Indepth\n%s\n\n", indepth_101);
  g_string_append_printf (text, "---\n\n### 102. What is a channel?\n%s\n\n---\n\n", answer_102);
  if (answer_103 != NULL)
    g_string_append_printf (text, "### 103. How do you guard shared state?\n%s\n\n---\n\n",
                            answer_103);
  return g_string_free (text, FALSE);
}

static EgImportReport *
import_text (Fixture    *f,
             const char *text)
{
  g_autofree char *path = g_strconcat (f->path, ".md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  EgImportReport *report;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  report = eg_import_file (f->store, file, NOW, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = deck_text (ANSWER_101, INDEPTH_101, ANSWER_102, ANSWER_103);
  g_autoptr(EgImportReport) report = NULL;

  f->path = eg_test_tmp_path ("reanchor.db");
  g_unlink (f->path);
  f->store = eg_store_open (f->path, &error);
  g_assert_no_error (error);
  report = import_text (f, text);
  g_assert_cmpuint (report->added, ==, 3);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_clear_pointer (&f->path, g_free);
}

static EgCard *
card (Fixture    *f,
      const char *key)
{
  g_autoptr(GError) error = NULL;
  EgCard *c = eg_store_find_card (f->store, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

/* Highlights the first occurrence of @passage in @field of card @key */
static gint64
highlight (Fixture    *f,
           const char *key,
           const char *field,
           const char *passage,
           const char *comment)
{
  g_autoptr(EgCard) c = card (f, key);
  g_autofree char *text = eg_annotation_field_text (c, field);
  g_autoptr(GError) error = NULL;
  const char *at;
  guint start;
  gint64 id;

  g_assert_nonnull (text);
  at = strstr (text, passage);
  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  id = eg_store_add_highlight (f->store, c->id, field, start,
                               start + g_utf8_strlen (passage, -1), comment, NULL, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static EgAnnotation *
annotation (Fixture *f,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  EgAnnotation *a = eg_store_get_annotation (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

/* The characters of its field's current rendered text the highlight @id is
 * placed on (and they are its quote), or NULL when it is orphaned */
static char *
placed_text (Fixture *f,
             gint64   id)
{
  g_autoptr(EgAnnotation) a = annotation (f, id);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) c = eg_store_get_card (f->store, a->card_id, &error);
  g_autofree char *text = NULL;
  const char *start;
  const char *end;
  char *passage;

  g_assert_no_error (error);
  g_assert_cmpint (a->deleted, ==, 0);
  if (a->orphaned)
    return NULL;
  text = eg_annotation_field_text (c, a->field);
  g_assert_nonnull (text);
  g_assert_cmpuint (a->anchor->start, <, a->anchor->end);
  g_assert_cmpuint (a->anchor->end, <=, g_utf8_strlen (text, -1));
  start = g_utf8_offset_to_pointer (text, a->anchor->start);
  end = g_utf8_offset_to_pointer (text, a->anchor->end);
  passage = g_strndup (start, end - start);
  g_assert_cmpstr (a->anchor->exact, ==, passage);
  g_assert_cmpstr (a->card_hash, ==, c->content_hash);
  return passage;
}

static void
edit (Fixture    *f,
      const char *key,
      const char *answer,
      GPtrArray  *parts)
{
  g_autoptr(EgCard) c = card (f, key);
  g_autoptr(GError) error = NULL;

  g_assert_true (eg_store_update_card (f->store, c->id, c->question, answer,
                                       parts != NULL ? parts : c->parts, NOW + 1000, &error));
  g_assert_no_error (error);
}

static void
assert_placed (Fixture    *f,
               gint64      id,
               const char *expected)
{
  g_autofree char *passage = placed_text (f, id);

  g_assert_cmpstr (passage, ==, expected);
}

/* Orphaned, with its quote, position, comment and colour as they were */
static void
assert_orphaned (Fixture            *f,
                 gint64              id,
                 const EgAnnotation *before)
{
  g_autoptr(EgAnnotation) a = annotation (f, id);

  g_assert_true (a->orphaned);
  g_assert_cmpint (a->deleted, ==, 0);
  g_assert_cmpstr (a->anchor->exact, ==, before->anchor->exact);
  g_assert_cmpstr (a->anchor->prefix, ==, before->anchor->prefix);
  g_assert_cmpstr (a->anchor->suffix, ==, before->anchor->suffix);
  g_assert_cmpuint (a->anchor->start, ==, before->anchor->start);
  g_assert_cmpuint (a->anchor->end, ==, before->anchor->end);
  g_assert_cmpstr (a->body, ==, before->body);
  g_assert_cmpstr (a->color, ==, before->color);
  g_assert_cmpstr (a->card_hash, ==, before->card_hash);
}

static void
test_edit_unchanged (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id = highlight (f, "1/101", "answer", "asynchronous preemption", "signals");
  g_autoptr(EgAnnotation) before = annotation (f, id);
  g_autoptr(EgAnnotation) after = NULL;

  edit (f, "1/101", ANSWER_101, NULL);
  after = annotation (f, id);
  g_assert_false (after->orphaned);
  g_assert_cmpuint (after->anchor->start, ==, before->anchor->start);
  g_assert_cmpuint (after->anchor->end, ==, before->anchor->end);
  g_assert_cmpstr (after->anchor->prefix, ==, before->anchor->prefix);
  g_assert_cmpstr (after->body, ==, "signals");
  g_assert_cmpint (after->modified, ==, before->modified);
}

static void
test_edit_before (Fixture       *f,
                  gconstpointer  data)
{
  gint64 id = highlight (f, "1/101", "answer", "asynchronous preemption", NULL);
  g_autoptr(EgAnnotation) before = annotation (f, id);
  g_autoptr(EgAnnotation) after = NULL;

  edit (f, "1/101", "Goroutines are cooperative no more. " ANSWER_101, NULL);
  assert_placed (f, id, "asynchronous preemption");
  after = annotation (f, id);
  g_assert_cmpuint (after->anchor->start, ==, before->anchor->start + 36);
  g_assert_cmpstr (after->anchor->prefix, ==, before->anchor->prefix);
}

static void
test_edit_inside (Fixture       *f,
                  gconstpointer  data)
{
  gint64 id = highlight (f, "1/101", "answer",
                         "sends signals for asynchronous preemption of tight loops", NULL);

  /* a word inserted inside the passage: the passage, with the word */
  edit (f, "1/101",
        "The scheduler preempts goroutines at function calls. Since Go 1.14 it also sends "
        "signals for fast asynchronous preemption of tight loops, so a loop cannot starve "
        "the GC.", NULL);
  assert_placed (f, id, "sends signals for fast asynchronous preemption of tight loops");
}

static void
test_edit_typo_fixed (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id;

  edit (f, "1/102",
        "A channel is a typed conduit through which goroutines send and recieve values; "
        "an unbuffered channel synchronises the sender and the receiver.", NULL);
  id = highlight (f, "1/102", "answer", "goroutines send and recieve values", "typo");
  edit (f, "1/102", ANSWER_102, NULL);
  assert_placed (f, id, "goroutines send and receive values");
}

static void
test_edit_emphasis (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = highlight (f, "1/101", "answer", "asynchronous preemption", NULL);
  g_autoptr(EgAnnotation) before = annotation (f, id);
  g_autoptr(EgAnnotation) after = NULL;

  /* markup around the passage does not change the rendered text */
  edit (f, "1/101",
        "The scheduler preempts goroutines at function calls. Since Go 1.14 it also sends "
        "signals for **asynchronous preemption** of tight loops, so a loop cannot starve "
        "the GC.", NULL);
  assert_placed (f, id, "asynchronous preemption");
  after = annotation (f, id);
  g_assert_cmpuint (after->anchor->start, ==, before->anchor->start);
}

static void
test_edit_moved (Fixture       *f,
                 gconstpointer  data)
{
  gint64 id = highlight (f, "1/102", "answer",
                         "an unbuffered channel synchronises the sender and the receiver", NULL);

  edit (f, "1/102",
        "Remember: an unbuffered channel synchronises the sender and the receiver.\n\n"
        "A channel is a typed conduit through which goroutines send and receive values.",
        NULL);
  assert_placed (f, id, "an unbuffered channel synchronises the sender and the receiver");
}

static void
test_edit_twice (Fixture       *f,
                 gconstpointer  data)
{
  gint64 id = highlight (f, "1/102", "answer", "typed conduit", NULL);
  g_autoptr(EgAnnotation) before = annotation (f, id);
  g_autoptr(EgAnnotation) after = NULL;

  /* the passage now also appears later: the highlight stays on the first */
  edit (f, "1/102", ANSWER_102 " In short: a typed conduit.", NULL);
  assert_placed (f, id, "typed conduit");
  after = annotation (f, id);
  g_assert_cmpuint (after->anchor->start, ==, before->anchor->start);
}

static void
test_edit_deleted (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = highlight (f, "1/101", "answer", "asynchronous preemption of tight loops",
                         "since 1.14");
  gint64 kept = highlight (f, "1/101", "answer", "preempts goroutines at function calls", NULL);
  g_autoptr(EgAnnotation) before = annotation (f, id);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgCard) c = card (f, "1/101");

  edit (f, "1/101",
        "The scheduler preempts goroutines at function calls. Since Go 1.14 it also sends "
        "signals, so a loop cannot starve the GC.", NULL);
  assert_orphaned (f, id, before);
  assert_placed (f, kept, "preempts goroutines at function calls");

  orphans = eg_store_list_annotations (f->store, c->id, EG_STORE_ANNOTATIONS_ORPHANED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 1);
  g_assert_cmpint (((EgAnnotation *) orphans->pdata[0])->id, ==, id);

  /* a rewrite of the whole answer: orphaned too, never moved elsewhere */
  edit (f, "1/101", "Goroutines are preempted by the runtime.", NULL);
  assert_orphaned (f, id, before);
  g_assert_null (placed_text (f, kept));

  /* the passage back: placed again */
  edit (f, "1/101", ANSWER_101, NULL);
  assert_placed (f, id, "asynchronous preemption of tight loops");
  assert_placed (f, kept, "preempts goroutines at function calls");
}

static void
test_edit_field_gone (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = highlight (f, "1/101", "part:Indepth", "stop-the-world pause", "STW");
  gint64 question = highlight (f, "1/101", "question", "preempt goroutines", NULL);
  g_autoptr(EgAnnotation) before = annotation (f, id);
  g_autoptr(GPtrArray) no_parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);

  edit (f, "1/101", ANSWER_101, no_parts);
  assert_orphaned (f, id, before);
  assert_placed (f, question, "preempt goroutines");

  g_ptr_array_add (parts, eg_card_part_new ("Indepth", "Note. " INDEPTH_101));
  edit (f, "1/101", ANSWER_101, parts);
  assert_placed (f, id, "stop-the-world pause");
}

/* The card's full-text row has the new quote: a word of it is found */
static void
test_edit_reindexes (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id;
  g_autoptr(EgCard) c = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  edit (f, "1/102",
        "A channel is a typed conduit through which goroutines send and recieve values; "
        "an unbuffered channel synchronises the sender and the receiver.", NULL);
  id = highlight (f, "1/102", "answer", "goroutines send and recieve values", NULL);
  edit (f, "1/102", ANSWER_102, NULL);
  assert_placed (f, id, "goroutines send and receive values");

  c = card (f, "1/102");
  stmt = _eg_store_prepare (f->store, "SELECT annotations FROM cards_fts WHERE rowid = ?1",
                            NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, c->id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 0),
                            "goroutines send and receive values"));
  g_assert_null (strstr ((const char *) sqlite3_column_text (stmt, 0), "recieve"));
}

/* An import of a changed file places the highlights of the cards it
 * updates, counts them, and deletes none */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  gint64 before_id = highlight (f, "1/101", "answer", "asynchronous preemption", NULL);
  gint64 inside_id = highlight (f, "1/102", "answer",
                                "an unbuffered channel synchronises the sender", "sync");
  gint64 gone_id = highlight (f, "1/101", "part:Indepth", "stop-the-world pause", "STW");
  gint64 same_id = highlight (f, "1/103", "answer", "guard shared state", NULL);
  g_autoptr(EgAnnotation) gone = annotation (f, gone_id);
  g_autoptr(EgAnnotation) same_before = annotation (f, same_id);
  g_autoptr(EgAnnotation) same_after = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;

  text = deck_text ("Preemption, in short. " ANSWER_101,
                    "Before Go 1.14 a tight loop without calls could delay the collector.",
                    "A channel is a typed conduit through which goroutines send and receive "
                    "values; an unbuffered channel always synchronises the sender and the "
                    "receiver.",
                    ANSWER_103);
  report = import_text (f, text);
  g_assert_cmpuint (report->updated, ==, 2);
  g_assert_cmpuint (report->unchanged, ==, 1);
  g_assert_cmpuint (report->highlights_placed, ==, 2);
  g_assert_cmpuint (report->highlights_orphaned, ==, 1);

  assert_placed (f, before_id, "asynchronous preemption");
  assert_placed (f, inside_id, "an unbuffered channel always synchronises the sender");
  assert_orphaned (f, gone_id, gone);
  same_after = annotation (f, same_id);
  g_assert_cmpuint (same_after->anchor->start, ==, same_before->anchor->start);
  g_assert_cmpstr (same_after->card_hash, ==, same_before->card_hash);

  /* a card no longer in the file keeps its highlight; nothing is counted */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&report, eg_import_report_free);
  text = deck_text ("Preemption, in short. " ANSWER_101,
                    "Before Go 1.14 a tight loop without calls could delay the collector.",
                    "A channel is a typed conduit through which goroutines send and receive "
                    "values; an unbuffered channel always synchronises the sender and the "
                    "receiver.",
                    NULL);
  report = import_text (f, text);
  g_assert_cmpuint (report->removed, ==, 1);
  g_assert_cmpuint (report->highlights_placed, ==, 0);
  g_assert_cmpuint (report->highlights_orphaned, ==, 0);
  assert_placed (f, same_id, "guard shared state");

  all = eg_store_list_annotations (f->store, 0, EG_STORE_ANNOTATIONS_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
}

/* The shipped deck, 20 of its cards highlighted, then imported again with
 * edits near, inside, around and far from each passage, or deleting it */

typedef enum
{
  EDIT_FAR,         /* a paragraph added at the end */
  EDIT_NEAR,        /* words inserted just before the passage */
  EDIT_TYPO,        /* two letters swapped inside the passage */
  EDIT_EMPHASIS,    /* the passage made bold */
  EDIT_DELETED,     /* the passage cut out */
  N_EDITS
} EditKind;

typedef struct
{
  gint64    id;
  char     *key;
  char     *expected;   /* the passage in the new text, NULL: orphaned */
} Highlighted;

static void
highlighted_clear (gpointer data)
{
  Highlighted *h = data;

  g_free (h->key);
  g_free (h->expected);
}

/* A passage of about 40 code points from the middle of @text, from a word
 * start to a word end; NULL unless it is plain words found once in both
 * the Markdown and its rendered text */
static char *
pick_passage (const char *markdown,
              const char *text)
{
  const char *start = g_utf8_offset_to_pointer (text, g_utf8_strlen (text, -1) / 3);
  const char *end;
  g_autofree char *passage = NULL;

  if (strstr (markdown, "```") != NULL)
    return NULL;
  while (*start != '\0' && *start != ' ')
    start++;
  while (*start == ' ')
    start++;
  end = g_utf8_offset_to_pointer (start, MIN (40, g_utf8_strlen (start, -1)));
  while (*end != '\0' && *end != ' ' && *end != '\n')
    end++;
  if (end - start < 30)
    return NULL;
  passage = g_strndup (start, end - start);
  if (strpbrk (passage, "*_`[]<>\\\n") != NULL || g_str_has_suffix (passage, ".") ||
      strstr (markdown, passage) == NULL ||
      strstr (strstr (markdown, passage) + 1, passage) != NULL ||
      strstr (strstr (text, passage) + 1, passage) != NULL)
    return NULL;
  return g_steal_pointer (&passage);
}

/* @answer with @kind of edit of @passage; *expected is the passage in it */
static char *
edit_passage (const char  *answer,
              const char  *passage,
              EditKind     kind,
              char       **expected)
{
  const char *at = strstr (answer, passage);
  gsize before = at - answer;
  const char *after = at + strlen (passage);
  g_autofree char *typo = g_strdup (passage);
  char *middle;

  switch (kind)
    {
    case EDIT_FAR:
      *expected = g_strdup (passage);
      return g_strconcat (answer, "\n\nSee also the Go memory model.", NULL);
    case EDIT_NEAR:
      *expected = g_strdup (passage);
      return g_strdup_printf ("%.*sNote well: %s", (int) before, answer, at);
    case EDIT_TYPO:
      for (middle = typo + strlen (typo) / 2; middle[1] != '\0'; middle++)
        if (g_ascii_isalpha (middle[0]) && g_ascii_isalpha (middle[1]) && middle[0] != middle[1])
          break;
      g_assert_true (g_ascii_isalpha (middle[0]) && g_ascii_isalpha (middle[1]));
      { char c = middle[0]; middle[0] = middle[1]; middle[1] = c; }
      *expected = g_strdup (typo);
      return g_strdup_printf ("%.*s%s%s", (int) before, answer, typo, after);
    case EDIT_EMPHASIS:
      *expected = g_strdup (passage);
      return g_strdup_printf ("%.*s**%s**%s", (int) before, answer, passage, after);
    case EDIT_DELETED:
    default:
      *expected = NULL;
      return g_strdup_printf ("%.*s%s", (int) before, answer, after);
    }
}

static void
test_import_shipped_deck (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");
  g_autoptr(GFile) file = g_file_new_for_path (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GArray) marked = g_array_new (FALSE, TRUE, sizeof (Highlighted));
  g_autofree char *deck = NULL;
  g_autoptr(GString) updated = NULL;
  g_autofree char *path = NULL;
  guint n_orphans = 0;

  /* the fixture's collection is not used: the shipped deck in one of its own */
  g_clear_object (&f->store);
  g_unlink (f->path);
  store = eg_store_open (f->path, &error);
  g_assert_no_error (error);
  report = eg_import_file (store, file, NOW, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, eg_import_report_free);
  deck = eg_export_markdown (store, NULL, &error);
  g_assert_no_error (error);
  updated = g_string_new (deck);
  cards = eg_store_list_cards (store, 0, &error);
  g_assert_no_error (error);
  g_array_set_clear_func (marked, highlighted_clear);

  for (guint i = 0; i < cards->len && marked->len < 20; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);
      g_autofree char *text = eg_annotation_field_text (card, "answer");
      g_autofree char *passage = pick_passage (card->answer, text);
      g_autofree char *old_block = NULL;
      g_autofree char *new_block = NULL;
      g_autofree char *new_answer = NULL;
      Highlighted h = { 0 };
      guint start;
      const char *at;

      if (passage == NULL)
        continue;
      start = g_utf8_pointer_to_offset (text, strstr (text, passage));
      h.id = eg_store_add_highlight (store, card->id, "answer", start,
                                     start + g_utf8_strlen (passage, -1), "why it matters",
                                     NULL, NOW, &error);
      g_assert_no_error (error);
      h.key = g_strdup (card->key);
      new_answer = edit_passage (card->answer, passage, marked->len % N_EDITS, &h.expected);
      n_orphans += h.expected == NULL;
      g_array_append_val (marked, h);

      /* the card in the deck file: "### N. question\nanswer" */
      old_block = g_strdup_printf ("### %d. %s\n%s\n", card->number, card->question, card->answer);
      new_block = g_strdup_printf ("### %d. %s\n%s\n", card->number, card->question, new_answer);
      at = strstr (updated->str, old_block);
      g_assert_nonnull (at);
      g_assert_null (strstr (at + 1, old_block));
      g_string_erase (updated, at - updated->str, strlen (old_block));
      g_string_insert (updated, at - updated->str, new_block);
    }
  g_assert_cmpuint (marked->len, ==, 20);

  path = g_strconcat (f->path, ".updated.md", NULL);
  g_assert_true (g_file_set_contents (path, updated->str, -1, NULL));
  g_clear_object (&file);
  file = g_file_new_for_path (path);
  report = eg_import_file (store, file, NOW + 1000, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL,
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->updated, ==, 20);
  g_assert_cmpuint (report->highlights_placed, ==, 20 - n_orphans);
  g_assert_cmpuint (report->highlights_orphaned, ==, n_orphans);

  /* each on exactly its passage, or orphaned: none elsewhere */
  f->store = g_object_ref (store);
  for (guint i = 0; i < marked->len; i++)
    {
      Highlighted *h = &g_array_index (marked, Highlighted, i);
      g_autofree char *placed = placed_text (f, h->id);

      g_test_message ("%s (edit %u): %s", h->key, i % N_EDITS, placed ? placed : "orphaned");
      g_assert_cmpstr (placed, ==, h->expected);
    }
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  eg_test_setup_dirs ("engram-test-reanchor");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/reanchor/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("edit/unchanged", test_edit_unchanged);
  ADD ("edit/text-before", test_edit_before);
  ADD ("edit/word-inside", test_edit_inside);
  ADD ("edit/typo-fixed", test_edit_typo_fixed);
  ADD ("edit/emphasis-around", test_edit_emphasis);
  ADD ("edit/moved", test_edit_moved);
  ADD ("edit/passage-twice", test_edit_twice);
  ADD ("edit/deleted-orphans", test_edit_deleted);
  ADD ("edit/field-gone", test_edit_field_gone);
  ADD ("edit/reindexes", test_edit_reindexes);
  ADD ("import", test_import);
  ADD ("import-shipped-deck", test_import_shipped_deck);
#undef ADD

  rc = g_test_run ();
  eg_test_cleanup_dirs ();
  return rc;
}
