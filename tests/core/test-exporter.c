/* test-exporter.c - JSON and Markdown export, and the Markdown round trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "eg-core.h"
#include "eg-test-store.h"
#include "eg-test-util.h"

#define NOW 1795000000000

static EgStore *
store_with (const char *deck_path)
{
  g_autofree char *path = eg_test_tmp_path ("collection.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (deck_path);
  g_autoptr(EgImportReport) report = NULL;
  EgStore *store = eg_store_open (path, &error);

  g_assert_no_error (error);
  report = eg_import_file (store, file, NOW, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static EgStore *
seeded_store (void)
{
  g_autofree char *seed = eg_test_fixture ("expert-go-interview-questions.md");

  return store_with (seed);
}

static JsonObject *
find_by_key (JsonArray  *array,
             const char *key)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "key"), key) == 0)
        return object;
    }
  return NULL;
}

static void
test_json (void)
{
  g_autoptr(EgStore) store = seeded_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = eg_export_json (store, &error);
  JsonObject *root, *deck, *section, *card, *part, *state;
  JsonArray *decks, *sections, *cards, *parts;
  guint total = 0;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  decks = json_object_get_array_member (root, "decks");
  g_assert_cmpuint (json_array_get_length (decks), ==, 1);
  deck = json_array_get_object_element (decks, 0);
  g_assert_cmpstr (json_object_get_string_member (deck, "title"), ==,
                   "Expert Level Golang Interview Questions");
  sections = json_object_get_array_member (deck, "sections");
  g_assert_cmpuint (json_array_get_length (sections), ==, 12);

  for (guint i = 0; i < json_array_get_length (sections); i++)
    total += json_array_get_length (json_object_get_array_member (
               json_array_get_object_element (sections, i), "cards"));
  g_assert_cmpuint (total, ==, 245);

  section = find_by_key (sections, "36");
  g_assert_nonnull (section);
  g_assert_cmpstr (json_object_get_string_member (section, "heading"), ==,
                   "⚙️ **701–720: Go Internals & Runtime**");
  g_assert_cmpstr (json_object_get_string_member (find_by_key (sections, "37"), "heading"), ==,
                   "📡 **701–720: Network & Protocol-Level Programming**");

  cards = json_object_get_array_member (section, "cards");
  card = find_by_key (cards, "36/716");
  g_assert_nonnull (card);
  g_assert_cmpint (json_object_get_int_member (card, "number"), ==, 716);
  g_assert_cmpstr (json_object_get_string_member (card, "question"), ==,
                   "What’s the meaning of “non-preemptible” code in Go?");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (card, "answer"),
                                   "\"Non-preemptible code is code that the scheduler cannot pause."));
  parts = json_object_get_array_member (card, "parts");
  g_assert_cmpuint (json_array_get_length (parts), ==, 1);
  part = json_array_get_object_element (parts, 0);
  g_assert_cmpstr (json_object_get_string_member (part, "name"), ==, "Indepth");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (part, "text"),
                                   "`runtime.LockOSThread()`."));

  state = json_object_get_object_member (card, "state");
  g_assert_cmpstr (json_object_get_string_member (state, "state"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (state, "due"), ==, "2026-11-18T11:06:40.000Z");
  g_assert_cmpint (json_object_get_int_member (state, "reps"), ==, 0);
  g_assert_true (json_object_get_null_member (state, "last_review"));
}

/* Each card's annotations: highlights with their selectors and comment,
 * the note with its text; deleted ones are left out */
