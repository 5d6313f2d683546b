/* eg-annotator.c - highlights and notes of the card a card view shows
 *
 * One annotator goes with each card view that shows cards of the
 * collection (the review page's, the library's preview).  It reads the
 * shown card's annotations and gives them to the view; it makes a highlight
 * of the view's selection (H; Shift+H opens its comment), opens the card's
 * note (N), and shows a highlight's popover when the view says one was
 * activated (a click, or Enter on it while caret browsing): its comment,
 * Edit, the colours and Delete.  Every change goes through the scheduler,
 * so Ctrl+Z takes it back, and a toast says what was done, with Undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-annotator"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-annotator.h"
#include "eg-note-editor.h"
#include "eg-toast.h"

struct _EgAnnotator
{
  GObject       parent_instance;

  EgCardView   *view;            /* weak */
  EgScheduler  *scheduler;
  EgCard       *card;
  GPtrArray    *annotations;     /* EgAnnotation of the card */
  gint64        reattach_id;     /* the orphan the next highlight places, or 0 */
  gboolean      with_comment;

  GtkPopover   *popover;
  gint64        popover_id;
  GtkLabel     *popover_comment;
  GtkWidget    *popover_edit;
  GtkWidget    *color_buttons[8];
  GtkWidget    *editor;          /* weak: the note or comment editor open */
};

