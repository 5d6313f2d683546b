/* eg-store-annotations.c - a card's highlights and note, read and written
 *
 * A row of annotations is a highlight (kind 'highlight': a field of the
 * card, its W3C selectors over the field's rendered text in code points, a
 * comment, a colour and the card's content hash when it was placed) or the
 * card's note (kind 'note', field '').  Rows are never removed: deleting
 * sets deleted to the time, and undo writes a copy back.  Every change is
 * one transaction that also rewrites the card's full-text row, so that the
 * words of quotes, comments and notes find the card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "eg-store-private.h"

/* What deleted holds for a row deleted at @now: never 0, "not deleted" */
#define DELETED_AT(now) MAX ((now), 1)

#define ANNOTATION_QUERY \
  "SELECT a.id, a.card_id, c.key, a.kind, a.field, a.quote_exact, a.quote_prefix," \
  "       a.quote_suffix, a.position_start, a.position_end, a.body, a.color, a.card_hash," \
  "       a.orphaned, a.created, a.modified, a.deleted" \
  "  FROM annotations a JOIN cards c ON c.id = a.card_id"

/* A card's annotations: highlights by field (question, answer, then the
 * parts in the card's order; a field the card no longer has after them),
 * then by place; the note last. */
#define ANNOTATION_ORDER \
  " (a.kind = 'note')," \
  " CASE a.field WHEN 'question' THEN -2 WHEN 'answer' THEN -1" \
  "   ELSE coalesce ((SELECT p.position FROM card_parts p" \
  "                   WHERE p.card_id = a.card_id AND 'part:' || p.name = a.field)," \
  "                  1000000) END," \
  " a.position_start, a.id"

static EgAnnotation *
read_annotation (sqlite3_stmt *stmt)
{
  EgAnnotationKind kind = EG_ANNOTATION_HIGHLIGHT;
  EgAnnotation *annotation;

  eg_annotation_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind);
  annotation = eg_annotation_new (kind);
  annotation->id = sqlite3_column_int64 (stmt, 0);
  annotation->card_id = sqlite3_column_int64 (stmt, 1);
  annotation->card_key = _eg_store_column_dup (stmt, 2);
  g_free (annotation->field);
  annotation->field = _eg_store_column_dup (stmt, 4);
  if (kind == EG_ANNOTATION_HIGHLIGHT)
    annotation->anchor = eg_anchor_new ((const char *) sqlite3_column_text (stmt, 5),
                                        (const char *) sqlite3_column_text (stmt, 6),
                                        (const char *) sqlite3_column_text (stmt, 7),
                                        (guint) MAX (sqlite3_column_int64 (stmt, 8), 0),
                                        (guint) MAX (sqlite3_column_int64 (stmt, 9), 0));
  g_free (annotation->body);
  annotation->body = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  if (annotation->body == NULL)
    annotation->body = g_strdup ("");
  g_free (annotation->color);
  annotation->color = _eg_store_column_dup (stmt, 11);
  annotation->card_hash = _eg_store_column_dup (stmt, 12);
  annotation->orphaned = sqlite3_column_int (stmt, 13) != 0;
  annotation->created = sqlite3_column_int64 (stmt, 14);
  annotation->modified = sqlite3_column_int64 (stmt, 15);
  annotation->deleted = sqlite3_column_int64 (stmt, 16);
  return annotation;
}

/* Whether @text has nothing but white space */
static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
check_utf8 (const char  *text,
            const char  *what,
            GError     **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;
  /* TRANSLATORS: %s is "The comment", "The note" or "The new text" */
  g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID,
               _("%s is not valid UTF-8"), what);
  return FALSE;
}

static gboolean
check_color (const char  *color,
             GError     **error)
{
  g_autofree char *names = NULL;

  if (eg_annotation_color_is_valid (color))
    return TRUE;
  names = g_strjoinv (", ", (char **) eg_annotation_colors ());
  g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID,
               _("“%s” is not a highlight colour (the colours are %s)"), color, names);
  return FALSE;
}

/* Checks that the card exists and is not deleted; its key in @key. */
static gboolean
check_card (EgStore     *self,
            gint64       card_id,
            char       **key,
            GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean deleted;
  int rc;

  stmt = _eg_store_cached (self, "SELECT key, deleted FROM cards WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _eg_store_set_error (self, error, _("Cannot read the card"));
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                   _("No card %lld"), (long long) card_id);
      return FALSE;
    }
  deleted = sqlite3_column_int64 (stmt, 1) != 0;
  if (key != NULL)
    *key = _eg_store_column_dup (stmt, 0);
  if (deleted)
    g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID,
                 _("Card %s is deleted: it cannot be annotated"),
                 (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return !deleted;
}

