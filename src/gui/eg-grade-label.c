/* eg-grade-label.c - what a screen reader says for a grade button
 *
 * A grade button shows its grade ("Again"), its key and the interval it
 * gives ("3d").  GTK names the button after its mnemonic label only, so a
 * screen reader said "Again" and never the interval.  The button's
 * accessible label says both, the interval in words: "Good, in 3 days".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "eg-grade-label.h"

/* @value with one decimal as the button prints it, without it when it is
 * whole: "1.5", "2" */
static char *
one_decimal (double value)
{
  char *text = g_strdup_printf ("%.1f", value);

  if (g_str_has_suffix (text, ".0"))
    text[strlen (text) - 2] = '\0';
  return text;
}

/**
 * eg_grade_label_spoken_interval:
 * @interval_ms: an interval, in milliseconds
 *
 * Returns: (transfer full): @interval_ms in words, rounded as the grade
 *   button shows it (eg_time_format_interval()): "5 minutes", "3 days",
 *   "1.5 months"
 */
char *
eg_grade_label_spoken_interval (gint64 interval_ms)
{
  double minutes = interval_ms / 60000.0;
  double days = minutes / 1440.0;
  g_autofree char *number = NULL;
  gulong n;

  if (minutes < 1)
    return g_strdup (_("less than a minute"));
  if (minutes < 60)
    {
      n = (gulong) rint (minutes);
      return g_strdup_printf (ngettext ("%lu minute", "%lu minutes", n), n);
    }
  if (minutes < 1440)
    {
      n = (gulong) rint (minutes / 60);
      return g_strdup_printf (ngettext ("%lu hour", "%lu hours", n), n);
    }
  if (days < 30)
    {
      n = (gulong) rint (days);
      return g_strdup_printf (ngettext ("%lu day", "%lu days", n), n);
    }
  if (days < 365)
    {
      number = one_decimal (days / 30.4375);
      /* Translators: %s is a number of months, maybe with one decimal: "1.5" */
      return g_strdup_printf (ngettext ("%s month", "%s months", g_str_equal (number, "1") ? 1 : 2),
                              number);
    }
  number = one_decimal (days / 365.25);
  /* Translators: %s is a number of years, maybe with one decimal: "1.5" */
  return g_strdup_printf (ngettext ("%s year", "%s years", g_str_equal (number, "1") ? 1 : 2),
                          number);
}

/**
 * eg_grade_label_text:
 * @grade: 1 (Again) to 4 (Easy)
 * @interval_ms: the interval the grade gives, or -1 when it is not shown
 *
 * Returns: (transfer full): the grade button's accessible label: "Good,
 *   in 3 days", or "Good" alone
 */
char *
eg_grade_label_text (guint  grade,
                     gint64 interval_ms)
{
  const char *names[] = { N_("Again"), N_("Hard"), N_("Good"), N_("Easy") };
  const char *name;
  g_autofree char *interval = NULL;

  g_return_val_if_fail (grade >= 1 && grade <= 4, NULL);

  name = _(names[grade - 1]);
  if (interval_ms < 0)
    return g_strdup (name);
  interval = eg_grade_label_spoken_interval (interval_ms);
  /* Translators: a grade button as a screen reader reads it: the grade, then
   * when the card comes back if given it, e.g. "Good, in 3 days" */
  return g_strdup_printf (_("%s, in %s"), name, interval);
}

/**
 * eg_grade_label_apply:
 * @button: a grade button
 * @grade: 1 (Again) to 4 (Easy)
 * @interval_ms: the interval the grade gives, or -1 when it is not shown
 *
 * Gives @button its accessible label; the mnemonic label's relation goes,
 * or a screen reader would say the grade twice.
 */
void
eg_grade_label_apply (GtkWidget *button,
                      guint      grade,
                      gint64     interval_ms)
{
  g_autofree char *text = eg_grade_label_text (grade, interval_ms);

  g_return_if_fail (GTK_IS_WIDGET (button));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}
