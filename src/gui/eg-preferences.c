/* eg-preferences.c - the Preferences window: the General page (appearance,
 * the collection's study settings), the Interview and Scheduling pages of
 * the collection (eg-interview-page.c, eg-optimizer-page.c) and the Backups
 * page
 *
 * The appearance is the app's, in GSettings (eg-preferences-appearance.c);
 * the backups are listed by eg-preferences-backups.c.  The study settings are the collection's (those `engram-cli settings`
 * knows), each a row whose value is applied with Enter or the row's apply
 * button: the core checks it (eg_scheduler_settings_set_value()), a value
 * the scheduler could not use is refused at the row with the reason and
 * nothing is saved; a value taken is the scheduler's at once.  The style
 * (follow the desktop, light, dark) is the app's, in GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "eg-preferences-private.h"
#include "eg-toast.h"

G_DEFINE_FINAL_TYPE (EgPreferences, eg_preferences, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *key;
  const char *title;
  const char *hint;
} Setting;

/* The study settings, as the collection names them */
static const Setting study_settings[] = {
  { "desired-retention", N_("Desired Retention"),
    N_("How likely you should be to remember a card when it is due, from 0.70 to 0.99") },
  { "new-per-day", N_("New Cards per Day"), NULL },
  { "reviews-per-day", N_("Reviews per Day"), NULL },
  { "learning-steps", N_("Learning Steps"), N_("For example “1m 10m”") },
  { "relearning-steps", N_("Relearning Steps"), N_("For example “10m”") },
  { "maximum-interval", N_("Maximum Interval in Days"), NULL },
  { "day-start-hour", N_("Next Day Starts at Hour"), N_("0 to 23, local time") },
};

GtkWidget *
eg_preferences_get_row (EgPreferences *self,
                        const char    *key)
{
  g_return_val_if_fail (EG_IS_PREFERENCES (self), NULL);
  return g_hash_table_lookup (self->rows, key);
}

/* The collection's value of @key, as the collection keeps it */
static char *
current_value (EgPreferences *self,
               const char    *key)
{
  const EgSchedulerSettings *s = eg_scheduler_get_settings (self->scheduler);

  if (g_str_equal (key, "desired-retention"))   /* with the locale's decimal mark */
    return g_strdup_printf ("%.2f", s->desired_retention);
  if (g_str_equal (key, "new-per-day"))
    return g_strdup_printf ("%d", s->new_per_day);
  if (g_str_equal (key, "reviews-per-day"))
    return g_strdup_printf ("%d", s->reviews_per_day);
  if (g_str_equal (key, "learning-steps"))
    return g_strjoinv (" ", s->learning_steps);
  if (g_str_equal (key, "relearning-steps"))
    return g_strjoinv (" ", s->relearning_steps);
  if (g_str_equal (key, "maximum-interval"))
    return g_strdup_printf ("%d", s->maximum_interval);
  if (g_str_equal (key, "day-start-hour"))
    return g_strdup_printf ("%d", s->day_start_hour);
  if (g_str_equal (key, "fuzz"))
    return g_strdup (s->fuzz ? "true" : "false");
  g_return_val_if_reached (NULL);
}

static void
show_error (EgPreferences *self,
            GtkWidget     *row,
            const char    *message)
{
  if (row != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
    }
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  /* the row may be far from the label: said where the eye is, too */
  if (message != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), eg_toast_new (message));
}

/**
 * eg_preferences_apply:
 * @key: a study setting ("new-per-day")
 * @value: its new value as text ("30")
 *
 * Saves @value when the scheduler can use it and makes it the scheduler's;
 * otherwise changes nothing, and the row says why.
 */
