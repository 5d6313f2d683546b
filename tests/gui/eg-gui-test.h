/* eg-gui-test.h - helpers the GUI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWindow        *eg_gui_test_find_toplevel   (GType        type,
                                               const char  *heading);
gboolean          eg_gui_test_wait_for        (gboolean   (*condition) (gpointer data),
                                               gpointer     data,
                                               guint        timeout_ms);
AdwMessageDialog *eg_gui_test_wait_for_dialog (const char  *heading,
                                               guint        timeout_ms);
gboolean          eg_gui_test_shows_text      (GtkWidget   *widget,
                                               const char  *text,
                                               gboolean     part);
gboolean          eg_gui_test_wait_for_text   (GtkWidget   *widget,
                                               const char  *text,
                                               gboolean     part,
                                               guint        timeout_ms);
char             *eg_gui_test_eval            (GtkWidget   *web_view,
                                               const char  *script,
                                               guint        timeout_ms);
char             *eg_gui_test_eval_in_world   (GtkWidget   *web_view,
                                               const char  *world,
                                               const char  *script,
                                               guint        timeout_ms);

G_END_DECLS
