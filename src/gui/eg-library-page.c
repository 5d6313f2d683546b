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

#include "eg-card-cell.h"
#include "eg-card-row.h"
#include "eg-deck-language.h"
#include "eg-library-page-private.h"
#include "eg-list-tab.h"
#include "eg-toast.h"
#include "eg-trace.h"

/* After the scheduler is set (at the start): past the library's final
 * image (~1.9 s on 100,000 cards), before most people's first search */
#define WARM_UP_S 2

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
  { "due", EG_SORT_DUE, FALSE, 12 },
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
  eg_status_page_set_text (self->loading_page, description);
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
  eg_status_page_set_text (self->error_page, message);
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

/* The search the table shows: the text as typed.  The sidebar's saved
 * search is its scope, never pasted into it (see
 * _eg_library_page_get_scope()). */
static char *
current_query (EgLibraryPage *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return search_text_as_typed (typed);
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
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u card selected",
                                         "%u of %u cards selected", n),
                            (guint) gtk_bitset_get_size (selected), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n), n);
  gtk_label_set_label (self->selection_label, text);
}

/* Runs the table's search again: the sidebar's selection and the search
 * entry's text.  An invalid search is shown below the entry and the table
 * keeps its rows. */
static void
cards_painted_cb (EgLibraryPage *self,
                  GdkFrameClock *clock)
{
  g_clear_signal_handler (&self->cards_paint_handler, clock);
  eg_trace_since_start ("library");
}

/* With ENGRAM_TRACE=1: when the frame that first shows cards is painted. */
static void
trace_first_cards (EgLibraryPage *self)
{
  GdkFrameClock *clock;

  if (self->cards_traced || !eg_trace_enabled () ||
      !(clock = gtk_widget_get_frame_clock (GTK_WIDGET (self))))
    return;
  self->cards_traced = TRUE;
  self->cards_paint_handler = g_signal_connect_object (clock, "after-paint",
                                                       G_CALLBACK (cards_painted_cb), self,
                                                       G_CONNECT_SWAPPED);
}

gboolean
_eg_library_page_refresh_cards (EgLibraryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  g_autofree char *shown = NULL;
  const char *filter = NULL;
  gint64 section_id = 0;
  gint64 deck_id = 0;
  gboolean first = FALSE;

  if (self->cards == NULL)
    return FALSE;
  _eg_library_page_get_scope (self, &section_id, &deck_id, &filter);

  query = current_query (self);
  eg_card_model_set_deck_id (self->cards, deck_id);
  eg_card_model_set_filter (self->cards, filter);
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
  shown = g_strdup_printf ("%s\n%s\n%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT "\n%d\n%d", query,
                           filter ? filter : "", deck_id, section_id, self->sort,
                           self->descending);
  if (g_strcmp0 (shown, self->shown_query) != 0)
    {
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->card_table)),
                                0);
      g_free (self->shown_query);
      self->shown_query = g_steal_pointer (&shown);
      first = TRUE;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->cards)) > 0)
    trace_first_cards (self);
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
  _eg_library_page_show_search_state (self);
  return TRUE;
}

static gboolean
search_idle_cb (gpointer data)
{
  EgLibraryPage *self = data;

  self->search_idle = 0;
  _eg_library_page_refresh_cards (self);
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

/* Nobody waits a while after the start: the first search will not wait
 * for the index a search reads from the disk either. */
static gboolean
warm_up_cb (gpointer data)
{
  EgLibraryPage *self = data;
  g_autoptr(GError) error = NULL;

  self->warm_up_source = 0;
  if (self->store != NULL && !eg_search_warm_up (self->store, &error))
    g_debug ("%s", error->message);
  return G_SOURCE_REMOVE;
}

static void
search_activated_cb (EgLibraryPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->card_table));
}

/* In the preview, as in review: H highlights the selection, Shift+H with a
 * comment, N opens the note, F7 turns caret browsing on, Enter opens the
 * highlight at the caret. */
