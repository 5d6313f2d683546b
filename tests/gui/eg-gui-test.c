/* eg-gui-test.c - helpers the GUI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "eg-gui-test.h"

/**
 * eg_gui_test_find_toplevel:
 * @type: the window's type (an editor, a message dialog)
 * @heading: (nullable): for a message dialog, its heading
 *
 * Returns: (transfer none) (nullable): the last such window open
 */
GtkWindow *
eg_gui_test_find_toplevel (GType       type,
                           const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        continue;
      if (heading != NULL &&
          (!ADW_IS_MESSAGE_DIALOG (window) ||
           g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) != 0))
        continue;
      found = GTK_WINDOW (window);
    }
  return found;
}

/**
 * eg_gui_test_wait_for:
 * @timeout_ms: how long to wait at most
 *
 * Runs the main loop until @condition holds, then a little more so that
 * the frame showing the change is drawn.
 *
 * Returns: whether @condition held in time
 */
gboolean
eg_gui_test_wait_for (gboolean (*condition) (gpointer data),
                      gpointer   data,
                      guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  return TRUE;
}

static gboolean
dialog_shown (gpointer data)
{
  return eg_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, data) != NULL;
}

/**
 * eg_gui_test_wait_for_dialog:
 * @heading: the message dialog's heading
 *
 * Returns: (transfer none) (nullable): the message dialog with @heading,
 *   once it is open, or %NULL after @timeout_ms
 */
AdwMessageDialog *
eg_gui_test_wait_for_dialog (const char *heading,
                             guint       timeout_ms)
{
  if (!eg_gui_test_wait_for (dialog_shown, (gpointer) heading, timeout_ms))
    return NULL;
  return ADW_MESSAGE_DIALOG (eg_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, heading));
}
