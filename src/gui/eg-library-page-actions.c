/* eg-library-page-actions.c - the library page's actions: reviewing the
 * selection or studying the cards the table shows, changing the selected
 * cards (suspend, flag, bury, reset, delete, each undoable), undo, editing
 * and adding a card, the search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-card-editor.h"
#include "eg-library-page-private.h"
#include "eg-toast.h"

static GtkWindow *
parent_window (EgLibraryPage *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

/* ------------------------------------------------------------------ */
/* Reviewing                                                            */
/* ------------------------------------------------------------------ */

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (widget);
  EgSidebarItem *item = _eg_library_page_get_selected_item (self);
  EgQueueOptions options = { 0 };

  if (item != NULL && eg_sidebar_item_get_kind (item) == EG_SIDEBAR_SECTION)
    options.section_id = eg_sidebar_item_get_id (item);
  else if (item != NULL && eg_sidebar_item_get_kind (item) == EG_SIDEBAR_DECK)
    options.deck_id = eg_sidebar_item_get_id (item);
  _eg_library_page_request_review (self, &options);
}

static void
study_now_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       EgLibraryPage    *self)
{
  const GArray *ids = eg_card_model_get_ids (self->cards);
  EgQueueOptions options = { 0 };

  if (g_strcmp0 (response, "reschedule") != 0 && g_strcmp0 (response, "preview") != 0)
    return;
  options.card_ids = (const gint64 *) (const void *) ids->data;
  options.n_card_ids = ids->len;
  options.preview_only = g_str_equal (response, "preview");
  _eg_library_page_request_review (self, &options);
}

