/* eg-scheduler-settings.c - the scheduler's settings, kept in the collection
 *
 * Desired retention, (re)learning steps, daily limits, maximum interval,
 * fuzz, the day-start hour and the FSRS weights: read with defaults for
 * what is not set, checked, and turned into FSRS parameters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eg-scheduler-private.h"

void
eg_scheduler_settings_init (EgSchedulerSettings *settings)
{
  static const char * const learning[] = { "1m", "10m", NULL };
  static const char * const relearning[] = { "10m", NULL };

  memset (settings, 0, sizeof *settings);
  settings->desired_retention = 0.90;
  settings->learning_steps = g_strdupv ((char **) learning);
  settings->relearning_steps = g_strdupv ((char **) relearning);
  settings->new_per_day = 20;
  settings->reviews_per_day = 200;
  settings->maximum_interval = 36500;
  settings->fuzz = TRUE;
  settings->day_start_hour = 4;
  memcpy (settings->weights, eg_fsrs_default_weights (), sizeof settings->weights);
}

void
eg_scheduler_settings_clear (EgSchedulerSettings *settings)
{
  g_clear_pointer (&settings->learning_steps, g_strfreev);
  g_clear_pointer (&settings->relearning_steps, g_strfreev);
}

static gboolean
invalid_setting (GError     **error,
                 const char  *key,
                 const char  *value,
                 const char  *expected)
{
  g_set_error (error, EG_SCHEDULER_ERROR, EG_SCHEDULER_ERROR_INVALID_SETTING,
               _("Setting “%s” is “%s”; %s"), key, value, expected);
  return FALSE;
}

static gboolean
parse_int (const char  *key,
           const char  *value,
           int          min,
           int          max,
           int         *out,
           GError     **error)
{
  gint64 n;

  if (!g_ascii_string_to_signed (value, 10, min, max, &n, NULL))
    {
      g_autofree char *expected = g_strdup_printf (_("expected a whole number from %d to %d"),
                                                   min, max);
      return invalid_setting (error, key, value, expected);
    }
  *out = (int) n;
  return TRUE;
}

char *
_eg_scheduler_format_weights (const double *w)
{
  GString *text = g_string_new (NULL);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    g_string_append_printf (text, "%s%s", i ? "," : "",
                            g_ascii_dtostr (number, sizeof number, w[i]));
  return g_string_free (text, FALSE);
}

/* @w is written only when all 21 numbers are good */
gboolean
_eg_scheduler_parse_weights (const char  *key,
                             const char  *text,
                             double      *w,
                             GError     **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);
  double parsed[EG_FSRS_N_PARAMS];

  if (g_strv_length (items) != EG_FSRS_N_PARAMS)
    return invalid_setting (error, key, text, _("expected 21 numbers"));
  for (guint i = 0; i < EG_FSRS_N_PARAMS; i++)
    {
      char *end = NULL;

      parsed[i] = g_ascii_strtod (items[i], &end);
      if (end == items[i] || *end != '\0')
        return invalid_setting (error, key, text, _("expected 21 numbers"));
    }
  memcpy (w, parsed, sizeof parsed);
  return TRUE;
}

/**
 * eg_scheduler_settings_load:
 *
 * Reads the settings from the collection; keys that are not set keep the
 * defaults of eg_scheduler_settings_init().
 */
