/* eg-library-page-actions.c - the library page's actions: reviewing the
 * selection or studying the cards the table shows, changing the selected
 * cards (suspend, flag, bury, reset, delete, each undoable), undo (of
 * those changes only: a grade is undone in review), editing and adding a
 * card, the search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-card-editor.h"
#include "eg-card-info.h"
#include "eg-card-row.h"
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
  _eg_library_page_update_marks (self);
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
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    EgLibraryPage    *self)
{
  if (g_strcmp0 (response, "delete") == 0)
    change_selected (self, CHANGE_DELETE, 0);
}

/* Deleting cards that have highlights or a note asks first (the cards
 * and their annotations come back with Undo, but the user should know). */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (widget);
  g_autoptr(GArray) ids = _eg_library_page_get_selected_ids (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n;

  n = ids->len == 0 ? 0 : eg_store_count_annotations (self->store,
                                                      (const gint64 *) (const void *) ids->data,
                                                      ids->len, &error);
  if (error != NULL)
    {
      eg_toast_show (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  if (n == 0)
    {
      change_selected (self, CHANGE_DELETE, 0);
      return;
    }
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The selected cards have %u highlight or note. "
                                       "Undo brings the cards back with it.",
                                       "The selected cards have %u highlights and notes. "
                                       "Undo brings the cards back with them.", n), n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       g_dngettext (GETTEXT_PACKAGE,
                                                                    "Delete Annotated Card?",
                                                                    "Delete Annotated Cards?",
                                                                    ids->len),
                                                       body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The Cards menu's check items: whether every selected card is flagged,
 * suspended.  A selection of more than MARKS_MAX_ROWS cards is not read
 * through for it (it shows unchecked). */
#define MARKS_MAX_ROWS 2000

enum {
  PROP_0,
  PROP_FLAGGED,
  PROP_SUSPENDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
all_selected (EgLibraryPage *self,
              guint          prop_id)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;
  gboolean any = FALSE;

  if (self->cards == NULL)
    return FALSE;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->cards));
  if (gtk_bitset_get_size (selected) > MARKS_MAX_ROWS)
    return FALSE;
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(EgCardRow) row = g_list_model_get_item (G_LIST_MODEL (self->cards), position);

      if (row == NULL)
        continue;
      if (prop_id == PROP_FLAGGED ? eg_card_row_get_flag (row) == 0
                                  : !eg_card_row_get_suspended (row))
        return FALSE;
      any = TRUE;
    }
  return any;
}

/**
 * _eg_library_page_update_marks:
 *
 * The selection or its cards changed: the check items follow.
 */
void
_eg_library_page_update_marks (EgLibraryPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGGED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUSPENDED]);
}

static void
eg_library_page_marks_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  if (prop_id == PROP_FLAGGED || prop_id == PROP_SUSPENDED)
    g_value_set_boolean (value, all_selected (EG_LIBRARY_PAGE (object), prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
eg_library_page_marks_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (object);
  gboolean on = g_value_get_boolean (value);

  if (prop_id == PROP_FLAGGED)
    change_selected (self, CHANGE_FLAG, on ? 1 : 0);
  else if (prop_id == PROP_SUSPENDED)
    change_selected (self, on ? CHANGE_SUSPEND : CHANGE_UNSUSPEND, 0);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_auto(EgUndoInfo) info = { 0 };

  /* changes of cards only: a grade is undone in review, never from here */
  if (!eg_scheduler_undo_full (self->scheduler, EG_UNDO_SCOPE_CARDS, NULL, eg_time_now_ms (),
                               &info, &error))
    {
      if (g_error_matches (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_NOTHING_TO_UNDO))
        eg_toast_show (GTK_WIDGET (self), _("Nothing to undo in the library"), FALSE);
      else
        eg_toast_show (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  eg_toast_show (GTK_WIDGET (self), info.description, FALSE);
  eg_library_page_reload (self);
  _eg_library_page_update_marks (self);
  if (self->annotator != NULL)
    eg_annotator_reload (self->annotator);
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

static void
reattach_cb (EgLibraryPage *self,
             gint64         id)
{
  if (self->annotator != NULL)
    eg_annotator_start_reattach (self->annotator, id);
}

/* The selected card's state, annotations and history; an orphaned
 * highlight can be attached to a selection in the preview. */
static void
info_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgLibraryPage *self = EG_LIBRARY_PAGE (widget);
  g_autoptr(GArray) ids = _eg_library_page_get_selected_ids (self);
  g_autoptr(GError) error = NULL;
  GtkWidget *info;

  if (ids->len != 1)
    {
      eg_toast_show (GTK_WIDGET (self), _("Select one card first"), FALSE);
      return;
    }
  info = eg_card_info_new (self->scheduler, g_array_index (ids, gint64, 0), eg_time_now_ms (),
                           &error);
  if (info == NULL)
    {
      eg_toast_show (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  _eg_library_page_ensure_preview (self);
  eg_card_info_set_can_reattach (EG_CARD_INFO (info), TRUE);
  g_signal_connect_object (info, "reattach", G_CALLBACK (reattach_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (info, "changed", G_CALLBACK (eg_annotator_reload), self->annotator,
                           G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (info), parent_window (self));
  gtk_window_present (GTK_WINDOW (info));
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
  GObjectClass *object_class = G_OBJECT_CLASS (widget_class);

  object_class->get_property = eg_library_page_marks_get_property;
  object_class->set_property = eg_library_page_marks_set_property;
  properties[PROP_FLAGGED] =
    g_param_spec_boolean ("flagged", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUSPENDED] =
    g_param_spec_boolean ("suspended", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* check items of the Cards menu (library.flag and library.suspend set) */
  gtk_widget_class_install_property_action (widget_class, "library.flagged", "flagged");
  gtk_widget_class_install_property_action (widget_class, "library.suspended", "suspended");

  gtk_widget_class_install_action (widget_class, "library.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "library.study-now", NULL, study_now_action);
  gtk_widget_class_install_action (widget_class, "library.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "library.suspend", "b", suspend_action);
  gtk_widget_class_install_action (widget_class, "library.flag", "i", flag_action);
  gtk_widget_class_install_action (widget_class, "library.bury", NULL, bury_action);
  gtk_widget_class_install_action (widget_class, "library.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "library.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "library.edit-card", NULL, edit_card_action);
  gtk_widget_class_install_action (widget_class, "library.info", NULL, info_action);
  gtk_widget_class_install_action (widget_class, "library.add-card", NULL, add_card_action);
  gtk_widget_class_install_action (widget_class, "library.focus-search", NULL,
                                   focus_search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "library.focus-search", NULL);
}
