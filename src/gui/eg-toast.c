/* eg-toast.c - toasts whose text is shown as it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "eg-toast.h"

/**
 * eg_toast_new:
 * @text: plain text, e.g. a message naming a file
 *
 * libadwaita 1.2 reads a toast's title as Pango markup: a file name with
 * "&" or "<" in it would show nothing.  The text is escaped.
 *
 * Returns: (transfer full): a new toast showing @text
 */
AdwToast *
eg_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}
