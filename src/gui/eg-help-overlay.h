/* eg-help-overlay.h - the shortcuts window's key names as the HIG writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void eg_help_overlay_name_keys (GtkWindow *window);

G_END_DECLS
