/* eg-card-model.c - the cards matching a search, paged in from SQLite
 *
 * The search runs in SQL (filter and sort) and gives the matching card ids;
 * only those are kept.  A row object is made when the view asks for its
 * position, its page read in one query; at most MAX_PAGES pages are kept,
 * and the pages the view holds rows of.  So 100,000 matching cards cost
 * 800 KB of ids, not 100,000 objects.
 *
 * The cards can be narrowed to a deck (#EgCardModel:deck-id: the search
 * then names the deck, see scoped_search()) or a section (the ids the
 * search finds are kept when they are among the section's, read from an
 * index and kept as a set until the collection changes).
 *
 * The model is its own selection, kept as positions and carried over a new
 * search by card id.  (GtkMultiSelection keeps the selected row objects and,
 * when rows are replaced, looks for them among every new row: asking for
 * all 100,000 of them.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-card-model"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "eg-card-model.h"

#include <string.h>

#define MAX_PAGES 32

struct _EgCardModel
{
  GObject       parent_instance;

  EgScheduler  *scheduler;
  GArray       *ids;         /* gint64, in order */
  GHashTable   *pages;       /* page number -> GPtrArray of EgCardRow */
  GQueue        page_order;  /* page numbers, oldest first */
  GHashTable   *sections;    /* section id -> plain heading */
  GtkBitset    *selected;    /* positions */

  char         *search;
  char         *filter;       /* as set; the ids were found with ids_filter */
  char         *ids_filter;
  GStrv         terms;        /* of the search the ids were found with */
  gint64        deck_id;      /* as set; the ids were found with ids_deck_id */
  gint64        ids_deck_id;
  gint64        section_id;
  EgSortColumn  sort;
  gboolean      descending;

  GArray       *scope_ids;    /* the section's cards, or NULL */
  GHashTable   *scope;        /* the same as a set (keys into scope_ids) */
  gint64        scope_section_id;
};

