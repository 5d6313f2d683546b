/* eg-discard.h - "Discard Changes?" before an editor closes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void eg_discard_close (GtkWindow  *editor,
                       gboolean    changed,
                       const char *body);

G_END_DECLS
