/* eg-deck-language.h - the language of each deck's inline code, looked up once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-core.h"

G_BEGIN_DECLS

const char *eg_deck_language_lookup (EgStore  *store,
                                     gint64    deck_id,
                                     GError  **error);
void        eg_deck_language_forget (EgStore  *store);

G_END_DECLS