gboolean
eg_preferences_apply (EgPreferences  *self,
                      const char     *key,
                      const char     *value,
                      GError        **error)
{
  EgStore *store;
  EgSchedulerSettings settings;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;
  g_autofree char *trimmed = NULL;
  GtkWidget *row;

  g_return_val_if_fail (EG_IS_PREFERENCES (self), FALSE);
  g_return_val_if_fail (self->scheduler != NULL, FALSE);

  store = eg_scheduler_get_store (self->scheduler);
  trimmed = g_strstrip (g_strdup (value));
  if (g_str_equal (key, "desired-retention"))
    g_strdelimit (trimmed, ",", '.');   /* "0,85", as German writes it */
  row = eg_preferences_get_row (self, key);

  eg_scheduler_settings_init (&settings);
  ok = eg_scheduler_settings_set_value (store, key, trimmed, &local_error) &&
       eg_scheduler_settings_load (&settings, store, &local_error) &&
       eg_scheduler_set_settings (self->scheduler, &settings, &local_error);
  eg_scheduler_settings_clear (&settings);
  if (!ok)
    {
      show_error (self, row, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_error (self, row, NULL);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
entry_apply_cb (AdwEntryRow   *row,
                EgPreferences *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "eg-key");

  eg_preferences_apply (self, key, gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
}

static void
fuzz_cb (GtkSwitch     *toggle,
         GParamSpec    *pspec,
         EgPreferences *self)
{
  if (!eg_preferences_apply (self, "fuzz", gtk_switch_get_active (toggle) ? "true" : "false",
                             NULL))
    {
      g_signal_handlers_block_by_func (toggle, fuzz_cb, self);
      gtk_switch_set_active (toggle, !gtk_switch_get_active (toggle));
      g_signal_handlers_unblock_by_func (toggle, fuzz_cb, self);
    }
}

static AdwPreferencesGroup *
build_study_group (EgPreferences *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *fuzz_row = adw_action_row_new ();
  GtkWidget *fuzz = gtk_switch_new ();
  g_autofree char *fuzz_value = current_value (self, "fuzz");

  adw_preferences_group_set_title (group, _("Study"));
  adw_preferences_group_set_description (group,
    _("Kept in the collection. Press Enter or ✓ to apply a value; one the scheduler cannot "
      "use is refused and nothing is saved."));
  for (guint i = 0; i < G_N_ELEMENTS (study_settings); i++)
    {
      const Setting *setting = &study_settings[i];
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *value = current_value (self, setting->key);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(setting->title));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), value);
      if (setting->hint != NULL)
        gtk_widget_set_tooltip_text (row, _(setting->hint));
      g_object_set_data (G_OBJECT (row), "eg-key", (gpointer) setting->key);
      g_signal_connect (row, "apply", G_CALLBACK (entry_apply_cb), self);
      g_signal_connect (row, "entry-activated", G_CALLBACK (entry_apply_cb), self);
      g_hash_table_insert (self->rows, (gpointer) setting->key, row);
      adw_preferences_group_add (group, row);
      if (g_str_equal (setting->key, "desired-retention"))
        _eg_preferences_add_workload (self, group, row);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fuzz_row), _("Spread Due Dates"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (fuzz_row),
                               _("Cards learned together come due on nearby days"));
  gtk_switch_set_active (GTK_SWITCH (fuzz), g_str_equal (fuzz_value, "true"));
  gtk_widget_set_valign (fuzz, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (fuzz_row), fuzz);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (fuzz_row), fuzz);
  g_signal_connect (fuzz, "notify::active", G_CALLBACK (fuzz_cb), self);
  g_hash_table_insert (self->rows, (gpointer) "fuzz", fuzz);
  adw_preferences_group_add (group, fuzz_row);
  return group;
}

static void
eg_preferences_dispose (GObject *object)
{
  EgPreferences *self = (EgPreferences *)object;

  g_clear_object (&self->scheduler);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (eg_preferences_parent_class)->dispose (object);
}

