/* eg-store-search-rows.c - running a compiled search (the store's part)
 *
 * One statement returns the matching cards with their section, position
 * and sort key, unordered; each card gets its section's rank in deck order
 * (and by heading) from one read of the sections, and eg-search-sort.c
 * orders them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eg-markdown.h"
#include "eg-search-private.h"
#include "eg-store-private.h"
#include "eg-store-sql.h"

typedef struct
{
  gint64  id;
  guint   rank;           /* in deck order */
  guint   heading_rank;   /* by heading */
} SectionEntry;

typedef struct
{
  GArray *entries;   /* SectionEntry, by id */
  guint   last;
} SectionMap;

static int
compare_section_ids (gconstpointer a,
                     gconstpointer b)
{
  const SectionEntry *x = a, *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

typedef struct
{
  guint  index;
  char  *key;
} HeadingKey;

static int
compare_heading_keys (gconstpointer a,
                      gconstpointer b)
{
  const HeadingKey *x = a, *y = b;
  int c = strcmp (x->key, y->key);

  return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

static void
heading_key_clear (gpointer data)
{
  g_free (((HeadingKey *) data)->key);
}

/* Every section's rank in deck order and, with @by_heading, by heading. */
static gboolean
load_sections (EgStore     *store,
               gboolean     by_heading,
               SectionMap  *map,
               GError     **error)
{
  g_autoptr(GArray) headings = g_array_new (FALSE, FALSE, sizeof (HeadingKey));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (headings, heading_key_clear);
  stmt = _eg_store_cached (store,
    "SELECT sec.id, sec.heading FROM sections sec JOIN decks d ON d.id = sec.deck_id"
    " ORDER BY d.position, d.id, sec.position, sec.id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SectionEntry entry = { sqlite3_column_int64 (stmt, 0), map->entries->len, 0 };

      g_array_append_val (map->entries, entry);
      if (by_heading)
        {
          const char *heading = (const char *) sqlite3_column_text (stmt, 1);
          g_autofree char *plain = eg_markdown_to_plain (heading ? heading : "");
          g_autofree char *name = _eg_search_normalize_name (plain);
          HeadingKey key = { entry.rank, g_utf8_collate_key_for_filename (name, -1) };

          g_array_append_val (headings, key);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (store, error, _("Cannot read the sections"));

  if (by_heading)
    {
      g_array_sort (headings, compare_heading_keys);
      for (guint i = 0; i < headings->len; i++)
        g_array_index (map->entries, SectionEntry,
                       g_array_index (headings, HeadingKey, i).index).heading_rank = i;
    }
  g_array_sort (map->entries, compare_section_ids);
  return TRUE;
}

static const SectionEntry *
find_section (SectionMap *map,
              gint64      id)
{
  static const SectionEntry missing = { 0, G_MAXUINT, G_MAXUINT };
  guint lo = 0, hi = map->entries->len;

  /* cards come mostly section by section */
  if (map->last < map->entries->len &&
      g_array_index (map->entries, SectionEntry, map->last).id == id)
    return &g_array_index (map->entries, SectionEntry, map->last);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 mid_id = g_array_index (map->entries, SectionEntry, mid).id;

      if (mid_id == id)
        {
          map->last = mid;
          return &g_array_index (map->entries, SectionEntry, mid);
        }
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return &missing;
}

/* New cards have no due time, interval, stability, difficulty or
 * retrievability */
#define IF_NOT_NEW(value) "CASE WHEN " EG_STORE_SQL_IS_NEW " THEN NULL ELSE " value " END"

static const struct
{
  const char      *sql;
  EgSearchKeyType  type;
  gboolean         uses_state;
} sort_keys[] = {
  [EG_SORT_DECK_ORDER] = { "NULL", EG_SEARCH_KEY_NONE, FALSE },
  [EG_SORT_NUMBER] = { "c.number", EG_SEARCH_KEY_INT, FALSE },
  [EG_SORT_QUESTION] = { "c.question", EG_SEARCH_KEY_TEXT, FALSE },
  [EG_SORT_SECTION] = { "NULL", EG_SEARCH_KEY_INT, FALSE },   /* the heading rank, see below */
  [EG_SORT_DUE] = { IF_NOT_NEW ("s.due"), EG_SEARCH_KEY_INT, TRUE },
  [EG_SORT_INTERVAL] = { IF_NOT_NEW ("s.scheduled_days"), EG_SEARCH_KEY_INT, TRUE },
  [EG_SORT_STABILITY] = { IF_NOT_NEW ("s.stability"), EG_SEARCH_KEY_DOUBLE, TRUE },
  [EG_SORT_DIFFICULTY] = { IF_NOT_NEW ("s.difficulty"), EG_SEARCH_KEY_DOUBLE, TRUE },
  [EG_SORT_RETRIEVABILITY] = { IF_NOT_NEW ("eg_retrievability (s.stability, s.last_review, ?1)"),
                               EG_SEARCH_KEY_DOUBLE, TRUE },
  [EG_SORT_REVIEWS] = { "s.reps", EG_SEARCH_KEY_INT, TRUE },
  [EG_SORT_LAPSES] = { "s.lapses", EG_SEARCH_KEY_INT, TRUE },
  [EG_SORT_FLAG] = { "c.flag", EG_SEARCH_KEY_INT, FALSE },
  [EG_SORT_MODIFIED] = { "c.modified", EG_SEARCH_KEY_INT, FALSE },
};

gboolean
_eg_store_search_sort_is_valid (EgSortColumn sort)
{
  return (guint) sort < G_N_ELEMENTS (sort_keys);
}

EgSearchKeyType
_eg_store_search_key_type (EgSortColumn sort)
{
  return sort_keys[sort].type;
}

/* The statement _eg_store_search_read_rows() runs: id, section, position,
 * sort key and card key if @with_keys */
static GString *
select_rows (EgSearch     *search,
             EgSortColumn  sort,
             gboolean      with_keys)
{
  GString *sql = g_string_new ("SELECT c.id, c.section_id, c.position, ");
  gboolean needs_text = search->uses_text || sort_keys[sort].type == EG_SEARCH_KEY_TEXT;

  g_string_append (sql, sort_keys[sort].sql);
  if (with_keys)
    g_string_append (sql, ", c.key");
  g_string_append (sql, search->match ? " FROM cards_fts f JOIN cards c" : " FROM cards c");
  /* Cards found by id are read from the narrow index cards_by_id, not the
   * rows with their text (a tenth of the pages to read), unless the text
   * is wanted.  Without statistics (no ANALYZE) SQLite would take the rows.
   */
  if (search->by_id && !needs_text)
    g_string_append (sql, " INDEXED BY cards_by_id");
  if (search->match)
    g_string_append (sql, " ON c.id = f.rowid");
  if (search->uses_state || sort_keys[sort].uses_state)
    g_string_append (sql, " JOIN card_state s ON s.card_id = c.id");
  g_string_append (sql, " WHERE c.deleted = 0");
  if (search->match)
    g_string_append_printf (sql, " AND f.cards_fts MATCH ?%d", search->match);
  if (search->where != NULL)
    g_string_append_printf (sql, " AND (%s)", search->where);
  /* SQLite finds a deck's cards (contiguous rows) through the index
   * (deck_id, key), which holds nothing else, then reads each row.  That is
   * right when the text is read anyway; otherwise "+" leaves it a scan of
   * a narrow index, which costs less for any deck but a small one. */
  g_string_replace (sql, DECK_ID, needs_text ? "c.deck_id" : "+c.deck_id", 0);
  return sql;
}

/* The statement of select_rows(), prepared, its parameters bound */
static sqlite3_stmt *
prepare_rows (EgStore       *store,
              EgSearch      *search,
              EgSortColumn   sort,
              gboolean       with_keys,
              gint64         now_ms,
              int            today,
              GError       **error)
{
  g_autoptr(GString) sql = select_rows (search, sort, with_keys);
  sqlite3_stmt *stmt;

  if (!(stmt = _eg_store_prepare (store, sql->str, error)))
    return NULL;

  /* parameters a statement does not use are ignored (SQLITE_RANGE) */
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int (stmt, 2, today);
  for (guint i = 0; i < search->params->len; i++)
    {
      EgSearchParam *param = &g_array_index (search->params, EgSearchParam, i);
      int n = FIRST_PARAM + i;

      if (param->type == SQLITE_INTEGER)
        sqlite3_bind_int64 (stmt, n, param->i);
      else if (param->type == SQLITE_FLOAT)
        sqlite3_bind_double (stmt, n, param->d);
      else
        sqlite3_bind_text (stmt, n, param->s, -1, SQLITE_STATIC);
    }
  return stmt;
}

/**
 * _eg_store_search_read_rows:
 * @now_ms: the time ?1, which is:due, is:buried and prop:r are relative to
 * @today: the study day ?2 of @now_ms, for is:due, prop:due and rated:
 * @texts: (nullable): holds the questions a sort by question compares
 * @card_keys: (nullable): holds the card keys, when they are wanted
 *
 * Appends to @rows (EgSearchRow) the cards @search finds, with their sort
 * key, in no particular order.  The SQL functions must be set up
 * (_eg_store_search_set_params()).
 */
gboolean
_eg_store_search_read_rows (EgStore       *store,
                            EgSearch      *search,
                            EgSortColumn   sort,
                            gint64         now_ms,
                            int            today,
                            GArray        *rows,
                            GStringChunk  *texts,
                            GStringChunk  *card_keys,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) sections = g_array_new (FALSE, FALSE, sizeof (SectionEntry));
  SectionMap map = { sections, 0 };
  EgSearchKeyType type = sort_keys[sort].type;
  int rc;

  if (!load_sections (store, sort == EG_SORT_SECTION, &map, error))
    return FALSE;

  if (!(stmt = prepare_rows (store, search, sort, card_keys != NULL, now_ms, today, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const SectionEntry *section = find_section (&map, sqlite3_column_int64 (stmt, 1));
      EgSearchRow row = { 0 };

      row.id = sqlite3_column_int64 (stmt, 0);
      row.rank = section->rank;
      row.position = sqlite3_column_int (stmt, 2);
      row.has_key = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      switch (type)
        {
        case EG_SEARCH_KEY_INT:
          if (sort == EG_SORT_SECTION)
            {
              row.key.i = section->heading_rank;
              row.has_key = TRUE;
            }
          else
            row.key.i = sqlite3_column_int64 (stmt, 3);
          break;
        case EG_SEARCH_KEY_DOUBLE:
          row.key.d = sqlite3_column_double (stmt, 3);
          break;
        case EG_SEARCH_KEY_TEXT:
          {
            const char *text = (const char *) sqlite3_column_text (stmt, 3);

            row.text = _eg_search_sort_text (texts, text ? text : "",
                                             sqlite3_column_bytes (stmt, 3));
            break;
          }
        case EG_SEARCH_KEY_NONE:
        default:
          break;
        }
      if (card_keys != NULL)
        row.card_key = g_string_chunk_insert (card_keys,
                                              (const char *) sqlite3_column_text (stmt, 4));
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (store, error, _("Cannot search the cards"));
  return TRUE;
}

/* For the tests: the statement the search runs */
char *
_eg_store_search_statement (EgSearch      *search,
                            EgSortColumn   sort,
                            gboolean       with_keys)
{
  return g_string_free (select_rows (search, sort, with_keys), FALSE);
}

/**
 * _eg_store_search_measure:
 * @fullscan_steps: (out): the steps of full scans of a table
 * @vm_steps: (out): the virtual machine's steps
 *
 * For the tests: runs the statement of a search (after a search ran on
 * @store, which set up its SQL functions) and says what it cost.
 */
gboolean
_eg_store_search_measure (EgStore       *store,
                          EgSearch      *search,
                          EgSortColumn   sort,
                          gint64         now_ms,
                          int            today,
                          int           *fullscan_steps,
                          int           *vm_steps,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_rows (store, search, sort, FALSE, now_ms, today, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    return _eg_store_set_error (store, error, _("Cannot search the cards"));
  *fullscan_steps = sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, FALSE);
  *vm_steps = sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, FALSE);
  return TRUE;
}

/**
 * eg_search_warm_up:
 *
 * Reads into the connection's page cache the index every search by text
 * joins its matches to (cards_by_id, see select_rows()).  Read cold, on
 * the first search after start, it costs a 100,000-card collection ~12 ms
 * of the ~24 ms of a search that finds 20,000 cards; read here, at a time
 * nobody waits, it costs ~25 ms once (nothing much on a small collection).
 *
 * Returns: %FALSE if the index cannot be read
 */
gboolean
eg_search_warm_up (EgStore  *store,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (EG_IS_STORE (store), FALSE);

  stmt = _eg_store_cached (store,
    "SELECT count(*) FROM cards INDEXED BY cards_by_id WHERE deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _eg_store_set_error (store, error, _("Cannot search the cards"));
  return TRUE;
}
