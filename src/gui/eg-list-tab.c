/* eg-list-tab.c - Tab leaves a list view instead of walking its rows
 *
 * In GTK 4.8 Tab moves the focus from row to row of a GtkListView or a
 * GtkColumnView (GTK 4.12 added "tab-behavior" for this): a keyboard user
 * pressed Tab some 30 times to go from the library's sidebar to its search,
 * and 245 times through the card table.  With eg_list_tab_leaves(), Tab and
 * Shift+Tab go to what comes after or before the list, as in a GtkListBox;
 * the arrow keys still move between rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-list-tab.h"

/**
 * eg_list_tab_move:
 * @list: a list view (or any widget)
 * @direction: %GTK_DIR_TAB_FORWARD or %GTK_DIR_TAB_BACKWARD
 *
 * Moves the focus to the first widget that takes it after @list (or before
 * it, backward) in GTK's focus order, round to the window's first (or last)
 * when there is none.
 *
 * Returns: whether the focus moved
 */
gboolean
eg_list_tab_move (GtkWidget        *list,
                  GtkDirectionType  direction)
{
  GtkRoot *root;
  gboolean moved;

  g_return_val_if_fail (GTK_IS_WIDGET (list), FALSE);
  g_return_val_if_fail (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD,
                        FALSE);

  root = gtk_widget_get_root (list);
  if (root == NULL)
    return FALSE;
  /* GTK's own focus chain, from the focus in the list on, with the list
   * refusing the focus: the next widget in GTK's order takes it */
  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
  if (!moved)
    {
      /* past the last: round to the first, as GTK does */
      gtk_root_set_focus (root, NULL);
      moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
    }
  gtk_widget_set_can_focus (list, TRUE);
  return moved;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               data)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    return eg_list_tab_move (list, (state & GDK_SHIFT_MASK) != 0 ? GTK_DIR_TAB_BACKWARD
                                                               : GTK_DIR_TAB_FORWARD);
  if (keyval == GDK_KEY_ISO_Left_Tab)
    return eg_list_tab_move (list, GTK_DIR_TAB_BACKWARD);
  return FALSE;
}

/**
 * eg_list_tab_leaves:
 * @list: a #GtkListView or #GtkColumnView
 *
 * Tab and Shift+Tab in @list (on any of its rows) leave it.
 */
void
eg_list_tab_leaves (GtkWidget *list)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_return_if_fail (GTK_IS_WIDGET (list));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), NULL);
  gtk_widget_add_controller (list, keys);
}
