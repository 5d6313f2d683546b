/* eg-library-page.c - the library: decks, sections and searches, the card
 * table, a preview
 *
 * A sidebar of decks and their sections (with due / new / total counts,
 * made in a worker thread after the first frame, and how well each is
 * known) and saved searches; a searchable, sortable table of the cards of
 * the selection, paged in from SQLite (see eg-card-model.c); a preview of
 * the selected card rendered as in review.  Its actions (review, study,
 * edit, add, suspend, flag, …) are in eg-library-page-actions.c; a review
 * it asks for with #EgLibraryPage::review-requested, which the window
 * starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-library-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eg-card-row.h"
#include "eg-library-page-private.h"

G_DEFINE_FINAL_TYPE (EgLibraryPage, eg_library_page, GTK_TYPE_WIDGET)

enum {
  REVIEW_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The columns, in the template's order (which is EgCardRow's), how each one
 * sorts and whether it holds figures. */
static const struct
{
  const char   *name;
  EgSortColumn  sort;
  gboolean      numeric;
  int           chars;     /* the width it asks for, in characters */
} columns[] = {
  { "number", EG_SORT_NUMBER, TRUE, 5 },
  { "question", EG_SORT_QUESTION, FALSE, 40 },
  { "section", EG_SORT_SECTION, FALSE, 24 },
  { "due", EG_SORT_DUE, FALSE, 10 },
  { "interval", EG_SORT_INTERVAL, TRUE, 7 },
  { "stability", EG_SORT_STABILITY, TRUE, 6 },
  { "difficulty", EG_SORT_DIFFICULTY, TRUE, 5 },
  { "retrievability", EG_SORT_RETRIEVABILITY, TRUE, 5 },
  { "reviews", EG_SORT_REVIEWS, TRUE, 5 },
  { "lapses", EG_SORT_LAPSES, TRUE, 5 },
  { "flag", EG_SORT_FLAG, FALSE, 4 },
  { "modified", EG_SORT_MODIFIED, FALSE, 10 },
  { "status", EG_SORT_DECK_ORDER, FALSE, 10 },
};


EgSidebarItem *
_eg_library_page_get_selected_item (EgLibraryPage *self)
{
  return gtk_single_selection_get_selected_item (self->sidebar_selection);
}

void
_eg_library_page_request_review (EgLibraryPage        *self,
                                 const EgQueueOptions *options)
{
  g_signal_emit (self, signals[REVIEW_REQUESTED], 0, options);
}

/**
 * eg_library_page_show_loading:
 * @title: what is being done, e.g. "Importing the Go Deck…"
 *
 * Shows a spinner instead of the cards while the library is being made.
 */
void
eg_library_page_show_loading (EgLibraryPage *self,
                              const char    *title,
                              const char    *description)
{
  g_return_if_fail (EG_IS_LIBRARY_PAGE (self));

  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, description);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
}

/**
 * eg_library_page_show_error:
 *
 * Shows, instead of the cards, that the library could not be opened and why.
 */
void
eg_library_page_show_error (EgLibraryPage *self,
                            const char    *message)
{
  g_return_if_fail (EG_IS_LIBRARY_PAGE (self));

  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

/* Results come as the query is typed, so the word being typed at the end
 * is a prefix: "escape anal" already finds "escape analysis".  Only a plain
 * word of three letters or more (shorter prefixes match most of a large
 * collection, slowly), not a filter's value or the inside of a phrase. */
static char *
search_text_as_typed (const char *text)
{
  const char *end = text + strlen (text);
  const char *word = end;
  guint letters = 0;

  while (word > text && g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (word))))
    {
      word = g_utf8_prev_char (word);
      letters++;
    }
  if (letters < 3 || g_str_equal (word, "OR") || g_str_equal (word, "AND") ||
      (word > text && !strchr (" \t-(", word[-1])) ||
      strchr (text, '"') != NULL)
    return g_strdup (text);
  return g_strconcat (text, "*", NULL);
}

/* The search the table shows: the sidebar's saved search and the text. */
static char *
current_query (EgLibraryPage *self)
{
  EgSidebarItem *item = _eg_library_page_get_selected_item (self);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *text = search_text_as_typed (typed);
  const char *saved = item && eg_sidebar_item_get_kind (item) == EG_SIDEBAR_SEARCH
                      ? eg_sidebar_item_get_query (item) : NULL;

  if (saved != NULL && text[0] != '\0')
    return g_strdup_printf ("(%s) (%s)", saved, text);
  return g_strdup (saved ? saved : text);
}

