/* eg-synthetic.h - synthetic collections for benchmarks and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <gio/gio.h>

#include "eg-store.h"

G_BEGIN_DECLS

gboolean eg_synthetic_generate (EgStore       *store,
                                guint          n_cards,
                                guint          n_reviews,
                                guint32        seed,
                                gint64         now_ms,
                                GCancellable  *cancellable,
                                GError       **error);

G_END_DECLS