static void
test_json_annotations (void)
{
  g_autoptr(EgStore) store = seeded_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EgCard) c = eg_store_find_card (store, "36/716", &error);
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *exact = NULL;
  JsonObject *root, *deck, *section, *card, *highlight, *note, *quote, *position;
  JsonArray *annotations;
  gint64 id, gone;

  g_assert_no_error (error);
  text = eg_annotation_field_text (c, "answer");
  exact = g_utf8_substring (text, 1, 31);
  id = eg_store_add_highlight (store, c->id, "answer", 1, 31, "the *key* sentence", "blue",
                               NOW + 1000, &error);
  g_assert_no_error (error);
  gone = eg_store_add_highlight (store, c->id, "answer", 40, 50, NULL, NULL, NOW, &error);
  g_assert_no_error (error);
  g_assert_true (eg_store_delete_annotation (store, gone, NOW + 2000, &error));
  g_assert_cmpint (eg_store_set_note (store, c->id, "Ask about LockOSThread.", NOW + 3000,
                                      &error), >, 0);
  g_assert_no_error (error);

  json = eg_export_json (store, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  deck = json_array_get_object_element (json_object_get_array_member (root, "decks"), 0);
  section = find_by_key (json_object_get_array_member (deck, "sections"), "36");
  card = find_by_key (json_object_get_array_member (section, "cards"), "36/716");
  annotations = json_object_get_array_member (card, "annotations");
  g_assert_cmpuint (json_array_get_length (annotations), ==, 2);

  highlight = json_array_get_object_element (annotations, 0);
  g_assert_cmpint (json_object_get_int_member (highlight, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (highlight, "kind"), ==, "highlight");
  g_assert_cmpstr (json_object_get_string_member (highlight, "field"), ==, "answer");
  quote = json_object_get_object_member (highlight, "quote");
  g_assert_cmpstr (json_object_get_string_member (quote, "exact"), ==, exact);
  g_assert_cmpstr (json_object_get_string_member (quote, "prefix"), ==, "\"");
  g_assert_nonnull (json_object_get_string_member (quote, "suffix"));
  position = json_object_get_object_member (highlight, "position");
  g_assert_cmpint (json_object_get_int_member (position, "start"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (position, "end"), ==, 31);
  g_assert_cmpstr (json_object_get_string_member (highlight, "comment"), ==,
                   "the *key* sentence");
  g_assert_cmpstr (json_object_get_string_member (highlight, "color"), ==, "blue");
  g_assert_false (json_object_get_boolean_member (highlight, "orphaned"));
  g_assert_cmpstr (json_object_get_string_member (highlight, "created"), ==,
                   "2026-11-18T11:06:41.000Z");

  note = json_array_get_object_element (annotations, 1);
  g_assert_cmpstr (json_object_get_string_member (note, "kind"), ==, "note");
  g_assert_cmpstr (json_object_get_string_member (note, "body"), ==, "Ask about LockOSThread.");
  g_assert_false (json_object_has_member (note, "quote"));
  g_assert_false (json_object_has_member (note, "position"));

  /* every card has the member, empty when it has no annotations */
  card = find_by_key (json_object_get_array_member (section, "cards"), "36/717");
  g_assert_nonnull (card);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (card, "annotations")),
                    ==, 0);
}

static char *
cards_fingerprint (EgStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = eg_test_cards_fingerprint (store, &error);

  g_assert_no_error (error);
  return text;
}

static void
round_trip (EgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = eg_export_markdown (store, NULL, &error);
  g_autofree char *path = eg_test_tmp_path ("export.md");
  g_autoptr(EgStore) copy = NULL;
  g_autofree char *original = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *markdown2 = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, markdown, -1, NULL));

  copy = store_with (path);
  original = cards_fingerprint (store);
  copied = cards_fingerprint (copy);
  g_assert_cmpstr (original, ==, copied);

  /* and the export of the copy is the same file */
  markdown2 = eg_export_markdown (copy, NULL, &error);
  g_assert_cmpstr (markdown, ==, markdown2);
}

static void
test_markdown_round_trip_seed (void)
{
  g_autoptr(EgStore) store = seeded_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;

  /* the shipped deck: the seed with its inline code marked as Go */
  g_assert_true (eg_store_set_deck_language (store, "expert-level-golang-interview-questions",
                                             "go", &error));
  markdown = eg_export_markdown (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (markdown, "# Expert Level Golang Interview Questions\n\n"
                                             "<!-- engram default-language: go -->\n\n"
                                             "## From 16 Go Internals\n\n"
                                             "# 🟢 **301–320: Go Internals and Runtime**\n\n"
                                             "### 301. How does the Go scheduler work?\n"));
  g_assert_nonnull (strstr (markdown, "### 716. What’s the meaning of “non-preemptible” code in Go?"));
  round_trip (store);
}