/* The card, read inside the caller's transaction: it must exist and not be
 * deleted. */
static EgCard *
get_live_card (EgStore  *self,
               gint64    card_id,
               GError  **error)
{
  if (!check_card (self, card_id, NULL, error))
    return NULL;
  return eg_store_get_card (self, card_id, error);
}

/* The card's fields, for a message: "question, answer, part:Indepth" */
static char *
list_fields (const EgCard *card)
{
  GString *fields = g_string_new (EG_ANNOTATION_FIELD_QUESTION ", " EG_ANNOTATION_FIELD_ANSWER);

  for (guint i = 0; card->parts != NULL && i < card->parts->len; i++)
    {
      EgCardPart *part = g_ptr_array_index (card->parts, i);

      g_string_append_printf (fields, ", " EG_ANNOTATION_FIELD_PART "%s", part->name);
    }
  return g_string_free (fields, FALSE);
}

/* "the answer", "the part “Indepth”": a field in a sentence */
static char *
name_field (const char *field)
{
  if (g_strcmp0 (field, EG_ANNOTATION_FIELD_QUESTION) == 0)
    return g_strdup (_("the question"));
  if (g_strcmp0 (field, EG_ANNOTATION_FIELD_ANSWER) == 0)
    return g_strdup (_("the answer"));
  return g_strdup_printf (_("the part “%s”"), field + strlen (EG_ANNOTATION_FIELD_PART));
}

/* The selectors of the passage [start, end) (code points) of the rendered
 * text of @card's @field, or NULL with an error saying what is wrong. */
static EgAnchor *
describe_passage (const EgCard  *card,
                  const char    *field,
                  guint          start,
                  guint          end,
                  GError       **error)
{
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  const char *from;
  glong length;

  if (!eg_annotation_field_is_valid (card, field))
    {
      g_autofree char *fields = list_fields (card);

      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID,
                   _("Card %s has no field “%s” (its fields: %s)"),
                   card->key, field != NULL ? field : "", fields);
      return NULL;
    }

  text = eg_annotation_field_text (card, field);
  label = name_field (field);
  length = g_utf8_strlen (text, -1);
  if (start >= end || end > (gulong) length)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID,
                   start >= end
                   ? _("The passage %u–%u of %s of card %s is empty")
                   : _("The passage %u–%u is outside %s of card %s, which has %ld "
                       "characters"),
                   start, end, label, card->key, length);
      return NULL;
    }

  from = g_utf8_offset_to_pointer (text, start);
  {
    g_autofree char *quote = g_strndup (from, g_utf8_offset_to_pointer (from, end - start) - from);

    if (is_blank (quote))
      {
        g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID,
                     _("The passage %u–%u of %s of card %s has only white space"),
                     start, end, label, card->key);
        return NULL;
      }
  }

  return eg_anchor_describe (text, start, end);
}

/* Reads an annotation by id, deleted or not. */
static EgAnnotation *
read_by_id (EgStore  *self,
            gint64    id,
            GError  **error)
{
  sqlite3_stmt *stmt;
  EgAnnotation *annotation = NULL;
  int rc;

  stmt = _eg_store_cached (self, ANNOTATION_QUERY " WHERE a.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    annotation = read_annotation (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                 _("No annotation %lld"), (long long) id);
  else if (rc != SQLITE_ROW)
    _eg_store_set_error (self, error, _("Cannot read the annotation"));
  return annotation;
}

/* Reads an annotation to change it: it must exist and not be deleted. */
static EgAnnotation *
read_live (EgStore  *self,
           gint64    id,
           GError  **error)
{
  g_autoptr(EgAnnotation) annotation = read_by_id (self, id, error);

  if (annotation != NULL && annotation->deleted != 0)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                   _("Annotation %lld was deleted"), (long long) id);
      return NULL;
    }
  return g_steal_pointer (&annotation);
}

/* Ends a change of @card_id's annotations: its full-text row rewritten and
 * the transaction committed when @ok, rolled back otherwise. */
