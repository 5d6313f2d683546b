/* eg-interview-page.c - the interview date and its plan, a page of Preferences
 *
 * The user sets the date of an interview (an entry for the keyboard, a
 * calendar for the mouse) and, optionally, the deck and the sections that
 * matter; the core checks and keeps them (eg_plan_set()): a date in the past
 * or an unknown section is refused at the row with the reason, and nothing
 * is saved.  Below, the plan as the core computes it: days left, today's
 * new cards, the expected recall on the day, and a warning, with what
 * budget would reach the goal, when it is out of reach.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-interview"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eg-interview-page.h"
#include "eg-toast.h"

struct _EgInterviewPage
{
  AdwPreferencesPage  parent_instance;

  EgScheduler        *scheduler;
  GPtrArray          *decks;        /* EgDeckInfo */
  GPtrArray          *checks;       /* GtkCheckButton per section, "eg-key" data */
  gboolean            updating;     /* widgets being set from the collection */

  GtkWidget          *date_row;     /* AdwEntryRow */
  GtkWidget          *calendar;
  GtkWidget          *calendar_button;
  GtkWidget          *deck_row;     /* AdwComboRow */
  GtkWidget          *sections_row; /* AdwExpanderRow */
  GtkWidget          *clear_row;
  GtkWidget          *error_label;
  GtkWidget          *plan_group;
  GtkWidget          *summary_row;
  GtkWidget          *new_row;
  GtkWidget          *reach_row;
  GtkWidget          *budget_button;
  int                 needed_reviews;
};

G_DEFINE_FINAL_TYPE (EgInterviewPage, eg_interview_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (EgInterviewPage *self);

char *
eg_interview_describe_plan (const EgPlan *plan)
{
  int recall;

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->days_left < 0 || plan->expected_recall < 0)
    return NULL;
  recall = (int) floor (plan->expected_recall * 100 + 0.5);
  if (plan->days_left == 0)
    /* Translators: the library header on the day of the interview */
    return g_strdup_printf (_("Interview today · %d %% expected recall"), recall);
  if (plan->days_left == 1)
    return g_strdup_printf (_("Interview tomorrow · %d %% expected recall"), recall);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Interview in %d day · %d %% expected recall",
                                       "Interview in %d days · %d %% expected recall",
                                       plan->days_left),
                          plan->days_left, recall);
}

char *
eg_interview_describe_reach (const EgPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->feasible || plan->days_left < 0)
    return NULL;
  if (plan->too_few_days)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The goal is out of reach: a new card needs %d day to "
                                         "reach a stability of %.0f days, and fewer are left. "
                                         "Learn the new cards at once, or move the date.",
                                         "The goal is out of reach: a new card needs %d days to "
                                         "reach a stability of %.0f days, and fewer are left. "
                                         "Learn the new cards at once, or move the date.",
                                         plan->lead_days),
                            plan->lead_days, plan->target_stability);
  return g_strdup_printf (_("The goal is out of reach with %d reviews a day: %d reviews and "
                            "%d new cards a day would reach it."),
                          plan->reviews_per_day, plan->needed_reviews_per_day,
                          MAX (plan->needed_new_per_day, plan->new_per_day));
}

static void
show_error (EgInterviewPage *self,
            GtkWidget       *row,
            const char      *message)
{
  gtk_label_set_label (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
  if (row != NULL && message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    {
      gtk_widget_remove_css_class (self->date_row, "error");
      gtk_widget_remove_css_class (self->sections_row, "error");
    }
  if (message != NULL)
    eg_toast_show (GTK_WIDGET (self), message, FALSE);
}

/* The deck chosen in the deck row; NULL: every deck */
static const EgDeckInfo *
chosen_deck (EgInterviewPage *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->deck_row));

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->decks->len)
    return NULL;
  return g_ptr_array_index (self->decks, selected - 1);
}

static char *
checked_sections (EgInterviewPage *self)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (check))
        g_string_append_printf (keys, "%s%s", keys->len ? "," : "",
                                (const char *) g_object_get_data (G_OBJECT (check), "eg-key"));
    }
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