static void
update_selection_label (EgLibraryPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  guint n;
  g_autofree char *text = NULL;

  if (self->cards == NULL)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->cards));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));

  if (gtk_bitset_get_size (selected) > 1)
    text = g_strdup_printf (_("%" G_GUINT64_FORMAT " of %u cards selected"),
                            gtk_bitset_get_size (selected), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n), n);
  gtk_label_set_label (self->selection_label, text);
}

/* Runs the table's search again; an invalid search is shown below the
 * entry and the table keeps its rows. */
static gboolean
refresh_cards (EgLibraryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  g_autofree char *shown = NULL;
  EgSidebarItem *item = _eg_library_page_get_selected_item (self);
  gint64 section_id = 0;
  gboolean first = FALSE;

  if (self->cards == NULL)
    return FALSE;
  if (item != NULL && eg_sidebar_item_get_kind (item) == EG_SIDEBAR_SECTION)
    section_id = eg_sidebar_item_get_id (item);

  query = current_query (self);
  if (item != NULL && eg_sidebar_item_get_kind (item) == EG_SIDEBAR_DECK)
    {
      g_autofree char *scoped = NULL;
      g_autoptr(GPtrArray) decks = eg_store_list_decks (self->store, NULL);

      for (guint i = 0; decks != NULL && i < decks->len; i++)
        {
          EgDeckInfo *deck = g_ptr_array_index (decks, i);

          if (deck->id == eg_sidebar_item_get_id (item))
            scoped = g_strdup_printf ("deck:\"%s\" %s", deck->key, query);
        }
      if (scoped != NULL)
        {
          g_free (query);
          query = g_steal_pointer (&scoped);
        }
    }

  if (!eg_card_model_set_query (self->cards, query, section_id, self->sort, self->descending,
                                &error))
    {
      gtk_label_set_label (self->search_error, error->message);
      gtk_revealer_set_reveal_child (self->search_error_revealer, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
      return FALSE;
    }
  gtk_revealer_set_reveal_child (self->search_error_revealer, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  /* other cards, or another order: from the top, the first one selected
   * (the rows are refilled where they are, the selection follows the
   * cards); the same again, after an edit: as it was */
  shown = g_strdup_printf ("%s\n%" G_GINT64_FORMAT "\n%d\n%d", query, section_id, self->sort,
                           self->descending);
  if (g_strcmp0 (shown, self->shown_query) != 0)
    {
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->card_table)),
                                0);
      g_free (self->shown_query);
      self->shown_query = g_steal_pointer (&shown);
      first = TRUE;
    }
  /* something to preview, or no preview */
  gtk_widget_set_visible (GTK_WIDGET (self->preview_slot),
                          g_list_model_get_n_items (G_LIST_MODEL (self->cards)) > 0);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->cards)) > 0)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (
                                        GTK_SELECTION_MODEL (self->cards));

      if (first || gtk_bitset_is_empty (selected))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->cards), 0, TRUE);
    }
  update_selection_label (self);
  return TRUE;
}

static gboolean
search_idle_cb (gpointer data)
{
  EgLibraryPage *self = data;

  self->search_idle = 0;
  refresh_cards (self);
  return G_SOURCE_REMOVE;
}

/* Every keystroke searches (no delay), once for all the keys that came
 * together, before the frame that shows the text. */
static void
search_changed_cb (EgLibraryPage *self)
{
  if (self->search_idle == 0)
    self->search_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, search_idle_cb, self, NULL);
}

static void
search_activated_cb (EgLibraryPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->card_table));
}

static void
ensure_preview (EgLibraryPage *self)
{
  if (self->preview != NULL)
    return;
  self->preview = EG_CARD_VIEW (eg_card_view_new ());
  eg_card_view_set_dark (self->preview,
                         adw_style_manager_get_dark (adw_style_manager_get_default ()));
  adw_bin_set_child (self->preview_slot, GTK_WIDGET (self->preview));
}

const char *
_eg_library_page_deck_language (EgLibraryPage *self,
                                gint64         deck_id)
{
  g_autoptr(GPtrArray) decks = eg_store_list_decks (self->store, NULL);
  static char language[32];

  for (guint i = 0; decks != NULL && i < decks->len; i++)
    {
      EgDeckInfo *deck = g_ptr_array_index (decks, i);

      if (deck->id == deck_id && deck->default_language != NULL)
        {
          g_strlcpy (language, deck->default_language, sizeof language);
          return language;
        }
    }
  return NULL;
}

