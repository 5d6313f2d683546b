/* test-deck.c - the Markdown deck parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "eg-core.h"

static EgDeck *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  EgDeck *deck = eg_deck_parse (text, strlen (text), "test.md", &error);

  g_assert_no_error (error);
  g_assert_nonnull (deck);
  return deck;
}

static EgDeckCard *
card_at (EgDeck *deck,
         guint   section,
         guint   card)
{
  EgDeckSection *s = g_ptr_array_index (deck->sections, section);

  g_assert_cmpuint (card, <, s->cards->len);
  return g_ptr_array_index (s->cards, card);
}

static gboolean
has_warning (EgDeck     *deck,
             guint       line,
             const char *fragment)
{
  for (guint i = 0; i < deck->warnings->len; i++)
    {
      EgRepairWarning *w = g_ptr_array_index (deck->warnings, i);

      if (w->line == line && strstr (w->message, fragment) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_full_format (void)
{
  g_autoptr(EgDeck) deck = parse (
    "# My Deck\n"
    "\n"
    "## From 16 Go Internals\n"
    "\n"
    "# 🟢 **301–320: Runtime**\n"
    "\n"
    "### 301. How does the **scheduler** work?\n"
    "\"It is M:N.\n"
    "\n"
    "*   item one\n"
    "*   item two\"\n"
    "\n"
    "#### Indepth\n"
    "Since Go 1.14 it is preemptive.\n"
    "\n"
    "---\n"
    "\n"
    "### 302. Second?\n"
    "Answer two.\n"
    "\n"
    "---\n"
    "\n"
    "## From 21 Networking\n"
    "\n"
    "# 🔵 **401–420: Net**\n"
    "\n"
    "### 401. Third?\n"
    "Answer three.\n"
    "\n"
    "#### Indepth\n"
    "Deep.\n"
    "\n"
    "#### Example\n"
    "Ex.\n");
  EgDeckSection *s0, *s1;
  EgDeckCard *c;
  EgCardPart *part;

  g_assert_cmpstr (deck->title, ==, "My Deck");
  g_assert_cmpstr (deck->key, ==, "my-deck");
  g_assert_cmpuint (deck->sections->len, ==, 2);
  g_assert_cmpuint (deck->n_cards, ==, 3);

  s0 = g_ptr_array_index (deck->sections, 0);
  g_assert_cmpstr (s0->key, ==, "16");
  g_assert_cmpstr (s0->heading, ==, "🟢 **301–320: Runtime**");
  g_assert_cmpstr (s0->source, ==, "From 16 Go Internals");
  g_assert_cmpuint (s0->line, ==, 5);
  s1 = g_ptr_array_index (deck->sections, 1);
  g_assert_cmpstr (s1->key, ==, "21");

  c = card_at (deck, 0, 0);
  g_assert_cmpint (c->number, ==, 301);
  g_assert_cmpstr (c->key, ==, "16/301");
  g_assert_cmpuint (c->line, ==, 7);
  g_assert_cmpstr (c->question, ==, "How does the **scheduler** work?");
  g_assert_cmpstr (c->answer, ==, "\"It is M:N.\n\n*   item one\n*   item two\"");
  g_assert_cmpuint (c->parts->len, ==, 1);
  part = g_ptr_array_index (c->parts, 0);
  g_assert_cmpstr (part->name, ==, "Indepth");
  g_assert_cmpstr (part->text, ==, "Since Go 1.14 it is preemptive.");
  g_assert_cmpuint (strlen (c->content_hash), ==, 64);

  c = card_at (deck, 0, 1);
  g_assert_cmpstr (c->answer, ==, "Answer two.");
  g_assert_cmpuint (c->parts->len, ==, 0);

  c = card_at (deck, 1, 0);
  g_assert_cmpstr (c->key, ==, "21/401");
  g_assert_cmpuint (c->parts->len, ==, 2);
  part = g_ptr_array_index (c->parts, 1);
  g_assert_cmpstr (part->name, ==, "Example");
  g_assert_cmpstr (part->text, ==, "Ex.");
  g_assert_cmpuint (deck->warnings->len, ==, 0);
}

static void
test_without_source_lines (void)
{
  g_autoptr(EgDeck) one = parse ("# Rust Basics\n\n### 1. What is a borrow?\nA reference.\n");
  g_autoptr(EgDeck) two = parse ("# Deck\n\n# First Part\n\n### 1. A?\nA.\n\n---\n\n"
                                 "# Second Part\n\n### 1. B?\nB.\n");
  EgDeckSection *section;

  /* no section heading: one section named by the deck's heading */
  g_assert_cmpuint (one->sections->len, ==, 1);
  section = g_ptr_array_index (one->sections, 0);
  g_assert_cmpstr (section->heading, ==, "Rust Basics");
  g_assert_cmpstr (section->key, ==, "rust-basics");
  g_assert_null (section->source);
  g_assert_cmpstr (card_at (one, 0, 0)->key, ==, "rust-basics/1");

  g_assert_cmpuint (two->sections->len, ==, 2);
  g_assert_cmpstr (card_at (two, 0, 0)->key, ==, "first-part/1");
  g_assert_cmpstr (card_at (two, 1, 0)->key, ==, "second-part/1");
}