/* Sets the plan; refused: nothing changes and @row says why */
static gboolean
apply (EgInterviewPage  *self,
       const char       *date,
       const char       *deck_key,
       const char       *sections,
       GtkWidget        *row,
       GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!eg_plan_set (self->scheduler, date, deck_key, sections, eg_time_now_ms (),
                    &local_error))
    {
      show_error (self, row, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      refresh (self);
      return FALSE;
    }
  show_error (self, NULL, NULL);
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * eg_interview_page_set_date:
 * @date: "YYYY-MM-DD"
 *
 * Sets the interview date, keeping the deck and sections chosen.
 */
gboolean
eg_interview_page_set_date (EgInterviewPage  *self,
                            const char       *date,
                            GError          **error)
{
  const EgDeckInfo *deck;
  g_autofree char *sections = NULL;

  g_return_val_if_fail (EG_IS_INTERVIEW_PAGE (self), FALSE);

  deck = chosen_deck (self);
  sections = checked_sections (self);
  return apply (self, date, deck ? deck->key : NULL, deck ? sections : NULL,
                self->date_row, error);
}

/**
 * eg_interview_page_set_scope:
 * @deck_key: (nullable): the deck; NULL: every deck
 * @sections: (nullable): its sections that matter, "KEY,KEY"; NULL: all
 *
 * Sets what the plan covers, keeping the date.
 */
gboolean
eg_interview_page_set_scope (EgInterviewPage  *self,
                             const char       *deck_key,
                             const char       *sections,
                             GError          **error)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (EG_IS_INTERVIEW_PAGE (self), FALSE);

  date = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
  return apply (self, date, deck_key, sections, self->sections_row, error);
}

gboolean
eg_interview_page_clear (EgInterviewPage  *self,
                         GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EG_IS_INTERVIEW_PAGE (self), FALSE);

  if (!eg_plan_clear (self->scheduler, &local_error))
    {
      show_error (self, NULL, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_error (self, NULL, NULL);
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * eg_interview_page_get_widget:
 * @name: "date", "calendar", "deck", "sections", "clear", "error", "summary",
 *   "new", "reach" or "budget"
 *
 * One of the page's widgets, for tests.
 */
GtkWidget *
eg_interview_page_get_widget (EgInterviewPage *self,
                              const char      *name)
{
  struct { const char *name; GtkWidget *widget; } widgets[] = {
    { "date", self->date_row }, { "calendar", self->calendar },
    { "deck", self->deck_row }, { "sections", self->sections_row },
    { "clear", self->clear_row }, { "error", self->error_label },
    { "summary", self->summary_row }, { "new", self->new_row },
    { "reach", self->reach_row }, { "budget", self->budget_button },
  };

  g_return_val_if_fail (EG_IS_INTERVIEW_PAGE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (g_str_equal (widgets[i].name, name))
      return widgets[i].widget;
  g_return_val_if_reached (NULL);
}

static void
section_toggled_cb (GtkCheckButton  *check,
                    EgInterviewPage *self)
{
  const EgDeckInfo *deck = chosen_deck (self);
  g_autofree char *sections = NULL;

  if (self->updating || deck == NULL)
    return;
  sections = checked_sections (self);
  eg_interview_page_set_scope (self, deck->key, sections, NULL);
}

/* The deck's sections as check rows, @keys checked */
static void
fill_sections (EgInterviewPage    *self,
               const EgDeckInfo   *deck,
               const char * const *keys)
{
  g_autoptr(GPtrArray) sections = NULL;
  guint n_checked = 0;

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (self->checks, i),
                                                ADW_TYPE_ACTION_ROW);

      adw_expander_row_remove (ADW_EXPANDER_ROW (self->sections_row), row);
    }
  g_ptr_array_set_size (self->checks, 0);

  if (deck != NULL)
    sections = eg_store_list_sections (eg_scheduler_get_store (self->scheduler), deck->id, NULL);
  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      EgSectionInfo *info = g_ptr_array_index (sections, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean active = keys != NULL && g_strv_contains (keys, info->key);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->heading);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      n_checked += active;
      g_object_set_data_full (G_OBJECT (check), "eg-key", g_strdup (info->key), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (section_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->sections_row), row);
      g_ptr_array_add (self->checks, check);
    }

  gtk_widget_set_sensitive (self->sections_row, deck != NULL && self->checks->len > 0);
  if (deck == NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->sections_row),
                                   _("Choose a deck to choose its sections"));
  else if (n_checked == 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->sections_row), _("The whole deck"));
  else
    {
      g_autofree char *text = g_strdup_printf (_("%u of %u sections"), n_checked,
                                               self->checks->len);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->sections_row), text);
    }
}