GArray *
_eg_library_page_get_selected_ids (EgLibraryPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  if (self->cards == NULL)
    return ids;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->cards));

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = eg_card_model_get_card_id (self->cards, position);

      if (id != 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

/* The preview shows the selected card; the label says how many are. */
void
_eg_library_page_show_selected_card (EgLibraryPage *self)
{
  g_autoptr(GArray) ids = _eg_library_page_get_selected_ids (self);
  g_autoptr(EgCard) card = NULL;

  update_selection_label (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.edit-card", ids->len == 1);
  if (ids->len != 1)
    return;

  card = eg_store_get_card (self->store, g_array_index (ids, gint64, 0), NULL);
  if (card == NULL)
    return;
  ensure_preview (self);
  eg_card_view_show_card (self->preview, card, _eg_library_page_deck_language (self, card->deck_id),
                          TRUE, 0);
}

/* GTK 4.8 has no public way to ask a GtkColumnViewSorter for its primary
 * column (that came in 4.10): compare two probe rows through it; each
 * column's sorter records who was asked first and answers "less", so the
 * result's sign tells the direction.
 */
static int probe_column = -1;

static int
column_sort_func (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  if (probe_column < 0)
    probe_column = GPOINTER_TO_INT (data);
  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (EgLibraryPage *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->card_table);
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  probe_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (probe_column < 0 || order == GTK_ORDERING_EQUAL)
    {
      self->sort = EG_SORT_DECK_ORDER;
      self->descending = FALSE;
    }
  else
    {
      self->sort = columns[probe_column].sort;
      self->descending = order == GTK_ORDERING_LARGER;
    }
  refresh_cards (self);
}

static void
card_selection_changed_cb (EgLibraryPage *self)
{
  _eg_library_page_show_selected_card (self);
}

static void
card_activated_cb (EgLibraryPage *self,
                   guint          position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "library.edit-card", NULL);
}

/* ------------------------------------------------------------------ */
/* The sidebar                                                          */
/* ------------------------------------------------------------------ */

static void
sidebar_selection_changed_cb (EgLibraryPage *self)
{
  EgSidebarItem *item = _eg_library_page_get_selected_item (self);

  adw_window_title_set_title (self->content_title,
                              item ? eg_sidebar_item_get_title (item) : _("Engram"));
  refresh_cards (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.add-card",
                                 item && eg_sidebar_item_get_kind (item) == EG_SIDEBAR_SECTION);
}

static void
apply_stats (EgLibraryPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_items));

  if (self->stats == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EgSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_items), i);

      if (eg_sidebar_item_get_kind (item) != EG_SIDEBAR_SECTION)
        continue;
      for (guint k = 0; k < self->stats->len; k++)
        {
          EgSectionStats *s = &g_array_index (self->stats, EgSectionStats, k);

          if (s->section_id == eg_sidebar_item_get_id (item))
            eg_sidebar_item_set_stats (item, s->due, s->new_cards, s->total, s->mastery);
        }
    }
}

/* Counts every section's cards in a worker thread, on its own connection. */
static void
count_sections_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  g_autoptr(EgStore) store = NULL;
  g_autoptr(EgScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  GArray *stats;

  /* it only reads: the app's own connection waits for the integrity check */
  if (!(store = eg_store_open_full (task_data, EG_STORE_OPEN_UNCHECKED, &error)) ||
      !(scheduler = eg_scheduler_new (store, &error)) ||
      !(stats = eg_scheduler_section_stats (scheduler, eg_time_now_ms (), &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, stats, (GDestroyNotify) g_array_unref);
}

static void
sections_counted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (object);
  g_autoptr(GError) error = NULL;
  GArray *stats = g_task_propagate_pointer (G_TASK (result), &error);

  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("%s", error->message);
      return;
    }
  g_clear_pointer (&self->stats, g_array_unref);
  self->stats = stats;
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
      g_signal_handlers_block_by_func (self->sidebar_selection, sidebar_selection_changed_cb, self);
      g_list_store_splice (self->sidebar_items, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_items)),
                           items->pdata, items->len);
      gtk_single_selection_set_selected (self->sidebar_selection, position);
      g_signal_handlers_unblock_by_func (self->sidebar_selection, sidebar_selection_changed_cb, self);
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
  if (gtk_widget_get_child_visible (GTK_WIDGET (self)) &&
      !gtk_widget_has_focus (GTK_WIDGET (self->search_entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
}

static void
sidebar_activated_cb (EgLibraryPage *self,
                      guint          position)
{
  EgSidebarItem *item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_items), position);

  gtk_single_selection_set_selected (self->sidebar_selection, position);
  /* Enter on a section or deck reviews it; on a search it shows the table */
  if (item != NULL && eg_sidebar_item_get_kind (item) != EG_SIDEBAR_SEARCH)
    gtk_widget_activate_action (GTK_WIDGET (self), "library.review", NULL);
  else
    {
      adw_leaflet_set_visible_child (self->leaflet, self->content);
      gtk_widget_grab_focus (GTK_WIDGET (self->card_table));
    }
  g_clear_object (&item);
}