static void
eg_preferences_class_init (EgPreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = eg_preferences_dispose;

  /**
   * EgPreferences::changed:
   *
   * A study setting, the interview plan or the FSRS parameters were
   * saved: what is due, and the retrievability, may have changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
eg_preferences_init (EgPreferences *self)
{
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Undo of a suggested retention used: the value before comes back */
static void
retention_undo_cb (AdwToast      *toast,
                   EgPreferences *self)
{
  const char *before = g_object_get_data (G_OBJECT (toast), "eg-before");
  g_autofree char *shown = NULL;

  if (!eg_preferences_apply (self, "desired-retention", before, NULL))
    return;
  shown = current_value (self, "desired-retention");
  gtk_editable_set_text (GTK_EDITABLE (eg_preferences_get_row (self, "desired-retention")),
                         shown);
}

/* Sets the desired retention, with its row, and says so with Undo */
static gboolean
set_retention (EgPreferences *self,
               const char    *value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  /* every digit, not the row's two */
  g_autofree char *before = g_strdup (g_ascii_dtostr (number, sizeof number,
    eg_scheduler_get_settings (self->scheduler)->desired_retention));
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (!eg_preferences_apply (self, "desired-retention", value, NULL))
    return FALSE;
  shown = current_value (self, "desired-retention");
  gtk_editable_set_text (GTK_EDITABLE (eg_preferences_get_row (self, "desired-retention")),
                         shown);
  text = g_strdup_printf (_("Desired retention set to %s"), shown);
  toast = eg_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "eg-before", g_steal_pointer (&before), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (retention_undo_cb), self, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
  return TRUE;
}

/* The Scheduling page's suggestion, chosen */
static void
retention_chosen_cb (EgPreferences *self,
                     const char    *value)
{
  set_retention (self, value);
}

/* A page changed what is due or the parameters in use */
static void
page_changed_cb (EgPreferences *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * eg_preferences_set_scheduler:
 * @scheduler: (nullable): the collection's scheduler, %NULL when none is open
 *
 * Shows the study settings of @scheduler's collection, none for %NULL (the
 * window then holds no collection open: a restore can replace it).
 */
void
eg_preferences_set_scheduler (EgPreferences *self,
                              EgScheduler   *scheduler)
{
  g_return_if_fail (EG_IS_PREFERENCES (self));
  g_return_if_fail (scheduler == NULL || EG_IS_SCHEDULER (scheduler));

  if (self->study_group != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (study_settings); i++)
        g_hash_table_remove (self->rows, study_settings[i].key);
      g_hash_table_remove (self->rows, "fuzz");
      g_hash_table_remove (self->rows, "workload");
      adw_preferences_page_remove (self->general_page, self->study_group);
      self->study_group = NULL;
    }
  if (self->interview_page != NULL)
    {
      adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self),
                                     ADW_PREFERENCES_PAGE (self->interview_page));
      self->interview_page = NULL;
    }
  if (self->optimizer_page != NULL)
    {
      /* a fit running is cancelled as the page goes */
      adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self),
                                     ADW_PREFERENCES_PAGE (self->optimizer_page));
      self->optimizer_page = NULL;
    }
  show_error (self, NULL, NULL);
  g_set_object (&self->scheduler, scheduler);
  if (scheduler == NULL)
    return;

  /* before the errors, which a page only appends after */
  g_object_ref (self->errors_group);
  adw_preferences_page_remove (self->general_page, self->errors_group);
  self->study_group = build_study_group (self);
  adw_preferences_page_add (self->general_page, self->study_group);
  adw_preferences_page_add (self->general_page, self->errors_group);
  g_object_unref (self->errors_group);

  /* the interview date: a page of its own, between General and Backups */
  self->interview_page = eg_interview_page_new (scheduler);
  g_signal_connect_object (self->interview_page, "changed", G_CALLBACK (page_changed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->interview_page));
  /* the parameters fitted to the user's reviews, after it */
  self->optimizer_page = eg_optimizer_page_new (scheduler);
  g_signal_connect_object (self->optimizer_page, "changed", G_CALLBACK (page_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->optimizer_page, "retention-chosen",
                           G_CALLBACK (retention_chosen_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->optimizer_page));
  if (self->backups_page != NULL)
    {
      /* pages show in the order they were added */
      g_object_ref (self->backups_page);
      adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), self->backups_page);
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->backups_page);
      g_object_unref (self->backups_page);
    }
}

/**
 * eg_preferences_set_collection:
 * @collection_path: the collection whose backups the Backups page lists
 */
void
eg_preferences_set_collection (EgPreferences *self,
                               const char    *collection_path)
{
  g_return_if_fail (EG_IS_PREFERENCES (self));
  eg_backup_list_set_collection (self->backup_list, collection_path);
}

/**
 * eg_preferences_get_backup_list:
 *
 * Returns: (transfer none): the list of the Backups page
 */
EgBackupList *
eg_preferences_get_backup_list (EgPreferences *self)
{
  g_return_val_if_fail (EG_IS_PREFERENCES (self), NULL);
  return self->backup_list;
}

/**
 * eg_preferences_new:
 * @scheduler: (nullable): the collection's scheduler, whose settings it
 *   changes; %NULL for none
 * @settings: the app's GSettings
 *
 * The window has four pages, named "general", "interview" and "optimizer"
 * (with a collection open) and "backups"
 * (adw_preferences_window_set_visible_page_name()); the Backups page lists
 * nothing until eg_preferences_set_collection().
 */
GtkWidget *
eg_preferences_new (EgScheduler *scheduler,
                    GSettings   *settings)
{
  EgPreferences *self = g_object_new (EG_TYPE_PREFERENCES, NULL);

  self->settings = g_object_ref (settings);
  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  self->general_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (self->general_page, _("General"));
  adw_preferences_page_set_icon_name (self->general_page, "preferences-system-symbolic");
  adw_preferences_page_set_name (self->general_page, "general");

  self->errors_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (self->errors_group, GTK_WIDGET (self->error_label));

  adw_preferences_page_add (self->general_page, _eg_preferences_build_appearance (self));
  adw_preferences_page_add (self->general_page, self->errors_group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->general_page);
  self->backups_page = _eg_preferences_build_backups (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->backups_page);
  eg_preferences_set_scheduler (self, scheduler);
  return GTK_WIDGET (self);
}
