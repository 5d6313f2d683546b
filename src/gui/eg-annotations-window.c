/* eg-annotations-window.c - every highlight and note of the collection
 *
 * The orphaned highlights first (their passages were not found again after
 * their cards' text changed: each can be deleted here, or attached again
 * from its card's info), then every highlight and note by card, in deck
 * order.  "Export…" writes them all as one Markdown document, grouped by
 * section and card (the same as `engram-cli annotations export`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-annotations-window"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-annotation-row.h"
#include "eg-annotations-window.h"
#include "eg-toast.h"

struct _EgAnnotationsWindow
{
  AdwWindow            parent_instance;

  EgScheduler         *scheduler;
  GPtrArray           *rows;
  guint                n_orphans;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwPreferencesGroup *orphans_group;
  AdwPreferencesGroup *annotations_group;
};

G_DEFINE_FINAL_TYPE (EgAnnotationsWindow, eg_annotations_window, ADW_TYPE_WINDOW)

static char *
card_label (EgStore            *store,
            const EgAnnotation *annotation,
            GHashTable         *labels)
{
  const char *label = g_hash_table_lookup (labels, &annotation->card_id);

  if (label == NULL)
    {
      g_autoptr(EgCard) card = eg_store_get_card (store, annotation->card_id, NULL);
      g_autofree char *question = card ? eg_markdown_to_plain (card->question) : NULL;
      gint64 *key = g_new (gint64, 1);

      *key = annotation->card_id;
      /* TRANSLATORS: the card an annotation is on: "Card 16/304: What is …" */
      label = g_strdup_printf (_("Card %s: %s"), annotation->card_key,
                               question ? question : "");
      g_hash_table_insert (labels, key, (char *) label);
    }
  return g_strdup (label);
}

static gboolean
fill (EgAnnotationsWindow  *self,
      GError              **error)
{
  EgStore *store = eg_scheduler_get_store (self->scheduler);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);

  annotations = eg_store_list_annotations (store, 0, EG_STORE_ANNOTATIONS_DEFAULT, error);
  if (annotations == NULL)
    return FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row,
                                      ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  self->n_orphans = 0;

  for (guint i = 0; i < annotations->len; i++)
    {
      EgAnnotation *annotation = g_ptr_array_index (annotations, i);
      gboolean orphan = annotation->kind == EG_ANNOTATION_HIGHLIGHT && annotation->orphaned;
      g_autofree char *label = card_label (store, annotation, labels);
      GtkWidget *row = eg_annotation_row_new (annotation, label, FALSE);

      adw_preferences_group_add (orphan ? self->orphans_group : self->annotations_group, row);
      g_ptr_array_add (self->rows, row);
      self->n_orphans += orphan;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->orphans_group), self->n_orphans > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->annotations_group),
                          annotations->len > self->n_orphans);
  gtk_stack_set_visible_child_name (self->stack, annotations->len > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "annotations.export", annotations->len > 0);
  return TRUE;
}

guint
eg_annotations_window_get_n_orphans (EgAnnotationsWindow *self)
{
  g_return_val_if_fail (EG_IS_ANNOTATIONS_WINDOW (self), 0);
  return self->n_orphans;
}

static void
toast (EgAnnotationsWindow *self,
       const char          *text,
       gboolean             with_undo)
{
  AdwToast *t = eg_toast_new (text);

  if (with_undo)
    {
      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_action_name (t, "annotations.undo");
    }
  eg_toast_overlay_add (self->toast_overlay, t);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EgAnnotationsWindow *self = EG_ANNOTATIONS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!eg_scheduler_delete_annotation (self->scheduler, g_variant_get_int64 (parameter),
                                       eg_time_now_ms (), &error) ||
      !fill (self, &error))
    {
      toast (self, error->message, FALSE);
      return;
    }
  toast (self, _("Deleted"), TRUE);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EgAnnotationsWindow *self = EG_ANNOTATIONS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_auto(EgUndoInfo) info = { 0 };
  EgUndoKind kind;

  /* here, only a change of a highlight or note is taken back */
  if (!eg_scheduler_peek_undo (self->scheduler, &kind) || kind != EG_UNDO_ANNOTATE)
    {
      toast (self, _("No change of a highlight or note to undo"), FALSE);
      return;
    }
  if (!eg_scheduler_undo_full (self->scheduler, EG_UNDO_SCOPE_CARDS, NULL, eg_time_now_ms (),
                               &info, &error) ||
      !fill (self, &error))
    {
      toast (self, error->message, FALSE);
      return;
    }
  toast (self, info.description, FALSE);
}

/**
 * eg_annotations_window_export_to:
 *
 * Writes every highlight and note to @file as Markdown; never onto the
 * collection (see eg_output_write_file()).
 */
gboolean
eg_annotations_window_export_to (EgAnnotationsWindow  *self,
                                 GFile                *file,
                                 GError              **error)
{
  EgStore *store = eg_scheduler_get_store (self->scheduler);
  g_autofree char *markdown = NULL;

  g_return_val_if_fail (EG_IS_ANNOTATIONS_WINDOW (self), FALSE);

  markdown = eg_annotations_to_markdown (store, error);
  return markdown != NULL &&
         eg_output_write_file (file, markdown, strlen (markdown), eg_store_get_path (store), error);
}

static void
export_chosen_cb (GtkNativeDialog     *chooser,
                  int                  response,
                  EgAnnotationsWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if (eg_annotations_window_export_to (self, file, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);

          toast (self, message, FALSE);
        }
      else
        toast (self, error->message, FALSE);
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export Highlights and Notes"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Markdown"));
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* TRANSLATORS: the file name an export of the annotations suggests */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Highlights and Notes.md"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
eg_annotations_window_dispose (GObject *object)
{
  EgAnnotationsWindow *self = (EgAnnotationsWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), EG_TYPE_ANNOTATIONS_WINDOW);
  g_clear_object (&self->scheduler);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (eg_annotations_window_parent_class)->dispose (object);
}

static void
eg_annotations_window_class_init (EgAnnotationsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = eg_annotations_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/eg-annotations-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EgAnnotationsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EgAnnotationsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EgAnnotationsWindow, orphans_group);
  gtk_widget_class_bind_template_child (widget_class, EgAnnotationsWindow, annotations_group);
  gtk_widget_class_install_action (widget_class, "annotation.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "annotations.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "annotations.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "annotations.undo", NULL);
}

static void
eg_annotations_window_init (EgAnnotationsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/**
 * eg_annotations_window_new:
 *
 * Returns: (nullable): the window, or %NULL with @error when the
 *   annotations cannot be read
 */
GtkWidget *
eg_annotations_window_new (EgScheduler  *scheduler,
                           GError      **error)
{
  EgAnnotationsWindow *self = g_object_new (EG_TYPE_ANNOTATIONS_WINDOW, NULL);

  self->scheduler = g_object_ref (scheduler);
  if (!fill (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  return GTK_WIDGET (self);
}
