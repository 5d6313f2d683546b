/* eg-toast.h - toasts (and status pages) whose text is shown as it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *eg_toast_new         (const char      *text);
void      eg_toast_show        (GtkWidget       *widget,
                                const char      *text,
                                gboolean         with_undo);
void      eg_toast_add         (GtkWidget       *widget,
                                AdwToast        *toast);
void      eg_toast_overlay_add (AdwToastOverlay *overlay,
                                AdwToast        *toast);
void      eg_toast_set_overlay (GtkWidget       *widget,
                                AdwToastOverlay *overlay);

void      eg_status_page_set_text (AdwStatusPage *page,
                                   const char    *text);

G_END_DECLS
