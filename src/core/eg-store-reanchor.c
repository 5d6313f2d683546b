/* eg-store-reanchor.c - placing a card's highlights again when its text
 * changes
 *
 * When a card's question, answer or parts change (an edit in the app, or
 * an import that gives the card the file's new text), each of its
 * highlights that is not deleted, orphaned ones included, is placed again
 * with eg_anchor_place() over the new rendered text of its field:
 *
 *   - placed: its selectors become those of the new place
 *     (eg_anchor_describe()), it is no longer orphaned and its card_hash is
 *     the card's new content hash;
 *   - not placed confidently, or its field is gone: it is orphaned, with
 *     its selectors, comment and colour kept as they were, so that the user
 *     can attach it again.
 *
 * A highlight is never deleted here.  Everything happens inside the
 * caller's transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eg-store-private.h"

/* A highlight's row as re-anchoring reads it */
typedef struct
{
  gint64    id;
  char     *field;
  EgAnchor *anchor;
  gboolean  orphaned;
  char     *card_hash;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->field);
  g_clear_pointer (&row->anchor, eg_anchor_free);
  g_free (row->card_hash);
}

/* The card's highlights, not deleted, grouped by field: one query over the
 * index of annotations by card, which is all a card without highlights
 * costs. */
static GArray *
read_highlights (EgStore  *self,
                 gint64    card_id,
                 GError  **error)
{
  g_autoptr(GArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _eg_store_cached (self,
    "SELECT id, field, quote_exact, quote_prefix, quote_suffix,"
    "       coalesce (position_start, 0), coalesce (position_end, 0), orphaned, card_hash"
    " FROM annotations WHERE card_id = ?1 AND kind = 'highlight' AND deleted = 0"
    " ORDER BY field, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, card_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = { 0 };

      if (rows == NULL)
        {
          rows = g_array_new (FALSE, TRUE, sizeof (Row));
          g_array_set_clear_func (rows, row_clear);
        }
      row.id = sqlite3_column_int64 (stmt, 0);
      row.field = _eg_store_column_dup (stmt, 1);
      row.anchor = eg_anchor_new ((const char *) sqlite3_column_text (stmt, 2),
                                  (const char *) sqlite3_column_text (stmt, 3),
                                  (const char *) sqlite3_column_text (stmt, 4),
                                  (guint) MAX (sqlite3_column_int64 (stmt, 5), 0),
                                  (guint) MAX (sqlite3_column_int64 (stmt, 6), 0));
      row.orphaned = sqlite3_column_int (stmt, 7) != 0;
      row.card_hash = _eg_store_column_dup (stmt, 8);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot read the card’s highlights"));
      return NULL;
    }
  if (rows == NULL)
    rows = g_array_new (FALSE, TRUE, sizeof (Row));
  return g_steal_pointer (&rows);
}

static gboolean
anchors_equal (const EgAnchor *a,
               const EgAnchor *b)
{
  return a->start == b->start && a->end == b->end &&
         g_strcmp0 (a->exact, b->exact) == 0 &&
         g_strcmp0 (a->prefix, b->prefix) == 0 &&
         g_strcmp0 (a->suffix, b->suffix) == 0;
}

static gboolean
write_placed (EgStore         *self,
              const Row       *row,
              const EgAnchor  *anchor,
              const char      *card_hash,
              GError         **error)
{
  sqlite3_stmt *stmt;

  /* unchanged: nothing to write (an import of a whole deck) */
  if (!row->orphaned && g_strcmp0 (row->card_hash, card_hash) == 0 &&
      anchors_equal (row->anchor, anchor))
    return TRUE;

  stmt = _eg_store_cached (self,
    "UPDATE annotations SET quote_exact = ?2, quote_prefix = ?3, quote_suffix = ?4,"
    "                       position_start = ?5, position_end = ?6, orphaned = 0,"
    "                       card_hash = ?7"
    " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_text (stmt, 2, anchor->exact, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, anchor->prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, anchor->suffix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, anchor->start);
  sqlite3_bind_int64 (stmt, 6, anchor->end);
  sqlite3_bind_text (stmt, 7, card_hash, -1, SQLITE_STATIC);
  return _eg_store_step_done (self, stmt, error);
}

static gboolean
write_orphaned (EgStore    *self,
                const Row  *row,
                GError    **error)
{
  sqlite3_stmt *stmt;

  if (row->orphaned)
    return TRUE;
  stmt = _eg_store_cached (self, "UPDATE annotations SET orphaned = 1 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  return _eg_store_step_done (self, stmt, error);
}

/**
 * _eg_annotation_place_in_text:
 * @anchor: a highlight's selectors
 * @text: (nullable): the new rendered text of its field, %NULL when the
 *   card no longer has the field
 *
 * Returns: (transfer full) (nullable): the selectors of the place
 *   eg_anchor_place() finds for @anchor in @text, or %NULL when the
 *   highlight is orphaned there
 */
EgAnchor *
_eg_annotation_place_in_text (const EgAnchor *anchor,
                              const char     *text)
{
  guint start = 0;
  guint end = 0;

  if (text == NULL || anchor == NULL || anchor->exact == NULL || anchor->exact[0] == '\0')
    return NULL;
  if (eg_anchor_place (anchor, text, &start, &end, NULL) == EG_ANCHOR_ORPHANED)
    return NULL;
  return eg_anchor_describe (text, start, end);
}

/**
 * _eg_store_reanchor_card:
 * @card: the card's new text: its id, question, answer, parts and
 *   content_hash
 * @placed: (inout) (optional): incremented for each highlight placed
 * @orphaned: (inout) (optional): incremented for each highlight orphaned
 *
 * Places each highlight of the card again over its new text (see the top
 * of this file), inside the caller's transaction.  Call it before the
 * card's full-text row is rewritten (_eg_store_replace_card_content()
 * does), so that the row has the highlights' new quotes.  Each field's
 * rendered text is computed once.
 */
gboolean
_eg_store_reanchor_card (EgStore       *self,
                         const EgCard  *card,
                         guint         *placed,
                         guint         *orphaned,
                         GError       **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autofree char *text = NULL;
  const char *text_field = NULL;

  g_return_val_if_fail (card != NULL && card->id > 0, FALSE);

  if (!(rows = read_highlights (self, card->id, error)))
    return FALSE;

  /* rows come grouped by field: one rendering per field */
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_autoptr(EgAnchor) anchor = NULL;

      if (text_field == NULL || g_strcmp0 (text_field, row->field) != 0)
        {
          g_free (text);
          text = eg_annotation_field_text (card, row->field);
          text_field = row->field;
        }

      if ((anchor = _eg_annotation_place_in_text (row->anchor, text)) != NULL)
        {
          if (!write_placed (self, row, anchor, card->content_hash, error))
            return FALSE;
          if (placed != NULL)
            (*placed)++;
        }
      else
        {
          if (!write_orphaned (self, row, error))
            return FALSE;
          if (orphaned != NULL)
            (*orphaned)++;
        }
    }
  return TRUE;
}
