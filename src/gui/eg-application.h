/* eg-application.h - the Engram application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EG_TYPE_APPLICATION (eg_application_get_type ())
G_DECLARE_FINAL_TYPE (EgApplication, eg_application, EG, APPLICATION, AdwApplication)

EgApplication *eg_application_new             (void);
char          *eg_application_get_content_dir (void);
void           eg_gui_init_resources          (void);

G_END_DECLS
