#!/usr/bin/env python3
# check-i18n.py - every translatable source is in po/POTFILES.in, and no
# user-visible string literal escapes gettext
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-i18n.py SOURCE_ROOT ALLOW_LIST
#
# 1. POTFILES.in names only files that exist, and every source file with
#    translatable strings: C files under src/ that call _(), N_(), C_(),
#    NC_(), ngettext or g_dngettext, .ui files with translatable="yes", the
#    desktop file, the metainfo and the schema.
# 2. xgettext, given as keywords only the setters that put text in front of
#    the user (labels, titles, tooltips, toasts, dialogs, GError messages of
#    src/core and src/gui), extracts the literals passed to them directly:
#    a literal wrapped in _() is not extracted, so every msgid it finds is a
#    string nobody marked.  The ALLOW_LIST names the few that must stay as
#    they are ("FILE<TAB>STRING", # comments); an entry that no longer
#    matches is an error too, so the list stays short.
# 3. In .ui files, every text property or menu label with words in it is
#    translatable="yes".
#
#    The engram-cli files in CLI_FILES are checked too, with its printers
#    (g_print, g_printerr, fprintf, eg_cli_usage_error...) as keywords; its
#    machine-readable rows are in the ALLOW_LIST (\t and \n written so).

import os
import re
import subprocess
import sys
import tempfile

# The engram-cli sources whose messages are marked, one a line: all of
# src/cli but eg-cli-json.c, which prints only JSON.
CLI_FILES = [
    'src/cli/eg-cli-annotate.c',
    'src/cli/eg-cli-backup.c',
    'src/cli/eg-cli.c',
    'src/cli/eg-cli-plan.c',
    'src/cli/eg-cli-search.c',
    'src/cli/eg-cli-stats.c',
    'src/cli/eg-cli-study.c',
]

# What engram-cli prints with, and the summaries GOption shows
CLI_PRINTERS = '''
g_print:1 g_printerr:1 fprintf:2 print_error:1 eg_cli_usage_error:1 eg_cli_parse_options:3
g_option_context_set_summary:2 g_option_context_set_description:2
'''.split()

root, allow_path = sys.argv[1], sys.argv[2]
results = []


def check(description, problems):
    results.append((description, problems))


def rel(path):
    return os.path.relpath(path, root)


def sources(folder, suffixes):
    found = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(suffixes):
                found.append(rel(os.path.join(dirpath, name)))
    return found


def read(path):
    with open(os.path.join(root, path), encoding='utf-8') as f:
        return f.read()


# 1. POTFILES.in
potfiles = [line.strip() for line in read('po/POTFILES.in').splitlines()
            if line.strip() and not line.startswith('#')]

check('POTFILES.in names only files that exist',
      [p for p in potfiles if not os.path.exists(os.path.join(root, p))])

MARK_C = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dgettext|'
                    r'g_dpgettext2?|dgettext|dngettext)\s*\(')
translatable = []
for path in sources('src', ('.c',)):
    if path.startswith('src/cli/') and path not in CLI_FILES:
        continue
    if MARK_C.search(read(path)):
        translatable.append(path)
for path in sources('ui', ('.ui',)):
    if 'translatable="yes"' in read(path):
        translatable.append(path)
for path in sources('data', ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')):
    translatable.append(path)

check('POTFILES.in names every source file with translatable strings',
      [p for p in translatable if p not in potfiles])

# 2. unmarked literals given to user-facing setters
SETTERS = '''
gtk_label_set_label:2 gtk_label_set_text:2 gtk_label_set_markup:2 gtk_label_new:1
gtk_label_new_with_mnemonic:1 gtk_widget_set_tooltip_text:2 gtk_widget_set_tooltip_markup:2
gtk_tooltip_set_text:2 gtk_tooltip_set_markup:2 gtk_button_set_label:2
gtk_button_new_with_label:1 gtk_button_new_with_mnemonic:1 gtk_check_button_new_with_label:1
gtk_check_button_new_with_mnemonic:1 gtk_check_button_set_label:2 gtk_expander_new:1
gtk_expander_new_with_mnemonic:1 gtk_frame_new:1 gtk_frame_set_label:2 gtk_window_set_title:2
gtk_entry_set_placeholder_text:2 gtk_text_set_placeholder_text:2 gtk_file_filter_set_name:2
gtk_file_chooser_native_new:1,4,5 gtk_native_dialog_set_title:2 gtk_font_button_set_title:2
gtk_menu_button_set_label:2 gtk_progress_bar_set_text:2 gtk_inscription_set_text:2
adw_window_title_new:1,2 adw_window_title_set_title:2 adw_window_title_set_subtitle:2
adw_preferences_row_set_title:2 adw_action_row_set_subtitle:2 adw_expander_row_set_subtitle:2
adw_preferences_group_set_title:2 adw_preferences_group_set_description:2
adw_preferences_page_set_title:2 adw_status_page_set_title:2 adw_status_page_set_description:2
adw_message_dialog_new:2,3 adw_message_dialog_set_heading:2 adw_message_dialog_set_body:2
adw_message_dialog_format_heading:2 adw_message_dialog_format_body:2
adw_message_dialog_add_response:3 adw_message_dialog_set_response_label:3
adw_toast_new:1 adw_toast_new_format:1 adw_toast_set_title:2 adw_toast_set_button_label:2
adw_button_content_set_label:2 adw_view_stack_add_titled:4 adw_split_button_set_label:2
adw_about_window_set_comments:2 adw_about_window_set_translator_credits:2
g_menu_append:2 g_menu_item_new:1 g_menu_insert:3 g_menu_prepend:2
g_set_error:4 g_set_error_literal:4 g_prefix_error:2 g_propagate_prefixed_error:3
g_error_new:3 g_error_new_literal:3
eg_toast_new:1 eg_toast_show:2 eg_status_page_set_text:2
'''.split()

c_files = [p for p in sources('src/core', ('.c',)) + sources('src/gui', ('.c',))]


def unmarked_pot(keywords, files):
    """The literals given directly to @keywords in @files, as a .pot text"""
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'unmarked.pot')
        run = subprocess.run(['xgettext', '--from-code=UTF-8', '--language=C', '--keyword',
                              '--no-wrap', '-o', pot]
                             + ['--keyword=' + k for k in keywords] + files,
                             cwd=root, capture_output=True, text=True)
        if run.returncode != 0:
            print('not ok 1 - xgettext failed: ' + run.stderr.strip())
            print('1..1')
            sys.exit(1)
        return open(pot, encoding='utf-8').read() if os.path.exists(pot) else ''