enum {
  PROP_0,
  PROP_DECK_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOAD_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EgCardModel, eg_card_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

static GType
eg_card_model_get_item_type (GListModel *model)
{
  return EG_TYPE_CARD_ROW;
}

static guint
eg_card_model_get_n_items (GListModel *model)
{
  return EG_CARD_MODEL (model)->ids->len;
}

static gboolean
load_sections (EgCardModel  *self,
               GError      **error)
{
  g_autoptr(GPtrArray) sections =
    eg_store_list_section_headings (eg_scheduler_get_store (self->scheduler), 0, error);

  if (sections == NULL)
    return FALSE;
  g_hash_table_remove_all (self->sections);
  for (guint i = 0; i < sections->len; i++)
    {
      EgSectionInfo *info = g_ptr_array_index (sections, i);
      gint64 *id = g_new (gint64, 1);

      *id = info->id;
      g_hash_table_insert (self->sections, id, eg_markdown_to_plain (info->heading));
    }
  return TRUE;
}

static void
unref_row (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

/* Whether something outside the model, a row widget of the view, holds a
 * row of @rows.  Such a page is neither forgotten nor replaced: its rows are
 * refilled in place. */
static gboolean
page_in_use (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GObject *row = g_ptr_array_index (rows, i);

      if (row != NULL && g_atomic_int_get (&row->ref_count) > 1)
        return TRUE;
    }
  return FALSE;
}

/* Reads the cards of @page into @rows, one per position: the rows there
 * are refilled, the missing ones made, those past the end dropped.  A card
 * deleted since the ids were read leaves its row as it was (or NULL).  A
 * page that cannot be read is said with #EgCardModel::load-failed (the
 * list model's get_item() has no error to return); get_item() gives a row
 * that says the card cannot be read where there is none. */
static gboolean
fill_page (EgCardModel *self,
           guint        page,
           GPtrArray   *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  const EgFsrsParams *params = eg_scheduler_get_params (self->scheduler);
  guint first = page * EG_CARD_MODEL_PAGE_SIZE;
  guint n = MIN (EG_CARD_MODEL_PAGE_SIZE, self->ids->len - first);
  gint64 now = eg_time_now_ms ();
  int today = eg_scheduler_study_day (self->scheduler, now);
  guint next = 0;

  cards = eg_store_get_cards (eg_scheduler_get_store (self->scheduler),
                              &g_array_index (self->ids, gint64, first), n, &error);
  if (cards != NULL && g_hash_table_size (self->sections) == 0 && !load_sections (self, &error))
    g_clear_pointer (&cards, g_ptr_array_unref);
  for (guint i = 0; cards != NULL && i < cards->len; i++)
    if (!g_hash_table_contains (self->sections,
                                &((EgCard *) g_ptr_array_index (cards, i))->section_id))
      {
        if (!load_sections (self, &error))   /* a section added since */
          g_clear_pointer (&cards, g_ptr_array_unref);
        break;
      }
  if (cards == NULL)
    {
      g_signal_emit (self, signals[LOAD_FAILED], 0, error);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      EgCard *card = NULL;
      const char *section = NULL;

      /* the cards come in the order asked, without the missing ones */
      if (next < cards->len &&
          ((EgCard *) g_ptr_array_index (cards, next))->id ==
          g_array_index (self->ids, gint64, first + i))
        card = g_ptr_array_index (cards, next++);
      if (card != NULL)
        section = g_hash_table_lookup (self->sections, &card->section_id);

      if (i >= rows->len)
        g_ptr_array_add (rows, card ? eg_card_row_new (card, section, params, now, today) : NULL);
      else if (card != NULL && g_ptr_array_index (rows, i) != NULL)
        eg_card_row_update (g_ptr_array_index (rows, i), card, section, params, now,
                            today);
      else if (card != NULL)
        rows->pdata[i] = eg_card_row_new (card, section, params, now, today);
    }
  g_ptr_array_set_size (rows, n);
  return TRUE;
}

/* Forgets the oldest pages over the limit, but never one in use. */
static void
forget_pages (EgCardModel *self,
              guint        keep)
{
  guint n = g_queue_get_length (&self->page_order);

  for (guint i = 0; i < n && g_queue_get_length (&self->page_order) > keep; i++)
    {
      gpointer page = g_queue_pop_head (&self->page_order);

      if (page_in_use (g_hash_table_lookup (self->pages, page)))
        g_queue_push_tail (&self->page_order, page);
      else
        g_hash_table_remove (self->pages, page);
    }
}

static GPtrArray *
load_page (EgCardModel *self,
           guint        page)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (EG_CARD_MODEL_PAGE_SIZE, unref_row);

  if (!fill_page (self, page, rows))
    return NULL;
  forget_pages (self, MAX_PAGES - 1);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), g_ptr_array_ref (rows));
  g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));
  return rows;
}