G_DEFINE_FINAL_TYPE (EgAnnotator, eg_annotator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CARET_BROWSING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static EgStore *
store_of (EgAnnotator *self)
{
  return eg_scheduler_get_store (self->scheduler);
}

static void
toast (EgAnnotator *self,
       const char  *message,
       gboolean     with_undo)
{
  if (self->view != NULL)
    eg_toast_show (GTK_WIDGET (self->view), message, with_undo);
}

static void
error_toast (EgAnnotator *self,
             GError      *error)
{
  g_message ("%s", error->message);
  toast (self, error->message, FALSE);
}

static EgAnnotation *
find (EgAnnotator *self,
      gint64       id)
{
  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    {
      EgAnnotation *annotation = g_ptr_array_index (self->annotations, i);

      if (annotation->id == id)
        return annotation;
    }
  return NULL;
}

/**
 * eg_annotator_reload:
 *
 * Reads the card's annotations again and shows them (after an undo, or a
 * change made elsewhere).
 */
void
eg_annotator_reload (EgAnnotator *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *annotations = NULL;

  g_return_if_fail (EG_IS_ANNOTATOR (self));

  if (self->card != NULL && self->scheduler != NULL)
    {
      annotations = eg_store_list_annotations (store_of (self), self->card->id,
                                               EG_STORE_ANNOTATIONS_DEFAULT, &error);
      if (annotations == NULL)
        error_toast (self, error);   /* the card shows without them */
    }
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  self->annotations = annotations;
  if (self->view != NULL)
    eg_card_view_set_annotations (self->view, annotations);
}

/**
 * eg_annotator_set_card:
 * @card: (nullable): the card the view shows now
 *
 * Call it after eg_card_view_show_card().
 */
void
eg_annotator_set_card (EgAnnotator  *self,
                       const EgCard *card)
{
  g_return_if_fail (EG_IS_ANNOTATOR (self));

  if (self->card == NULL || card == NULL || self->card->id != card->id)
    {
      self->reattach_id = 0;
      if (self->popover != NULL)
        gtk_popover_popdown (self->popover);
    }
  g_clear_pointer (&self->card, eg_card_free);
  self->card = card != NULL ? eg_card_copy (card) : NULL;
  eg_annotator_reload (self);
}

GPtrArray *
eg_annotator_get_annotations (EgAnnotator *self)
{
  g_return_val_if_fail (EG_IS_ANNOTATOR (self), NULL);
  return self->annotations;
}

void
eg_annotator_set_scheduler (EgAnnotator *self,
                            EgScheduler *scheduler)
{
  g_return_if_fail (EG_IS_ANNOTATOR (self));
  g_set_object (&self->scheduler, scheduler);
}

/* ------------------------------------------------------------------ */
/* The editors                                                          */
/* ------------------------------------------------------------------ */

typedef struct
{
  EgAnnotator *self;   /* a reference */
  gint64       id;     /* the highlight; 0 for the card's note */
  gint64       card_id;
} EditTarget;

static void
edit_target_free (gpointer data)
{
  EditTarget *target = data;

  g_object_unref (target->self);
  g_free (target);
}

static gboolean
save_text (const char  *text,
           gpointer     data,
           GError     **error)
{
  EditTarget *target = data;
  EgAnnotator *self = target->self;
  gint64 now = eg_time_now_ms ();
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (target->id != 0)
    {
      EgAnnotation *before = find (self, target->id);

      if (before != NULL && g_strcmp0 (before->body, text) == 0)
        return TRUE;
      if (!eg_scheduler_update_annotation (self->scheduler, target->id, text, NULL, now, error))
        return FALSE;
      toast (self, *stripped == '\0' ? _("Comment removed") : _("Comment saved"), TRUE);
    }
  else
    {
      g_autoptr(EgAnnotation) note = eg_store_get_note (store_of (self), target->card_id, NULL);

      if ((note == NULL && *stripped == '\0') ||
          (note != NULL && g_strcmp0 (note->body, text) == 0))
        return TRUE;
      if (eg_scheduler_set_note (self->scheduler, target->card_id, text, now, error) == 0)
        return FALSE;
      toast (self, *stripped == '\0' ? _("Note deleted") : _("Note saved"), TRUE);
    }
  if (self->card != NULL && self->card->id == target->card_id)
    eg_annotator_reload (self);
  return TRUE;
}

static void
present_editor (EgAnnotator *self,
                GtkWidget   *editor)
{
  GtkRoot *root = self->view != NULL ? gtk_widget_get_root (GTK_WIDGET (self->view)) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_set_weak_pointer (&self->editor, editor);
  gtk_window_present (GTK_WINDOW (editor));
}

/**
 * eg_annotator_edit_note:
 *
 * Opens the shown card's note (N).
 */
void
eg_annotator_edit_note (EgAnnotator *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EgAnnotation) note = NULL;
  g_autofree char *title = NULL;
  EditTarget *target;

  g_return_if_fail (EG_IS_ANNOTATOR (self));

  if (self->card == NULL || self->scheduler == NULL)
    return;
  note = eg_store_get_note (store_of (self), self->card->id, &error);
  if (note == NULL && error != NULL)
    {
      error_toast (self, error);
      return;
    }
  target = g_new0 (EditTarget, 1);
  target->self = g_object_ref (self);
  target->card_id = self->card->id;
  /* TRANSLATORS: the title of the note editor, e.g. "Note on Card 304" */
  title = g_strdup_printf (_("Note on Card %d"), self->card->number);
  present_editor (self, eg_note_editor_new (title, _("_Note"), NULL,
                                            note != NULL ? note->body : "",
                                            save_text, target, edit_target_free));
}

/**
 * eg_annotator_edit_comment:
 *
 * Opens the comment of the shown card's highlight @id.
 */
void
eg_annotator_edit_comment (EgAnnotator *self,
                           gint64       id)
{
  EgAnnotation *highlight;
  EditTarget *target;

  g_return_if_fail (EG_IS_ANNOTATOR (self));

  if (self->card == NULL || (highlight = find (self, id)) == NULL)
    return;
  target = g_new0 (EditTarget, 1);
  target->self = g_object_ref (self);
  target->id = id;
  target->card_id = self->card->id;
  present_editor (self, eg_note_editor_new (_("Comment"), _("_Comment"),
                                            highlight->anchor ? highlight->anchor->exact : NULL,
                                            highlight->body, save_text, target,
                                            edit_target_free));
}

GtkWidget *
eg_annotator_get_editor (EgAnnotator *self)
{
  g_return_val_if_fail (EG_IS_ANNOTATOR (self), NULL);
  return self->editor;
}

/* ------------------------------------------------------------------ */
/* Highlighting the selection                                           */
/* ------------------------------------------------------------------ */

