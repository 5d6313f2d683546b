/* eg-trace.h - timings printed with ENGRAM_TRACE=1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One timed change: from the action that asked for it (begin) to the first
 * frame painted with it (end).  The token names the change, so that a frame
 * painted for an earlier one does not end it. */
typedef struct
{
  guint64 token;
  gint64  start_us;   /* monotonic, 0 when not running */
} EgTraceSpan;

gboolean eg_trace_enabled     (void);
void     eg_trace_since_start (const char  *name);
void     eg_trace_first_frame (void);
void     eg_trace_span_begin  (EgTraceSpan *span);
void     eg_trace_span_end    (EgTraceSpan *span,
                               guint64      token,
                               const char  *name);

G_END_DECLS