# the printers only count in the CLI: the app's g_printerr() is for developers
text = (unmarked_pot(SETTERS, c_files) + '\n\n'
        + unmarked_pot(SETTERS + CLI_PRINTERS, CLI_FILES))


def unquote(lines):
    escapes = {'n': '\n', 't': '\t', '"': '"', '\\': '\\'}
    return ''.join(re.sub(r'\\(.)', lambda e: escapes.get(e.group(1), e.group(1)), s)
                   for s in re.findall(r'^"(.*)"$', lines, re.M))


allow = []
for line in read(allow_path).splitlines():
    if line.strip() and not line.startswith('#'):
        path, _, string = line.partition('\t')
        allow.append((path, string.replace('\\t', '\t').replace('\\n', '\n')))
used = set()
unmarked = []
for entry in text.split('\n\n'):
    locations = ' '.join(line[3:] for line in entry.splitlines() if line.startswith('#: ')).split()
    m = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
    if m is None:
        continue
    string = unquote(m.group(1))
    if not re.search(r'[A-Za-z]{2}', string):   # "", "·", "%s: %s": nothing to translate
        continue
    for location in locations:
        path = location.rsplit(':', 1)[0]
        if (path, string) in allow:
            used.add((path, string))
        else:
            unmarked.append('%s: “%s”' % (location, string))

check('xgettext finds no unmarked user-visible literal in src/core, src/gui and the CLI_FILES',
      unmarked)
check('the allow-list has no stale entries',
      ['%s\t%s' % (a[0], a[1].replace('\t', '\\t').replace('\n', '\\n'))
       for a in allow if a not in used])

# 3. a format macro inside a marked string cuts its msgid short
#    (_("%" G_GINT64_FORMAT " cards") is extracted as "%"): use %lld
MARKED = ['--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
          '--keyword=ngettext:1,2', '--keyword=g_dngettext:2,3']
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'marked.pot')
    subprocess.run(['xgettext', '--from-code=UTF-8', '--language=C', '--keyword', '--no-wrap',
                    '-o', pot] + MARKED + c_files + CLI_FILES, cwd=root,
                   check=True)
    marked = open(pot, encoding='utf-8').read()
cut = []
for entry in marked.split('\n\n'):
    locations = [line[3:] for line in entry.splitlines() if line.startswith('#: ')]
    for m in re.finditer(r'^msgid(?:_plural)? ((?:".*"\n?)+)', entry, re.M):
        string = unquote(m.group(1))
        if re.search(r'(?<!%)(%%)*%$', string):
            cut.append('%s: “%s”' % (' '.join(locations), string))
check('no marked string is cut short by a format macro', cut)

# 4. .ui text properties
UI_TEXT = re.compile(r'<(property|attribute) name="(label|title|subtitle|tooltip-text|'
                     r'tooltip-markup|description|placeholder-text|heading|body|text|'
                     r'title-lines|accelerator-title)"([^>]*)>([^<]*)<')
ui_problems = []
for path in sources('ui', ('.ui',)):
    for n, line in enumerate(read(path).splitlines(), 1):
        for m in UI_TEXT.finditer(line):
            if re.search(r'[A-Za-z]{2}', m.group(4)) and 'translatable="yes"' not in m.group(3):
                ui_problems.append('%s:%d: %s' % (path, n, m.group(4)))
check('every text property in ui/*.ui is translatable', ui_problems)

failed = 0
for i, (description, problems) in enumerate(results, 1):
    if problems:
        failed += 1
        print('not ok %d - %s' % (i, description))
        for p in problems:
            print('# ' + p)
    else:
        print('ok %d - %s' % (i, description))
print('1..%d' % len(results))
sys.exit(1 if failed else 0)
