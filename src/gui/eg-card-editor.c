/* eg-card-editor.c - edit a card's question, answer and parts, with a live preview
 *
 * The question, the answer (Markdown) and each named part ("Indepth") are
 * fields of their own; the number is shown, not edited: it is part of the
 * card's key.  What is saved must read back as the same card from a deck
 * file, so an answer with a line like "### 12. …" (a card's heading) is
 * refused with a reason.  Saving keeps the card's key and history.
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
#include <string.h>

#include "eg-card-editor.h"
#include "eg-card-view.h"
#include "eg-discard.h"

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

  GPtrArray     *parts;          /* Part, in order */
  char          *text_error;     /* from eg_card_editor_set_text(), until the next edit */

  GtkLabel      *number_label;
  GtkEditable   *question_entry;
  GtkSourceView *source_view;    /* the answer */
  GtkBox        *parts_box;
  AdwBin        *preview_slot;
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (EgCardEditor, eg_card_editor, ADW_TYPE_WINDOW)

/* One part's fields */
typedef struct
{
  GtkWidget     *box;
  GtkEditable   *name;
  GtkTextBuffer *buffer;
} Part;

static void buffer_changed_cb (EgCardEditor *self);

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

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The card the fields make, as a deck file has it */
static char *
fields_markdown (EgCardEditor *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_card_part_free);
  g_autofree char *question = g_strstrip (g_strdup (gtk_editable_get_text (self->question_entry)));
  g_autofree char *answer = NULL;

  answer = buffer_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = g_ptr_array_index (self->parts, i);
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (part->name)));
      g_autofree char *body = buffer_text (part->buffer);

      g_ptr_array_add (parts, eg_card_part_new (name, body));
    }
  eg_export_append_card (text, self->card->number, question, answer, parts);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The card of the fields; an error when it would not read back as one card
 * with these parts from a deck file */
static EgDeckCard *
parse (EgCardEditor  *self,
       GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(EgDeckCard) parsed = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *question = gtk_editable_get_text (self->question_entry);

  if (self->text_error != NULL)
    {
      g_set_error_literal (error, EG_DECK_ERROR, EG_DECK_ERROR_NO_CARDS, self->text_error);
      return NULL;
    }
  if (question[strspn (question, " \t")] == '\0')
    {
      g_set_error_literal (error, EG_DECK_ERROR, EG_DECK_ERROR_NO_CARDS,
                           _("The card needs a question"));
      return NULL;
    }
  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = g_ptr_array_index (self->parts, i);
      const char *name = gtk_editable_get_text (part->name);

      if (name[strspn (name, " \t")] == '\0')
        {
          g_set_error_literal (error, EG_DECK_ERROR, EG_DECK_ERROR_NO_CARDS,
                               _("Every part needs a name, e.g. “Indepth”"));
          return NULL;
        }
    }

  text = fields_markdown (self);
  parsed = eg_deck_parse_card (text, &parse_error);
  if (parsed == NULL || parsed->number != self->card->number ||
      parsed->parts->len != self->parts->len)
    {
      g_set_error_literal (error, EG_DECK_ERROR, EG_DECK_ERROR_NO_CARDS,
                           _("A line of the answer or of a part starts like a card heading "
                             "(“### 12.”) or a part heading (“#### Name”): change that "
                             "line, or the card would not read back the same from a deck "
                             "file"));
      return NULL;
    }
  return g_steal_pointer (&parsed);
}

static void
remove_part_clicked_cb (GtkButton    *button,
                        EgCardEditor *self)
{
  GtkWidget *box = g_object_get_data (G_OBJECT (button), "part-box");

  for (guint i = 0; i < self->parts->len; i++)
    if (((Part *) g_ptr_array_index (self->parts, i))->box == box)
      {
        g_ptr_array_remove_index (self->parts, i);
        break;
      }
  gtk_box_remove (self->parts_box, box);
  buffer_changed_cb (self);
}

/* The fields of one more part, at the end */
static Part *
append_part (EgCardEditor *self,
             const char   *name,
             const char   *text)
{
  Part *part = g_new0 (Part, 1);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkSourceBuffer *buffer = gtk_source_buffer_new_with_language (
    gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                              "markdown"));
  GtkWidget *view = gtk_source_view_new_with_buffer (buffer);

  part->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  part->name = GTK_EDITABLE (entry);
  part->buffer = GTK_TEXT_BUFFER (buffer);

  gtk_editable_set_text (part->name, name);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Part name, e.g. Indepth"));
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Part name"), -1);
  gtk_widget_set_tooltip_text (remove, _("Remove This Part"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove This Part"), -1);
  g_object_set_data (G_OBJECT (remove), "part-box", part->box);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_part_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (header), entry);
  gtk_box_append (GTK_BOX (header), remove);

  gtk_text_buffer_set_text (part->buffer, text, -1);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_widget_set_size_request (view, -1, 120);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_source_buffer_set_style_scheme (buffer,
    gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (
      gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)))));
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Part text (Markdown)"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);

  gtk_box_append (GTK_BOX (part->box), header);
  gtk_box_append (GTK_BOX (part->box), frame);
  gtk_box_append (self->parts_box, part->box);
  g_ptr_array_add (self->parts, part);

  g_signal_connect_object (entry, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_unref (buffer);
  return part;
}