static void
test_markdown_round_trip_edge_cases (void)
{
  g_autofree char *path = eg_test_tmp_path ("edge.md");
  g_autoptr(EgStore) store = NULL;
  const char *deck =
    "# Edge Cases\n\n"
    "### 1. No answer, only a part\n\n#### Indepth\nDeep.\n\n---\n\n"
    "### 2. Code and rules\n```go\n# comment\n---\n```\n\nAfter a rule:\n\n---\n\nMore.\n\n---\n\n"
    "### 2. Same number again\nTwice.\n\n---\n\n"
    "### 3. Several parts\nA.\n\n#### One\n1\n\n#### Two\n2\n";

  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GString) parsed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, deck, -1, NULL));
  store = store_with (path);

  /* what the parser made of the file: a card without an answer, rules and
   * "# " inside a code block, a rule inside an answer, a number twice, and
   * parts in order */
  sections = eg_store_list_sections (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sections->len, ==, 1);
  g_assert_cmpstr (((EgSectionInfo *) g_ptr_array_index (sections, 0))->heading, ==,
                   "Edge Cases");
  cards = eg_store_list_cards (store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cards->len; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);

      g_string_append_printf (parsed, "[%s|%d|%s|%s]", card->key, card->number, card->question,
                              card->answer);
      for (guint j = 0; j < card->parts->len; j++)
        {
          EgCardPart *part = g_ptr_array_index (card->parts, j);

          g_string_append_printf (parsed, "(%s|%s)", part->name, part->text);
        }
      g_string_append_c (parsed, '\n');
    }
  g_assert_cmpstr (parsed->str, ==,
                   "[edge-cases/1|1|No answer, only a part|](Indepth|Deep.)\n"
                   "[edge-cases/2|2|Code and rules|```go\n# comment\n---\n```\n\n"
                   "After a rule:\n\n---\n\nMore.]\n"
                   "[edge-cases/2-2|2|Same number again|Twice.]\n"
                   "[edge-cases/3|3|Several parts|A.](One|1)(Two|2)\n");

  round_trip (store);
}

/* A code block a card leaves open (found by fuzz-export): the deck's last
 * card keeps it open, and the export reads back as the same cards; a card
 * edited to leave one open in the middle of the deck has it closed, so that
 * the cards after it stay cards. */
static void
test_markdown_open_code_block (void)
{
  g_autofree char *path = eg_test_tmp_path ("open-fence.md");
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgCard) first = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *copy_path = eg_test_tmp_path ("open-fence-copy.md");
  g_autoptr(EgStore) copy = NULL;
  EgCard *card;

  g_assert_true (g_file_set_contents (path,
                                      "# Fences\n\n### 1. First\nOne.\n\n---\n\n"
                                      "### 2. Second\nTwo.\n\n---\n\n"
                                      "### 3. Open fence\n```\ncode\n", -1, NULL));
  store = store_with (path);
  round_trip (store);

  /* the first card's answer and part edited to leave code blocks open */
  first = eg_store_find_card (store, "fences/1", &error);
  g_assert_no_error (error);
  g_ptr_array_add (parts, eg_card_part_new ("Indepth", "~~~~\ndeep"));
  g_assert_true (eg_store_update_card (store, first->id, first->question, "```go\nfunc f()",
                                       parts, NOW + 1000, &error));
  g_assert_no_error (error);
  markdown = eg_export_markdown (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (markdown, "# Fences\n\n### 1. First\n```go\nfunc f()\n```\n\n"
                                             "#### Indepth\n~~~~\ndeep\n~~~~\n\n---\n\n"
                                             "### 2. Second\n"));
  g_assert_true (g_file_set_contents (copy_path, markdown, -1, NULL));
  copy = store_with (copy_path);
  cards = eg_store_list_cards (copy, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 3);
  card = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (card->answer, ==, "```go\nfunc f()\n```");
  g_assert_cmpuint (card->parts->len, ==, 1);
  g_assert_cmpstr (((EgCardPart *) g_ptr_array_index (card->parts, 0))->text, ==,
                   "~~~~\ndeep\n~~~~");
  card = g_ptr_array_index (cards, 1);
  g_assert_cmpstr (card->question, ==, "Second");
  g_assert_cmpstr (card->answer, ==, "Two.");
  card = g_ptr_array_index (cards, 2);
  g_assert_cmpstr (card->answer, ==, "```\ncode");
}

/* A section without cards took its key in the file (found by
 * fuzz-export): the export keeps the keys of the cards after it */
static void
test_markdown_empty_section (void)
{
  g_autofree char *path = eg_test_tmp_path ("empty-section.md");
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgCard) card = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "# Sections\n\n## From 24 AI\n\n# AI\n\n"
                                      "## From 21 Net\n\n# Net\n\n### 1. Net?\nYes.\n\n---\n\n"
                                      "## From 24 AI\n\n# AI again\n\n### 2. AI?\nYes.\n\n---\n\n"
                                      "# Misc\n\n# Misc\n\n### 3. Misc?\nYes.\n", -1, NULL));
  store = store_with (path);
  card = eg_store_find_card (store, "24-2/2", &error);
  g_assert_no_error (error);
  g_assert_nonnull (card);
  g_clear_pointer (&card, eg_card_free);
  card = eg_store_find_card (store, "misc-2/3", &error);
  g_assert_no_error (error);
  g_assert_nonnull (card);
  round_trip (store);
}

