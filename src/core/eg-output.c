/* eg-output.c - write a file the user named without harming anything else
 *
 * An export may be sent to any path.  eg_output_write():
 *
 *  - refuses the open collection, its -wal, -shm and -journal files and
 *    anything in its backup folder, by identity (device and inode, so a hard
 *    link to the collection is refused) and by resolved name (symlinks and
 *    ".." followed, so a -wal that does not exist yet is refused too);
 *  - writes through a symlink: the link stays, its target gets the data;
 *  - replaces a regular file atomically: a temporary file in the same folder,
 *    given the old file's mode and owner, written, synced, then renamed over
 *    it, so a crash leaves either the old file or the whole new one;
 *  - writes a pipe or a character device (a FIFO, /dev/stdout) as it is,
 *    never replacing or truncating it;
 *  - refuses a folder, a disk device and a socket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "eg-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eg-store-backup.h"
#include "eg-output.h"

G_DEFINE_QUARK (eg-output-error-quark, eg_output_error)

#define MAX_SYMLINKS 40

static const struct
{
  const char *suffix;
  const char *what;
} collection_files[] = {
  { "", N_("over the open collection") },
  { "-wal", N_("over the open collection's write-ahead log") },
  { "-shm", N_("over the open collection's shared-memory index") },
  { "-journal", N_("over the open collection's journal") },
};

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *display)
{
  g_set_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_IO,
               _("%s: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
same_file (const struct stat *a,
           const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* The absolute name @path stands for once every symlink and ".." is
 * resolved, whether or not the file exists; NULL (errno set) when its folder
 * does not exist.
 */
static char *
resolve_path (const char *path)
{
  g_autofree char *current = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *real_dir = NULL;
  char *real = realpath (path, NULL);

  if (real != NULL || errno != ENOENT)
    return real;

  /* a file that does not exist yet, perhaps behind a dangling symlink */
  current = g_strdup (path);
  for (int i = 0;; i++)
    {
      struct stat st;
      char *target;

      if (lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        break;
      if (i == MAX_SYMLINKS || !(target = g_file_read_link (current, NULL)))
        {
          errno = ELOOP;
          return NULL;
        }
      if (!g_path_is_absolute (target))
        {
          g_autofree char *link_dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (link_dir, target, NULL);
          g_free (target);
        }
      else
        {
          g_free (current);
          current = target;
        }
    }

  dir = g_path_get_dirname (current);
  base = g_path_get_basename (current);
  if (!(real_dir = realpath (dir, NULL)))
    return NULL;
  return g_build_filename (real_dir, base, NULL);
}

/* Whether @name is the file @target (resolved) or @target_st (its identity) */
static gboolean
is_same_file (const char        *name,
              const char        *target,
              const struct stat *target_st)
{
  g_autofree char *resolved = NULL;
  struct stat st;

  if (target_st != NULL && stat (name, &st) == 0 && same_file (&st, target_st))
    return TRUE;
  resolved = resolve_path (name);
  return resolved != NULL && g_str_equal (resolved, target);
}

/* Whether @target (resolved) is the folder @dir or is somewhere inside it */
static gboolean
is_inside (const char *dir,
           const char *target)
{
  g_autofree char *resolved = resolve_path (dir);
  g_autofree char *parent = NULL;
  struct stat dir_st;

  if (resolved != NULL)
    {
      gsize n = strlen (resolved);

      if (g_str_equal (resolved, target) ||
          (strncmp (resolved, target, n) == 0 && target[n] == '/'))
        return TRUE;
    }

  /* the same folder under another name (a bind mount) */
  if (stat (dir, &dir_st) != 0)
    return FALSE;
  parent = g_path_get_dirname (target);
  for (;;)
    {
      struct stat st;
      char *up;

      if (stat (parent, &st) == 0 && same_file (&st, &dir_st))
        return TRUE;
      up = g_path_get_dirname (parent);
      if (g_str_equal (up, parent))
        {
          g_free (up);
          return FALSE;
        }
      g_free (parent);
      parent = up;
    }
}

/* @what: "over the open collection", "into the collection's backup folder" */
static gboolean
refuse (GError     **error,
        const char  *display,
        const char  *what,
        const char  *name)
{
  g_autofree char *name_display = g_filename_display_name (name);

  if (g_str_equal (display, name_display))
    g_set_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_COLLECTION,
                 _("%s: will not write %s; choose another file"), display, what);
  else
    g_set_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_COLLECTION,
                 _("%s: will not write %s (%s); choose another file"), display, what, name_display);
  return FALSE;
}

/* Refuses @target (resolved; @target_st when it exists) when it is the
 * collection, one of its journal files, or in its backup folder.
 */