/* The table's cells are GtkInscriptions made in code: their size does not
 * depend on their text, so a new search or sort, which refills the rows
 * shown (see eg-card-model.c), redraws them without measuring ~200 rows
 * of text again.  Each follows its property of the row. */
static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), columns[column].chars);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), MIN (columns[column].chars, 4));
  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), columns[column].numeric ? 1.0 : 0.0);
  if (columns[column].numeric)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  GBinding *binding = g_object_bind_property (gtk_list_item_get_item (item),
                                              columns[GPOINTER_TO_UINT (data)].name,
                                              gtk_list_item_get_child (item), "text",
                                              G_BINDING_SYNC_CREATE);

  g_object_set_data (G_OBJECT (item), "binding", binding);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  g_binding_unbind (g_object_get_data (G_OBJECT (item), "binding"));
  g_object_set_data (G_OBJECT (item), "binding", NULL);
}

/* The sidebar's rows, made in code too: the sidebar makes a row for every
 * deck and section (up to 200) before the first frame. */
enum { ROW_BOX, ROW_ICON, ROW_TITLE, ROW_COUNTS, ROW_MASTERY, N_ROW_WIDGETS };

static const struct
{
  const char *source;
  guint       widget;
  const char *target;
} sidebar_bindings[] = {
  { "icon-name", ROW_ICON, "icon-name" },
  { "has-icon", ROW_ICON, "visible" },
  { "title-classes", ROW_TITLE, "css-classes" },
  { "title", ROW_TITLE, "label" },
  { "counts", ROW_COUNTS, "label" },
  { "has-counts", ROW_COUNTS, "visible" },
  { "mastery", ROW_MASTERY, "value" },
  { "has-mastery", ROW_MASTERY, "visible" },
};

/* Asked for when shown: setting every row's tooltip text up front costs
 * an accessible description each, a third of the sidebar's start. */
static gboolean
sidebar_query_tooltip_cb (GtkWidget   *widget,
                          int          x,
                          int          y,
                          gboolean     keyboard_mode,
                          GtkTooltip  *tooltip,
                          GtkListItem *item)
{
  EgSidebarItem *sidebar_item = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (sidebar_item == NULL)
    return FALSE;
  g_object_get (sidebar_item, "tooltip", &text, NULL);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
sidebar_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  GtkWidget *widgets[N_ROW_WIDGETS] = {
    gtk_box_new (GTK_ORIENTATION_VERTICAL, 2), gtk_image_new (), gtk_label_new (NULL),
    gtk_label_new (NULL), gtk_level_bar_new (),
  };
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_set_hexpand (widgets[ROW_TITLE], TRUE);
  gtk_label_set_xalign (GTK_LABEL (widgets[ROW_TITLE]), 0);
  gtk_label_set_ellipsize (GTK_LABEL (widgets[ROW_TITLE]), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (widgets[ROW_COUNTS]), 0);
  gtk_widget_add_css_class (widgets[ROW_COUNTS], "dim-label");
  gtk_widget_add_css_class (widgets[ROW_COUNTS], "caption");
  gtk_widget_add_css_class (widgets[ROW_COUNTS], "numeric");
  gtk_widget_set_size_request (widgets[ROW_MASTERY], -1, 4);
  gtk_widget_add_css_class (widgets[ROW_MASTERY], "mastery");

  gtk_box_append (GTK_BOX (line), widgets[ROW_ICON]);
  gtk_box_append (GTK_BOX (line), widgets[ROW_TITLE]);
  gtk_box_append (GTK_BOX (widgets[ROW_BOX]), line);
  gtk_box_append (GTK_BOX (widgets[ROW_BOX]), widgets[ROW_COUNTS]);
  gtk_box_append (GTK_BOX (widgets[ROW_BOX]), widgets[ROW_MASTERY]);
  gtk_widget_set_has_tooltip (widgets[ROW_BOX], TRUE);
  g_signal_connect (widgets[ROW_BOX], "query-tooltip", G_CALLBACK (sidebar_query_tooltip_cb), item);
  gtk_list_item_set_child (item, widgets[ROW_BOX]);
  g_object_set_data_full (G_OBJECT (item), "widgets", g_memdup2 (widgets, sizeof widgets), g_free);
}

