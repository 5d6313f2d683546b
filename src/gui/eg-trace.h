/* eg-trace.h - timings printed with ENGRAM_TRACE=1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One timed change: from the action that asked for it (begin) to the
 * window's first frame with it on screen (end).  The token names the
 * change, so that a frame painted for an earlier one does not end it. */
typedef struct
{
  guint64     token;
  gint64      start_us;    /* monotonic, 0 when not running */
  gint64      painted_us;  /* when the web view said it painted the change */
  const char *name;
} EgTraceSpan;

gboolean eg_trace_enabled     (void);
void     eg_trace_since_start (const char  *name);
void     eg_trace_first_frame (void);
void     eg_trace_span_begin  (EgTraceSpan *span);
void     eg_trace_span_end    (EgTraceSpan *span,
                               GtkWidget   *widget,
                               guint64      token,
                               const char  *name);

G_END_DECLS
