/* eg-trace.c - timings printed with ENGRAM_TRACE=1
 *
 * With ENGRAM_TRACE=1 in the environment, Engram prints on stderr the time
 * from the process's start to the window's first frame ("trace: first-frame
 * 350", in ms) and to the first frame that shows the library's cards
 * ("trace: library 520"), and, in review, from a key's action to the first frame
 * painted with what it changed ("trace: reveal 12.3", "trace: next 15.1").
 * The window and the review page use it; the benchmarks read these lines
 * (tests/bench/bench-library-start.sh, bench-review.sh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-trace"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "eg-trace.h"

gboolean
eg_trace_enabled (void)
{
  static gsize enabled = 0;

  /* 1 for off, 2 for on: g_once_init_enter() wants a value that is not 0 */
  if (g_once_init_enter (&enabled))
    g_once_init_leave (&enabled, g_strcmp0 (g_getenv ("ENGRAM_TRACE"), "1") == 0 ? 2 : 1);
  return enabled == 2;
}

/* How long ago the process started, in ms; -1 if it cannot be told. */
static gint64
process_age_ms (void)
{
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  double up;

  /* field 22 of /proc/self/stat: start time in clock ticks after boot */
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      !g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL) ||
      !(after_name = strrchr (stat, ')')))
    return -1;
  fields = g_strsplit (after_name + 2, " ", -1);
  if (g_strv_length (fields) < 20)
    return -1;
  up = g_ascii_strtod (uptime, NULL);
  return (gint64) (up * 1000 - g_ascii_strtod (fields[19], NULL) * 1000 / sysconf (_SC_CLK_TCK));
}

/**
 * eg_trace_since_start:
 * @name: what is on screen, e.g. "first-frame"
 *
 * Prints "trace: @name ms", the time since the process started.
 */
void
eg_trace_since_start (const char *name)
{
  if (eg_trace_enabled ())
    g_printerr ("trace: %s %" G_GINT64_FORMAT "\n", name, process_age_ms ());
}

/**
 * eg_trace_first_frame:
 *
 * The window's first frame is on screen: prints the time since the
 * process started.
 */
void
eg_trace_first_frame (void)
{
  eg_trace_since_start ("first-frame");
}

/**
 * eg_trace_span_begin:
 *
 * Starts timing a change under a new token, which the code that shows the
 * change passes on to the frame that paints it.
 */
void
eg_trace_span_begin (EgTraceSpan *span)
{
  span->token++;
  span->start_us = g_get_monotonic_time ();
}

/**
 * eg_trace_span_end:
 * @token: the token of the change a frame was painted with
 * @name: what is printed, e.g. "reveal"
 *
 * A frame was painted with the change @token: if that is the change being
 * timed, prints the time since eg_trace_span_begin() as "trace: @name ms".
 */
void
eg_trace_span_end (EgTraceSpan *span,
                   guint64      token,
                   const char  *name)
{
  if (token != span->token || span->start_us == 0)
    return;
  if (eg_trace_enabled ())
    g_printerr ("trace: %s %.1f\n", name, (g_get_monotonic_time () - span->start_us) / 1000.0);
  span->start_us = 0;
}
