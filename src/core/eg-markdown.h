/* eg-markdown.h - Markdown as the app shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

char *eg_markdown_to_plain (const char *markdown);

G_END_DECLS
