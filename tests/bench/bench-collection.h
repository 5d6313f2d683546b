/* bench-collection.h - the large collection the benchmarks run on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-core.h"

G_BEGIN_DECLS

EgStore *eg_bench_open_collection (const char    *existing,
                                   char         **path,
                                   gint64        *now,
                                   EgStoreStats  *stats);

G_END_DECLS
