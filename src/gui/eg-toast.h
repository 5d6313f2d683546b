/* eg-toast.h - toasts whose text is shown as it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *eg_toast_new (const char *text);

G_END_DECLS
