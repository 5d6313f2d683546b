/* eg-library-page-sidebar.c - the library's sidebar: decks and their
 * sections, then saved searches
 *
 * The rows are read before the window's first frame (their counts come
 * after it, counted in a worker thread on the collection's own connection)
 * and kept when a reload finds the same decks and sections, so that only
 * the counts change.  Each row is an EgSidebarRow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-deck-language.h"
#include "eg-interview-page.h"
#include "eg-library-page-private.h"
#include "eg-sidebar-row.h"
#include "eg-toast.h"

EgSidebarItem *
_eg_library_page_get_selected_item (EgLibraryPage *self)
{
  return gtk_single_selection_get_selected_item (self->sidebar_selection);
}

/**
 * eg_library_page_get_deck_id:
 *
 * Returns: the deck of the sidebar's selection, or the only deck; 0 when
 *   a search is selected among several decks
 */
gint64
eg_library_page_get_deck_id (EgLibraryPage *self)
{
  EgSidebarItem *item;
  guint n_decks = 0;
  gint64 deck_id = 0;

  g_return_val_if_fail (EG_IS_LIBRARY_PAGE (self), 0);

  item = _eg_library_page_get_selected_item (self);
  if (item != NULL && eg_sidebar_item_get_deck_id (item) != 0)
    return eg_sidebar_item_get_deck_id (item);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_items)); i++)
    {
      g_autoptr(EgSidebarItem) other = NULL;

      other = g_list_model_get_item (G_LIST_MODEL (self->sidebar_items), i);
      if (eg_sidebar_item_get_kind (other) == EG_SIDEBAR_DECK)
        {
          deck_id = eg_sidebar_item_get_id (other);
          n_decks++;
        }
    }
  return n_decks == 1 ? deck_id : 0;
}

/**
 * eg_library_page_show_sidebar:
 *
 * In a narrow window, goes back from the cards to the sidebar.
 */
void
eg_library_page_show_sidebar (EgLibraryPage *self)
{
  g_return_if_fail (EG_IS_LIBRARY_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
}

GListModel *
eg_library_page_get_sidebar (EgLibraryPage *self)
{
  g_return_val_if_fail (EG_IS_LIBRARY_PAGE (self), NULL);
  return G_LIST_MODEL (self->sidebar_items);
}

gboolean
eg_library_page_select_sidebar (EgLibraryPage *self,
                                guint          position)
{
  g_return_val_if_fail (EG_IS_LIBRARY_PAGE (self), FALSE);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_items)))
    return FALSE;
  gtk_single_selection_set_selected (self->sidebar_selection, position);
  return TRUE;
}

static void
sidebar_selection_changed_cb (EgLibraryPage *self)
{
  EgSidebarItem *item = _eg_library_page_get_selected_item (self);

  adw_window_title_set_title (self->content_title,
                              item ? eg_sidebar_item_get_title (item) : _("Engram"));
  self->search_all = FALSE;   /* a search in the new selection */
  _eg_library_page_refresh_cards (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.add-card",
                                 item && eg_sidebar_item_get_kind (item) == EG_SIDEBAR_SECTION);
}

static void
apply_stats (EgLibraryPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_items));
  const EgSchedulerSettings *settings;

  if (self->stats == NULL || self->scheduler == NULL)
    return;
  settings = eg_scheduler_get_settings (self->scheduler);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EgSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_items), i);
      EgSidebarKind kind = eg_sidebar_item_get_kind (item);

      for (guint k = 0; kind == EG_SIDEBAR_SECTION && k < self->stats->len; k++)
        {
          EgSectionStats *s = &g_array_index (self->stats, EgSectionStats, k);

          if (s->section_id == eg_sidebar_item_get_id (item))
            eg_sidebar_item_set_stats (item, s->due, s->new_cards, s->total, s->reviewed,
                                       s->mastery);
        }
      for (guint k = 0; kind == EG_SIDEBAR_DECK && self->today && k < self->today->len; k++)
        {
          EgDeckToday *t = &g_array_index (self->today, EgDeckToday, k);

          if (t->deck_id == eg_sidebar_item_get_id (item))
            eg_sidebar_item_set_today (item, t->counts.new_cards, t->counts.learning,
                                       t->counts.review, settings->new_per_day,
                                       settings->reviews_per_day);
        }
    }
}