static gboolean
finish (EgStore   *self,
        gint64     card_id,
        gboolean   ok,
        GError   **error)
{
  if (ok && _eg_store_reindex_card (self, card_id, error) && _eg_store_commit (self, error))
    return TRUE;
  _eg_store_rollback (self);
  return FALSE;
}

static gboolean
insert_highlight (EgStore         *self,
                  const EgCard    *card,
                  const char      *field,
                  const EgAnchor  *anchor,
                  const char      *comment,
                  const char      *color,
                  gint64           now_ms,
                  GError         **error)
{
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "INSERT INTO annotations (card_id, kind, field, quote_exact, quote_prefix, quote_suffix,"
    "                         position_start, position_end, body, color, card_hash, orphaned,"
    "                         created, modified)"
    " VALUES (?1, 'highlight', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?11)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card->id);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, anchor->exact, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, anchor->prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, anchor->suffix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, anchor->start);
  sqlite3_bind_int64 (stmt, 7, anchor->end);
  sqlite3_bind_text (stmt, 8, comment, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, color, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, card->content_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, now_ms);
  return _eg_store_step_done (self, stmt, error);
}

/**
 * eg_store_add_highlight:
 * @field: "question", "answer" or "part:NAME"
 * @start: the passage's first code point in the field's rendered text
 *   (eg_annotation_field_text())
 * @end: the code point after its last
 * @comment: (nullable): Markdown, or %NULL or "" for none
 * @color: (nullable): a name of eg_annotation_colors(), %NULL for the default
 *
 * Highlights a passage of a card that is not deleted.  A bad field, range
 * or colour, a passage of only white space or a comment that is not UTF-8
 * is refused (%EG_STORE_ERROR_INVALID; %EG_STORE_ERROR_NOT_FOUND for a card
 * that does not exist) and nothing is written.
 *
 * Returns: the new highlight's id, or 0 on error
 */
gint64
eg_store_add_highlight (EgStore     *self,
                        gint64       card_id,
                        const char  *field,
                        guint        start,
                        guint        end,
                        const char  *comment,
                        const char  *color,
                        gint64       now_ms,
                        GError     **error)
{
  g_autoptr(EgCard) card = NULL;
  g_autoptr(EgAnchor) anchor = NULL;
  gint64 id = 0;

  g_return_val_if_fail (EG_IS_STORE (self), 0);

  if (color == NULL)
    color = EG_ANNOTATION_DEFAULT_COLOR;
  if (comment == NULL || is_blank (comment))
    comment = "";
  if (!check_color (color, error) || !check_utf8 (comment, _("The comment"), error))
    return 0;

  if (!_eg_store_begin (self, error))
    return 0;
  if ((card = get_live_card (self, card_id, error)) != NULL &&
      (anchor = describe_passage (card, field, start, end, error)) != NULL &&
      insert_highlight (self, card, field, anchor, comment, color, now_ms, error))
    id = sqlite3_last_insert_rowid (_eg_store_get_db (self));
  if (!finish (self, card_id, id != 0, error))
    return 0;
  return id;
}

/* The id of the card's note: the one not deleted, else (@deleted) the one
 * deleted last; 0 when there is none. */