static void
test_repeated_numbers (void)
{
  g_autoptr(EgDeck) deck = parse (
    "# D\n\n## From 36 A\n\n# ⚙️ **701–720: A**\n\n### 716. First?\nOne.\n\n---\n\n"
    "## From 37 B\n\n# 📡 **701–720: B**\n\n### 716. Second?\nTwo.\n\n---\n\n"
    "### 716. Third?\nThree.\n");

  /* the same number in two sections: two cards */
  g_assert_cmpstr (card_at (deck, 0, 0)->key, ==, "36/716");
  g_assert_cmpstr (card_at (deck, 1, 0)->key, ==, "37/716");
  g_assert_cmpstr (card_at (deck, 1, 0)->question, ==, "Second?");
  /* twice in one section: kept, with its own key and a warning */
  g_assert_cmpstr (card_at (deck, 1, 1)->key, ==, "37/716-2");
  g_assert_true (has_warning (deck, 21, "appears twice"));
}

static void
test_repeated_part (void)
{
  g_autoptr(EgDeck) deck = parse (
    "# D\n\n### 306. Q?\nA.\n\n#### Indepth\nSame text.\n\n#### Indepth\nSame text.\n\n---\n\n"
    "### 307. R?\nB.\n\n#### Indepth\nOne.\n\n#### Indepth\nOther.\n");

  g_assert_cmpuint (card_at (deck, 0, 0)->parts->len, ==, 1);
  g_assert_true (has_warning (deck, 9, "repeats its “Indepth” part"));
  /* same name, different text: both kept */
  g_assert_cmpuint (card_at (deck, 0, 1)->parts->len, ==, 2);
}

static void
test_headings_inside_answers (void)
{
  g_autoptr(EgDeck) deck = parse (
    "# D\n\n### 1. Q?\nIntro.\n\n## Not a section\n\n### Example\n\n##### Deep\n"
    "### 2.5 is not a card\n\n---\n\nText after a rule stays.\n\n---\n\n### 2. Next?\nA.\n");
  EgDeckCard *c = card_at (deck, 0, 0);

  g_assert_cmpuint (deck->n_cards, ==, 2);
  g_assert_true (strstr (c->answer, "## Not a section") != NULL);
  g_assert_true (strstr (c->answer, "### Example") != NULL);
  g_assert_true (strstr (c->answer, "##### Deep") != NULL);
  g_assert_true (strstr (c->answer, "### 2.5 is not a card") != NULL);
  /* a "---" followed by more text is a thematic break inside the answer */
  g_assert_true (g_str_has_suffix (c->answer, "---\n\nText after a rule stays."));
  g_assert_cmpuint (c->parts->len, ==, 0);
}

static void
test_code_fences (void)
{
  g_autoptr(EgDeck) deck = parse (
    "# D\n\n### 1. Shell?\n```sh\n# not a section\n### 9. not a card\n---\n```\n\n"
    "#### Indepth\n~~~\n#### not a part\n~~~\n\n---\n\n### 2. Next?\nA.\n");
  EgDeckCard *c = card_at (deck, 0, 0);
  EgCardPart *part;

  g_assert_cmpuint (deck->sections->len, ==, 1);
  g_assert_cmpuint (deck->n_cards, ==, 2);
  g_assert_cmpstr (c->answer, ==, "```sh\n# not a section\n### 9. not a card\n---\n```");
  g_assert_cmpuint (c->parts->len, ==, 1);
  part = g_ptr_array_index (c->parts, 0);
  g_assert_cmpstr (part->text, ==, "~~~\n#### not a part\n~~~");
}

