/* eg-store-decks.c - the decks and sections of the collection
 *
 * Listing and finding decks and sections (with their card counts), and a
 * deck's code language.  Keys: a section key is unique on its own ("36")
 * or qualified by its deck ("DECK:36").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eg-store-private.h"
#include "eg-store-sql.h"

GPtrArray *
eg_store_list_decks (EgStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) decks = NULL;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  stmt = _eg_store_prepare (self,
                            "SELECT id, key, title, source_path, default_language FROM decks"
                            " ORDER BY position, id",
                            error);
  if (stmt == NULL)
    return NULL;

  decks = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_deck_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EgDeckInfo *info = g_new0 (EgDeckInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->key = _eg_store_column_dup (stmt, 1);
      info->title = _eg_store_column_dup (stmt, 2);
      info->source_path = _eg_store_column_dup (stmt, 3);
      info->default_language = _eg_store_column_dup (stmt, 4);
      g_ptr_array_add (decks, info);
    }
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot list decks"));
      return NULL;
    }

  return g_steal_pointer (&decks);
}

/* the counts come from one pass over the cards, not a query per section */
#define SECTION_QUERY \
  "WITH counts AS (SELECT k.section_id AS id, count(*) AS n," \
  "                       sum (" EG_STORE_SQL_IS_NEW ") AS n_new" \
  "                FROM cards k JOIN card_state s ON s.card_id = k.id" \
  "                WHERE k.deleted = 0 GROUP BY k.section_id)" \
  "SELECT c.id, c.deck_id, c.key, c.heading, c.source," \
  "       coalesce (counts.n, 0), coalesce (counts.n_new, 0)" \
  "  FROM sections c JOIN decks d ON d.id = c.deck_id LEFT JOIN counts ON counts.id = c.id "
/* The same without the counts, which take a pass over every card */
#define HEADING_QUERY \
  "SELECT c.id, c.deck_id, c.key, c.heading, c.source, 0, 0" \
  "  FROM sections c JOIN decks d ON d.id = c.deck_id "

static EgSectionInfo *
read_section (sqlite3_stmt *stmt)
{
  EgSectionInfo *info = g_new0 (EgSectionInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->deck_id = sqlite3_column_int64 (stmt, 1);
  info->key = _eg_store_column_dup (stmt, 2);
  info->heading = _eg_store_column_dup (stmt, 3);
  info->source = _eg_store_column_dup (stmt, 4);
  info->n_cards = sqlite3_column_int (stmt, 5);
  info->n_new = sqlite3_column_int (stmt, 6);
  return info;
}

/* The sections @query (SECTION_QUERY or HEADING_QUERY) finds, of one deck
 * or of every deck (@deck_id 0), in deck order */
static GPtrArray *
list_sections (EgStore     *self,
               const char  *query,
               gint64       deck_id,
               GError     **error)
{
  g_autofree char *sql = g_strconcat (query, " WHERE ?1 = 0 OR c.deck_id = ?1"
                                      " ORDER BY d.position, d.id, c.position", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  int rc;

  stmt = _eg_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deck_id);

  sections = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_section_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sections, read_section (stmt));
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot list sections"));
      return NULL;
    }

  return g_steal_pointer (&sections);
}

/**
 * eg_store_list_sections:
 * @deck_id: a deck, or 0 for the sections of every deck
 *
 * Returns: (transfer full): the sections in deck order
 */
GPtrArray *
eg_store_list_sections (EgStore  *self,
                        gint64    deck_id,
                        GError  **error)
{
  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  return list_sections (self, SECTION_QUERY, deck_id, error);
}

/**
 * eg_store_list_section_headings:
 *
 * As eg_store_list_sections(), without the counts (n_cards and n_new are
 * 0), which take a pass over every card.
 */
GPtrArray *
eg_store_list_section_headings (EgStore  *self,
                                gint64    deck_id,
                                GError  **error)
{
  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  return list_sections (self, HEADING_QUERY, deck_id, error);
}

/**
 * eg_store_set_deck_language:
 * @language: (nullable): a language id such as "go", or %NULL for none
 *
 * Sets the language of the inline code in a deck's cards.
 */
gboolean
eg_store_set_deck_language (EgStore     *self,
                            const char  *deck_key,
                            const char  *language,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EG_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_key != NULL, FALSE);

  stmt = _eg_store_prepare (self, "UPDATE decks SET default_language = ?2 WHERE key = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, deck_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, language, -1, SQLITE_STATIC);
  if (!_eg_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_eg_store_get_db (self)) == 0)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND, _("No deck “%s”"), deck_key);
      return FALSE;
    }
  return TRUE;
}

/* A key is either unique on its own ("36") or qualified by its deck
 * ("expert-level-golang-interview-questions:36").
 */
void
_eg_store_split_key (const char  *key,
                     char       **deck_key,
                     char       **rest)
{
  const char *colon = strchr (key, ':');

  if (colon != NULL)
    {
      *deck_key = g_strndup (key, colon - key);
      *rest = g_strdup (colon + 1);
    }
  else
    {
      *deck_key = NULL;
      *rest = g_strdup (key);
    }
}

/**
 * eg_store_find_deck:
 * @key: a deck's key
 *
 * Returns: (transfer full): the deck, or %NULL with @error set
 *   (%EG_STORE_ERROR_NOT_FOUND when there is none of that key)
 */
EgDeckInfo *
eg_store_find_deck (EgStore     *self,
                    const char  *key,
                    GError     **error)
{
  g_autoptr(GPtrArray) decks = NULL;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(decks = eg_store_list_decks (self, error)))
    return NULL;
  for (guint i = 0; i < decks->len; i++)
    if (g_strcmp0 (((EgDeckInfo *) g_ptr_array_index (decks, i))->key, key) == 0)
      return g_ptr_array_steal_index (decks, i);
  g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND, _("No deck “%s”"), key);
  return NULL;
}

EgSectionInfo *
eg_store_find_section (EgStore     *self,
                       const char  *key,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(EgSectionInfo) found = NULL;
  g_autofree char *deck_key = NULL;
  g_autofree char *section_key = NULL;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  _eg_store_split_key (key, &deck_key, &section_key);
  stmt = _eg_store_prepare (self,
                            SECTION_QUERY
                            " WHERE c.key = ?1 AND (?2 IS NULL OR d.key = ?2)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, section_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, deck_key, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (found != NULL)
        {
          g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_AMBIGUOUS,
                       _("Section “%s” exists in several decks; write DECK:%s"), key, key);
          return NULL;
        }
      found = read_section (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot look up the section"));
      return NULL;
    }
  if (found == NULL)
    g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                 _("No section “%s”"), key);

  return g_steal_pointer (&found);
}

void
eg_deck_info_free (EgDeckInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->key);
  g_free (info->title);
  g_free (info->source_path);
  g_free (info->default_language);
  g_free (info);
}

void
eg_section_info_free (EgSectionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->key);
  g_free (info->heading);
  g_free (info->source);
  g_free (info);
}