static gboolean
find_note (EgStore   *self,
           gint64     card_id,
           gboolean   deleted,
           gint64    *id,
           GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (deleted)
    stmt = _eg_store_cached (self,
                             "SELECT id FROM annotations WHERE card_id = ?1 AND kind = 'note'"
                             " AND deleted != 0 ORDER BY deleted DESC, id DESC LIMIT 1", error);
  else
    stmt = _eg_store_cached (self,
                             "SELECT id FROM annotations WHERE card_id = ?1 AND kind = 'note'"
                             " AND deleted = 0 ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  rc = sqlite3_step (stmt);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _eg_store_set_error (self, error, _("Cannot read the card's note"));
  return TRUE;
}

/* Writes the card's note: a new one (@id 0), a new body, or deleted. */
static gint64
write_note (EgStore     *self,
            gint64       card_id,
            gint64       id,
            const char  *body,
            gboolean     deleted,
            gint64       now_ms,
            GError     **error)
{
  sqlite3_stmt *stmt;

  if (id == 0)
    stmt = _eg_store_cached (self,
                             "INSERT INTO annotations (card_id, kind, field, body, created,"
                             "                         modified, deleted)"
                             " VALUES (?1, 'note', '', ?2, ?3, ?3, ?4)", error);
  else if (deleted)
    stmt = _eg_store_cached (self, "UPDATE annotations SET deleted = ?4 WHERE id = ?5", error);
  else
    stmt = _eg_store_cached (self, "UPDATE annotations SET body = ?2, modified = ?3"
                             " WHERE id = ?5", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now_ms);
  sqlite3_bind_int64 (stmt, 4, deleted ? DELETED_AT (now_ms) : 0);
  sqlite3_bind_int64 (stmt, 5, id);
  if (!_eg_store_step_done (self, stmt, error))
    return 0;
  return id != 0 ? id : sqlite3_last_insert_rowid (_eg_store_get_db (self));
}

/**
 * eg_store_set_note:
 * @body: (nullable): the note (Markdown); "", only white space or %NULL
 *   deletes it
 *
 * Sets the note of a card that is not deleted (one per card): creates it,
 * replaces its text, or deletes it.  Deleting a card's note when it has
 * none writes a deleted note, so that the id returned is always a note's.
 *
 * Returns: the note's id (also when it was deleted), or 0 on error
 */
gint64
eg_store_set_note (EgStore     *self,
                   gint64       card_id,
                   const char  *body,
                   gint64       now_ms,
                   GError     **error)
{
  gboolean clear;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (EG_IS_STORE (self), 0);

  if (!check_utf8 (body, _("The note"), error))
    return 0;
  clear = body == NULL || is_blank (body);

  if (!_eg_store_begin (self, error))
    return 0;
  ok = check_card (self, card_id, NULL, error) && find_note (self, card_id, FALSE, &id, error);
  if (ok && clear && id == 0)
    {
      /* nothing to delete: the last deleted note, or a new deleted one */
      ok = find_note (self, card_id, TRUE, &id, error) &&
           (id != 0 || (id = write_note (self, card_id, 0, "", TRUE, now_ms, error)) != 0);
    }
  else if (ok)
    ok = (id = write_note (self, card_id, id, clear ? "" : body, clear, now_ms, error)) != 0;
  if (!finish (self, card_id, ok, error))
    return 0;
  return id;
}

/**
 * eg_store_get_note:
 *
 * Returns: (transfer full) (nullable): the card's note, or %NULL when it
 *   has none (@error is then set only when the card does not exist or the
 *   collection cannot be read)
 */
EgAnnotation *
eg_store_get_note (EgStore  *self,
                   gint64    card_id,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  EgAnnotation *note = NULL;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  stmt = _eg_store_cached (self,
                           ANNOTATION_QUERY " WHERE a.card_id = ?1 AND a.kind = 'note'"
                           " AND a.deleted = 0 ORDER BY a.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, card_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    note = read_annotation (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return note;
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot read the card's note"));
      return NULL;
    }

  /* no note: say so only when there is no such card */
  {
    g_autoptr(GError) local_error = NULL;

    if (!check_card (self, card_id, NULL, &local_error) &&
        !g_error_matches (local_error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID))
      g_propagate_error (error, g_steal_pointer (&local_error));
  }
  return NULL;
}

/**
 * eg_store_get_annotation:
 *
 * Returns: (transfer full): the annotation with id @id, deleted or not
 *   (%EG_STORE_ERROR_NOT_FOUND when there is none)
 */
EgAnnotation *
eg_store_get_annotation (EgStore  *self,
                         gint64    id,
                         GError  **error)
{
  g_return_val_if_fail (EG_IS_STORE (self), NULL);

  return read_by_id (self, id, error);
}

/**
 * eg_store_list_annotations:
 * @card_id: a card, or 0 for the annotations of every card not deleted
 * @flags: %EG_STORE_ANNOTATIONS_ORPHANED for the orphaned highlights only
 *
 * Lists annotations not deleted: a card's highlights by field (question,
 * answer, parts) and place, its note last; with @card_id 0, by deck,
 * section and card first.
 *
 * Returns: (transfer full) (element-type EgAnnotation): the annotations
 */
GPtrArray *
eg_store_list_annotations (EgStore                  *self,
                           gint64                    card_id,
                           EgStoreAnnotationsFlags   flags,
                           GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  gboolean orphaned = (flags & EG_STORE_ANNOTATIONS_ORPHANED) != 0;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (self), NULL);

#define ORPHANED " AND a.kind = 'highlight' AND a.orphaned = 1"
#define EVERY_CARD \
  ANNOTATION_QUERY " JOIN sections sec ON sec.id = c.section_id JOIN decks d ON d.id = c.deck_id" \
  " WHERE a.deleted = 0 AND c.deleted = 0"
#define EVERY_CARD_ORDER " ORDER BY d.position, d.id, sec.position, c.position, c.id,"

  /* one card's through the index annotations_card */
  if (card_id != 0)
    stmt = _eg_store_prepare (self, orphaned
                              ? ANNOTATION_QUERY " WHERE a.card_id = ?1 AND a.deleted = 0"
                                ORPHANED " ORDER BY" ANNOTATION_ORDER
                              : ANNOTATION_QUERY " WHERE a.card_id = ?1 AND a.deleted = 0"
                                " ORDER BY" ANNOTATION_ORDER, error);
  else
    stmt = _eg_store_prepare (self, orphaned
                              ? EVERY_CARD ORPHANED EVERY_CARD_ORDER ANNOTATION_ORDER
                              : EVERY_CARD EVERY_CARD_ORDER ANNOTATION_ORDER, error);
#undef ORPHANED
#undef EVERY_CARD
#undef EVERY_CARD_ORDER
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, card_id);

  annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_annotation_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (annotations, read_annotation (stmt));
  if (rc != SQLITE_DONE)
    {
      _eg_store_set_error (self, error, _("Cannot list annotations"));
      return NULL;
    }
  return g_steal_pointer (&annotations);
}