/* Custom study: exactly the cards the table shows. */
static void
study_now_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (n == 0)
    {
      eg_toast_show (GTK_WIDGET (self), _("No cards to study: the search finds none"), FALSE);
      return;
    }
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Study %u Card Now?",
                                          "Study %u Cards Now?", n), n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading,
    _("Grading can reschedule these cards as usual reviews, or be a preview that leaves "
      "their schedule as it is.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "preview", _("_Preview Only"),
                                    "reschedule", _("_Reschedule"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "reschedule", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "reschedule");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (study_now_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Changing cards                                                       */
/* ------------------------------------------------------------------ */

typedef enum
{
  CHANGE_SUSPEND,
  CHANGE_UNSUSPEND,
  CHANGE_FLAG,
  CHANGE_BURY,
  CHANGE_RESET,
  CHANGE_DELETE,
} Change;

static void
change_selected (EgLibraryPage *self,
                 Change         change,
                 int            flag)
{
  g_autoptr(GArray) ids = _eg_library_page_get_selected_ids (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const gint64 *data = (const gint64 *) (const void *) ids->data;
  gint64 now = eg_time_now_ms ();
  gboolean ok = FALSE;

  if (ids->len == 0)
    {
      eg_toast_show (GTK_WIDGET (self), _("Select cards first"), FALSE);
      return;
    }

  switch (change)
    {
    case CHANGE_SUSPEND:
    case CHANGE_UNSUSPEND:
      ok = eg_scheduler_set_suspended (self->scheduler, data, ids->len,
                                       change == CHANGE_SUSPEND, &error);
      message = g_strdup_printf (change == CHANGE_SUSPEND ? _("%u suspended") : _("%u unsuspended"),
                                 ids->len);
      break;
    case CHANGE_FLAG:
      ok = eg_scheduler_set_flag (self->scheduler, data, ids->len, flag, &error);
      message = g_strdup_printf (flag ? _("%u flagged") : _("%u unflagged"), ids->len);
      break;
    case CHANGE_BURY:
      ok = eg_scheduler_bury (self->scheduler, data, ids->len, now, &error);
      message = g_strdup_printf (_("%u buried until tomorrow"), ids->len);
      break;
    case CHANGE_RESET:
      ok = eg_scheduler_reset (self->scheduler, data, ids->len, now, &error);
      message = g_strdup_printf (_("%u reset to new"), ids->len);
      break;
    case CHANGE_DELETE:
      ok = eg_scheduler_delete (self->scheduler, data, ids->len, now, &error);
      message = g_strdup_printf (_("%u deleted"), ids->len);
      break;
    }

  if (!ok)
    {
      eg_toast_show (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  eg_toast_show (GTK_WIDGET (self), message, TRUE);
  eg_library_page_reload (self);
}

static void
suspend_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  change_selected (EG_LIBRARY_PAGE (widget),
                   g_variant_get_boolean (parameter) ? CHANGE_SUSPEND : CHANGE_UNSUSPEND, 0);
}

static void
flag_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  change_selected (EG_LIBRARY_PAGE (widget), CHANGE_FLAG, g_variant_get_int32 (parameter));
}

static void
bury_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  change_selected (EG_LIBRARY_PAGE (widget), CHANGE_BURY, 0);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  change_selected (EG_LIBRARY_PAGE (widget), CHANGE_RESET, 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  change_selected (EG_LIBRARY_PAGE (widget), CHANGE_DELETE, 0);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!eg_scheduler_undo (self->scheduler, NULL, eg_time_now_ms (), NULL, NULL, &error))
    {
      eg_toast_show (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  eg_library_page_reload (self);
}

static void
card_saved_cb (EgLibraryPage *self)
{
  eg_library_page_reload (self);
  _eg_library_page_show_selected_card (self);
  eg_toast_show (GTK_WIDGET (self), _("Card saved"), FALSE);
}

static void
edit_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (widget);
  g_autoptr(GArray) ids = _eg_library_page_get_selected_ids (self);
  g_autoptr(EgCard) card = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;

  if (ids->len != 1)
    return;
  if (!(card = eg_store_get_card (self->store, g_array_index (ids, gint64, 0), &error)))
    {
      eg_toast_show (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  editor = eg_card_editor_new (self->store, card,
                               _eg_library_page_deck_language (self, card->deck_id));
  g_signal_connect_object (editor, "saved", G_CALLBACK (card_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (editor), parent_window (self));
  gtk_window_present (GTK_WINDOW (editor));
}

/* The number a new card of @section_id gets: after its last card. */
static int
next_number (EgLibraryPage  *self,
             gint64          section_id,
             GError        **error)
{
  g_autoptr(GPtrArray) cards = eg_store_list_cards (self->store, section_id, error);
  int number = 0;

  if (cards == NULL)
    return 0;
  for (guint i = 0; i < cards->len; i++)
    number = MAX (number, ((EgCard *) g_ptr_array_index (cards, i))->number);
  return number + 1;
}

/* A new card at the end of the section, written when the editor saves it. */
static void
add_card_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (widget);
  EgSidebarItem *item = _eg_library_page_get_selected_item (self);
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;
  gint64 deck_id;
  int number;

  if (item == NULL || eg_sidebar_item_get_kind (item) != EG_SIDEBAR_SECTION)
    return;
  if ((number = next_number (self, eg_sidebar_item_get_id (item), &error)) == 0)
    {
      eg_toast_show (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  deck_id = eg_sidebar_item_get_deck_id (item);
  editor = eg_card_editor_new_card (self->store, deck_id, eg_sidebar_item_get_id (item), number,
                                    _eg_library_page_deck_language (self, deck_id));
  g_signal_connect_object (editor, "saved", G_CALLBACK (card_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (editor), parent_window (self));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->content);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
_eg_library_page_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "library.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "library.study-now", NULL, study_now_action);
  gtk_widget_class_install_action (widget_class, "library.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "library.suspend", "b", suspend_action);
  gtk_widget_class_install_action (widget_class, "library.flag", "i", flag_action);
  gtk_widget_class_install_action (widget_class, "library.bury", NULL, bury_action);
  gtk_widget_class_install_action (widget_class, "library.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "library.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "library.edit-card", NULL, edit_card_action);
  gtk_widget_class_install_action (widget_class, "library.add-card", NULL, add_card_action);
  gtk_widget_class_install_action (widget_class, "library.focus-search", NULL,
                                   focus_search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "library.focus-search", NULL);
}