static void
add_preview_keys (EgLibraryPage *self)
{
  static const struct { const char *trigger; const char *action; } keys[] = {
    { "h", "annotate.highlight" },
    { "<Shift>h", "annotate.highlight-comment" },
    { "n", "annotate.note" },
    { "F7", "annotate.caret-browsing" },
    { "Return|KP_Enter", "annotate.open" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].trigger),
                        gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self->preview), controller);
}

void
_eg_library_page_ensure_preview (EgLibraryPage *self)
{
  if (self->preview != NULL)
    return;
  self->preview = EG_CARD_VIEW (eg_card_view_new ());
  eg_card_view_set_dark (self->preview,
                         adw_style_manager_get_dark (adw_style_manager_get_default ()));
  eg_card_view_follow_settings (self->preview, self->settings);
  self->annotator = eg_annotator_new (self->preview);
  eg_annotator_set_scheduler (self->annotator, self->scheduler);
  add_preview_keys (self);
  adw_bin_set_child (self->preview_slot, GTK_WIDGET (self->preview));
}

/* The language of a deck's code (see eg-deck-language.c); a failure to
 * read the decks is said, and the card shown without one. */
const char *
_eg_library_page_deck_language (EgLibraryPage *self,
                                gint64         deck_id)
{
  g_autoptr(GError) error = NULL;
  const char *language = eg_deck_language_lookup (self->store, deck_id, &error);

  if (error != NULL)
    eg_toast_show (GTK_WIDGET (self), error->message, FALSE);
  return language;
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
  g_autoptr(GError) error = NULL;

  update_selection_label (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.edit-card", ids->len == 1);
  if (ids->len != 1)
    return;

  card = eg_store_get_card (self->store, g_array_index (ids, gint64, 0), &error);
  if (card == NULL)
    {
      eg_toast_show (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  _eg_library_page_ensure_preview (self);
  eg_card_view_set_marks (self->preview, eg_card_model_get_terms (self->cards));
  eg_card_view_show_card (self->preview, card, _eg_library_page_deck_language (self, card->deck_id),
                          TRUE, 0);
  eg_annotator_set_card (self->annotator, card);
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
  _eg_library_page_refresh_cards (self);
}

static void
card_selection_changed_cb (EgLibraryPage *self)
{
  _eg_library_page_show_selected_card (self);
  _eg_library_page_update_marks (self);
}

static void
cards_load_failed_cb (EgLibraryPage *self,
                      GError        *error)
{
  eg_toast_show (GTK_WIDGET (self), error->message, FALSE);
}

/* Enter or a double click edits the card; in a narrow window, where the
 * preview has folded away, a click or Enter shows it. */
static void
card_activated_cb (EgLibraryPage *self,
                   guint          position)
{
  if (adw_leaflet_get_folded (self->card_leaflet))
    {
      if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->cards), position))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->cards), position, TRUE);
      _eg_library_page_show_card_pane (self);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "library.edit-card", NULL);
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
  GtkWidget *cell;

  if (g_str_equal (columns[column].name, "flag"))
    {
      gtk_list_item_set_child (item, eg_card_cell_new_flag ());   /* an icon */
      return;
    }
  cell = gtk_inscription_new (NULL);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), columns[column].chars);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), MIN (columns[column].chars, 4));
  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), columns[column].numeric ? 1.0 : 0.0);
  if (columns[column].numeric)
    gtk_widget_add_css_class (cell, "numeric");
  /* the Due cell says "in 8 min", "tomorrow"; its tooltip the exact time */
  if (columns[column].sort == EG_SORT_DUE)
    eg_card_cell_set_tooltip_from (cell, "due-exact");
  gtk_list_item_set_child (item, cell);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  GBinding *binding;

  /* the card's marks: the flag's icon, a suspended card's row dimmed */
  eg_card_cell_bind (gtk_list_item_get_child (item), gtk_list_item_get_item (item));
  if (GTK_IS_IMAGE (gtk_list_item_get_child (item)))
    return;
  binding = g_object_bind_property (gtk_list_item_get_item (item),
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
  GBinding *binding = g_object_get_data (G_OBJECT (item), "binding");

  eg_card_cell_unbind (gtk_list_item_get_child (item), gtk_list_item_get_item (item));
  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (item), "binding", NULL);
}