static void
sidebar_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  GtkWidget **widgets = g_object_get_data (G_OBJECT (item), "widgets");
  GPtrArray *bindings = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (sidebar_bindings); i++)
    g_ptr_array_add (bindings,
                     g_object_bind_property (gtk_list_item_get_item (item),
                                             sidebar_bindings[i].source,
                                             widgets[sidebar_bindings[i].widget],
                                             sidebar_bindings[i].target, G_BINDING_SYNC_CREATE));
  g_object_set_data_full (G_OBJECT (item), "bindings", bindings,
                          (GDestroyNotify) g_ptr_array_unref);
}

static void
sidebar_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  data)
{
  GPtrArray *bindings = g_object_get_data (G_OBJECT (item), "bindings");

  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (bindings, i));
  g_object_set_data (G_OBJECT (item), "bindings", NULL);
}

/**
 * eg_library_page_first_frame_shown:
 *
 * The window's first frame, which shows the sidebar, is on screen: the
 * table, the counts and the preview follow.
 */
void
eg_library_page_first_frame_shown (EgLibraryPage *self)
{
  g_return_if_fail (EG_IS_LIBRARY_PAGE (self));

  self->painted = TRUE;
  eg_library_page_reload (self);
  ensure_preview (self);
  _eg_library_page_show_selected_card (self);
}

void
eg_library_page_set_scheduler (EgLibraryPage *self,
                               EgScheduler   *scheduler)
{
  g_return_if_fail (EG_IS_LIBRARY_PAGE (self));
  g_return_if_fail (!scheduler || EG_IS_SCHEDULER (scheduler));

  if (!g_set_object (&self->scheduler, scheduler))
    return;
  self->store = scheduler ? eg_scheduler_get_store (scheduler) : NULL;

  g_clear_object (&self->cards);
  if (self->scheduler != NULL)
    {
      self->cards = eg_card_model_new (self->scheduler);
      g_signal_connect_object (self->cards, "selection-changed",
                               G_CALLBACK (card_selection_changed_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_column_view_set_model (self->card_table, GTK_SELECTION_MODEL (self->cards));
  eg_library_page_reload (self);
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

GListModel *
eg_library_page_get_cards (EgLibraryPage *self)
{
  g_return_val_if_fail (EG_IS_LIBRARY_PAGE (self), NULL);
  return self->cards ? G_LIST_MODEL (self->cards) : NULL;
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

/**
 * eg_library_page_set_search:
 *
 * Puts @text in the search entry and searches at once.
 *
 * Returns: %FALSE when @text is not a valid search (which the page shows)
 */
gboolean
eg_library_page_set_search (EgLibraryPage *self,
                            const char    *text)
{
  g_return_val_if_fail (EG_IS_LIBRARY_PAGE (self), FALSE);

  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  g_clear_handle_id (&self->search_idle, g_source_remove);
  return refresh_cards (self);
}

/**
 * eg_library_page_get_search_entry:
 *
 * Returns: (transfer none): the entry the user types searches in
 */
GtkEditable *
eg_library_page_get_search_entry (EgLibraryPage *self)
{
  g_return_val_if_fail (EG_IS_LIBRARY_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

GtkSelectionModel *
eg_library_page_get_card_selection (EgLibraryPage *self)
{
  g_return_val_if_fail (EG_IS_LIBRARY_PAGE (self), NULL);
  return self->cards ? GTK_SELECTION_MODEL (self->cards) : NULL;
}

EgCardView *
eg_library_page_get_preview (EgLibraryPage *self)
{
  g_return_val_if_fail (EG_IS_LIBRARY_PAGE (self), NULL);
  ensure_preview (self);
  return self->preview;
}

GtkColumnView *
eg_library_page_get_card_table (EgLibraryPage *self)
{
  g_return_val_if_fail (EG_IS_LIBRARY_PAGE (self), NULL);
  return self->card_table;
}

static gboolean
eg_library_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (EG_LIBRARY_PAGE (widget)->sidebar_list));
}

static void
eg_library_page_dispose (GObject *object)
{
  EgLibraryPage *self = (EgLibraryPage *)object;

  g_clear_handle_id (&self->search_idle, g_source_remove);
  /* the table's sorter changes while the columns go */
  if (self->card_table != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->card_table), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), EG_TYPE_LIBRARY_PAGE);
  g_clear_object (&self->sidebar_selection);
  g_clear_object (&self->sidebar_items);
  g_clear_object (&self->cards);
  g_clear_object (&self->scheduler);
  self->store = NULL;
  if (self->stats_cancellable != NULL)
    g_cancellable_cancel (self->stats_cancellable);
  g_clear_object (&self->stats_cancellable);
  g_clear_pointer (&self->stats, g_array_unref);
  g_clear_pointer (&self->shown_query, g_free);

  G_OBJECT_CLASS (eg_library_page_parent_class)->dispose (object);
}

static void
eg_library_page_class_init (EgLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eg_library_page_dispose;
  widget_class->grab_focus = eg_library_page_grab_focus;

  /**
   * EgLibraryPage::review-requested:
   * @options: (type gpointer): an #EgQueueOptions, which cards
   *
   * The user asked to review: Enter on a deck or section, the Review
   * button, "Study These Now".
   */
  signals[REVIEW_REQUESTED] = g_signal_new ("review-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_POINTER);

  g_type_ensure (EG_TYPE_SIDEBAR_ITEM);
  g_type_ensure (EG_TYPE_CARD_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/eg-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, content);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, content_title);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, search_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, search_error);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, card_table);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, preview_slot);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, loading_page);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_activated_cb);

  _eg_library_page_class_add_actions (widget_class);
}