typedef struct
{
  GArray *stats;   /* EgSectionStats */
  GArray *today;   /* EgDeckToday */
  EgPlan *plan;    /* nullable: no interview date */
} SidebarCounts;

static void
sidebar_counts_free (SidebarCounts *counts)
{
  g_clear_pointer (&counts->stats, g_array_unref);
  g_clear_pointer (&counts->today, g_array_unref);
  g_clear_pointer (&counts->plan, eg_plan_free);
  g_free (counts);
}

/* The interview plan in the header ("Interview in 12 days · 83 % expected
 * recall") and, when its goal is out of reach, the warning under it */
static void
show_plan (EgLibraryPage *self,
           const EgPlan  *plan)
{
  g_autofree char *summary = plan ? eg_interview_describe_plan (plan) : NULL;
  g_autofree char *reach = plan ? eg_interview_describe_reach (plan) : NULL;

  adw_window_title_set_subtitle (self->content_title, summary ? summary : "");
  gtk_label_set_label (self->interview_warning, reach ? reach : "");
  gtk_revealer_set_reveal_child (self->interview_revealer, reach != NULL);
}

/* Each deck's queue today: what the daily limits let in */
static GArray *
count_today (EgScheduler  *scheduler,
             gint64        now_ms,
             GError      **error)
{
  g_autoptr(GPtrArray) decks = eg_store_list_decks (eg_scheduler_get_store (scheduler), error);
  g_autoptr(GArray) today = g_array_new (FALSE, TRUE, sizeof (EgDeckToday));

  if (decks == NULL)
    return NULL;
  for (guint i = 0; i < decks->len; i++)
    {
      EgQueueOptions options = { .deck_id = ((EgDeckInfo *) g_ptr_array_index (decks, i))->id };
      g_autoptr(EgQueue) queue = eg_scheduler_build_queue_full (scheduler, now_ms, &options,
                                                                error);
      EgDeckToday deck = { options.deck_id };

      if (queue == NULL)
        return NULL;
      eg_queue_get_counts (queue, &deck.counts);
      g_array_append_val (today, deck);
    }
  return g_steal_pointer (&today);
}

/* Counts every section's cards, and each deck's cards today, in a worker
 * thread, on its own connection. */
static void
count_sections_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  SidebarCounts *counts = g_new0 (SidebarCounts, 1);
  gint64 now = eg_time_now_ms ();

  /* it only reads: the app's own connection waits for the integrity check */
  if (!(store = eg_store_open_full (task_data, EG_STORE_OPEN_UNCHECKED, &error)) ||
      !(scheduler = eg_scheduler_new (store, &error)) ||
      !eg_store_begin_read (store, &error))
    {
      sidebar_counts_free (counts);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* one snapshot for both */
  counts->stats = eg_scheduler_section_stats (scheduler, now, &error);
  if (counts->stats != NULL)
    counts->today = count_today (scheduler, now, &error);
  /* a plan that cannot be computed is not shown: the study goes on */
  if (counts->today != NULL && eg_plan_is_set (scheduler))
    counts->plan = eg_plan_compute (scheduler, now, NULL);
  eg_store_end_read (store);
  if (counts->today == NULL)
    {
      sidebar_counts_free (counts);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, counts, (GDestroyNotify) sidebar_counts_free);
}

static void
sections_counted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (object);
  g_autoptr(GError) error = NULL;
  SidebarCounts *counts = g_task_propagate_pointer (G_TASK (result), &error);

  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The sections could not be counted: %s"),
                                                      error->message);

          eg_toast_show (GTK_WIDGET (self), message, FALSE);
        }
      return;
    }
  g_clear_pointer (&self->stats, g_array_unref);
  g_clear_pointer (&self->today, g_array_unref);
  self->stats = g_steal_pointer (&counts->stats);
  self->today = g_steal_pointer (&counts->today);
  show_plan (self, counts->plan);
  sidebar_counts_free (counts);
  apply_stats (self);
}