static void
test_markdown_needs_deck_choice (void)
{
  g_autofree char *a = eg_test_tmp_path ("a.md");
  g_autofree char *b = eg_test_tmp_path ("b.md");
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *none = NULL;
  g_autofree char *one = NULL;

  g_assert_true (g_file_set_contents (a, "# Alpha\n\n### 1. A?\nA.\n", -1, NULL));
  g_assert_true (g_file_set_contents (b, "# Beta\n\n### 1. B?\nB.\n", -1, NULL));
  store = store_with (a);
  file = g_file_new_for_path (b);
  report = eg_import_file (store, file, NOW, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  none = eg_export_markdown (store, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_AMBIGUOUS);
  g_clear_error (&error);

  one = eg_export_markdown (store, "beta", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one, ==, "# Beta\n\n### 1. B?\nB.\n\n---\n\n");
}

/* One deck of several as JSON: only it, its sections and cards. */
static void
test_deck_json (void)
{
  g_autofree char *a = eg_test_tmp_path ("a.md");
  g_autofree char *b = eg_test_tmp_path ("b.md");
  g_autoptr(EgStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(EgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *none = NULL;
  JsonArray *decks;
  JsonObject *deck;

  g_assert_true (g_file_set_contents (a, "# Alpha\n\n### 1. A?\nA.\n", -1, NULL));
  g_assert_true (g_file_set_contents (b, "# Beta\n\n### 1. B?\nB.\n\n### 2. C?\nC.\n", -1,
                                      NULL));
  store = store_with (a);
  file = g_file_new_for_path (b);
  report = eg_import_file (store, file, NOW, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  json = eg_export_deck_json (store, "beta", &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  decks = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "decks");
  g_assert_cmpuint (json_array_get_length (decks), ==, 1);
  deck = json_array_get_object_element (decks, 0);
  g_assert_cmpstr (json_object_get_string_member (deck, "title"), ==, "Beta");
  g_assert_nonnull (strstr (json, "\"C?\""));
  g_assert_null (strstr (json, "\"A?\""));

  none = eg_export_deck_json (store, "gamma", &error);
  g_assert_null (none);
  g_assert_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND);
}

/* A deck's title as a file name any file system takes. */
static void
test_file_name (void)
{
  static const struct { const char *title; const char *ext; const char *name; } cases[] = {
    { "Expert Level Golang Interview Questions", "md",
      "Expert Level Golang Interview Questions.md" },
    { "Go: Tips/Tricks", "json", "Go Tips Tricks.json" },
    { "  ..hidden?  ", "md", "hidden.md" },
    { "a\\b*c\"d<e>f|g\th\ni", "md", "a b c d e f g h i.md" },
    { "🟢 Ünïcode ĳ", "md", "🟢 Ünïcode ĳ.md" },
    { "", "md", "deck.md" },
    { "///", "json", "deck.json" },
    { NULL, "md", "deck.md" },
  };
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autofree char *long_name = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = eg_export_file_name (cases[i].title, cases[i].ext);

      g_assert_cmpstr (name, ==, cases[i].name);
    }

  for (guint i = 0; i < 100; i++)
    g_string_append (long_title, "ä");
  g_string_append (long_title, "ö");
  long_name = eg_export_file_name (long_title->str, "md");
  g_assert_cmpuint (strlen (long_name), ==, 203);
  g_assert_true (g_utf8_validate (long_name, -1, NULL));
}

int
main (int    argc,
      char **argv)
{
  int status;

  eg_test_setup_dirs ("engram-test-exporter");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/exporter/json", test_json);
  g_test_add_func ("/exporter/json-annotations", test_json_annotations);
  g_test_add_func ("/exporter/markdown-round-trip-seed", test_markdown_round_trip_seed);
  g_test_add_func ("/exporter/markdown-round-trip-edge-cases", test_markdown_round_trip_edge_cases);
  g_test_add_func ("/exporter/markdown-open-code-block", test_markdown_open_code_block);
  g_test_add_func ("/exporter/markdown-empty-section", test_markdown_empty_section);
  g_test_add_func ("/exporter/markdown-needs-deck-choice", test_markdown_needs_deck_choice);
  g_test_add_func ("/exporter/deck-json", test_deck_json);
  g_test_add_func ("/exporter/file-name", test_file_name);

  status = g_test_run ();
  eg_test_cleanup_dirs ();
  return status;
}