static void
show_plan (EgInterviewPage *self,
           const EgPlan    *plan)
{
  g_autofree char *summary = plan ? eg_interview_describe_plan (plan) : NULL;
  g_autofree char *reach = plan ? eg_interview_describe_reach (plan) : NULL;
  g_autofree char *scope = NULL;

  gtk_widget_set_visible (self->plan_group, plan != NULL);
  gtk_widget_set_visible (self->clear_row, plan != NULL);
  if (plan == NULL)
    return;

  if (summary == NULL)
    summary = g_strdup (_("The interview date has passed: the plan no longer changes "
                          "what you study"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), summary);
  scope = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u card in the plan, %u not studied yet",
                                        "%u cards in the plan, %u not studied yet",
                                        plan->scope_cards),
                           plan->scope_cards, plan->scope_new);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->summary_row), scope);

  gtk_widget_set_visible (self->new_row, plan->days != NULL && plan->days->len > 0);
  if (plan->days != NULL && plan->days->len > 0)
    {
      const EgPlanDay *today = &g_array_index (plan->days, EgPlanDay, 0);
      g_autofree char *text = g_strdup_printf (_("%u today, %d a day in your settings; "
                                                 "about %.0f reviews today"),
                                               today->new_cards, plan->new_per_day,
                                               today->reviews);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->new_row), text);
    }

  gtk_widget_set_visible (self->reach_row, reach != NULL);
  self->needed_reviews = plan->needed_reviews_per_day;
  gtk_widget_set_visible (self->budget_button,
                          reach != NULL && !plan->too_few_days &&
                          plan->needed_reviews_per_day > plan->reviews_per_day);
  if (reach != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reach_row), reach);
}

/* The widgets from the collection's plan */
static void
refresh (EgInterviewPage *self)
{
  g_autoptr(EgPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  plan = eg_plan_compute (self->scheduler, eg_time_now_ms (), &error);
  if (plan == NULL && !g_error_matches (error, EG_PLAN_ERROR, EG_PLAN_ERROR_NOT_SET))
    show_error (self, NULL, error->message);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), plan ? plan->date : "");
  for (guint i = 0; plan && plan->deck_key && i < self->decks->len; i++)
    if (g_str_equal (((EgDeckInfo *) g_ptr_array_index (self->decks, i))->key, plan->deck_key))
      selected = i + 1;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->deck_row), selected);
  fill_sections (self, chosen_deck (self),
                 plan ? (const char * const *) plan->sections : NULL);
  self->updating = FALSE;

  show_plan (self, plan);
}

static void
date_apply_cb (AdwEntryRow     *row,
               EgInterviewPage *self)
{
  eg_interview_page_set_date (self, gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
}

static void
day_selected_cb (GtkCalendar     *calendar,
                 EgInterviewPage *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
  eg_interview_page_set_date (self, text, NULL);
}

static void
deck_selected_cb (AdwComboRow     *row,
                  GParamSpec      *pspec,
                  EgInterviewPage *self)
{
  const EgDeckInfo *deck;

  if (self->updating)
    return;
  deck = chosen_deck (self);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), "") == 0)
    {
      /* no date yet: the choice waits for one */
      self->updating = TRUE;
      fill_sections (self, deck, NULL);
      self->updating = FALSE;
      return;
    }
  eg_interview_page_set_scope (self, deck ? deck->key : NULL, NULL, NULL);
}

static void
clear_cb (EgInterviewPage *self)
{
  eg_interview_page_clear (self, NULL);
}

