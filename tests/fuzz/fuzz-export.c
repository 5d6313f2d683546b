/* fuzz-export.c - the JSON and Markdown export round trip
 *
 * The input is a deck file, imported into a new collection.  Invariants:
 * the Markdown export, imported into another new collection, gives the
 * same decks, sections and cards (keys, numbers, text, parts, hashes), and
 * its own export is the same file; the JSON export is valid JSON that holds
 * every card with the collection's text and parts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fuzz-util.h"

#define STORE "export.db"
#define COPY "export-copy.db"

static EgStore *
store_with (const char *name,
            GFile      *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgImportReport) report = NULL;
  EgStore *store = fuzz_store_new (name);

  report = eg_import_file (store, file, FUZZ_NOW, EG_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  if (report == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == EG_DECK_ERROR, "%s",
                  error != NULL ? error->message : "no error set");
      fuzz_store_drop (store, name);
      return NULL;
    }
  return store;
}

static char *
json_fingerprint (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  JsonArray *decks;

  FUZZ_CHECK (json_parser_load_from_data (parser, json, -1, &error), "JSON export: %s",
              error->message);
  decks = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "decks");
  for (guint d = 0; d < json_array_get_length (decks); d++)
    {
      JsonArray *sections = json_object_get_array_member (json_array_get_object_element (decks, d),
                                                          "sections");

      for (guint s = 0; s < json_array_get_length (sections); s++)
        {
          JsonArray *cards = json_object_get_array_member (
            json_array_get_object_element (sections, s), "cards");

          for (guint c = 0; c < json_array_get_length (cards); c++)
            {
              JsonObject *card = json_array_get_object_element (cards, c);
              JsonArray *parts = json_object_get_array_member (card, "parts");

              g_string_append_printf (out, "C|%s|%" G_GINT64_FORMAT "|%s|%s|%s\n",
                                      json_object_get_string_member (card, "key"),
                                      json_object_get_int_member (card, "number"),
                                      json_object_get_string_member (card, "question"),
                                      json_object_get_string_member (card, "answer"),
                                      json_object_get_string_member (card, "content_hash"));
              for (guint p = 0; p < json_array_get_length (parts); p++)
                {
                  JsonObject *part = json_array_get_object_element (parts, p);

                  g_string_append_printf (out, "P|%s|%s\n",
                                          json_object_get_string_member (part, "name"),
                                          json_object_get_string_member (part, "text"));
                }
            }
        }
    }
  return g_string_free (out, FALSE);
}

/* The cards of @store as json_fingerprint() writes them */
static char *
store_fingerprint (EgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = eg_store_list_cards (store, 0, &error);
  GString *out = g_string_new (NULL);

  FUZZ_CHECK (cards != NULL, "%s", error->message);
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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *markdown2 = NULL;
  g_autofree char *json = NULL;
  g_autofree char *original = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *from_json = NULL;
  g_autofree char *from_store = NULL;
  EgStore *store;
  EgStore *copy;

  fuzz_init ();
  file = fuzz_write_file ("deck.md", data, size);
  if ((store = store_with (STORE, file)) == NULL)
    return 0;

  json = eg_export_json (store, &error);
  FUZZ_CHECK (json != NULL, "JSON export: %s", error->message);
  from_json = json_fingerprint (json);
  from_store = store_fingerprint (store);
  FUZZ_CHECK (strcmp (from_json, from_store) == 0, "the JSON export has other cards:\n%s\n---\n%s",
              from_json, from_store);

  markdown = eg_export_markdown (store, NULL, &error);
  FUZZ_CHECK (markdown != NULL, "Markdown export: %s", error->message);
  exported = fuzz_write_file ("exported.md", markdown, strlen (markdown));
  copy = store_with (COPY, exported);
  FUZZ_CHECK (copy != NULL, "the Markdown export is not a deck:\n%s", markdown);

  original = fuzz_cards_fingerprint (store);
  copied = fuzz_cards_fingerprint (copy);
  FUZZ_CHECK (strcmp (original, copied) == 0,
              "the Markdown export gives other cards:\n%s\n--- export:\n%s\n--- reimported:\n%s",
              original, markdown, copied);
  markdown2 = eg_export_markdown (copy, NULL, &error);
  FUZZ_CHECK (markdown2 != NULL && strcmp (markdown, markdown2) == 0,
              "the export of the copy differs");

  fuzz_store_drop (store, STORE);
  fuzz_store_drop (copy, COPY);
  return 0;
}