static void
selection_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(EgAnnotator) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  guint start = 0, end = 0;
  gint64 now = eg_time_now_ms ();
  gint64 id;

  if (!eg_card_view_get_selection_finish (EG_CARD_VIEW (object), result, &field, &start, &end,
                                          &error))
    {
      toast (self, error->message, FALSE);
      return;
    }
  if (self->card == NULL || self->scheduler == NULL)
    return;

  if (self->reattach_id != 0)
    {
      id = self->reattach_id;
      if (!eg_scheduler_reattach_highlight (self->scheduler, id, field, start, end, now, &error))
        {
          error_toast (self, error);
          return;
        }
      self->reattach_id = 0;
      eg_annotator_reload (self);
      toast (self, _("Highlight attached to the selection"), TRUE);
      return;
    }

  id = eg_scheduler_add_highlight (self->scheduler, self->card->id, field, start, end, NULL,
                                   NULL, now, &error);
  if (id == 0)
    {
      error_toast (self, error);
      return;
    }
  eg_annotator_reload (self);
  toast (self, _("Passage highlighted"), TRUE);
  if (self->with_comment)
    eg_annotator_edit_comment (self, id);
}

/**
 * eg_annotator_highlight:
 * @with_comment: whether to open the new highlight's comment (Shift+H)
 *
 * Highlights the passage selected in the view (H), or places the orphaned
 * highlight eg_annotator_start_reattach() named there.
 */
void
eg_annotator_highlight (EgAnnotator *self,
                        gboolean     with_comment)
{
  g_return_if_fail (EG_IS_ANNOTATOR (self));

  if (self->card == NULL || self->view == NULL)
    return;
  self->with_comment = with_comment;
  eg_card_view_get_selection (self->view, NULL, selection_cb, g_object_ref (self));
}

/**
 * eg_annotator_start_reattach:
 * @id: an orphaned highlight of the shown card
 *
 * The next highlight (H) places @id on the selection instead of making a
 * new one.
 */
void
eg_annotator_start_reattach (EgAnnotator *self,
                             gint64       id)
{
  g_return_if_fail (EG_IS_ANNOTATOR (self));

  self->reattach_id = id;
  toast (self, _("Select where the highlight belongs and press H"), FALSE);
}

void
eg_annotator_activate_at_caret (EgAnnotator *self)
{
  g_return_if_fail (EG_IS_ANNOTATOR (self));
  if (self->view != NULL)
    eg_card_view_activate_at_caret (self->view);
}

/**
 * eg_annotator_set_caret_browsing:
 *
 * Turns caret browsing of the view on or off (F7): a caret in the text,
 * moved with the arrow keys, Shift+arrows selecting, so that a passage can
 * be highlighted without a mouse.
 */
void
eg_annotator_set_caret_browsing (EgAnnotator *self,
                                 gboolean     caret_browsing)
{
  g_return_if_fail (EG_IS_ANNOTATOR (self));

  if (self->view == NULL || eg_annotator_get_caret_browsing (self) == !!caret_browsing)
    return;
  eg_card_view_set_caret_browsing (self->view, caret_browsing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARET_BROWSING]);
  toast (self, caret_browsing ? _("Caret browsing on: Shift+arrow keys select, H highlights")
                              : _("Caret browsing off"), FALSE);
}

gboolean
eg_annotator_get_caret_browsing (EgAnnotator *self)
{
  g_return_val_if_fail (EG_IS_ANNOTATOR (self), FALSE);

  return self->view != NULL && eg_card_view_get_caret_browsing (self->view);
}

/* ------------------------------------------------------------------ */
/* A highlight's popover                                                */
/* ------------------------------------------------------------------ */

static void
popover_edit_cb (EgAnnotator *self)
{
  gint64 id = self->popover_id;

  gtk_popover_popdown (self->popover);
  eg_annotator_edit_comment (self, id);
}

static void
popover_delete_cb (EgAnnotator *self)
{
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (self->popover);
  if (!eg_scheduler_delete_annotation (self->scheduler, self->popover_id, eg_time_now_ms (),
                                       &error))
    {
      error_toast (self, error);
      return;
    }
  eg_annotator_reload (self);
  toast (self, _("Highlight deleted"), TRUE);
}