/* The fields show @question, @answer and @parts */
static void
fill_fields (EgCardEditor *self,
             const char   *question,
             const char   *answer,
             GPtrArray    *parts)
{
  while (self->parts->len > 0)
    {
      Part *part = g_ptr_array_index (self->parts, self->parts->len - 1);

      gtk_box_remove (self->parts_box, part->box);
      g_ptr_array_remove_index (self->parts, self->parts->len - 1);
    }
  gtk_editable_set_text (self->question_entry, question);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)),
                            answer, -1);
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      EgCardPart *part = g_ptr_array_index (parts, i);

      append_part (self, part->name, part->text);
    }
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
  g_clear_pointer (&self->text_error, g_free);
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
add_part_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EgCardEditor *self = EG_CARD_EDITOR (widget);
  Part *part = append_part (self, "", "");

  gtk_widget_grab_focus (GTK_WIDGET (part->name));
  buffer_changed_cb (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EgCardEditor *self = EG_CARD_EDITOR (widget);

  eg_discard_close (GTK_WINDOW (self), self->changed, _("The changes to this card will be lost."));
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
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->text_error, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, EgCardEditor, number_label);
  gtk_widget_class_bind_template_child (widget_class, EgCardEditor, question_entry);
  gtk_widget_class_bind_template_child (widget_class, EgCardEditor, source_view);
  gtk_widget_class_bind_template_child (widget_class, EgCardEditor, parts_box);
  gtk_widget_class_bind_template_child (widget_class, EgCardEditor, preview_slot);
  gtk_widget_class_bind_template_child (widget_class, EgCardEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, EgCardEditor, error_label);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.add-part", NULL, add_part_action);
}

static void
eg_card_editor_init (EgCardEditor *self)
{
  GtkSourceBuffer *buffer;
  GtkSourceLanguage *markdown;
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_source_init ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->parts = g_ptr_array_new_with_free_func (g_free);

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
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  g_autofree char *number = NULL;

  self->store = g_object_ref (store);
  self->card = card;
  self->language = g_strdup (default_language);

  /* TRANSLATORS: the card's number, e.g. "Card 304" */
  number = g_strdup_printf (_("Card %d"), card->number);
  gtk_label_set_label (self->number_label, number);
  fill_fields (self, card->question, card->answer, card->parts);
  update_preview (self);
  self->changed = FALSE;
  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->question_entry, "changed", G_CALLBACK (buffer_changed_cb), self,
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
  gtk_window_set_title (GTK_WINDOW (editor), _("Add Card"));
  return editor;
}

/**
 * eg_card_editor_set_text:
 * @text: the card as a deck file has it ("### N. Question", the answer,
 *   "#### Part" and its text)
 *
 * Fills the fields from @text; when it is not one card of this number,
 * the fields stay and saving fails with the reason, until the next edit.
 */
void
eg_card_editor_set_text (EgCardEditor *self,
                         const char   *text)
{
  g_autoptr(EgDeckCard) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text_error = NULL;

  g_return_if_fail (EG_IS_CARD_EDITOR (self));

  if (!(parsed = eg_deck_parse_card (text, &error)))
    text_error = g_strdup (error->message);
  else if (parsed->number != self->card->number)
    text_error = g_strdup_printf (_("The card number is part of the card's key and stays %d"),
                                  self->card->number);
  else
    fill_fields (self, parsed->question, parsed->answer, parsed->parts);
  g_free (self->text_error);
  self->text_error = g_steal_pointer (&text_error);
  if (self->text_error != NULL)
    show_error (self, self->text_error);
}

/**
 * eg_card_editor_get_text:
 *
 * Returns: (transfer full): the card of the fields as a deck file has it
 */
char *
eg_card_editor_get_text (EgCardEditor *self)
{
  g_return_val_if_fail (EG_IS_CARD_EDITOR (self), NULL);

  return fields_markdown (self);
}

/* The question's field */
GtkEditable *
eg_card_editor_get_question (EgCardEditor *self)
{
  g_return_val_if_fail (EG_IS_CARD_EDITOR (self), NULL);

  return self->question_entry;
}

/* The answer's text */
GtkTextBuffer *
eg_card_editor_get_answer (EgCardEditor *self)
{
  g_return_val_if_fail (EG_IS_CARD_EDITOR (self), NULL);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
}

guint
eg_card_editor_get_n_parts (EgCardEditor *self)
{
  g_return_val_if_fail (EG_IS_CARD_EDITOR (self), 0);

  return self->parts->len;
}

/* The number the editor shows, e.g. "Card 304" */
const char *
eg_card_editor_get_number_text (EgCardEditor *self)
{
  g_return_val_if_fail (EG_IS_CARD_EDITOR (self), NULL);

  return gtk_label_get_label (self->number_label);
}
