/* eg-mnemonic-names.h - buttons are named without their mnemonic's underscore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void eg_mnemonic_names_watch (void);

G_END_DECLS