static void
popover_color_cb (GtkButton   *button,
                  EgAnnotator *self)
{
  g_autoptr(GError) error = NULL;
  const char *color = g_object_get_data (G_OBJECT (button), "eg-color");
  EgAnnotation *highlight = find (self, self->popover_id);

  gtk_popover_popdown (self->popover);
  if (highlight == NULL || g_strcmp0 (highlight->color, color) == 0)
    return;
  if (!eg_scheduler_update_annotation (self->scheduler, self->popover_id, NULL, color,
                                       eg_time_now_ms (), &error))
    {
      error_toast (self, error);
      return;
    }
  eg_annotator_reload (self);
  toast (self, _("Highlight colour changed"), TRUE);
}

static GtkWidget *
popover_button (const char *label,
                const char *icon)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
build_popover (EgAnnotator *self)
{
  const char * const *colors = eg_annotation_colors ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *swatches = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove;

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->popover), "highlight-popover");
  self->popover_comment = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->popover_comment, TRUE);
  gtk_label_set_wrap_mode (self->popover_comment, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (self->popover_comment, 40);
  gtk_label_set_xalign (self->popover_comment, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->popover_comment));

  for (guint i = 0; colors[i] != NULL && i < G_N_ELEMENTS (self->color_buttons); i++)
    {
      GtkWidget *button = gtk_button_new ();
      g_autofree char *css = g_strdup_printf ("highlight-%s", colors[i]);

      gtk_widget_add_css_class (button, "highlight-swatch");
      gtk_widget_add_css_class (button, css);
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, eg_annotation_color_label (colors[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      eg_annotation_color_label (colors[i]), -1);
      g_object_set_data (G_OBJECT (button), "eg-color", (gpointer) colors[i]);
      g_signal_connect (button, "clicked", G_CALLBACK (popover_color_cb), self);
      gtk_box_append (GTK_BOX (swatches), button);
      self->color_buttons[i] = button;
    }
  gtk_box_append (GTK_BOX (box), swatches);

  self->popover_edit = popover_button (_("_Edit Comment…"), "document-edit-symbolic");
  g_signal_connect_swapped (self->popover_edit, "clicked", G_CALLBACK (popover_edit_cb), self);
  remove = popover_button (_("_Delete"), "user-trash-symbolic");
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (popover_delete_cb), self);
  gtk_box_append (GTK_BOX (actions), self->popover_edit);
  gtk_box_append (GTK_BOX (actions), remove);
  gtk_box_append (GTK_BOX (box), actions);

  gtk_popover_set_child (self->popover, box);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self->view));
}

static void
annotation_activated_cb (EgAnnotator  *self,
                         gint64        id,
                         GdkRectangle *rect,
                         EgCardView   *view)
{
  EgAnnotation *highlight = find (self, id);
  gboolean has_comment;

  if (highlight == NULL)
    return;
  if (self->popover == NULL)
    build_popover (self);
  self->popover_id = id;
  has_comment = highlight->body != NULL && *highlight->body != '\0';
  gtk_label_set_label (self->popover_comment, has_comment ? highlight->body : _("No comment"));
  if (has_comment)
    gtk_widget_remove_css_class (GTK_WIDGET (self->popover_comment), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->popover_comment), "dim-label");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (self->popover_edit))),
                                has_comment ? _("_Edit Comment…") : _("_Add Comment…"));
  for (guint i = 0; i < G_N_ELEMENTS (self->color_buttons) && self->color_buttons[i]; i++)
    {
      const char *color = g_object_get_data (G_OBJECT (self->color_buttons[i]), "eg-color");

      if (g_strcmp0 (color, highlight->color) == 0)
        gtk_widget_add_css_class (self->color_buttons[i], "selected");
      else
        gtk_widget_remove_css_class (self->color_buttons[i], "selected");
    }
  gtk_popover_set_pointing_to (self->popover, rect);
  gtk_popover_popup (self->popover);
  gtk_widget_grab_focus (self->popover_edit);
}