static void
budget_cb (EgInterviewPage *self)
{
  g_autofree char *value = g_strdup_printf ("%d", self->needed_reviews);
  g_autoptr(GError) error = NULL;
  EgSchedulerSettings settings;
  gboolean ok;

  eg_scheduler_settings_init (&settings);
  ok = eg_scheduler_settings_set_value (eg_scheduler_get_store (self->scheduler),
                                        "reviews-per-day", value, &error) &&
       eg_scheduler_settings_load (&settings, eg_scheduler_get_store (self->scheduler), &error) &&
       eg_scheduler_set_settings (self->scheduler, &settings, &error);
  eg_scheduler_settings_clear (&settings);
  if (!ok)
    {
      show_error (self, NULL, error->message);
      return;
    }
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
build_date_group (EgInterviewPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *popover = gtk_popover_new ();
  g_autoptr(GtkStringList) decks = gtk_string_list_new (NULL);
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Remove"));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Interview"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("New cards are paced so that each is learned in time for the day, and the last days "
      "go to the cards you would most likely forget. Kept in the collection."));

  self->date_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row),
                                 _("Date, such as 2027-01-15"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->date_row), TRUE);
  g_signal_connect (self->date_row, "apply", G_CALLBACK (date_apply_cb), self);
  g_signal_connect (self->date_row, "entry-activated", G_CALLBACK (date_apply_cb), self);
  self->calendar = gtk_calendar_new ();
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  gtk_popover_set_child (GTK_POPOVER (popover), self->calendar);
  self->calendar_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->calendar_button),
                                 "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->calendar_button), popover);
  gtk_widget_set_tooltip_text (self->calendar_button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a Date"), -1);
  gtk_widget_set_valign (self->calendar_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->calendar_button, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->date_row), self->calendar_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->date_row);

  gtk_string_list_append (decks, _("All Decks"));
  for (guint i = 0; i < self->decks->len; i++)
    gtk_string_list_append (decks, ((EgDeckInfo *) g_ptr_array_index (self->decks, i))->title);
  self->deck_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deck_row), _("Deck"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->deck_row), G_LIST_MODEL (decks));
  g_signal_connect (self->deck_row, "notify::selected", G_CALLBACK (deck_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->deck_row);

  self->sections_row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sections_row), _("Sections"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->sections_row);

  self->clear_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->clear_row),
                                 _("Remove the Interview Date"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->clear_row),
                               _("Study goes back to your daily limits; no review is lost"));
  gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "destructive-action");
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (clear_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->clear_row), clear);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->clear_row);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_set_margin_top (self->error_label, 12);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->error_label);
  return group;
}

static GtkWidget *
build_plan_group (EgInterviewPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Plan"));
  self->plan_group = group;

  self->summary_row = adw_action_row_new ();
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self->summary_row), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->summary_row);

  self->new_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_row), _("New Cards"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->new_row);

  self->reach_row = adw_action_row_new ();
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self->reach_row), 0);
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->reach_row), icon);
  self->budget_button = gtk_button_new_with_mnemonic (_("_Raise the Budget"));
  gtk_widget_set_valign (self->budget_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->budget_button, "clicked", G_CALLBACK (budget_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->reach_row), self->budget_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->reach_row);
  return group;
}

static void
eg_interview_page_dispose (GObject *object)
{
  EgInterviewPage *self = (EgInterviewPage *)object;

  g_clear_object (&self->scheduler);
  g_clear_pointer (&self->decks, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (eg_interview_page_parent_class)->dispose (object);
}

static void
eg_interview_page_class_init (EgInterviewPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = eg_interview_page_dispose;

  /**
   * EgInterviewPage::changed:
   *
   * The plan changed: what is due today may have changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
eg_interview_page_init (EgInterviewPage *self)
{
  self->checks = g_ptr_array_new ();
}

GtkWidget *
eg_interview_page_new (EgScheduler *scheduler)
{
  EgInterviewPage *self = g_object_new (EG_TYPE_INTERVIEW_PAGE,
                                        "name", "interview",
                                        "title", _("Interview"),
                                        "icon-name", "x-office-calendar-symbolic",
                                        NULL);
  g_autoptr(GError) error = NULL;

  self->scheduler = g_object_ref (scheduler);
  self->decks = eg_store_list_decks (eg_scheduler_get_store (scheduler), &error);
  if (self->decks == NULL)
    self->decks = g_ptr_array_new_with_free_func ((GDestroyNotify) eg_deck_info_free);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (build_date_group (self)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (build_plan_group (self)));
  refresh (self);
  if (error != NULL)
    show_error (self, NULL, error->message);
  return GTK_WIDGET (self);
}