static void
count_sections (EgLibraryPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;
  if (self->stats_cancellable != NULL)
    g_cancellable_cancel (self->stats_cancellable);
  g_clear_object (&self->stats_cancellable);
  self->stats_cancellable = g_cancellable_new ();

  task = g_task_new (self, self->stats_cancellable, sections_counted_cb, NULL);
  g_task_set_source_tag (task, count_sections);
  g_task_set_task_data (task, g_strdup (eg_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, count_sections_thread);
}

/* Whether the library is the page the window shows (or in no window's
 * stack of pages).  Not its mapped state: in a crossfade to the review
 * page, the library stays mapped a moment longer. */
static gboolean
is_shown (EgLibraryPage *self)
{
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (self));

  return !GTK_IS_STACK (stack) ||
         gtk_stack_get_visible_child (GTK_STACK (stack)) == GTK_WIDGET (self);
}

static gboolean
sidebar_items_equal (GListModel *model,
                     GPtrArray  *items)
{
  if (g_list_model_get_n_items (model) != items->len)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(EgSidebarItem) item = g_list_model_get_item (model, i);

      if (!eg_sidebar_item_equal (item, g_ptr_array_index (items, i)))
        return FALSE;
    }
  return TRUE;
}

/**
 * eg_library_page_reload:
 *
 * Reads the sidebar (decks, sections, their counts) and the table again,
 * keeping what was selected.
 */