static gpointer
eg_card_model_get_item (GListModel *model,
                        guint       position)
{
  EgCardModel *self = EG_CARD_MODEL (model);
  guint page = position / EG_CARD_MODEL_PAGE_SIZE;
  guint index = position % EG_CARD_MODEL_PAGE_SIZE;
  GPtrArray *rows;
  gpointer row;

  if (position >= self->ids->len)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    rows = load_page (self, page);
  row = rows != NULL && index < rows->len ? g_ptr_array_index (rows, index) : NULL;
  /* a card that cannot be read (said with load-failed) still has a row */
  return row ? g_object_ref (row)
             : eg_card_row_new_unreadable (g_array_index (self->ids, gint64, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = eg_card_model_get_item_type;
  iface->get_n_items = eg_card_model_get_n_items;
  iface->get_item = eg_card_model_get_item;
}

static gboolean
eg_card_model_is_selected (GtkSelectionModel *model,
                           guint              position)
{
  return gtk_bitset_contains (EG_CARD_MODEL (model)->selected, position);
}

static GtkBitset *
eg_card_model_get_selection_in_range (GtkSelectionModel *model,
                                      guint              position,
                                      guint              n_items)
{
  return gtk_bitset_ref (EG_CARD_MODEL (model)->selected);
}

static gboolean
eg_card_model_set_selection (GtkSelectionModel *model,
                             GtkBitset         *selected,
                             GtkBitset         *mask)
{
  EgCardModel *self = EG_CARD_MODEL (model);
  g_autoptr(GtkBitset) changes = gtk_bitset_copy (self->selected);
  g_autoptr(GtkBitset) added = gtk_bitset_copy (selected);
  guint first, last;

  gtk_bitset_intersect (added, mask);
  gtk_bitset_subtract (self->selected, mask);
  gtk_bitset_union (self->selected, added);
  gtk_bitset_remove_range_closed (self->selected, self->ids->len, G_MAXUINT);

  gtk_bitset_difference (changes, self->selected);   /* what flipped */
  if (gtk_bitset_is_empty (changes))
    return TRUE;
  first = gtk_bitset_get_minimum (changes);
  last = gtk_bitset_get_maximum (changes);
  gtk_selection_model_selection_changed (model, first, last - first + 1);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = eg_card_model_is_selected;
  iface->get_selection_in_range = eg_card_model_get_selection_in_range;
  iface->set_selection = eg_card_model_set_selection;
}

static void
eg_card_model_finalize (GObject *object)
{
  EgCardModel *self = (EgCardModel *)object;

  g_clear_object (&self->scheduler);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_clear_pointer (&self->selected, gtk_bitset_unref);
  g_clear_pointer (&self->scope, g_hash_table_unref);
  g_clear_pointer (&self->scope_ids, g_array_unref);
  g_queue_clear (&self->page_order);
  g_free (self->search);
  g_free (self->filter);
  g_free (self->ids_filter);
  g_strfreev (self->terms);

  G_OBJECT_CLASS (eg_card_model_parent_class)->finalize (object);
}

static void
eg_card_model_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EgCardModel *self = EG_CARD_MODEL (object);

  switch (prop_id)
    {
    case PROP_DECK_ID:
      g_value_set_int64 (value, self->deck_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eg_card_model_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EgCardModel *self = EG_CARD_MODEL (object);

  switch (prop_id)
    {
    case PROP_DECK_ID:
      eg_card_model_set_deck_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eg_card_model_class_init (EgCardModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eg_card_model_finalize;
  object_class->get_property = eg_card_model_get_property;
  object_class->set_property = eg_card_model_set_property;

  /**
   * EgCardModel:deck-id:
   *
   * Only the cards of this deck; 0 for every deck.  It narrows the cards
   * from the next eg_card_model_set_query() or eg_card_model_reload() on,
   * so that a new deck and a new search are read once.
   */
  properties[PROP_DECK_ID] =
    g_param_spec_int64 ("deck-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EgCardModel::load-failed:
   * @error: why
   *
   * Rows the view asked for could not be read from the collection.
   */
  signals[LOAD_FAILED] = g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
eg_card_model_init (EgCardModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->sections = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->selected = gtk_bitset_new_empty ();
  g_queue_init (&self->page_order);
  self->sort = EG_SORT_DECK_ORDER;
}

EgCardModel *
eg_card_model_new (EgScheduler *scheduler)
{
  EgCardModel *self = g_object_new (EG_TYPE_CARD_MODEL, NULL);

  self->scheduler = g_object_ref (scheduler);
  return self;
}

/* The positions in @ids of the cards selected now. */
static GtkBitset *
carry_selection (EgCardModel *self,
                 GArray      *ids)
{
  g_autoptr(GHashTable) chosen = NULL;
  GtkBitset *selection = gtk_bitset_new_empty ();
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_is_empty (self->selected))
    return selection;

  chosen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, self->selected, &position);
       ok && position < self->ids->len;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_hash_table_add (chosen, &g_array_index (self->ids, gint64, position));

  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (chosen, &g_array_index (ids, gint64, i)))
      gtk_bitset_add (selection, i);
  return selection;
}

/* After the ids changed: the pages a view holds rows of are refilled for
 * their positions, the others forgotten.  FALSE when a page in use could
 * not be read. */
static gboolean
refill_pages (EgCardModel *self)
{
  GHashTableIter iter;
  gpointer page, rows;
  gboolean ok = TRUE;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &page, &rows))
    {
      gboolean in_use = page_in_use (rows);

      if (in_use && GPOINTER_TO_UINT (page) * EG_CARD_MODEL_PAGE_SIZE < self->ids->len)
        {
          if (fill_page (self, GPOINTER_TO_UINT (page), rows))
            continue;
          ok = FALSE;
        }
      g_queue_remove (&self->page_order, page);
      g_hash_table_iter_remove (&iter);
    }
  return ok;
}

/* The cards of the model's section, as a set of ids (from an index); NULL
 * (and no error) for no section.  Kept while the collection is the same. */
static GHashTable *
section_cards (EgCardModel  *self,
               gboolean      same_data,
               GError      **error)
{
  g_autoptr(GHashTable) scope = NULL;
  g_autoptr(GArray) ids = NULL;

  if (self->section_id == 0)
    return NULL;
  if (self->scope != NULL && same_data && self->scope_section_id == self->section_id)
    return self->scope;

  g_clear_pointer (&self->scope, g_hash_table_unref);
  g_clear_pointer (&self->scope_ids, g_array_unref);
  ids = eg_store_list_card_ids (eg_scheduler_get_store (self->scheduler), self->section_id,
                                error);
  if (ids == NULL)
    return NULL;
  scope = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (scope, &g_array_index (ids, gint64, i));
  self->scope_ids = g_steal_pointer (&ids);
  self->scope = g_steal_pointer (&scope);
  self->scope_section_id = self->section_id;
  return self->scope;
}

/* Keeps, of @ids, those of the model's section. */
static gboolean
narrow_to_section (EgCardModel  *self,
                   GArray       *ids,
                   gboolean      same_data,
                   GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  GHashTable *scope = section_cards (self, same_data, &local_error);
  guint kept = 0;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (scope == NULL)
    return TRUE;
  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (scope, &g_array_index (ids, gint64, i)))
      g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
  g_array_set_size (ids, kept);
  return TRUE;
}

/* The search to run: the user's, narrowed to the model's filter (a saved
 * search) and deck.  Each is parsed on its own (eg_search_new_scoped()),
 * so that an error names the columns of the user's own text.  The deck
 * goes into the search, by its key, so that SQL filters and sorts only
 * its cards. */
static EgSearch *
scoped_search (EgCardModel  *self,
               GError      **error)
{
  g_autoptr(GPtrArray) decks = NULL;
  g_autofree char *deck = NULL;
  const char *scopes[3] = { NULL, NULL, NULL };
  guint n = 0;

  if (self->filter != NULL && self->filter[0] != '\0')
    scopes[n++] = self->filter;
  if (self->deck_id != 0)
    {
      g_autoptr(EgSearch) check = NULL;

      /* a wrong search is said before anything is read */
      if (!(check = eg_search_new (self->search, error)) ||
          !(decks = eg_store_list_decks (eg_scheduler_get_store (self->scheduler), error)))
        return NULL;
      for (guint i = 0; i < decks->len && deck == NULL; i++)
        {
          EgDeckInfo *info = g_ptr_array_index (decks, i);

          /* a key is a slug: letters, digits and "-" */
          if (info->id == self->deck_id)
            deck = g_strdup_printf ("deck:\"%s\"", info->key);
        }
      if (deck == NULL)
        {
          g_set_error (error, EG_STORE_ERROR, EG_STORE_ERROR_NOT_FOUND,
                       _("The deck is no longer in the collection"));
          return NULL;
        }
      scopes[n++] = deck;
    }
  return eg_search_new_scoped (self->search, scopes, error);
}

/* Runs the search again.  The rows a view shows are refilled in place, so
 * that only the difference in length is an items-changed: GTK 4.8's list
 * view, seeing the rows it tracks replaced, would look for them among every
 * new row.  @same_data: the cards have not changed since the last load,
 * only the query: the same cards in the same order need nothing done. */
static gboolean
reload (EgCardModel  *self,
        gboolean      same_data,
        GError      **error)
{
  g_autoptr(EgSearch) search = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GtkBitset) selection = NULL;
  g_autoptr(GtkBitset) flipped = NULL;
  gboolean same_cards;
  gboolean refilled;
  guint old_len, new_len;

  if (!(search = scoped_search (self, error)) ||
      !(ids = eg_search_card_ids (eg_scheduler_get_store (self->scheduler), search, self->sort,
                                  self->descending, eg_time_now_ms (), error)) ||
      !narrow_to_section (self, ids, same_data, error))
    return FALSE;
  g_strfreev (self->terms);
  self->terms = g_strdupv ((char **) eg_search_get_terms (search));
  g_free (self->ids_filter);
  self->ids_filter = g_strdup (self->filter);

  /* typing on ("escape analysi", "escape analysis") often finds the same */
  /* (no memcmp of two empty arrays: their data may be NULL, which memcmp
   * must not be given, UBSan says, even for 0 bytes) */
  if (same_data && ids->len == self->ids->len &&
      (ids->len == 0 || memcmp (ids->data, self->ids->data, ids->len * sizeof (gint64)) == 0))
    {
      self->ids_deck_id = self->deck_id;
      return TRUE;
    }

  old_len = self->ids->len;
  new_len = ids->len;
  /* the selected cards stay selected where they are now */
  selection = carry_selection (self, ids);
  /* the same cards are selected when as many are, being a subset */
  same_cards = gtk_bitset_get_size (selection) == gtk_bitset_get_size (self->selected);
  flipped = gtk_bitset_copy (self->selected);
  gtk_bitset_difference (flipped, selection);
  gtk_bitset_remove_range_closed (flipped, new_len, G_MAXUINT);
  gtk_bitset_unref (self->selected);
  self->selected = g_steal_pointer (&selection);

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  self->ids_deck_id = self->deck_id;
  refilled = refill_pages (self);

  if (!refilled)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, new_len);
  else if (new_len < old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), new_len, old_len - new_len, 0);
  else if (new_len > old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, new_len - old_len);

  if (!gtk_bitset_is_empty (flipped))
    {
      guint first = gtk_bitset_get_minimum (flipped);

      gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), first,
                                             gtk_bitset_get_maximum (flipped) - first + 1);
    }
  else if (!same_cards && new_len > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, new_len);
  return TRUE;
}