/* Sorting happens in SQL: the columns' sorters only mark which column it
 * is; each column can be shown or hidden from the Cards menu. */
static void
set_up_columns (EgLibraryPage *self)
{
  g_autoptr(GSimpleActionGroup) column_actions = g_simple_action_group_new ();
  GListModel *view_columns = gtk_column_view_get_columns (self->card_table);

  for (guint i = 0; i < g_list_model_get_n_items (view_columns) && i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);
      g_autoptr(GPropertyAction) visible = NULL;
      g_autoptr(GtkListItemFactory) factory = NULL;

      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), GUINT_TO_POINTER (i));
      gtk_column_view_column_set_factory (column, factory);
      if (columns[i].sort != EG_SORT_DECK_ORDER)
        gtk_column_view_column_set_sorter (column,
          GTK_SORTER (gtk_custom_sorter_new (column_sort_func, GINT_TO_POINTER (i), NULL)));
      visible = g_property_action_new (columns[i].name, column, "visible");
      g_action_map_add_action (G_ACTION_MAP (column_actions), G_ACTION (visible));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (column_actions));
  g_signal_connect_object (gtk_column_view_get_sorter (self->card_table), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
eg_library_page_init (EgLibraryPage *self)
{
  g_autoptr(GtkListItemFactory) sidebar_factory = NULL;
  GtkEventController *keys;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sidebar_items = g_list_store_new (EG_TYPE_SIDEBAR_ITEM);
  self->sidebar_selection =
    gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sidebar_items)));
  gtk_single_selection_set_autoselect (self->sidebar_selection, TRUE);
  g_signal_connect_object (self->sidebar_selection, "notify::selected",
                           G_CALLBACK (sidebar_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->sidebar_list, GTK_SELECTION_MODEL (self->sidebar_selection));
  sidebar_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (sidebar_factory, "setup", G_CALLBACK (sidebar_setup_cb), NULL);
  g_signal_connect (sidebar_factory, "bind", G_CALLBACK (sidebar_bind_cb), NULL);
  g_signal_connect (sidebar_factory, "unbind", G_CALLBACK (sidebar_unbind_cb), NULL);
  gtk_list_view_set_factory (self->sidebar_list, sidebar_factory);

  set_up_columns (self);

  /* Delete in the table deletes the selected cards (undoable) */
  keys = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                               gtk_named_action_new ("library.delete"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->card_table), keys);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.edit-card", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.add-card", FALSE);
}
