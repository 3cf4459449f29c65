#include "box-teardown.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

void end_other_processes(void) {
  if (getpid() != 1) return; /* kill(-1) anywhere else would reach every process of the uid */
  (void)kill(-1, SIGKILL);
  while (waitpid(-1, NULL, 0) > 0 || errno == EINTR) {
  }
}

static bool full(const char *path) {
  struct statfs fs;
  if (statfs(path, &fs) != 0) return false;
  return fs.f_bavail == 0 || (fs.f_files > 0 && fs.f_ffree == 0);
}

bool writable_space_full(const struct options *o) {
  if (o->scratch_mb > 0 && full(o->chdir_path)) return true;
  return o->inodes > 0 && (full("/tmp") || full("/dev/shm"));
}

static int copy_out(int from, int to, off_t size) {
  off_t offset = 0;
  while (offset < size) {
    ssize_t n = sendfile(to, from, &offset, (size_t)(size - offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break; /* it cannot shrink now (nothing else runs), but never spin */
  }
  return 0;
}

/*
 * Whatever the program did to its own files (a link, a socket, a mode that shuts its owner out)
 * only leaves them behind, as if never written; only a failure to write the copy is the
 * launcher's (the host's disk), and -1.
 */
static int export_one(int folder, const char *name, int export_fd, off_t *budget) {
  int from = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (from < 0) return 0;
  struct stat info;
  int rc = 0;
  /* A sparse file holds no block of the folder but would be copied out whole: the copies
   * together are never more than the folder itself could hold. */
  if (fstat(from, &info) == 0 && S_ISREG(info.st_mode) && info.st_nlink == 1 && info.st_size <= *budget) {
    *budget -= info.st_size;
    int to = openat(export_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    rc = to < 0 ? -1 : copy_out(from, to, info.st_size);
    if (to >= 0 && close(to) != 0) rc = -1;
  }
  int saved = errno;
  close(from);
  errno = saved;
  return rc;
}

int export_files(const struct options *o, const char **why) {
  /* The program owns its folder and may have shut everyone out of it, its owner included; the
   * owner may always let itself back in. */
  (void)chmod(o->chdir_path, 0700);
  DIR *dir = opendir(o->chdir_path);
  if (!dir) {
    *why = "opening the program's folder to copy its files out";
    return -1;
  }
  int rc = 0;
  off_t budget = (off_t)o->scratch_mb * 1024 * 1024;
  for (struct dirent *entry; rc == 0 && (entry = readdir(dir)) != NULL;) {
    if (entry->d_type != DT_REG && entry->d_type != DT_UNKNOWN) continue;
    if (export_one(dirfd(dir), entry->d_name, o->export_fd, &budget) != 0) {
      *why = "copying the program's files out";
      rc = -1;
    }
  }
  int saved = errno;
  closedir(dir);
  errno = saved;
  return rc;
}
