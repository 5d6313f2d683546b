/* eg-input.c - read a file the user named, never more than a limit
 *
 * Only a regular file is read (through a symlink is fine): a device such as
 * /dev/zero never ends, a pipe may never say anything, and stat() gives both
 * a size of 0.  A local file is opened without blocking (opening a FIFO
 * nobody writes to would wait forever), its type is checked on the opened
 * descriptor (so a file swapped in after a check cannot slip through), and
 * at most the limit + 1 bytes are read, whatever its size said.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-input"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eg-input.h"

G_DEFINE_QUARK (eg-input-error-quark, eg_input_error)

#define CHUNK_SIZE (64 * 1024)

typedef gssize (*ReadFunc) (gpointer       source,
                            char          *buffer,
                            gsize          size,
                            GCancellable  *cancellable,
                            GError       **error);

static const char *
describe_type (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  if (S_ISFIFO (mode))
    return _("a pipe");
  if (S_ISSOCK (mode))
    return _("a socket");
  return _("a special file");
}

static char *
not_a_file (GError     **error,
            const char  *name,
            const char  *type,
            const char  *what)
{
  g_set_error (error, EG_INPUT_ERROR, EG_INPUT_ERROR_NOT_A_FILE,
               _("%s: is %s, not a %s file"), name, type, what);
  return NULL;
}

/* @size: what the file says it holds, or 0 when it is not known */
static char *
too_large (GError     **error,
           const char  *name,
           const char  *what,
           goffset      size,
           gsize        max_size)
{
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  if (size > 0)
    {
      g_autofree char *formatted = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      /* just over the limit: "50.0 MiB" twice would say nothing */
      if (g_str_equal (formatted, limit))
        {
          g_free (formatted);
          g_free (limit);
          formatted = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS |
                                                G_FORMAT_SIZE_LONG_FORMAT);
          limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS |
                                                G_FORMAT_SIZE_LONG_FORMAT);
        }

      g_set_error (error, EG_INPUT_ERROR, EG_INPUT_ERROR_TOO_LARGE,
                   _("%s: the file is too large (%s; a %s can be at most %s)"),
                   name, formatted, what, limit);
    }
  else
    g_set_error (error, EG_INPUT_ERROR, EG_INPUT_ERROR_TOO_LARGE,
                 _("%s: the file is too large (a %s can be at most %s)"), name, what, limit);
  return NULL;
}

/* Cancellation stays what it is; other errors name the file. */
static char *
io_error (GError     **error,
          GError      *cause,
          const char  *name)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, cause);
  else
    {
      g_set_error (error, EG_INPUT_ERROR, EG_INPUT_ERROR_IO, _("%s: %s"), name, cause->message);
      g_error_free (cause);
    }
  return NULL;
}

static gssize
read_fd (gpointer       source,
         char          *buffer,
         gsize          size,
         GCancellable  *cancellable,
         GError       **error)
{
  int fd = GPOINTER_TO_INT (source);

  for (;;)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;
      n = read (fd, buffer, size);
      if (n >= 0)
        return n;
      if (errno != EINTR)
        {
          int saved_errno = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return -1;
        }
    }
}

static gssize
read_stream (gpointer       source,
             char          *buffer,
             gsize          size,
             GCancellable  *cancellable,
             GError       **error)
{
  return g_input_stream_read (G_INPUT_STREAM (source), buffer, size, cancellable, error);
}

/* Reads to the end of @source, but never more than @max_size + 1 bytes.
 * @size_hint: what the file says it holds (0 when unknown).
 */
