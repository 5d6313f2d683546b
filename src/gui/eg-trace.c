/* eg-trace.c - timings printed with ENGRAM_TRACE=1
 *
 * With ENGRAM_TRACE=1 in the environment, Engram prints on stderr the time
 * from the process's start to the window's first frame ("trace: first-frame
 * 350", in ms) and to the first frame that shows the library's cards
 * ("trace: library 520"), and, in review, from a key's action to the
 * window's frame that put what it changed on screen ("trace: reveal 31.2
 * (web 24.0)", "trace: next 33.0 (web 25.1)"; in brackets when the web view
 * had painted it, before the window drew it).
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

static void
span_on_screen_cb (GdkFrameClock *clock,
                   GtkWidget     *widget)
{
  EgTraceSpan *span = g_object_get_data (G_OBJECT (widget), "eg-trace-span");
  gint64 now = g_get_monotonic_time ();

  g_signal_handlers_disconnect_by_func (clock, span_on_screen_cb, widget);
  if (span == NULL || span->start_us == 0)
    return;
  g_printerr ("trace: %s %.1f (web %.1f)\n", span->name, (now - span->start_us) / 1000.0,
              (span->painted_us - span->start_us) / 1000.0);
  span->start_us = 0;
}

/**
 * eg_trace_span_end:
 * @widget: the widget whose web view painted the change, in the window
 * @token: the token of the change the web view painted
 * @name: what is printed, e.g. "reveal"
 *
 * The web view in @widget has painted the change @token (its page's
 * animation frame, and the task after it, have run): if that is the change
 * being timed, its new content is in this process now, and the window's
 * next frame puts it on screen.  When that frame has been drawn, prints the
 * time since eg_trace_span_begin() as "trace: @name 31.2 (web 24.0)": the
 * first figure to the screen (what a user sees, and what an outside
 * measurement of the window's pixels finds), the second to the web view's
 * own paint.
 */
void
eg_trace_span_end (EgTraceSpan *span,
                   GtkWidget   *widget,
                   guint64      token,
                   const char  *name)
{
  GdkFrameClock *clock;

  if (token != span->token || span->start_us == 0 || !eg_trace_enabled ())
    return;
  span->painted_us = g_get_monotonic_time ();
  span->name = name;
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    return;
  g_object_set_data (G_OBJECT (widget), "eg-trace-span", span);
  g_signal_handlers_disconnect_by_func (clock, span_on_screen_cb, widget);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (span_on_screen_cb), widget, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}
