/* eg-library-page-search.c - the library's search: its scope, no results,
 * the words it found
 *
 * A search runs in the sidebar's selection (a deck, a section, a saved
 * search): while one is typed, the scope shows under the entry as a chip
 * that removes it ("Search All Decks"), and a button brings it back.  A
 * search that finds nothing shows a page that says so, and how to find
 * more.  The preview marks the words the search looks for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-library-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eg-library-page-private.h"
#include "eg-toast.h"

/* Whether a search is typed (the scope of no search is the selection) */
static gboolean
has_search (EgLibraryPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return text[strspn (text, " \t")] != '\0';
}

static gboolean
searches_all (EgLibraryPage *self)
{
  return self->search_all && has_search (self);
}

/**
 * _eg_library_page_get_scope:
 * @section_id: (out): the selected section, or 0
 * @deck_id: (out): the selected deck, or 0
 * @filter: (out): the selected saved search, or %NULL
 *
 * Where the table's search runs: the sidebar's selection, or everywhere
 * when the user removed the scope of a search.
 */
void
_eg_library_page_get_scope (EgLibraryPage  *self,
                            gint64         *section_id,
                            gint64         *deck_id,
                            const char    **filter)
{
  EgSidebarItem *item = _eg_library_page_get_selected_item (self);

  *section_id = 0;
  *deck_id = 0;
  *filter = NULL;
  if (item == NULL || searches_all (self))
    return;
  switch (eg_sidebar_item_get_kind (item))
    {
    case EG_SIDEBAR_SECTION:
      *section_id = eg_sidebar_item_get_id (item);
      break;
    case EG_SIDEBAR_DECK:
      *deck_id = eg_sidebar_item_get_id (item);
      break;
    case EG_SIDEBAR_SEARCH:
    default:
      *filter = eg_sidebar_item_get_query (item);
      break;
    }
}

/* The page instead of an empty table: what found nothing, and what to try */
static void
describe_no_results (EgLibraryPage *self,
                     const char    *scope)
{
  g_autofree char *description = NULL;
  gboolean scoped = scope != NULL && !searches_all (self);

  if (!has_search (self))
    {
      adw_status_page_set_title (self->no_results_page, _("No Cards Here"));
      description = g_strdup_printf (_("“%s” has no cards for now."), scope ? scope : "");
    }
  else
    {
      adw_status_page_set_title (self->no_results_page, _("No Results Found"));
      if (scoped)
        description = g_strdup_printf (_("No card in “%s” matches this search. Search all "
                                         "decks, or try other words."), scope);
      else
        description = g_strdup (_("No card matches this search. Try other words, fewer "
                                  "of them, or a word’s start followed by *."));
    }
  eg_status_page_set_text (self->no_results_page, description);
  gtk_widget_set_visible (self->no_results_button, has_search (self) && scoped);
}

/**
 * _eg_library_page_show_search_state:
 *
 * After the table's search ran: the scope under the entry, the table or
 * the page that says it found nothing, the words marked in the preview.
 */
void
_eg_library_page_show_search_state (EgLibraryPage *self)
{
  EgSidebarItem *item = _eg_library_page_get_selected_item (self);
  const char *scope = item ? eg_sidebar_item_get_title (item) : NULL;
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  g_autofree char *restore = NULL;
  gboolean all = searches_all (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));

  gtk_revealer_set_reveal_child (self->scope_revealer, has_search (self) && scope != NULL);
  gtk_label_set_label (self->scope_label, all ? _("In all decks") : _("Only in"));
  gtk_widget_set_visible (self->scope_chip, !all);
  gtk_widget_set_visible (self->scope_restore, all);
  gtk_label_set_label (self->scope_chip_label, scope ? scope : "");
  restore = g_strdup_printf (_("Search Only “%s”"), scope ? scope : "");
  gtk_label_set_label (self->scope_restore_label, restore);

  if (g_strcmp0 (page, "cards") == 0 || g_strcmp0 (page, "no-results") == 0)
    {
      if (n == 0)
        {
          describe_no_results (self, scope);
          /* a narrow window goes back from a card that is gone */
          adw_leaflet_set_visible_child (self->card_leaflet, self->card_list);
        }
      gtk_stack_set_visible_child_name (self->content_stack, n > 0 ? "cards" : "no-results");
    }

  if (self->preview != NULL)
    eg_card_view_set_marks (self->preview, eg_card_model_get_terms (self->cards));
}

/* library.search-all(b): the search leaves the sidebar's selection, or
 * goes back into it.  The focus goes where the button pressed went. */
static void
search_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (widget);
  gboolean had_focus = gtk_widget_has_focus (self->scope_chip) ||
                       gtk_widget_has_focus (self->scope_restore) ||
                       gtk_widget_has_focus (self->no_results_button);

  self->search_all = g_variant_get_boolean (parameter);
  _eg_library_page_refresh_cards (self);
  if (had_focus)
    gtk_widget_grab_focus (self->search_all ? self->scope_restore : self->scope_chip);
}

void
_eg_library_page_class_add_search (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, scope_revealer);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, scope_label);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, scope_chip);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, scope_chip_label);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, scope_restore);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, scope_restore_label);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, EgLibraryPage, no_results_button);

  gtk_widget_class_install_action (widget_class, "library.search-all", "b", search_all_action);
}
