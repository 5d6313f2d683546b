/* eg-preferences-appearance.c - Preferences, Appearance: the style, the
 * card text's size and code font, the grade buttons' intervals and named
 * parts behind a click
 *
 * All in GSettings; the card views follow the keys (eg-card-view.c,
 * eg_card_view_follow_settings()), so a change shows at once.  The text size
 * is a spin button bounded by the key's range, which refuses a typed value
 * outside it; the code font is chosen among monospace families only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eg-preferences-private.h"

/**
 * eg_preferences_apply_style:
 *
 * Gives the app the style @settings chooses: the desktop's, light or dark.
 */
void
eg_preferences_apply_style (GSettings *settings)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint style = (guint) g_settings_get_enum (settings, "style");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[MIN (style, G_N_ELEMENTS (schemes) - 1)]);
}

static void
style_selected_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   EgPreferences *self)
{
  g_settings_set_enum (self->settings, "style", (int) adw_combo_row_get_selected (row));
  eg_preferences_apply_style (self->settings);
}

static GtkWidget *
add_switch_row (EgPreferences       *self,
                AdwPreferencesGroup *group,
                const char          *key,
                const char          *title,
                const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  g_settings_bind (self->settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_hash_table_insert (self->rows, (gpointer) key, toggle);
  adw_preferences_group_add (group, row);
  return row;
}

/* The bounds of an integer key, from its range in the schema */
static void
key_range (GSettings *settings,
           const char *key,
           int        *min,
           int        *max)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) bounds = NULL;
  g_autofree char *kind = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(sv)", &kind, &bounds);
  g_assert (g_str_equal (kind, "range"));
  g_variant_get (bounds, "(ii)", min, max);
}

static void
add_font_size_row (EgPreferences       *self,
                   AdwPreferencesGroup *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin;
  g_autofree char *subtitle = NULL;
  int min, max;

  key_range (self->settings, "answer-font-size", &min, &max);
  spin = gtk_spin_button_new_with_range (min, max, 1);
  /* a typed value outside the bounds is refused, not clamped */
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  /* TRANSLATORS: the bounds of the card text's size, in pixels */
  subtitle = g_strdup_printf (_("Of the cards in review and in the library, from %d to %d pixels"),
                              min, max);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Text Size"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Text Size"), -1);
  g_settings_bind (self->settings, "answer-font-size", spin, "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_hash_table_insert (self->rows, (gpointer) "answer-font-size", spin);
  adw_preferences_group_add (group, row);
}

static gboolean
monospace_only (const PangoFontFamily *family,
                const PangoFontFace   *face,
                gpointer               data)
{
  PangoFontFamily *mutable_family = (PangoFontFamily *) family;

  /* fontconfig calls colour emoji fonts monospace: they are no code font */
  return pango_font_family_is_monospace (mutable_family) &&
         strstr (pango_font_family_get_name (mutable_family), "Emoji") == NULL;
}

/* The button shows the key's family, "Monospace" for the system's */
static void
code_font_changed_cb (EgPreferences *self)
{
  GtkFontChooser *button = g_hash_table_lookup (self->rows, "code-font");
  GtkWidget *reset = g_object_get_data (G_OBJECT (button), "eg-reset");
  g_autofree char *family = g_settings_get_string (self->settings, "code-font");
  g_autoptr(PangoFontDescription) description = pango_font_description_new ();

  pango_font_description_set_family (description, family[0] != '\0' ? family : "Monospace");
  pango_font_description_set_size (description, 11 * PANGO_SCALE);
  gtk_font_chooser_set_font_desc (button, description);
  gtk_widget_set_visible (reset, family[0] != '\0');
}

static void
code_font_set_cb (GtkFontButton *button,
                  EgPreferences *self)
{
  g_autoptr(PangoFontDescription) description =
    gtk_font_chooser_get_font_desc (GTK_FONT_CHOOSER (button));
  const char *family = description != NULL ? pango_font_description_get_family (description)
                                           : NULL;

  g_settings_set_string (self->settings, "code-font", family != NULL ? family : "");
}

static void
code_font_reset_cb (EgPreferences *self)
{
  g_settings_reset (self->settings, "code-font");
}

static void
add_code_font_row (EgPreferences       *self,
                   AdwPreferencesGroup *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_font_button_new ();
  GtkWidget *reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Code Font"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("A monospace font for the code in cards"));
  gtk_font_button_set_title (GTK_FONT_BUTTON (button), _("Code Font"));
  gtk_font_button_set_use_font (GTK_FONT_BUTTON (button), TRUE);
  gtk_font_chooser_set_level (GTK_FONT_CHOOSER (button), GTK_FONT_CHOOSER_LEVEL_FAMILY);
  gtk_font_chooser_set_filter_func (GTK_FONT_CHOOSER (button), monospace_only, NULL, NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* the font button's own button shows the font's name and is named by
   * nothing in GTK 4.8: a screen reader says what it chooses */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (button)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Code Font"), -1);
  g_signal_connect (button, "font-set", G_CALLBACK (code_font_set_cb), self);

  gtk_widget_set_tooltip_text (reset, _("Use the System’s Monospace Font"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reset), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Use the System’s Monospace Font"), -1);
  gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reset, "flat");
  g_signal_connect_swapped (reset, "clicked", G_CALLBACK (code_font_reset_cb), self);
  g_object_set_data (G_OBJECT (button), "eg-reset", reset);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reset);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  g_hash_table_insert (self->rows, (gpointer) "code-font", button);
  adw_preferences_group_add (group, row);

  g_signal_connect_object (self->settings, "changed::code-font",
                           G_CALLBACK (code_font_changed_cb), self, G_CONNECT_SWAPPED);
  code_font_changed_cb (self);
}

AdwPreferencesGroup *
_eg_preferences_build_appearance (EgPreferences *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) styles = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  gtk_string_list_append (styles, _("Follow the Desktop"));
  gtk_string_list_append (styles, _("Light"));
  gtk_string_list_append (styles, _("Dark"));
  adw_preferences_group_set_title (group, _("Appearance"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Style"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (styles));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              (guint) g_settings_get_enum (self->settings, "style"));
  g_signal_connect (row, "notify::selected", G_CALLBACK (style_selected_cb), self);
  g_hash_table_insert (self->rows, (gpointer) "style", row);
  adw_preferences_group_add (group, row);

  add_font_size_row (self, group);
  add_code_font_row (self, group);
  add_switch_row (self, group, "show-intervals", _("Show Intervals on the Grade Buttons"),
                  _("When the card would be due again after each grade"));
  add_switch_row (self, group, "parts-collapsed", _("Named Parts Behind a Click"),
                  _("Parts such as “Indepth” show when their heading is clicked"));
  return group;
}
