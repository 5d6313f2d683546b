/* eg-output.h - write a file the user named without harming anything else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(EG_CORE_INSIDE) && !defined(EG_CORE_COMPILATION)
# error "Only <eg-core.h> can be included directly."
#endif

#include <gio/gio.h>

G_BEGIN_DECLS

#define EG_OUTPUT_ERROR (eg_output_error_quark ())

typedef enum
{
  EG_OUTPUT_ERROR_IO,
  EG_OUTPUT_ERROR_COLLECTION,   /* the collection, its journal or a backup */
  EG_OUTPUT_ERROR_NOT_A_FILE,   /* a folder, a disk, a socket */
} EgOutputError;

GQuark   eg_output_error_quark (void);
gboolean eg_output_write       (const char    *path,
                                const char    *data,
                                gsize          length,
                                const char    *collection_path,
                                GError       **error);
gboolean eg_output_write_file  (GFile         *file,
                                const char    *data,
                                gsize          length,
                                const char    *collection_path,
                                GError       **error);

G_END_DECLS
