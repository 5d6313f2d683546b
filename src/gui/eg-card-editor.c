/* eg-card-editor.c - edit a card's Markdown, with a live preview
 *
 * The card is edited as it stands in a deck file ("### N. Question", the
 * answer, "#### Indepth" parts).  Saving keeps its key and history; the
 * number cannot change here, it is part of the key.
 *
 * A new card (eg_card_editor_new_card()) is written only when it is saved,
 * at the end of its section; Cancel leaves the collection as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-card-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "eg-card-editor.h"
#include "eg-card-view.h"

#define PREVIEW_DELAY_MS 150

struct _EgCardEditor
{
  AdwWindow      parent_instance;

  EgStore       *store;
  EgCard        *card;           /* id 0: a new card, not in the collection yet */
  char          *language;
  EgCardView    *preview;
  guint          preview_source;
  gboolean       changed;

  GtkSourceView *source_view;
  AdwBin        *preview_slot;
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (EgCardEditor, eg_card_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (EgCardEditor *self,
            const char   *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static EgDeckCard *
parse (EgCardEditor  *self,
       GError       **error)
{
  g_autofree char *text = eg_card_editor_get_text (self);
  g_autoptr(EgDeckCard) parsed = eg_deck_parse_card (text, error);

  if (parsed == NULL)
    return NULL;
  if (parsed->number != self->card->number)
    {
      g_set_error (error, EG_DECK_ERROR, EG_DECK_ERROR_NO_CARDS,
                   _("The card number is part of the card's key and stays %d"),
                   self->card->number);
      return NULL;
    }
  return g_steal_pointer (&parsed);
}

static gboolean
update_preview (gpointer data)
{
  EgCardEditor *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EgDeckCard) parsed = NULL;
  g_autoptr(EgCard) card = NULL;

  self->preview_source = 0;
  parsed = parse (self, &error);
  show_error (self, error ? error->message : NULL);
  if (parsed == NULL)
    return G_SOURCE_REMOVE;

  card = eg_store_card_copy (self->card);
  g_free (card->question);
  card->question = g_strdup (parsed->question);
  g_free (card->answer);
  card->answer = g_strdup (parsed->answer);
  g_ptr_array_unref (card->parts);
  card->parts = g_ptr_array_ref (parsed->parts);
  eg_card_view_show_card (self->preview, card, self->language, TRUE, 0);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (EgCardEditor *self)
{
  self->changed = TRUE;
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, update_preview, self);
}

/**
 * eg_card_editor_save:
 *
 * Saves the card (one transaction), a new one at the end of its section,
 * and emits #EgCardEditor::saved.
 */
gboolean
eg_card_editor_save (EgCardEditor  *self,
                     GError       **error)
{
  g_autoptr(EgDeckCard) parsed = NULL;

  g_return_val_if_fail (EG_IS_CARD_EDITOR (self), FALSE);

  if (!(parsed = parse (self, error)))
    return FALSE;
  if (self->card->id == 0)
    {
      gint64 id = eg_store_add_card (self->store, self->card->section_id, parsed->question,
                                     parsed->answer, parsed->parts, eg_time_now_ms (), error);

      g_autoptr(EgCard) added = NULL;

      if (id == 0)
        return FALSE;
      /* Saved again, it is updated; with the number and key it was given.
       * The card is saved: a failure to read it back is no failure of the
       * save (which must not be tried again), the id is enough. */
      if ((added = eg_store_get_card (self->store, id, NULL)) != NULL)
        {
          eg_card_free (self->card);
          self->card = g_steal_pointer (&added);
        }
      else
        self->card->id = id;
    }
  else if (!eg_store_update_card (self->store, self->card->id, parsed->question, parsed->answer,
                                  parsed->parts, eg_time_now_ms (), error))
    return FALSE;

  self->changed = FALSE;
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgCardEditor *self = EG_CARD_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!eg_card_editor_save (self, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     EgCardEditor     *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EgCardEditor *self = EG_CARD_EDITOR (widget);
  AdwMessageDialog *dialog;

  if (!self->changed)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Discard Changes?"),
                                                       _("The changes to this card will be lost.")));
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
eg_card_editor_close_request (GtkWindow *window)
{
  EgCardEditor *self = EG_CARD_EDITOR (window);

  if (!self->changed)
    return FALSE;
  cancel_action (GTK_WIDGET (self), NULL, NULL);
  return TRUE;
}

static void
eg_card_editor_dispose (GObject *object)
{
  EgCardEditor *self = (EgCardEditor *)object;

  g_clear_handle_id (&self->preview_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), EG_TYPE_CARD_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->card, eg_card_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (eg_card_editor_parent_class)->dispose (object);
}

static void
eg_card_editor_class_init (EgCardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = eg_card_editor_dispose;
  window_class->close_request = eg_card_editor_close_request;

  /**
   * EgCardEditor::saved:
   *
   * The card was saved to the collection.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/eg-card-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, EgCardEditor, source_view);
  gtk_widget_class_bind_template_child (widget_class, EgCardEditor, preview_slot);
  gtk_widget_class_bind_template_child (widget_class, EgCardEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, EgCardEditor, error_label);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
}

static void
eg_card_editor_init (EgCardEditor *self)
{
  GtkSourceBuffer *buffer;
  GtkSourceLanguage *markdown;
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_source_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  markdown = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                                       "markdown");
  gtk_source_buffer_set_language (buffer, markdown);
  gtk_source_buffer_set_style_scheme (buffer,
    gtk_source_style_scheme_manager_get_scheme (gtk_source_style_scheme_manager_get_default (),
                                                adw_style_manager_get_dark (style)
                                                ? "Adwaita-dark" : "Adwaita"));

  self->preview = EG_CARD_VIEW (eg_card_view_new ());
  eg_card_view_set_dark (self->preview, adw_style_manager_get_dark (style));
  adw_bin_set_child (self->preview_slot, GTK_WIDGET (self->preview));
}

static GtkWidget *
editor_new (EgStore    *store,
            EgCard     *card,
            const char *default_language)
{
  EgCardEditor *self = g_object_new (EG_TYPE_CARD_EDITOR, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));

  self->store = g_object_ref (store);
  self->card = card;
  self->language = g_strdup (default_language);

  eg_export_append_card (text, card->number, card->question, card->answer, card->parts);
  gtk_text_buffer_set_text (buffer, text->str, -1);
  update_preview (self);
  self->changed = FALSE;
  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * eg_card_editor_new:
 * @card: a card of @store
 * @default_language: (nullable): the language of its deck's code
 *
 * Returns: an editor of @card
 */
GtkWidget *
eg_card_editor_new (EgStore    *store,
                    EgCard     *card,
                    const char *default_language)
{
  g_return_val_if_fail (EG_IS_STORE (store), NULL);
  g_return_val_if_fail (card != NULL, NULL);

  return editor_new (store, eg_store_card_copy (card), default_language);
}

/**
 * eg_card_editor_new_card:
 * @section_id: the section the card goes to, at its end
 * @number: the number it will have, after the section's last
 * @default_language: (nullable): the language of its deck's code
 *
 * Returns: an editor of a new card, which is written to @store only when
 *   it is saved
 */
GtkWidget *
eg_card_editor_new_card (EgStore    *store,
                         gint64      deck_id,
                         gint64      section_id,
                         int         number,
                         const char *default_language)
{
  EgCard *card;
  GtkWidget *editor;

  g_return_val_if_fail (EG_IS_STORE (store), NULL);

  card = g_new0 (EgCard, 1);
  card->deck_id = deck_id;
  card->section_id = section_id;
  card->number = number;
  card->question = g_strdup (_("New question?"));
  card->answer = g_strdup (_("The answer."));
  card->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  editor = editor_new (store, card, default_language);
  gtk_window_set_title (GTK_WINDOW (editor), _("New Card"));
  return editor;
}

void
eg_card_editor_set_text (EgCardEditor *self,
                         const char   *text)
{
  g_return_if_fail (EG_IS_CARD_EDITOR (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)), text, -1);
}

char *
eg_card_editor_get_text (EgCardEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (EG_IS_CARD_EDITOR (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
