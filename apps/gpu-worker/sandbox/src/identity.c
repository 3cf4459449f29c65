#include "identity.h"

#include <errno.h>
#include <grp.h>
#include <unistd.h>

int become(long uid, long gid, const char **why) {
  if (uid < 0) {
    /* Nothing asked: refuse only the one case that matters, staying root. */
    if (geteuid() == 0) {
      *why = "running as root and no --uid/--gid to drop to";
      return -1;
    }
    return 0;
  }
  if (uid == 0 || gid == 0) {
    *why = "--uid/--gid 0 would run the program as root";
    return -1;
  }
  if (geteuid() != 0) {
    if ((uid_t)uid == getuid() && (gid_t)gid == getgid()) return 0;
    *why = "--uid/--gid differ from the current ids, and only root can change them";
    return -1;
  }
  if (setgroups(0, NULL) != 0) {
    *why = "setgroups";
    return -1;
  }
  if (setresgid((gid_t)gid, (gid_t)gid, (gid_t)gid) != 0) {
    *why = "setresgid";
    return -1;
  }
  if (setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) != 0) {
    *why = "setresuid";
    return -1;
  }
  /* Belt and braces: if any way back to root remains, stop here rather than run the program. */
  if (setuid(0) == 0 || setgid(0) == 0 || geteuid() == 0 || getegid() == 0) {
    errno = EPERM;
    *why = "the uid change could be undone";
    return -1;
  }
  return 0;
}