/* Annotations not deleted of @n cards, counted @n at a time */
static gboolean
count_some (EgStore       *self,
            const gint64  *card_ids,
            guint          n,
            guint         *count,
            GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM annotations"
                                         " WHERE deleted = 0 AND card_id IN (");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append (sql, i ? ",?" : "?");
  g_string_append (sql, ")");
  if (!(stmt = _eg_store_prepare (self, sql->str, error)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    sqlite3_bind_int64 (stmt, i + 1, card_ids[i]);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _eg_store_set_error (self, error, _("Cannot count annotations"));
  *count += sqlite3_column_int (stmt, 0);
  return TRUE;
}

/**
 * eg_store_count_annotations:
 * @card_ids: (array length=n_cards): cards (each counted once)
 *
 * How many annotations (highlights and notes, orphaned ones too, deleted
 * ones not) the cards have: what deleting them would hide.
 *
 * Returns: the count, 0 on error
 */
guint
eg_store_count_annotations (EgStore       *self,
                            const gint64  *card_ids,
                            guint          n_cards,
                            GError       **error)
{
  /* well under SQLite's limit of 32,766 parameters */
  enum { BATCH = 500 };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint count = 0;

  g_return_val_if_fail (EG_IS_STORE (self), 0);
  g_return_val_if_fail (card_ids != NULL || n_cards == 0, 0);

  for (guint i = 0; i < n_cards; i++)
    if (g_hash_table_add (seen, (gpointer) &card_ids[i]))
      g_array_append_val (ids, card_ids[i]);

  if (!eg_store_begin_read (self, error))
    return 0;
  for (guint i = 0; i < ids->len; i += BATCH)
    if (!count_some (self, &g_array_index (ids, gint64, i), MIN (BATCH, ids->len - i),
                     &count, error))
      {
        count = 0;
        break;
      }
  eg_store_end_read (self);
  return count;
}

/**
 * eg_store_update_annotation:
 * @body: (nullable): the highlight's new comment or the note's new text,
 *   %NULL to keep it; only white space is no comment, and deletes a note
 * @color: (nullable): a highlight's new colour, %NULL to keep it
 *
 * Changes an annotation that is not deleted, of a card not deleted.
 */
gboolean
eg_store_update_annotation (EgStore     *self,
                            gint64       id,
                            const char  *body,
                            const char  *color,
                            gint64       now_ms,
                            GError     **error)
{
  g_autoptr(EgAnnotation) annotation = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean deletes = FALSE;
  gboolean ok;

  g_return_val_if_fail (EG_IS_STORE (self), FALSE);

  if (!check_utf8 (body, _("The new text"), error) ||
      (color != NULL && !check_color (color, error)))
    return FALSE;
  if (body != NULL && is_blank (body))
    body = "";

  if (!_eg_store_begin (self, error))
    return FALSE;
  ok = (annotation = read_live (self, id, error)) != NULL &&
       check_card (self, annotation->card_id, NULL, error);
  if (ok && annotation->kind == EG_ANNOTATION_NOTE && color != NULL)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID,
                   _("Annotation %lld is a note, and a note has no colour"), (long long) id);
      ok = FALSE;
    }
  deletes = ok && annotation->kind == EG_ANNOTATION_NOTE && body != NULL && body[0] == '\0';

  if (ok && (stmt = _eg_store_cached (self,
               "UPDATE annotations SET body = coalesce (?2, body), color = coalesce (?3, color),"
               "                       modified = ?4, deleted = ?5 WHERE id = ?1", error)) == NULL)
    ok = FALSE;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (!deletes)
        sqlite3_bind_text (stmt, 2, body, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, color, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, deletes ? annotation->modified : now_ms);
      sqlite3_bind_int64 (stmt, 5, deletes ? DELETED_AT (now_ms) : 0);
      ok = _eg_store_step_done (self, stmt, error);
    }
  return finish (self, annotation != NULL ? annotation->card_id : 0, ok, error);
}