/**
 * eg_library_page_first_frame_shown:
 *
 * The window's first frame, which shows the sidebar, is on screen: the
 * table and the counts follow.
 */
void
eg_library_page_first_frame_shown (EgLibraryPage *self)
{
  g_return_if_fail (EG_IS_LIBRARY_PAGE (self));

  self->painted = TRUE;
  eg_library_page_reload (self);
}

/**
 * eg_library_page_ensure_preview:
 *
 * Creates the preview's web view (and starts its web process) if not done
 * yet, showing the selected card.  The window calls it after its first
 * frame.
 */
void
eg_library_page_ensure_preview (EgLibraryPage *self)
{
  g_return_if_fail (EG_IS_LIBRARY_PAGE (self));

  _eg_library_page_ensure_preview (self);
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
  if (self->annotator != NULL)
    {
      eg_annotator_set_card (self->annotator, NULL);
      eg_annotator_set_scheduler (self->annotator, scheduler);
    }

  g_clear_object (&self->cards);
  if (self->scheduler != NULL)
    {
      self->cards = eg_card_model_new (self->scheduler);
      g_signal_connect_object (self->cards, "selection-changed",
                               G_CALLBACK (card_selection_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->cards, "load-failed",
                               G_CALLBACK (cards_load_failed_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_column_view_set_model (self->card_table, GTK_SELECTION_MODEL (self->cards));
  eg_library_page_reload (self);
  g_clear_handle_id (&self->warm_up_source, g_source_remove);
  if (self->store != NULL)
    self->warm_up_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, WARM_UP_S, warm_up_cb,
                                                       self, NULL);
}

GListModel *
eg_library_page_get_cards (EgLibraryPage *self)
{
  g_return_val_if_fail (EG_IS_LIBRARY_PAGE (self), NULL);
  return self->cards ? G_LIST_MODEL (self->cards) : NULL;
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
  return _eg_library_page_refresh_cards (self);
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
  _eg_library_page_ensure_preview (self);
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
  g_clear_handle_id (&self->warm_up_source, g_source_remove);
  /* the table's sorter changes while the columns go */
  if (self->card_table != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->card_table), self);
  g_clear_object (&self->annotator);
  g_clear_object (&self->settings);
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
  g_clear_pointer (&self->today, g_array_unref);
  g_clear_pointer (&self->shown_query, g_free);

  G_OBJECT_CLASS (eg_library_page_parent_class)->dispose (object);
}

static EgAnnotator *
get_annotator (GtkWidget *widget)
{
  return EG_LIBRARY_PAGE (widget)->annotator;
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

  g_type_ensure (EG_TYPE_CARD_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/eg-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, content);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, content_title);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, interview_revealer);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, interview_warning);
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
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_activated_cb);

  _eg_library_page_class_add_actions (widget_class);
  _eg_library_page_class_add_adaptive (widget_class);
  _eg_library_page_class_add_search (widget_class);
  eg_annotator_class_add_actions (widget_class, get_annotator);
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
  GtkEventController *keys;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));
  eg_toast_set_overlay (GTK_WIDGET (self), self->toast_overlay);
  self->settings = g_settings_new (APP_ID);

  _eg_library_page_init_sidebar (self);
  _eg_library_page_init_adaptive (self);

  set_up_columns (self);

  /* Delete in the table deletes the selected cards (undoable) */
  keys = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                               gtk_named_action_new ("library.delete"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->card_table), keys);
  /* Tab goes on to the next part of the page, not to the next row */
  eg_list_tab_leaves (GTK_WIDGET (self->sidebar_list));
  eg_list_tab_leaves (GTK_WIDGET (self->card_table));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.edit-card", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.add-card", FALSE);
}