void
eg_library_page_reload (EgLibraryPage *self)
{
  static const struct { const char *title; const char *icon; const char *query; } searches[] = {
    { N_("Due Today"), "alarm-symbolic", "is:due" },
    { N_("New"), "starred-symbolic", "is:new" },
    { N_("Learning"), "view-refresh-symbolic", "is:learn" },
    { N_("Flagged"), "emoji-flags-symbolic", "is:flagged" },
    { N_("Suspended"), "media-playback-pause-symbolic", "is:suspended" },
    { N_("Annotated"), "document-edit-symbolic", "has:note OR has:highlight" },
    { N_("Leeches"), "dialog-warning-symbolic", "prop:lapses>=8" },
  };
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  EgSidebarItem *selected;
  EgSidebarKind selected_kind = EG_SIDEBAR_SECTION;
  gint64 selected_id = -1;
  const char *selected_title = NULL;
  g_autofree char *selected_title_copy = NULL;
  guint position = G_MAXUINT;
  guint n_sections = 0;

  g_return_if_fail (EG_IS_LIBRARY_PAGE (self));

  gtk_spinner_stop (self->spinner);
  if (self->scheduler == NULL)
    return;
  eg_deck_language_forget (self->store);   /* an import may have set one */

  selected = _eg_library_page_get_selected_item (self);
  if (selected != NULL)
    {
      selected_kind = eg_sidebar_item_get_kind (selected);
      selected_id = eg_sidebar_item_get_id (selected);
      selected_title = selected_title_copy = g_strdup (eg_sidebar_item_get_title (selected));
    }

  if (!(decks = eg_store_list_decks (self->store, &error)) ||
      !(sections = eg_store_list_section_headings (self->store, 0, &error)))
    {
      eg_library_page_show_error (self, error->message);
      return;
    }

  /* the decks first: where the keyboard focus starts */
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint d = 0; d < decks->len; d++)
    {
      EgDeckInfo *deck = g_ptr_array_index (decks, d);

      g_ptr_array_add (items, eg_sidebar_item_new_deck (deck->id, deck->title));
      for (guint s = 0; s < sections->len; s++)
        {
          EgSectionInfo *info = g_ptr_array_index (sections, s);
          g_autofree char *heading = NULL;

          if (info->deck_id != deck->id)
            continue;
          heading = eg_markdown_to_plain (info->heading);
          g_ptr_array_add (items, eg_sidebar_item_new_section (info->id, deck->id, info->key,
                                                               heading));
          n_sections++;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    g_ptr_array_add (items, eg_sidebar_item_new_search (_(searches[i].title), searches[i].icon,
                                                        searches[i].query));

  for (guint i = 0; i < items->len; i++)
    {
      EgSidebarItem *item = g_ptr_array_index (items, i);

      if (eg_sidebar_item_get_kind (item) == selected_kind &&
          (selected_kind == EG_SIDEBAR_SEARCH
           ? g_strcmp0 (eg_sidebar_item_get_title (item), selected_title) == 0
           : eg_sidebar_item_get_id (item) == selected_id))
        position = i;
    }
  /* first start, or the first deck arrived: the first deck */
  if (position == G_MAXUINT || (!self->had_sections && n_sections > 0))
    position = 0;
  self->had_sections = n_sections > 0;

  /* the same rows again (the usual case): keep them, only the counts change */
  if (!sidebar_items_equal (G_LIST_MODEL (self->sidebar_items), items))
    {
      g_signal_handlers_block_by_func (self->sidebar_selection, sidebar_selection_changed_cb,
                                       self);
      g_list_store_splice (self->sidebar_items, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_items)),
                           items->pdata, items->len);
      gtk_single_selection_set_selected (self->sidebar_selection, position);
      g_signal_handlers_unblock_by_func (self->sidebar_selection, sidebar_selection_changed_cb,
                                         self);
    }

  gtk_stack_set_visible_child_name (self->content_stack, n_sections ? "cards" : "empty");
  apply_stats (self);
  /* the first frame shows the sidebar; the table and the counts follow */
  if (self->painted)
    {
      sidebar_selection_changed_cb (self);
      count_sections (self);
    }

  /* the list could not take the focus while it was empty */
  if (is_shown (self) &&
      !gtk_widget_has_focus (GTK_WIDGET (self->search_entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
}

static void
sidebar_activated_cb (EgLibraryPage *self,
                      guint          position)
{
  EgSidebarItem *item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_items), position);

  gtk_single_selection_set_selected (self->sidebar_selection, position);
  /* Enter on a section or deck reviews it; on a search it shows the table,
   * and so does any row of a narrow window's sidebar (a click, there) */
  if (item != NULL && eg_sidebar_item_get_kind (item) != EG_SIDEBAR_SEARCH &&
      !adw_leaflet_get_folded (self->leaflet))
    gtk_widget_activate_action (GTK_WIDGET (self), "library.review", NULL);
  else
    {
      adw_leaflet_set_visible_child (self->leaflet, self->content);
      gtk_widget_grab_focus (GTK_WIDGET (self->card_table));
    }
  g_clear_object (&item);
}


static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  gtk_list_item_set_child (item, eg_sidebar_row_new ());
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  eg_sidebar_row_set_item (EG_SIDEBAR_ROW (gtk_list_item_get_child (item)),
                           gtk_list_item_get_item (item));
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  eg_sidebar_row_set_item (EG_SIDEBAR_ROW (gtk_list_item_get_child (item)), NULL);
}

void
_eg_library_page_init_sidebar (EgLibraryPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->sidebar_items = g_list_store_new (EG_TYPE_SIDEBAR_ITEM);
  self->sidebar_selection =
    gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sidebar_items)));
  gtk_single_selection_set_autoselect (self->sidebar_selection, TRUE);
  g_signal_connect_object (self->sidebar_selection, "notify::selected",
                           G_CALLBACK (sidebar_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->sidebar_list, GTK_SELECTION_MODEL (self->sidebar_selection));
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), NULL);
  gtk_list_view_set_factory (self->sidebar_list, factory);
  g_signal_connect_object (self->sidebar_list, "activate", G_CALLBACK (sidebar_activated_cb),
                           self, G_CONNECT_SWAPPED);
}