static gboolean
check_not_collection (const char         *display,
                      const char         *target,
                      const struct stat  *target_st,
                      const char         *collection_path,
                      GError            **error)
{
  g_autofree char *real_collection = NULL;
  const char *bases[2];

  if (collection_path == NULL)
    return TRUE;

  real_collection = realpath (collection_path, NULL);
  bases[0] = collection_path;
  bases[1] = real_collection;
  for (guint i = 0; i < G_N_ELEMENTS (bases) && bases[i] != NULL; i++)
    {
      g_autofree char *backups = eg_backup_dir_for (bases[i]);

      for (guint j = 0; j < G_N_ELEMENTS (collection_files); j++)
        {
          g_autofree char *name = g_strconcat (bases[i], collection_files[j].suffix, NULL);

          if (is_same_file (name, target, target_st))
            return refuse (error, display, _(collection_files[j].what), name);
        }
      if (is_inside (backups, target))
        return refuse (error, display, _("into the collection's backup folder"), backups);
    }

  return TRUE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

static void
sync_folder (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  if (fsync (fd) != 0)
    g_debug ("%s: cannot sync the folder: %s", dir, g_strerror (errno));
  close (fd);
}

/* Gives the temporary file @fd the owner (where we may) and mode of @old */
static void
copy_owner_and_mode (int                fd,
                     const struct stat *old)
{
  struct stat st;

  if (fstat (fd, &st) == 0 && (st.st_uid != old->st_uid || st.st_gid != old->st_gid) &&
      fchown (fd, old->st_uid, old->st_gid) != 0)
    g_debug ("cannot keep the file's owner: %s", g_strerror (errno));
  if (fchmod (fd, old->st_mode & 07777) != 0)
    g_debug ("cannot keep the file's mode: %s", g_strerror (errno));
}

/* Writes a temporary file beside @target, syncs it and renames it over
 * @target (@old: the file there now, or NULL).
 */
static gboolean
replace_file (const char         *display,
              const char         *target,
              const struct stat  *old,
              const char         *data,
              gsize               length,
              GError            **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int saved_errno;
  int fd;

  /* a file nobody may write is not written, as the shell's “>” would not */
  if (old != NULL && access (target, W_OK) != 0)
    return set_errno_error (error, errno, display);

  /* a new file gets the usual mode (0666 less the umask) */
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, old != NULL ? 0600 : 0666);
  if (fd < 0)
    return set_errno_error (error, errno, display);
  if (old != NULL)
    copy_owner_and_mode (fd, old);

  if (!write_all (fd, data, length) || fsync (fd) != 0)
    goto failed;
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;
  if (rename (tmp, target) != 0)
    goto failed;
  sync_folder (dir);
  return TRUE;

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return set_errno_error (error, saved_errno, display);
}

/* A pipe or a character device: written as it is, never replaced */
static gboolean
write_special (const char         *display,
               const char         *path,
               const struct stat  *st,
               const char         *data,
               gsize               length,
               GError            **error)
{
  struct stat opened;
  int saved_errno;
  int fd;

  if (S_ISBLK (st->st_mode) || S_ISSOCK (st->st_mode))
    {
      g_set_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_NOT_A_FILE,
                   _("%s: is a %s, not a file; choose another file"),
                   display, S_ISBLK (st->st_mode) ? _("disk device") : _("socket"));
      return FALSE;
    }

  /* no O_TRUNC, no O_CREAT: a device is written, never emptied or made */
  fd = open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return set_errno_error (error, errno, display);
  if (fstat (fd, &opened) != 0 || !same_file (&opened, st))
    {
      close (fd);
      g_set_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_IO,
                   _("%s: the file changed while it was being opened"), display);
      return FALSE;
    }
  if (!write_all (fd, data, length))
    {
      saved_errno = errno;
      close (fd);
      return set_errno_error (error, saved_errno, display);
    }
  if (close (fd) != 0 && errno != EINTR)
    return set_errno_error (error, errno, display);
  return TRUE;
}

/**
 * eg_output_write:
 * @path: where to write, as the user named it
 * @data: (array length=length): what to write
 * @collection_path: (nullable): the open collection, which must not be
 *   written over
 *
 * Writes @data to @path safely (see the top of this file).
 *
 * Returns: whether all was written; the error names @path
 */
gboolean
eg_output_write (const char  *path,
                 const char  *data,
                 gsize        length,
                 const char  *collection_path,
                 GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *target = NULL;
  struct stat st;
  struct stat target_st;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  display = g_filename_display_name (path);
  if (stat (path, &st) != 0)
    {
      if (errno != ENOENT)
        return set_errno_error (error, errno, display);
      if (!(target = resolve_path (path)))
        {
          if (errno != ENOENT)
            return set_errno_error (error, errno, display);
          g_set_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_IO,
                       _("%s: cannot write here: the folder does not exist"), display);
          return FALSE;
        }
      if (!check_not_collection (display, target, NULL, collection_path, error))
        return FALSE;
      return replace_file (display, target, NULL, data, length, error);
    }

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_NOT_A_FILE,
                   _("%s: is a folder; name a file"), display);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    return write_special (display, path, &st, data, length, error);

  if (!(target = resolve_path (path)))
    return set_errno_error (error, errno, display);
  if (stat (target, &target_st) != 0 || !same_file (&target_st, &st))
    {
      g_set_error (error, EG_OUTPUT_ERROR, EG_OUTPUT_ERROR_IO,
                   _("%s: cannot tell which file this is (resolved to %s)"), display, target);
      return FALSE;
    }
  if (!check_not_collection (display, target, &st, collection_path, error))
    return FALSE;
  return replace_file (display, target, &st, data, length, error);
}

/**
 * eg_output_write_file:
 *
 * eg_output_write() for a #GFile.  A location without a local path (sftp://
 * and the like) cannot be the collection and is written with GIO.
 */
gboolean
eg_output_write_file (GFile       *file,
                      const char  *data,
                      gsize        length,
                      const char  *collection_path,
                      GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path != NULL)
    return eg_output_write (path, data, length, collection_path, error);
  return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}