GtkPopover *
eg_annotator_get_popover (EgAnnotator *self)
{
  g_return_val_if_fail (EG_IS_ANNOTATOR (self), NULL);
  return self->popover;
}

/* ------------------------------------------------------------------ */
/* The pages' actions                                                   */
/* ------------------------------------------------------------------ */

static GQuark
getter_quark (void)
{
  return g_quark_from_static_string ("eg-annotator-getter");
}

static EgAnnotator *
annotator_of (GtkWidget *widget)
{
  EgAnnotator *(*get) (GtkWidget *) = g_type_get_qdata (G_OBJECT_TYPE (widget), getter_quark ());

  return get != NULL ? get (widget) : NULL;
}

static void
highlight_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EgAnnotator *self = annotator_of (widget);

  if (self != NULL)
    eg_annotator_highlight (self, g_str_equal (action_name, "annotate.highlight-comment"));
}

static void
note_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgAnnotator *self = annotator_of (widget);

  if (self != NULL)
    eg_annotator_edit_note (self);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgAnnotator *self = annotator_of (widget);

  if (self != NULL)
    eg_annotator_activate_at_caret (self);
}

static void
caret_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EgAnnotator *self = annotator_of (widget);

  if (self != NULL)
    eg_annotator_set_caret_browsing (self, !eg_annotator_get_caret_browsing (self));
}

/**
 * eg_annotator_class_add_actions:
 * @get: returns the annotator of a widget of the class
 *
 * Installs annotate.highlight (H), annotate.highlight-comment (Shift+H),
 * annotate.note (N), annotate.open (the highlight at the caret) and
 * annotate.caret-browsing (F7) on a page class; the card view's context menu activates the first two.
 */
void
eg_annotator_class_add_actions (GtkWidgetClass *widget_class,
                                EgAnnotator  *(*get) (GtkWidget *widget))
{
  g_type_set_qdata (G_TYPE_FROM_CLASS (widget_class), getter_quark (), get);
  gtk_widget_class_install_action (widget_class, "annotate.highlight", NULL, highlight_action);
  gtk_widget_class_install_action (widget_class, "annotate.highlight-comment", NULL,
                                   highlight_action);
  gtk_widget_class_install_action (widget_class, "annotate.note", NULL, note_action);
  gtk_widget_class_install_action (widget_class, "annotate.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "annotate.caret-browsing", NULL, caret_action);
}

/* ------------------------------------------------------------------ */

/* The popover is the view's child: it goes before the view does. */
static void
view_destroy_cb (EgAnnotator *self)
{
  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
}

static void
eg_annotator_dispose (GObject *object)
{
  EgAnnotator *self = (EgAnnotator *)object;

  view_destroy_cb (self);
  g_clear_weak_pointer (&self->view);
  g_clear_weak_pointer (&self->editor);
  g_clear_object (&self->scheduler);
  g_clear_pointer (&self->card, eg_card_free);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);

  G_OBJECT_CLASS (eg_annotator_parent_class)->dispose (object);
}

static void
eg_annotator_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EgAnnotator *self = EG_ANNOTATOR (object);

  switch (prop_id)
    {
    case PROP_CARET_BROWSING:
      g_value_set_boolean (value, eg_annotator_get_caret_browsing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eg_annotator_class_init (EgAnnotatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eg_annotator_dispose;
  object_class->get_property = eg_annotator_get_property;

  properties[PROP_CARET_BROWSING] =
    g_param_spec_boolean ("caret-browsing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eg_annotator_init (EgAnnotator *self)
{
}

/**
 * eg_annotator_new:
 * @view: the card view whose cards it annotates (not referenced: the page
 *   owning both disposes the annotator with the view)
 */
EgAnnotator *
eg_annotator_new (EgCardView *view)
{
  EgAnnotator *self = g_object_new (EG_TYPE_ANNOTATOR, NULL);

  g_set_weak_pointer (&self->view, view);
  g_signal_connect_object (view, "annotation-activated", G_CALLBACK (annotation_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "destroy", G_CALLBACK (view_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
