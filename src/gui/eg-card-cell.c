/* eg-card-cell.c - the card table's cells show the card's marks
 *
 * The Flag column shows a flag icon in the flag's colour (its name as the
 * tooltip); every cell of a suspended card's row is dimmed.  The cells
 * follow their row as it is refilled (see eg-card-row.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-card-cell.h"

/* A cell for the Flag column */
GtkWidget *
eg_card_cell_new_flag (void)
{
  GtkWidget *image = gtk_image_new_from_icon_name ("emoji-flags-symbolic");

  gtk_widget_set_halign (image, GTK_ALIGN_START);
  gtk_widget_set_visible (image, FALSE);
  return image;
}

static void
row_flag_cb (GtkWidget *cell,
             GParamSpec *pspec,
             EgCardRow  *row)
{
  int flag = eg_card_row_get_flag (row);
  g_autofree char *name = NULL;

  g_object_get (row, "flag", &name, NULL);
  for (int i = 1; i <= 7; i++)
    {
      g_autofree char *css = g_strdup_printf ("flag-%d", i);

      if (i == flag)
        gtk_widget_add_css_class (cell, css);
      else
        gtk_widget_remove_css_class (cell, css);
    }
  gtk_widget_set_tooltip_text (cell, name != NULL && *name ? name : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name != NULL ? name : "", -1);
  gtk_widget_set_visible (cell, flag != 0);
}

static void
row_status_cb (GtkWidget  *cell,
               GParamSpec *pspec,
               EgCardRow  *row)
{
  if (eg_card_row_get_suspended (row))
    gtk_widget_add_css_class (cell, "dim-label");
  else
    gtk_widget_remove_css_class (cell, "dim-label");
}

/**
 * eg_card_cell_bind:
 *
 * Makes @cell show @row's marks (the flag, if it is a flag cell) until
 * eg_card_cell_unbind().
 */
void
eg_card_cell_bind (GtkWidget *cell,
                   EgCardRow *row)
{
  g_return_if_fail (GTK_IS_WIDGET (cell));
  g_return_if_fail (EG_IS_CARD_ROW (row));

  g_signal_connect_object (row, "notify::status", G_CALLBACK (row_status_cb), cell,
                           G_CONNECT_SWAPPED);
  row_status_cb (cell, NULL, row);
  if (GTK_IS_IMAGE (cell))
    {
      g_signal_connect_object (row, "notify::flag", G_CALLBACK (row_flag_cb), cell,
                               G_CONNECT_SWAPPED);
      row_flag_cb (cell, NULL, row);
    }
}

void
eg_card_cell_unbind (GtkWidget *cell,
                     EgCardRow *row)
{
  g_return_if_fail (GTK_IS_WIDGET (cell));

  if (row != NULL)
    g_signal_handlers_disconnect_by_data (row, cell);
}
