/* eg-deck-language.c - the language of each deck's inline code, looked up once
 *
 * A card is shown with its deck's default language for code (which
 * highlights `inline code` without a language of its own).  The library's
 * preview, its editor and the review page ask for it at every card; the
 * decks are read once and kept with the store they were read from, until
 * eg_deck_language_forget() (the library forgets them when it reloads,
 * after an import say).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-deck-language"

#include "config.h"

#include "eg-deck-language.h"

/* deck id -> language (NULL when the deck has none) */
static GQuark
cache_quark (void)
{
  return g_quark_from_static_string ("eg-deck-language-cache");
}

/**
 * eg_deck_language_lookup:
 *
 * Returns: (nullable): the default language of @deck_id's code, or %NULL
 *   when it has none (or on error, which is set); valid until
 *   eg_deck_language_forget()
 */
const char *
eg_deck_language_lookup (EgStore  *store,
                         gint64    deck_id,
                         GError  **error)
{
  GHashTable *languages;

  g_return_val_if_fail (EG_IS_STORE (store), NULL);

  languages = g_object_get_qdata (G_OBJECT (store), cache_quark ());
  if (languages == NULL)
    {
      g_autoptr(GPtrArray) decks = eg_store_list_decks (store, error);

      if (decks == NULL)
        return NULL;
      languages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      for (guint i = 0; i < decks->len; i++)
        {
          EgDeckInfo *deck = g_ptr_array_index (decks, i);

          g_hash_table_insert (languages, g_memdup2 (&deck->id, sizeof deck->id),
                               g_strdup (deck->default_language));
        }
      g_object_set_qdata_full (G_OBJECT (store), cache_quark (), languages,
                               (GDestroyNotify) g_hash_table_unref);
    }
  return g_hash_table_lookup (languages, &deck_id);
}

/**
 * eg_deck_language_forget:
 *
 * The decks may have changed: the next lookup reads them again.
 */
void
eg_deck_language_forget (EgStore *store)
{
  g_return_if_fail (EG_IS_STORE (store));

  g_object_set_qdata (G_OBJECT (store), cache_quark (), NULL);
}