gboolean
eg_scheduler_settings_load (EgSchedulerSettings  *settings,
                            EgStore              *store,
                            GError              **error)
{
  g_autofree char *retention = eg_store_get_setting (store, "desired-retention");
  g_autofree char *learning = eg_store_get_setting (store, "learning-steps");
  g_autofree char *relearning = eg_store_get_setting (store, "relearning-steps");
  g_autofree char *new_per_day = eg_store_get_setting (store, "new-per-day");
  g_autofree char *reviews_per_day = eg_store_get_setting (store, "reviews-per-day");
  g_autofree char *maximum = eg_store_get_setting (store, "maximum-interval");
  g_autofree char *fuzz = eg_store_get_setting (store, "fuzz");
  g_autofree char *day_start = eg_store_get_setting (store, "day-start-hour");
  g_autofree char *weights = eg_store_get_setting (store, "fsrs-weights");

  eg_scheduler_settings_clear (settings);
  eg_scheduler_settings_init (settings);

  if (retention != NULL)
    {
      char *end = NULL;
      double value = g_ascii_strtod (retention, &end);

      if (end == retention || *end != '\0' || !(value >= 0.7 && value <= 0.99))
        return invalid_setting (error, "desired-retention", retention,
                                _("expected a number from 0.70 to 0.99"));
      settings->desired_retention = value;
    }
  if (learning != NULL)
    {
      g_strfreev (settings->learning_steps);
      settings->learning_steps = g_strsplit_set (g_strstrip (learning), " ,", -1);
    }
  if (relearning != NULL)
    {
      g_strfreev (settings->relearning_steps);
      settings->relearning_steps = g_strsplit_set (g_strstrip (relearning), " ,", -1);
    }
  if ((new_per_day && !parse_int ("new-per-day", new_per_day, 0, 9999,
                                  &settings->new_per_day, error)) ||
      (reviews_per_day && !parse_int ("reviews-per-day", reviews_per_day, 0, 99999,
                                      &settings->reviews_per_day, error)) ||
      (maximum && !parse_int ("maximum-interval", maximum, 1, 36500,
                              &settings->maximum_interval, error)) ||
      (day_start && !parse_int ("day-start-hour", day_start, 0, 23,
                                &settings->day_start_hour, error)))
    return FALSE;
  if (fuzz != NULL)
    {
      if (!g_str_equal (fuzz, "true") && !g_str_equal (fuzz, "false"))
        return invalid_setting (error, "fuzz", fuzz, _("expected true or false"));
      settings->fuzz = g_str_equal (fuzz, "true");
    }
  if (weights != NULL
      && !_eg_scheduler_parse_weights ("fsrs-weights", weights, settings->weights, error))
    return FALSE;

  /* empty lists ("") mean no steps */
  for (char **p = settings->learning_steps; p && *p; p++)
    if (**p == '\0')
      {
        g_strfreev (settings->learning_steps);
        settings->learning_steps = g_new0 (char *, 1);
        break;
      }
  for (char **p = settings->relearning_steps; p && *p; p++)
    if (**p == '\0')
      {
        g_strfreev (settings->relearning_steps);
        settings->relearning_steps = g_new0 (char *, 1);
        break;
      }

  return TRUE;
}

gboolean
eg_scheduler_settings_to_params (const EgSchedulerSettings  *settings,
                                 EgFsrsParams               *params,
                                 GError                    **error)
{
  return eg_fsrs_params_init (params, settings->weights, EG_FSRS_N_PARAMS,
                              settings->desired_retention, settings->maximum_interval,
                              settings->fuzz, TRUE,
                              (const char * const *) settings->learning_steps,
                              (const char * const *) settings->relearning_steps,
                              error);
}

gboolean
eg_scheduler_settings_save (const EgSchedulerSettings  *settings,
                            EgStore                    *store,
                            GError                    **error)
{
  g_autofree char *learning = g_strjoinv (" ", settings->learning_steps);
  g_autofree char *relearning = g_strjoinv (" ", settings->relearning_steps);
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  EgFsrsParams params;
  struct { const char *key; char *value; } items[] = {
    { "desired-retention", g_strdup (g_ascii_dtostr (number, sizeof number,
                                                     settings->desired_retention)) },
    { "learning-steps", g_strdup (learning) },
    { "relearning-steps", g_strdup (relearning) },
    { "new-per-day", g_strdup_printf ("%d", settings->new_per_day) },
    { "reviews-per-day", g_strdup_printf ("%d", settings->reviews_per_day) },
    { "maximum-interval", g_strdup_printf ("%d", settings->maximum_interval) },
    { "fuzz", g_strdup (settings->fuzz ? "true" : "false") },
    { "day-start-hour", g_strdup_printf ("%d", settings->day_start_hour) },
    { "fsrs-weights", _eg_scheduler_format_weights (settings->weights) },
  };
  gboolean ok = TRUE;

  /* refuse what the scheduler could not use */
  if (!eg_scheduler_settings_to_params (settings, &params, error))
    ok = FALSE;

  if (ok && !_eg_store_begin (store, error))
    ok = FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (items); i++)
    ok = eg_store_set_setting (store, items[i].key, items[i].value, error);
  if (ok)
    ok = _eg_store_commit (store, error);
  else
    _eg_store_rollback (store);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    g_free (items[i].value);
  return ok;
}

/**
 * eg_scheduler_settings_set_value:
 * @key: a setting, such as "new-per-day"
 * @value: its value, as the collection keeps it ("20")
 *
 * Sets one setting in the collection and checks the settings it makes, in
 * one transaction: a value the scheduler could not use changes nothing.
 */
gboolean
eg_scheduler_settings_set_value (EgStore     *store,
                                 const char  *key,
                                 const char  *value,
                                 GError     **error)
{
  EgSchedulerSettings settings;
  EgFsrsParams params;
  gboolean ok;

  g_return_val_if_fail (EG_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!_eg_store_begin (store, error))
    return FALSE;
  eg_scheduler_settings_init (&settings);
  ok = eg_store_set_setting (store, key, value, error) &&
       eg_scheduler_settings_load (&settings, store, error) &&
       eg_scheduler_settings_to_params (&settings, &params, error) &&
       _eg_store_commit (store, error);
  if (!ok)
    _eg_store_rollback (store);
  eg_scheduler_settings_clear (&settings);
  return ok;
}