/**
 * eg_card_model_reload:
 *
 * Runs the search again, after the collection changed.
 */
gboolean
eg_card_model_reload (EgCardModel  *self,
                      GError      **error)
{
  g_return_val_if_fail (EG_IS_CARD_MODEL (self), FALSE);

  return reload (self, FALSE, error);
}

/**
 * eg_card_model_set_query:
 * @search: (nullable): a search in the query language (see eg_search_new())
 * @section_id: only the cards of this section; 0 for all (of the deck set
 *   with #EgCardModel:deck-id)
 *
 * Returns: %FALSE when @search is not a valid query, or the cards cannot be
 *   read; the model then keeps its rows (and its deck)
 */
gboolean
eg_card_model_set_query (EgCardModel   *self,
                         const char    *search,
                         gint64         section_id,
                         EgSortColumn   sort,
                         gboolean       descending,
                         GError       **error)
{
  g_autofree char *old_search = NULL;
  gint64 old_section;
  EgSortColumn old_sort;
  gboolean old_descending;

  g_return_val_if_fail (EG_IS_CARD_MODEL (self), FALSE);

  old_search = g_steal_pointer (&self->search);
  old_section = self->section_id;
  old_sort = self->sort;
  old_descending = self->descending;

  self->search = g_strdup (search);
  self->section_id = section_id;
  self->sort = sort;
  self->descending = descending;
  /* the same query again (after an edit, say) reads the cards again */
  if (!reload (self,
               g_strcmp0 (old_search, search) != 0 || old_section != section_id ||
               self->deck_id != self->ids_deck_id ||
               g_strcmp0 (self->filter, self->ids_filter) != 0 || old_sort != sort ||
               old_descending != descending,
               error))
    {
      g_free (self->search);
      self->search = g_steal_pointer (&old_search);
      self->section_id = old_section;
      self->sort = old_sort;
      self->descending = old_descending;
      eg_card_model_set_deck_id (self, self->ids_deck_id);
      eg_card_model_set_filter (self, self->ids_filter);
      return FALSE;
    }
  return TRUE;
}

