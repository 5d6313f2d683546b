/* eg-note-editor.c - edit a card's note or a highlight's comment (Markdown)
 *
 * The text is Markdown, shown as the card view will show it as one types
 * (the same renderer).  Ctrl+S saves and closes, Escape cancels (asking
 * first when something was typed), as in the card editor.  The editor does
 * not write: its owner's save function does, and when it fails the editor
 * stays open with the text and says why — nothing typed is lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-note-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "eg-card-view.h"
#include "eg-discard.h"
#include "eg-note-editor.h"

#define PREVIEW_DELAY_MS 150

struct _EgNoteEditor
{
  AdwWindow             parent_instance;

  EgNoteEditorSaveFunc  save_func;
  gpointer              user_data;
  GDestroyNotify        destroy;
  EgCardView           *preview;
  guint                 preview_source;
  gboolean              changed;

  GtkLabel             *quote_label;
  GtkLabel             *field_label;
  GtkSourceView        *source_view;
  AdwBin               *preview_slot;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (EgNoteEditor, eg_note_editor, ADW_TYPE_WINDOW)

GtkTextBuffer *
eg_note_editor_get_buffer (EgNoteEditor *self)
{
  g_return_val_if_fail (EG_IS_NOTE_EDITOR (self), NULL);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
}

static char *
get_text (EgNoteEditor *self)
{
  GtkTextBuffer *buffer = eg_note_editor_get_buffer (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
update_preview (gpointer data)
{
  EgNoteEditor *self = data;
  g_autoptr(EgCard) card = g_new0 (EgCard, 1);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_annotation_free);
  EgAnnotation *text = eg_annotation_new (EG_ANNOTATION_NOTE);

  self->preview_source = 0;
  /* the text shows as a note shows under an answer: the same renderer and box */
  card->question = g_strdup ("");
  card->answer = g_strdup ("");
  card->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  g_free (text->body);
  text->body = get_text (self);
  g_ptr_array_add (annotations, text);
  eg_card_view_show_card (self->preview, card, NULL, TRUE, 0);
  eg_card_view_set_annotations (self->preview, annotations);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (EgNoteEditor *self)
{
  self->changed = TRUE;
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, update_preview, self);
}

/**
 * eg_note_editor_save:
 *
 * Gives the text to the save function.  On success the editor is not
 * changed any more (closing it asks nothing).
 */
gboolean
eg_note_editor_save (EgNoteEditor  *self,
                     GError       **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (EG_IS_NOTE_EDITOR (self), FALSE);

  text = get_text (self);
  if (!self->save_func (text, self->user_data, error))
    return FALSE;
  self->changed = FALSE;
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgNoteEditor *self = EG_NOTE_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!eg_note_editor_save (self, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EgNoteEditor *self = EG_NOTE_EDITOR (widget);

  eg_discard_close (GTK_WINDOW (self), self->changed, _("The text you typed will be lost."));
}

static gboolean
eg_note_editor_close_request (GtkWindow *window)
{
  EgNoteEditor *self = EG_NOTE_EDITOR (window);

  if (!self->changed)
    return FALSE;
  cancel_action (GTK_WIDGET (self), NULL, NULL);
  return TRUE;
}

static void
eg_note_editor_dispose (GObject *object)
{
  EgNoteEditor *self = (EgNoteEditor *)object;

  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);
  gtk_widget_dispose_template (GTK_WIDGET (self), EG_TYPE_NOTE_EDITOR);

  G_OBJECT_CLASS (eg_note_editor_parent_class)->dispose (object);
}

static void
eg_note_editor_class_init (EgNoteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = eg_note_editor_dispose;
  window_class->close_request = eg_note_editor_close_request;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/eg-note-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, EgNoteEditor, quote_label);
  gtk_widget_class_bind_template_child (widget_class, EgNoteEditor, field_label);
  gtk_widget_class_bind_template_child (widget_class, EgNoteEditor, source_view);
  gtk_widget_class_bind_template_child (widget_class, EgNoteEditor, preview_slot);
  gtk_widget_class_bind_template_child (widget_class, EgNoteEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, EgNoteEditor, error_label);

  gtk_widget_class_install_action (widget_class, "note.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "note.cancel", NULL, cancel_action);
}

static void
eg_note_editor_init (EgNoteEditor *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkSourceBuffer *buffer;

  gtk_source_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  gtk_source_buffer_set_language (buffer,
    gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                              "markdown"));
  gtk_source_buffer_set_style_scheme (buffer,
    gtk_source_style_scheme_manager_get_scheme (gtk_source_style_scheme_manager_get_default (),
                                                adw_style_manager_get_dark (style)
                                                ? "Adwaita-dark" : "Adwaita"));
  self->preview = EG_CARD_VIEW (eg_card_view_new ());
  eg_card_view_set_dark (self->preview, adw_style_manager_get_dark (style));
  adw_bin_set_child (self->preview_slot, GTK_WIDGET (self->preview));
}

/**
 * eg_note_editor_new:
 * @title: the window's title, e.g. "Note on Card 7"
 * @field_label: the label of the text field, with a mnemonic ("_Note")
 * @quote: (nullable): the highlighted passage a comment is about, shown
 *   above the text
 * @text: the text to start from
 * @save_func: writes the text when the user saves
 *
 * Returns: a new editor
 */
GtkWidget *
eg_note_editor_new (const char           *title,
                    const char           *field_label,
                    const char           *quote,
                    const char           *text,
                    EgNoteEditorSaveFunc  save_func,
                    gpointer              user_data,
                    GDestroyNotify        destroy)
{
  EgNoteEditor *self = g_object_new (EG_TYPE_NOTE_EDITOR, "title", title, NULL);
  GtkTextBuffer *buffer = eg_note_editor_get_buffer (self);

  g_return_val_if_fail (save_func != NULL, NULL);

  self->save_func = save_func;
  self->user_data = user_data;
  self->destroy = destroy;
  gtk_label_set_label (self->field_label, field_label);
  if (quote != NULL && *quote != '\0')
    {
      /* TRANSLATORS: the highlighted passage a comment is about, in quotes */
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), quote);

      gtk_label_set_label (self->quote_label, quoted);
      gtk_widget_set_visible (GTK_WIDGET (self->quote_label), TRUE);
    }
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  update_preview (self);
  self->changed = FALSE;
  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