/**
 * eg_store_reattach_highlight:
 *
 * Places a highlight (orphaned or not, not deleted) on a new passage of a
 * field of its card, checked as eg_store_add_highlight() checks one: new
 * selectors, no longer orphaned, made on the card's current text.  Its
 * comment and colour stay.
 */
gboolean
eg_store_reattach_highlight (EgStore     *self,
                             gint64       id,
                             const char  *field,
                             guint        start,
                             guint        end,
                             gint64       now_ms,
                             GError     **error)
{
  g_autoptr(EgAnnotation) annotation = NULL;
  g_autoptr(EgCard) card = NULL;
  g_autoptr(EgAnchor) anchor = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (EG_IS_STORE (self), FALSE);

  if (!_eg_store_begin (self, error))
    return FALSE;
  ok = (annotation = read_live (self, id, error)) != NULL;
  if (ok && annotation->kind != EG_ANNOTATION_HIGHLIGHT)
    {
      g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID,
                   _("Annotation %lld is a note, not a highlight"), (long long) id);
      ok = FALSE;
    }
  ok = ok && (card = get_live_card (self, annotation->card_id, error)) != NULL &&
       (anchor = describe_passage (card, field, start, end, error)) != NULL &&
       (stmt = _eg_store_cached (self,
          "UPDATE annotations SET field = ?2, quote_exact = ?3, quote_prefix = ?4,"
          "                       quote_suffix = ?5, position_start = ?6, position_end = ?7,"
          "                       card_hash = ?8, orphaned = 0, modified = ?9"
          " WHERE id = ?1", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, anchor->exact, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, anchor->prefix, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, anchor->suffix, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, anchor->start);
      sqlite3_bind_int64 (stmt, 7, anchor->end);
      sqlite3_bind_text (stmt, 8, card->content_hash, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 9, now_ms);
      ok = _eg_store_step_done (self, stmt, error);
    }
  return finish (self, annotation != NULL ? annotation->card_id : 0, ok, error);
}

/**
 * eg_store_delete_annotation:
 *
 * Deletes a highlight or note that is not deleted yet: it is kept, with
 * @now_ms as the time it was deleted, for undo (eg_store_put_annotation()).
 */
gboolean
eg_store_delete_annotation (EgStore  *self,
                            gint64    id,
                            gint64    now_ms,
                            GError  **error)
{
  g_autoptr(EgAnnotation) annotation = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (EG_IS_STORE (self), FALSE);

  if (!_eg_store_begin (self, error))
    return FALSE;
  ok = (annotation = read_live (self, id, error)) != NULL &&
       (stmt = _eg_store_cached (self, "UPDATE annotations SET deleted = ?2 WHERE id = ?1",
                                 error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, DELETED_AT (now_ms));
      ok = _eg_store_step_done (self, stmt, error);
    }
  return finish (self, annotation != NULL ? annotation->card_id : 0, ok, error);
}

