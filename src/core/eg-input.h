/* eg-input.h - read a file the user named, never more than a limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <gio/gio.h>

G_BEGIN_DECLS

#define EG_INPUT_ERROR (eg_input_error_quark ())

typedef enum
{
  EG_INPUT_ERROR_IO,
  EG_INPUT_ERROR_NOT_A_FILE,    /* a folder, a device, a pipe, a socket */
  EG_INPUT_ERROR_TOO_LARGE,
} EgInputError;

GQuark  eg_input_error_quark (void);
char   *eg_input_read        (GFile         *file,
                              const char    *what,
                              gsize          max_size,
                              gsize         *length,
                              GCancellable  *cancellable,
                              GError       **error);

G_END_DECLS
