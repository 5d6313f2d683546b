/* eg-annotation-row.c - a highlight or note as a row of a list
 *
 * The row shows a highlight's passage in quotes (a note's text), over its
 * place, colour and comment.  Its buttons activate "annotation.delete" and,
 * for an orphaned highlight where the list can, "annotation.reattach", with
 * the annotation's id: the window showing the list installs them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "eg-annotation-row.h"

static GtkWidget *
row_button (const char *icon,
            const char *label,
            const char *action,
            gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  return button;
}

/**
 * eg_annotation_row_new:
 * @card_label: (nullable): the card it is on, e.g. "Card 16/304: What…",
 *   for a list of many cards' annotations
 * @can_reattach: whether an orphaned highlight gets "Attach to a New
 *   Selection"
 *
 * Returns: a new #AdwActionRow
 */
GtkWidget *
eg_annotation_row_new (const EgAnnotation *annotation,
                       const char         *card_label,
                       gboolean            can_reattach)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *place = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_subtitle = NULL;
  gboolean commented = annotation->body != NULL && *annotation->body != '\0';
  g_autofree char *comment = commented ? eg_markdown_to_plain (annotation->body) : NULL;

  if (annotation->kind == EG_ANNOTATION_NOTE)
    {
      title = eg_markdown_to_plain (annotation->body);
      place = g_strdup (_("Note"));
    }
  else
    {
      g_autofree char *field = eg_annotation_field_label (annotation->field);
      const char *color = eg_annotation_color_label (annotation->color);

      title = g_strdup_printf (_("“%s”"), annotation->anchor ? annotation->anchor->exact : "");
      /* TRANSLATORS: a highlight's field and colour, "Answer · Yellow" */
      place = g_strdup_printf (_("%s · %s"), field, color ? color : "");
    }
  {
    /* "Card 16/304: What… — Answer · Yellow — the comment" */
    const char *parts[4] = { NULL };
    guint n = 0;

    if (card_label != NULL)
      parts[n++] = card_label;
    parts[n++] = place;
    if (commented && annotation->kind == EG_ANNOTATION_HIGHLIGHT)
      parts[n++] = comment;
    subtitle = g_strjoinv (" — ", (char **) parts);
  }
  /* titles and subtitles are markup: the text shows as it is */
  escaped_title = g_markup_escape_text (title, -1);
  escaped_subtitle = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (annotation->kind == EG_ANNOTATION_HIGHLIGHT && annotation->orphaned && can_reattach)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button ("edit-select-all-symbolic",
                                           _("Attach to a New Selection"),
                                           "annotation.reattach", annotation->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("user-trash-symbolic",
                                         annotation->kind == EG_ANNOTATION_NOTE
                                         ? _("Delete Note") : _("Delete Highlight"),
                                         "annotation.delete", annotation->id));
  return row;
}