static gboolean
check_copy (const EgAnnotation  *a,
            GError             **error)
{
  const char *problem = NULL;

  if (a->id <= 0)
    problem = _("it has no id");
  else if (a->kind != EG_ANNOTATION_HIGHLIGHT && a->kind != EG_ANNOTATION_NOTE)
    problem = _("it is neither a highlight nor a note");
  else if (a->field == NULL || a->body == NULL || !g_utf8_validate (a->body, -1, NULL))
    problem = _("its field or text is missing or not UTF-8");
  else if (a->kind == EG_ANNOTATION_HIGHLIGHT &&
           (a->anchor == NULL || a->anchor->exact == NULL || a->anchor->exact[0] == '\0'))
    problem = _("a highlight needs the text it highlights");
  else if (a->kind == EG_ANNOTATION_HIGHLIGHT && !eg_annotation_color_is_valid (a->color))
    problem = _("its colour is not one of the highlight colours");
  if (problem == NULL)
    return TRUE;
  g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID,
               _("Cannot put annotation %lld back: %s"), (long long) a->id, problem);
  return FALSE;
}

static gboolean
write_copy (EgStore             *self,
            const EgAnnotation  *a,
            GError             **error)
{
  gboolean highlight = a->kind == EG_ANNOTATION_HIGHLIGHT;
  sqlite3_stmt *stmt = _eg_store_cached (self,
    "INSERT INTO annotations (id, card_id, kind, field, quote_exact, quote_prefix, quote_suffix,"
    "                         position_start, position_end, body, color, card_hash, orphaned,"
    "                         created, modified, deleted)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
    " ON CONFLICT (id) DO UPDATE SET card_id = excluded.card_id, kind = excluded.kind,"
    "   field = excluded.field, quote_exact = excluded.quote_exact,"
    "   quote_prefix = excluded.quote_prefix, quote_suffix = excluded.quote_suffix,"
    "   position_start = excluded.position_start, position_end = excluded.position_end,"
    "   body = excluded.body, color = excluded.color, card_hash = excluded.card_hash,"
    "   orphaned = excluded.orphaned, created = excluded.created,"
    "   modified = excluded.modified, deleted = excluded.deleted", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->id);
  sqlite3_bind_int64 (stmt, 2, a->card_id);
  sqlite3_bind_text (stmt, 3, eg_annotation_kind_to_string (a->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, a->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, highlight ? a->anchor->exact : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, highlight && a->anchor->prefix ? a->anchor->prefix : "", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, highlight && a->anchor->suffix ? a->anchor->suffix : "", -1,
                     SQLITE_STATIC);
  if (highlight)
    {
      sqlite3_bind_int64 (stmt, 8, a->anchor->start);
      sqlite3_bind_int64 (stmt, 9, a->anchor->end);
      sqlite3_bind_text (stmt, 11, a->color, -1, SQLITE_STATIC);
    }
  sqlite3_bind_text (stmt, 10, a->body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, a->card_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 13, highlight && a->orphaned);
  sqlite3_bind_int64 (stmt, 14, a->created);
  sqlite3_bind_int64 (stmt, 15, a->modified);
  sqlite3_bind_int64 (stmt, 16, a->deleted);
  return _eg_store_step_done (self, stmt, error);
}

/**
 * eg_store_put_annotation:
 * @annotation: a whole annotation, as eg_store_get_annotation() read it
 *
 * Writes @annotation back by its id, every column as the copy has it: how
 * undo restores an annotation (a copy with @deleted 0 restores a deleted
 * one; one with @deleted set deletes it again).  The card must exist; it
 * may be deleted, and the passage is not checked against its text (the
 * copy may be orphaned).
 */
gboolean
eg_store_put_annotation (EgStore             *self,
                         const EgAnnotation  *annotation,
                         GError             **error)
{
  g_autoptr(EgAnnotation) before = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 moved_from = 0;
  gboolean ok;

  g_return_val_if_fail (EG_IS_STORE (self), FALSE);
  g_return_val_if_fail (annotation != NULL, FALSE);

  if (!check_copy (annotation, error) || !_eg_store_begin (self, error))
    return FALSE;

  ok = check_card (self, annotation->card_id, NULL, &local_error) ||
       g_error_matches (local_error, EG_STORE_ERROR, EG_STORE_ERROR_INVALID);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  g_clear_error (&local_error);

  /* the card it was on before, when the copy moves it, is reindexed too */
  if (ok)
    {
      before = read_by_id (self, annotation->id, &local_error);
      if (before != NULL && before->card_id != annotation->card_id)
        moved_from = before->card_id;
      else if (before == NULL &&
               !g_error_matches (local_error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }

  ok = ok && write_copy (self, annotation, error) &&
       (moved_from == 0 || _eg_store_reindex_card (self, moved_from, error));
  return finish (self, annotation->card_id, ok, error);
}