/**
 * eg_card_model_set_deck_id:
 * @deck_id: a deck, or 0 for every deck
 *
 * Sets #EgCardModel:deck-id: from the next eg_card_model_set_query() (or
 * eg_card_model_reload()) on, only the cards of @deck_id.
 */
void
eg_card_model_set_deck_id (EgCardModel *self,
                           gint64       deck_id)
{
  g_return_if_fail (EG_IS_CARD_MODEL (self));

  if (self->deck_id == deck_id)
    return;
  self->deck_id = deck_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECK_ID]);
}

gint64
eg_card_model_get_deck_id (EgCardModel *self)
{
  g_return_val_if_fail (EG_IS_CARD_MODEL (self), 0);
  return self->deck_id;
}

gint64
eg_card_model_get_card_id (EgCardModel *self,
                           guint        position)
{
  g_return_val_if_fail (EG_IS_CARD_MODEL (self), 0);

  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

/**
 * eg_card_model_find:
 *
 * Returns: the position of @card_id, or %GTK_INVALID_LIST_POSITION
 */
guint
eg_card_model_find (EgCardModel *self,
                    gint64       card_id)
{
  g_return_val_if_fail (EG_IS_CARD_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == card_id)
      return i;
  return G_MAXUINT;
}

const GArray *
eg_card_model_get_ids (EgCardModel *self)
{
  g_return_val_if_fail (EG_IS_CARD_MODEL (self), NULL);
  return self->ids;
}

guint
eg_card_model_get_n_loaded_pages (EgCardModel *self)
{
  g_return_val_if_fail (EG_IS_CARD_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}

/**
 * eg_card_model_set_filter:
 * @filter: (nullable): a query the cards must match too, such as a saved
 *   search; %NULL for none
 *
 * From the next eg_card_model_set_query() (or eg_card_model_reload()) on,
 * only the cards that match @filter as well as the search.  The two are
 * parsed apart: an error in the search names its own columns.
 */
void
eg_card_model_set_filter (EgCardModel *self,
                          const char  *filter)
{
  g_return_if_fail (EG_IS_CARD_MODEL (self));

  if (g_strcmp0 (self->filter, filter) == 0)
    return;
  g_free (self->filter);
  self->filter = g_strdup (filter);
}

/**
 * eg_card_model_get_terms:
 *
 * Returns: (transfer none): what the text of the last search that ran
 *   looks for (see eg_search_get_terms()), to highlight
 */
const char * const *
eg_card_model_get_terms (EgCardModel *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (EG_IS_CARD_MODEL (self), NULL);
  return self->terms ? (const char * const *) self->terms : none;
}