static void
test_markdown_titles (void)
{
  g_autoptr(EgDeck) deck = parse (
    "# D\n\n### 1028. **Tricky Snippet**: What is `fmt.Println(s)`?\r\n\"Output.\"\r\n");
  g_autofree char *plain = NULL;

  g_assert_cmpstr (card_at (deck, 0, 0)->question, ==,
                   "**Tricky Snippet**: What is `fmt.Println(s)`?");
  g_assert_cmpstr (card_at (deck, 0, 0)->answer, ==, "\"Output.\"");
  plain = eg_markdown_to_plain (card_at (deck, 0, 0)->question);
  g_assert_cmpstr (plain, ==, "Tricky Snippet: What is fmt.Println(s)?");
}

static void
test_stray_text_and_empty_sections (void)
{
  g_autoptr(EgDeck) deck = parse ("# D\n\nSome intro.\n\n# Empty\n\n# Full\n\n### 1. Q?\nA.\n");

  g_assert_true (has_warning (deck, 3, "outside any card"));
  g_assert_true (has_warning (deck, 5, "has no cards"));
  g_assert_cmpuint (deck->sections->len, ==, 1);
}

static void
test_no_cards (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeck) deck = eg_deck_parse ("# Title\n\nJust prose.\n", 22, "notes.md", &error);

  g_assert_null (deck);
  g_assert_error (error, EG_DECK_ERROR, EG_DECK_ERROR_NO_CARDS);
  g_assert_true (strstr (error->message, "notes.md") != NULL);
}

static void
test_title_from_file_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeck) deck = eg_deck_parse ("### 1. Q?\nA.\n", 13, "/tmp/Go Basics.md", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (deck->title, ==, "Go Basics");
  g_assert_cmpstr (card_at (deck, 0, 0)->key, ==, "go-basics/1");
}

static void
test_hash_covers_everything (void)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  g_autofree char *h1 = eg_deck_card_hash ("Q", "A", parts);
  g_autofree char *h2 = eg_deck_card_hash ("Q", "A ", parts);
  g_autofree char *h3 = eg_deck_card_hash ("QA", "", parts);
  g_autofree char *h4 = NULL;
  EgCardPart *part = g_new0 (EgCardPart, 1);

  part->name = g_strdup ("Indepth");
  part->text = g_strdup ("x");
  g_ptr_array_add (parts, part);
  h4 = eg_deck_card_hash ("Q", "A", parts);

  g_assert_cmpstr (h1, !=, h2);
  g_assert_cmpstr (h1, !=, h3);
  g_assert_cmpstr (h1, !=, h4);
}

static void
test_language_directive (void)
{
  g_autoptr(EgDeck) go = parse ("# D\n\n<!-- engram default-language: go -->\n\n### 1. Q?\nA.\n");
  g_autoptr(EgDeck) bad = parse ("# D\n\n<!-- engram default-language: go; rm -->\n\n### 1. Q?\nA.\n");
  g_autoptr(EgDeck) late = parse ("# D\n\n### 1. Q?\n<!-- engram default-language: go -->\n");

  g_assert_cmpstr (go->default_language, ==, "go");
  g_assert_null (bad->default_language);
  /* inside a card it is part of the answer */
  g_assert_null (late->default_language);
  g_assert_cmpstr (card_at (late, 0, 0)->answer, ==, "<!-- engram default-language: go -->");
}

static void
test_slugify (void)
{
  struct { const char *in, *out; } cases[] = {
    { "🟢 **301–320: Go Internals and Runtime**", "301-320-go-internals-and-runtime" },
    { "Expert Level Golang Interview Questions", "expert-level-golang-interview-questions" },
    { "Café & Crème", "café-crème" },
    { "  --  ", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = eg_slugify (cases[i].in);

      g_assert_cmpstr (slug, ==, cases[i].out);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/deck/full-format", test_full_format);
  g_test_add_func ("/deck/without-source-lines", test_without_source_lines);
  g_test_add_func ("/deck/repeated-numbers", test_repeated_numbers);
  g_test_add_func ("/deck/repeated-part", test_repeated_part);
  g_test_add_func ("/deck/headings-inside-answers", test_headings_inside_answers);
  g_test_add_func ("/deck/code-fences", test_code_fences);
  g_test_add_func ("/deck/markdown-titles", test_markdown_titles);
  g_test_add_func ("/deck/stray-text", test_stray_text_and_empty_sections);
  g_test_add_func ("/deck/no-cards", test_no_cards);
  g_test_add_func ("/deck/title-from-file-name", test_title_from_file_name);
  g_test_add_func ("/deck/hash", test_hash_covers_everything);
  g_test_add_func ("/deck/language-directive", test_language_directive);
  g_test_add_func ("/deck/slugify", test_slugify);

  return g_test_run ();
}
