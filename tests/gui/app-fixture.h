/* app-fixture.h - the whole application, started and stopped in a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-application.h"
#include "eg-window.h"

G_BEGIN_DECLS

EgApplication *start_app  (void);
void           stop_app   (EgApplication *app);
EgWindow      *app_window (EgApplication *app);
void           make_shipped_collection (void);

G_END_DECLS
