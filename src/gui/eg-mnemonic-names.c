/* eg-mnemonic-names.c - buttons are named without their mnemonic's underscore
 *
 * GTK 4.8 makes a button's label its accessible name as it is written,
 * mnemonic underscore included: a screen reader says "underscore Review".
 * (GTK 4.10 no longer does.)  When a window is shown, every button of it
 * that underlines a mnemonic gets its label without the underscore as its
 * name, and again whenever its label changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-mnemonic-names"

#include "config.h"

#include "eg-mnemonic-names.h"

#define FIXED_KEY "eg-mnemonic-name"

/* "_Back Up Now" -> "Back Up Now"; "__" is an underscore */
static char *
without_mnemonic (const char *label)
{
  GString *name = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (name, *p);
    }
  return g_string_free (name, FALSE);
}

static void
name_button (GtkButton *button)
{
  /* a button made with a label (not gtk_button_get_label(): GTK 4.8
   * takes any child for a label there) */
  GtkWidget *child = gtk_button_get_child (button);
  g_autofree char *name = NULL;

  if (!GTK_IS_LABEL (child) || !gtk_label_get_use_underline (GTK_LABEL (child)))
    return;
  name = without_mnemonic (gtk_label_get_label (GTK_LABEL (child)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
name_buttons (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), FIXED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (widget), FIXED_KEY, GINT_TO_POINTER (TRUE));
      /* after GTK's own handler, which sets the name with the underscore */
      g_signal_connect_after (widget, "notify::label", G_CALLBACK (name_button), NULL);
      g_signal_connect_after (widget, "notify::use-underline", G_CALLBACK (name_button), NULL);
      name_button (GTK_BUTTON (widget));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_buttons (child);
}

static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_object_get_data (G_OBJECT (window), FIXED_KEY) != NULL)
        continue;
      g_object_set_data (G_OBJECT (window), FIXED_KEY, GINT_TO_POINTER (TRUE));
      /* a window's buttons are all there when it is shown */
      g_signal_connect (window, "map", G_CALLBACK (name_buttons), NULL);
    }
}

/**
 * eg_mnemonic_names_watch:
 *
 * From now on, the buttons of every window are named without their
 * mnemonic's underscore when the window is shown.  Call once, after
 * gtk_init().
 */
void
eg_mnemonic_names_watch (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      g_signal_connect (toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb), NULL);
      toplevels_changed_cb (toplevels, 0, 0, g_list_model_get_n_items (toplevels));
      g_once_init_leave (&done, 1);
    }
}
