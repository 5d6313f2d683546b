/* eg-card-model.c - the cards matching a search, paged in from SQLite
 *
 * The search runs in SQL (filter and sort) and gives the matching card ids;
 * only those are kept.  A row object is made when the view asks for its
 * position, its page read in one query; at most MAX_PAGES pages are kept.
 * So 100,000 matching cards cost 800 KB of ids, not 100,000 objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-card-model"

#include "config.h"

#include "eg-card-model.h"

#define MAX_PAGES 32

struct _EgCardModel
{
  GObject       parent_instance;

  EgScheduler  *scheduler;
  GArray       *ids;         /* gint64, in order */
  GHashTable   *pages;       /* page number -> GPtrArray of EgCardRow */
  GQueue        page_order;  /* page numbers, oldest first */
  GHashTable   *sections;    /* section id -> plain heading */

  char         *search;
  gint64        section_id;
  EgSortColumn  sort;
  gboolean      descending;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EgCardModel, eg_card_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

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

static void
load_sections (EgCardModel *self)
{
  g_autoptr(GPtrArray) sections =
    eg_store_list_section_headings (eg_scheduler_get_store (self->scheduler), 0, NULL);

  g_hash_table_remove_all (self->sections);
  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      EgSectionInfo *info = g_ptr_array_index (sections, i);
      gint64 *id = g_new (gint64, 1);

      *id = info->id;
      g_hash_table_insert (self->sections, id, eg_markdown_to_plain (info->heading));
    }
}

static GPtrArray *
load_page (EgCardModel *self,
           guint        page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  GPtrArray *rows;
  guint first = page * EG_CARD_MODEL_PAGE_SIZE;
  guint n = MIN (EG_CARD_MODEL_PAGE_SIZE, self->ids->len - first);
  gint64 now = eg_time_now_ms ();

  cards = eg_store_get_cards (eg_scheduler_get_store (self->scheduler),
                              &g_array_index (self->ids, gint64, first), n, &error);
  if (cards == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }

  if (g_hash_table_size (self->sections) == 0)
    load_sections (self);
  for (guint i = 0; i < cards->len; i++)
    if (!g_hash_table_contains (self->sections,
                                &((EgCard *) g_ptr_array_index (cards, i))->section_id))
      {
        load_sections (self);   /* a section added or renamed since */
        break;
      }

  rows = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < cards->len; i++)
    {
      EgCard *card = g_ptr_array_index (cards, i);

      g_ptr_array_add (rows, eg_card_row_new (card,
                                              g_hash_table_lookup (self->sections,
                                                                   &card->section_id),
                                              eg_scheduler_get_params (self->scheduler), now));
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->page_order) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_head (&self->page_order));
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

  if (position >= self->ids->len)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL && !(rows = load_page (self, page)))
    return NULL;
  /* a card deleted since the ids were read: the page is short */
  if (index >= rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (rows, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = eg_card_model_get_item_type;
  iface->get_n_items = eg_card_model_get_n_items;
  iface->get_item = eg_card_model_get_item;
}

static void
eg_card_model_finalize (GObject *object)
{
  EgCardModel *self = (EgCardModel *)object;

  g_clear_object (&self->scheduler);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_queue_clear (&self->page_order);
  g_free (self->search);

  G_OBJECT_CLASS (eg_card_model_parent_class)->finalize (object);
}

static void
eg_card_model_class_init (EgCardModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = eg_card_model_finalize;
}

static void
eg_card_model_init (EgCardModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->sections = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
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

/* The ids of the cards in @section_id, to narrow a search down to it. */
static GHashTable *
section_card_ids (EgCardModel  *self,
                  GError      **error)
{
  g_autoptr(GPtrArray) cards = eg_store_list_cards (eg_scheduler_get_store (self->scheduler),
                                                   self->section_id, error);
  GHashTable *set;

  if (cards == NULL)
    return NULL;
  set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < cards->len; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = ((EgCard *) g_ptr_array_index (cards, i))->id;
      g_hash_table_add (set, id);
    }
  return set;
}

/**
 * eg_card_model_reload:
 *
 * Runs the search again (after the collection changed) and replaces the
 * rows, with one items-changed.
 */
gboolean
eg_card_model_reload (EgCardModel  *self,
                      GError      **error)
{
  g_autoptr(EgSearch) search = NULL;
  g_autoptr(GArray) ids = NULL;
  guint removed;

  g_return_val_if_fail (EG_IS_CARD_MODEL (self), FALSE);

  if (!(search = eg_search_new (self->search, error)) ||
      !(ids = eg_search_card_ids (eg_scheduler_get_store (self->scheduler), search, self->sort,
                                  self->descending, eg_time_now_ms (), error)))
    return FALSE;

  if (self->section_id != 0)
    {
      g_autoptr(GHashTable) in_section = section_card_ids (self, error);
      guint kept = 0;

      if (in_section == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        if (g_hash_table_contains (in_section, &g_array_index (ids, gint64, i)))
          g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
      g_array_set_size (ids, kept);
    }

  removed = self->ids->len;
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->ids->len);
  return TRUE;
}

/**
 * eg_card_model_set_query:
 * @search: (nullable): a search in the query language (see eg_search_new())
 * @section_id: only the cards of this section; 0 for all
 *
 * Returns: %FALSE when @search is not a valid query; the model then keeps
 *   its rows
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
  if (!eg_card_model_reload (self, error))
    {
      g_free (self->search);
      self->search = g_steal_pointer (&old_search);
      self->section_id = old_section;
      self->sort = old_sort;
      self->descending = old_descending;
      return FALSE;
    }
  return TRUE;
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
