/* eg-preferences-workload.c - the workload a desired retention asks for
 *
 * Under the Desired Retention row, a row says how many reviews a day the
 * next 30 days would bring at the value being typed, and at the one in
 * use: the core simulates the collection's cards
 * (eg_scheduler_estimate_workload()), a few milliseconds for the shipped
 * deck, so it follows every keystroke.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-preferences-private.h"

#define WORKLOAD_DAYS 30

/* The mean and the busiest day of the next WORKLOAD_DAYS at @retention */
static gboolean
estimate (EgScheduler  *scheduler,
          double        retention,
          double       *mean,
          double       *peak,
          GError      **error)
{
  double per_day[WORKLOAD_DAYS];

  if (!eg_scheduler_estimate_workload (scheduler, retention, WORKLOAD_DAYS, eg_time_now_ms (),
                                       per_day, error))
    return FALSE;
  *mean = *peak = 0;
  for (guint i = 0; i < WORKLOAD_DAYS; i++)
    {
      *mean += per_day[i] / WORKLOAD_DAYS;
      *peak = MAX (*peak, per_day[i]);
    }
  return TRUE;
}

/* @text: a desired retention as typed */
static char *
describe (EgScheduler *scheduler,
          const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = g_strdelimit (g_strdup (text), ",", '.');   /* "0,85" too */
  double current = eg_scheduler_get_settings (scheduler)->desired_retention;
  double retention, mean, peak, current_mean, current_peak;
  char *end = NULL;

  retention = g_ascii_strtod (number, &end);
  if (end == number || *end != '\0' || !(retention >= 0.7 && retention <= 0.99))
    return g_strdup (_("Type a retention from 0.70 to 0.99 to see the reviews it brings"));
  if (!estimate (scheduler, retention, &mean, &peak, &error) ||
      !estimate (scheduler, current, &current_mean, &current_peak, &error))
    return g_strdup_printf (_("No estimate: %s"), error->message);
  if (G_APPROX_VALUE (retention, current, 1e-9))
    return g_strdup_printf (_("About %.0f reviews a day over the next 30 days, "
                              "%.0f on the busiest day"), mean, peak);
  return g_strdup_printf (_("About %.0f reviews a day over the next 30 days, %.0f on the "
                            "busiest day; %.0f a day at %.2f now"),
                          mean, peak, current_mean, current);
}

static void
retention_changed_cb (GtkEditable   *entry,
                      EgPreferences *self)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, "workload");
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;

  if (row == NULL || self->scheduler == NULL)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  subtitle = describe (self->scheduler, text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

/**
 * _eg_preferences_add_workload:
 * @retention_row: the Desired Retention row, whose text it follows
 *
 * Adds the workload row to @group, after @retention_row's.
 */
void
_eg_preferences_add_workload (EgPreferences       *self,
                              AdwPreferencesGroup *group,
                              GtkWidget           *retention_row)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Workload at This Retention"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  g_hash_table_insert (self->rows, (gpointer) "workload", row);
  adw_preferences_group_add (group, row);
  g_signal_connect (retention_row, "changed", G_CALLBACK (retention_changed_cb), self);
  retention_changed_cb (GTK_EDITABLE (retention_row), self);
}