static char *
read_bounded (ReadFunc       read_func,
              gpointer       source,
              goffset        size_hint,
              gsize          max_size,
              gsize         *length,
              GCancellable  *cancellable,
              GError       **error)
{
  gsize limit = max_size + 1;
  gsize capacity = CLAMP ((gsize) MAX (size_hint, 0) + 1, MIN (CHUNK_SIZE, limit), limit);
  g_autofree char *buffer = g_malloc (capacity + 1);
  gsize used = 0;

  while (used < limit)
    {
      gssize n;

      if (used == capacity)
        {
          capacity = MIN (capacity * 2, limit);
          buffer = g_realloc (buffer, capacity + 1);
        }
      n = read_func (source, buffer + used, capacity - used, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      used += n;
    }

  buffer[used] = '\0';
  *length = used;
  return g_steal_pointer (&buffer);
}

static char *
read_local (const char    *path,
            const char    *name,
            const char    *what,
            gsize          max_size,
            gsize         *length,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  char *data;
  int flags;
  int fd;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* O_NONBLOCK: opening a FIFO nobody writes to would wait forever */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;

      /* a socket cannot be opened at all: say what it is */
      if (saved_errno == ENXIO && stat (path, &st) == 0 && !S_ISREG (st.st_mode))
        return not_a_file (error, name, describe_type (st.st_mode), what);
      g_set_error (error, EG_INPUT_ERROR, EG_INPUT_ERROR_IO,
                   _("%s: %s"), name, g_strerror (saved_errno));
      return NULL;
    }

  /* what was opened is checked, not the name, which may point elsewhere by now */
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, EG_INPUT_ERROR, EG_INPUT_ERROR_IO,
                   _("%s: %s"), name, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      return not_a_file (error, name, describe_type (st.st_mode), what);
    }
  if ((guint64) st.st_size > max_size)
    {
      close (fd);
      return too_large (error, name, what, st.st_size, max_size);
    }

  /* a regular file: read as usual */
  if ((flags = fcntl (fd, F_GETFL)) >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  data = read_bounded (read_fd, GINT_TO_POINTER (fd), st.st_size, max_size, length,
                       cancellable, &local_error);
  close (fd);
  if (data == NULL)
    return io_error (error, g_steal_pointer (&local_error), name);
  return data;
}

/* A location without a local path (sftp://, resource://…), read with GIO */
static char *
read_location (GFile         *file,
               const char    *name,
               const char    *what,
               gsize          max_size,
               gsize         *length,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  goffset size = 0;
  char *data;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        return not_a_file (error, name, _("a folder"), what);
      return io_error (error, g_steal_pointer (&local_error), name);
    }

  info = g_file_input_stream_query_info (stream,
                                         G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_TYPE))
    {
      GFileType type = g_file_info_get_file_type (info);

      if (type == G_FILE_TYPE_DIRECTORY)
        return not_a_file (error, name, _("a folder"), what);
      if (type == G_FILE_TYPE_SPECIAL)
        return not_a_file (error, name, _("a special file"), what);
    }
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    size = g_file_info_get_size (info);
  if (size > 0 && (guint64) size > max_size)
    return too_large (error, name, what, size, max_size);

  data = read_bounded (read_stream, stream, size, max_size, length, cancellable, &local_error);
  if (data == NULL)
    return io_error (error, g_steal_pointer (&local_error), name);
  return data;
}

/**
 * eg_input_read:
 * @file: the file to read
 * @what: what it should be, for messages: "deck" gives "is a pipe, not a
 *   deck file"
 * @max_size: the most it may hold
 * @length: (out): the number of bytes read
 *
 * Reads @file if it is a regular file (or a symlink to one) of at most
 * @max_size bytes, reading no more than @max_size + 1 bytes whatever the
 * file says its size is.  Every error names the file.
 *
 * Returns: (transfer full): its bytes, followed by a nul
 */
char *
eg_input_read (GFile         *file,
               const char    *what,
               gsize          max_size,
               gsize         *length,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize n = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (what != NULL, NULL);
  g_return_val_if_fail (max_size < G_MAXSIZE - 1, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path != NULL)
    data = read_local (path, name, what, max_size, &n, cancellable, error);
  else
    data = read_location (file, name, what, max_size, &n, cancellable, error);
  if (data == NULL)
    return NULL;

  /* the file grew, or said nothing of its size */
  if (n > max_size)
    return too_large (error, name, what, 0, max_size);

  *length = n;
  return g_steal_pointer (&data);
}
