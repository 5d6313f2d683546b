/* eg-test-store.c - collection fixtures shared by the core tests and the
 * fuzz targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-test-store.h"

const char eg_test_search_deck_a[] =
  "# Search Deck\n\n"
  "## From 1 Basics\n\n"
  "# 🟢 **101–103: Go Basics**\n\n"
  "### 101. What is escape analysis?\n"
  "The compiler decides whether a value escapes to the heap.\n\n---\n\n"
  "### 102. Where can I buy a café au lait?\n"
  "At the CAFÉ around the corner; it costs 3 €.\n\n---\n\n"
  "### 103. How are goroutines scheduled?\n"
  "The scheduler multiplexes goroutines -- see `GOMAXPROCS` => threads.\n\n---\n\n"
  "## From 2 Internals\n\n"
  "# ⚙️ **201–203: Go Internals & Runtime**\n\n"
  "### 201. What is an escape hatch?\n"
  "A way out; analysis comes later.\n\n---\n\n"
  "### 202. **Tricky**: what does `select {}` do?\n"
  "It blocks forever.\n\n"
  "#### Indepth\n"
  "Deadlock detection relies on escape analysis of nothing.\n\n---\n\n"
  "### 203. apple or zebra?\n"
  "Channels; both.\n";

const char eg_test_search_deck_b[] =
  "# Other Notes\n\n"
  "## From 9 Misc\n\n"
  "# Miscellany\n\n"
  "### 51. Why is the sky blue?\n"
  "Rayleigh scattering.\n\n---\n\n"
  "### 52. What is a heap?\n"
  "A tree-shaped priority queue, not the escape destination.\n";

char *
eg_test_cards_fingerprint (EgStore  *store,
                           GError  **error)
{
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  GString *out;

  if ((decks = eg_store_list_decks (store, error)) == NULL
      || (sections = eg_store_list_sections (store, 0, error)) == NULL
      || (cards = eg_store_list_cards (store, 0, error)) == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < decks->len; i++)
    {
      EgDeckInfo *d = g_ptr_array_index (decks, i);

      g_string_append_printf (out, "D|%s|%s|%s\n", d->key, d->title, d->default_language);
    }
  for (guint i = 0; i < sections->len; i++)
    {
      EgSectionInfo *s = g_ptr_array_index (sections, i);

      g_string_append_printf (out, "S|%s|%s|%s\n", s->key, s->heading, s->source);
    }
  for (guint i = 0; i < cards->len; i++)
    {
      EgCard *c = g_ptr_array_index (cards, i);

      g_string_append_printf (out, "C|%s|%d|%s|%s|%s\n", c->key, c->number, c->question,
                              c->answer, c->content_hash);
      for (guint j = 0; j < c->parts->len; j++)
        {
          EgCardPart *p = g_ptr_array_index (c->parts, j);

          g_string_append_printf (out, "P|%s|%s\n", p->name, p->text);
        }
    }
  return g_string_free (out, FALSE);
}
