/* eg-search-private.h - internal access to the card search, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-search.h"
#include "eg-store.h"

G_BEGIN_DECLS

char *_eg_search_query_plan (EgStore       *store,
                             EgSearch      *search,
                             EgSortColumn   sort,
                             gboolean       with_keys,
                             GError       **error);

G_END_DECLS
