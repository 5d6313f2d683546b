/* eg-card-cell.c - the card table's cells show the card's marks
 *
 * The Flag column shows a flag icon in the flag's colour (its name as the
 * tooltip); every cell of a suspended card's row is dimmed.  The cells
 * follow their row as it is refilled (see eg-card-row.c).
 *
 * A cell's tooltip is asked for when the pointer rests on it, from the row
 * it shows then, never set as the rows are filled: setting the tooltip
 * text of a visible widget makes GTK ask the X server where the pointer
 * is, once per cell of every row a search refills (~80 ms on a 100,000-
 * card collection), and restarts the tooltip timer, which repaints the
 * table half a second after the search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-card-cell.h"

#define ROW_KEY "eg-card-cell-row"
#define TOOLTIP_KEY "eg-card-cell-tooltip"

/**
 * eg_card_cell_get_tooltip:
 *
 * Returns: (transfer full) (nullable): the tooltip @cell shows now, or
 *   %NULL for none
 */
char *
eg_card_cell_get_tooltip (GtkWidget *cell)
{
  EgCardRow *row = g_object_get_data (G_OBJECT (cell), ROW_KEY);
  const char *property = g_object_get_data (G_OBJECT (cell), TOOLTIP_KEY);
  char *text = NULL;

  if (row == NULL || property == NULL)
    return NULL;
  g_object_get (row, property, &text, NULL);
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static gboolean
query_tooltip_cb (GtkWidget  *cell,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip)
{
  g_autofree char *text = eg_card_cell_get_tooltip (cell);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * eg_card_cell_set_tooltip_from:
 * @property: (not nullable): a string property of #EgCardRow, static
 *
 * Makes @cell's tooltip (and its accessible description) the bound row's
 * @property.
 */
void
eg_card_cell_set_tooltip_from (GtkWidget  *cell,
                               const char *property)
{
  g_return_if_fail (GTK_IS_WIDGET (cell));

  g_object_set_data (G_OBJECT (cell), TOOLTIP_KEY, (gpointer) property);
  gtk_widget_set_has_tooltip (cell, TRUE);
  g_signal_connect (cell, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

/* A cell for the Flag column */
GtkWidget *
eg_card_cell_new_flag (void)
{
  GtkWidget *image = gtk_image_new_from_icon_name ("emoji-flags-symbolic");

  gtk_widget_set_halign (image, GTK_ALIGN_START);
  gtk_widget_set_visible (image, FALSE);
  eg_card_cell_set_tooltip_from (image, "flag");
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
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name != NULL ? name : "", -1);
  gtk_widget_set_visible (cell, flag != 0);
}

static void
row_tooltip_cb (GtkWidget  *cell,
                GParamSpec *pspec,
                EgCardRow  *row)
{
  g_autofree char *text = NULL;

  g_object_get (row, g_object_get_data (G_OBJECT (cell), TOOLTIP_KEY), &text, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
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
  const char *tooltip;

  g_return_if_fail (GTK_IS_WIDGET (cell));
  g_return_if_fail (EG_IS_CARD_ROW (row));

  g_object_set_data (G_OBJECT (cell), ROW_KEY, row);
  g_signal_connect_object (row, "notify::status", G_CALLBACK (row_status_cb), cell,
                           G_CONNECT_SWAPPED);
  row_status_cb (cell, NULL, row);
  if (GTK_IS_IMAGE (cell))
    {
      g_signal_connect_object (row, "notify::flag", G_CALLBACK (row_flag_cb), cell,
                               G_CONNECT_SWAPPED);
      row_flag_cb (cell, NULL, row);
    }
  else if ((tooltip = g_object_get_data (G_OBJECT (cell), TOOLTIP_KEY)) != NULL)
    {
      g_autofree char *signal = g_strconcat ("notify::", tooltip, NULL);

      g_signal_connect_object (row, signal, G_CALLBACK (row_tooltip_cb), cell,
                               G_CONNECT_SWAPPED);
      row_tooltip_cb (cell, NULL, row);
    }
}

void
eg_card_cell_unbind (GtkWidget *cell,
                     EgCardRow *row)
{
  g_return_if_fail (GTK_IS_WIDGET (cell));

  g_object_set_data (G_OBJECT (cell), ROW_KEY, NULL);
  if (row != NULL)
    g_signal_handlers_disconnect_by_data (row, cell);
}
