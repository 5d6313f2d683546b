/* eg-synthetic.h - synthetic collections for benchmarks and tests (development only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "eg-core.h"

G_BEGIN_DECLS

gboolean eg_synthetic_generate (EgStore       *store,
                                guint          n_cards,
                                guint          n_reviews,
                                guint32        seed,
                                gint64         now_ms,
                                GCancellable  *cancellable,
                                GError       **error);

G_END_DECLS
