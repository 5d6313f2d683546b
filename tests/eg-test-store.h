/* eg-test-store.h - collection fixtures shared by the core tests and the
 * fuzz targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-core.h"

G_BEGIN_DECLS

/* Two small decks for searching: accents, emoji, typographic replacements,
 * a part ("Indepth"), words that come up in both */
extern const char eg_test_search_deck_a[];
extern const char eg_test_search_deck_b[];

/* Every deck, section, card and part of @store as text: equal texts, equal
 * content.  NULL (and @error set) when the store cannot be read. */
char *eg_test_cards_fingerprint (EgStore  *store,
                                 GError  **error);

G_END_DECLS
