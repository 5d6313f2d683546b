/* eg-help-overlay.c - the shortcuts window's key names as the HIG writes them
 *
 * GTK 4.8 labels a key of the shortcuts window (ui/help-overlay.ui) by its
 * key name unless a translation says otherwise, so in English it shows
 * "Page_Down" and "Escape".  The HIG writes "Page Down" and "Esc": the
 * labels are renamed once the window is built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-help-overlay"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-help-overlay.h"

static const char *
key_label (const char *name)
{
  /* TRANSLATORS: key names, as on the keys of a keyboard */
  if (g_str_equal (name, "Page_Down"))
    return C_("keyboard key", "Page Down");
  if (g_str_equal (name, "Page_Up"))
    return C_("keyboard key", "Page Up");
  if (g_str_equal (name, "Escape"))
    return C_("keyboard key", "Esc");
  return NULL;
}

static void
rename_keys (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *label = key_label (gtk_label_get_label (GTK_LABEL (widget)));

      if (label != NULL)
        gtk_label_set_label (GTK_LABEL (widget), label);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rename_keys (child);
}

/**
 * eg_help_overlay_name_keys:
 * @window: a window of the application, with its shortcuts window
 *
 * Renames the keys of @window's shortcuts window as the HIG writes them.
 */
void
eg_help_overlay_name_keys (GtkWindow *window)
{
  GtkShortcutsWindow *overlay;

  if (!GTK_IS_APPLICATION_WINDOW (window))
    return;
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  if (overlay != NULL)
    rename_keys (GTK_WIDGET (overlay));
}
