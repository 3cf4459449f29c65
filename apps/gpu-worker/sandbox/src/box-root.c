#include "box-root.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* mount_setattr(2), Linux 5.12: the C library may not declare it (nor its struct). */
#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif
#define ATTR_RDONLY 0x1ULL
#define ATTR_NOSUID 0x2ULL
#define ATTR_NODEV 0x4ULL
#define ATTR_NOEXEC 0x8ULL
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif

struct mount_attributes {
  uint64_t attr_set;
  uint64_t attr_clr;
  uint64_t propagation;
  uint64_t userns_fd;
};

/* The root's own tmpfs holds only folders and empty files to mount on. */
static const char ROOT_TMPFS[] = "size=1m,nr_inodes=4096,mode=0755";

/* The failing step and its path, for the launcher's error report. */
static char step[600];

static int failed(const char *what, const char *path, const char **why) {
  int saved = errno;
  snprintf(step, sizeof step, "%s %s", what, path);
  *why = step;
  errno = saved;
  return -1;
}

/* ---- the worker's list ---- */

static bool safe_box_path(const char *path) {
  if (path[0] != '/') return false;
  for (const char *p = path; (p = strstr(p, "..")) != NULL; p += 2) {
    bool starts = p[-1] == '/';
    bool ends = p[2] == '/' || p[2] == '\0';
    if (starts && ends) return false;
  }
  return true;
}

static int parse_number(const char *name, const char *text, int base, long long max, long long *out) {
  char *end;
  errno = 0;
  long long value = strtoll(text, &end, base);
  if (errno != 0 || end == text || *end != '\0' || value < 0 || value > max) {
    fprintf(stderr, "wb-sandbox: %s: bad value \"%s\"\n", name, text);
    return -1;
  }
  *out = value;
  return 0;
}

int parse_layout_option(int argc, char **argv, int *i, struct box_layout *layout) {
  static const struct {
    const char *name;
    enum mount_kind kind;
    int values;
    bool optional;
  } known[] = {
      {"--ro-bind", MOUNT_RO_BIND, 2, false}, {"--ro-bind-try", MOUNT_RO_BIND, 2, true},
      {"--bind", MOUNT_BIND, 2, false},       {"--dev-bind", MOUNT_DEV_BIND, 2, false},
      {"--symlink", MOUNT_SYMLINK, 2, false}, {"--dir", MOUNT_DIR, 1, false},
      {"--tmpfs", MOUNT_TMPFS, 1, false},     {"--proc", MOUNT_PROC, 1, false},
      {"--remount-ro", MOUNT_REMOUNT_RO, 1, false},
  };
  const char *arg = argv[*i];
  if (strcmp(arg, "--perms") == 0 || strcmp(arg, "--size") == 0) {
    if (*i + 1 >= argc) {
      fprintf(stderr, "wb-sandbox: %s needs a value\n", arg);
      return -1;
    }
    long long value;
    bool perms = arg[2] == 'p';
    if (parse_number(arg, argv[++*i], perms ? 8 : 10, perms ? 07777 : (1LL << 50), &value) != 0) return -1;
    if (perms) layout->next_mode = (unsigned)value;
    else layout->next_size = value;
    return 1;
  }
  for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
    if (strcmp(arg, known[k].name) != 0) continue;
    if (*i + known[k].values >= argc) {
      fprintf(stderr, "wb-sandbox: %s needs %d value(s)\n", arg, known[k].values);
      return -1;
    }
    if (layout->count == MAX_MOUNT_OPS) {
      fprintf(stderr, "wb-sandbox: more than %d mounts\n", MAX_MOUNT_OPS);
      return -1;
    }
    struct mount_op *op = &layout->ops[layout->count];
    *op = (struct mount_op){.kind = known[k].kind, .optional = known[k].optional, .mode = 0755};
    if (known[k].values == 2) op->source = argv[++*i];
    op->path = argv[++*i];
    if (!safe_box_path(op->path) || (op->source && op->kind != MOUNT_SYMLINK && op->source[0] != '/')) {
      fprintf(stderr, "wb-sandbox: %s wants absolute paths without \"..\"\n", arg);
      return -1;
    }
    if (op->kind == MOUNT_DIR || op->kind == MOUNT_TMPFS) {
      if (layout->next_mode) op->mode = layout->next_mode;
      op->size = layout->next_size;
    }
    layout->next_mode = 0;
    layout->next_size = 0;
    layout->count++;
    return 1;
  }
  return 0;
}

/* ---- building it ---- */

static int set_attributes(const char *path, uint64_t set, bool recursive) {
  struct mount_attributes attributes = {.attr_set = set};
  return (int)syscall(SYS_mount_setattr, AT_FDCWD, path, recursive ? AT_RECURSIVE : 0, &attributes, sizeof attributes);
}

/* The folders above `path` (relative to the new root), made 0755 where missing. */
static int make_parents(const char *path) {
  char buffer[4096];
  if (snprintf(buffer, sizeof buffer, "%s", path) >= (int)sizeof buffer) {
    errno = ENAMETOOLONG;
    return -1;
  }
  for (char *slash = strchr(buffer, '/'); slash; slash = strchr(slash + 1, '/')) {
    *slash = '\0';
    if (mkdir(buffer, 0755) != 0 && errno != EEXIST) return -1;
    *slash = '/';
  }
  return 0;
}

/* A folder that is there already keeps its mode: it may be the host's, inside a read-only bind. */
static int make_folder(const char *path, unsigned mode) {
  if (mkdir(path, mode) != 0) return errno == EEXIST ? 0 : -1;
  return chmod(path, mode); /* mkdir's mode passes through the umask */
}

/* The file or folder a bind is mounted on, of the same kind as its source. */
static int make_mount_point(const char *path, bool folder) {
  if (folder) return make_folder(path, 0755);
  int fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0444);
  if (fd < 0) return -1;
  return close(fd);
}

static int bind(const struct mount_op *op, const char *path) {
  struct stat source;
  if (stat(op->source, &source) != 0) return op->optional && errno == ENOENT ? 0 : -1;
  if (make_mount_point(path, S_ISDIR(source.st_mode)) != 0) return -1;
  if (mount(op->source, path, NULL, MS_BIND | MS_REC, NULL) != 0) return -1;
  uint64_t set = ATTR_NOSUID;
  if (op->kind != MOUNT_DEV_BIND) set |= ATTR_NODEV;
  if (op->kind == MOUNT_RO_BIND) set |= ATTR_RDONLY;
  return set_attributes(path, set, true);
}

static int mount_tmpfs(const struct mount_op *op, const char *path, long inodes) {
  if (make_folder(path, 0755) != 0) return -1;
  char data[160];
  int n = snprintf(data, sizeof data, "mode=%o", op->mode);
  if (op->size > 0) n += snprintf(data + n, sizeof data - (size_t)n, ",size=%lld", op->size);
  if (inodes > 0) snprintf(data + n, sizeof data - (size_t)n, ",nr_inodes=%ld", inodes);
  return mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, data);
}

/*
 * A /proc of the box's own pid namespace. Its parts that configure the machine rather than
 * describe processes are read-only on top of their own permissions.
 */
static int mount_proc(const char *path) {
  static const char *const machine_wide[] = {"sys", "sysrq-trigger", "irq", "bus"};
  if (make_folder(path, 0755) != 0) return -1;
  if (mount("proc", path, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) return -1;
  for (size_t k = 0; k < sizeof machine_wide / sizeof machine_wide[0]; k++) {
    char part[4200];
    snprintf(part, sizeof part, "%s/%s", path, machine_wide[k]);
    if (access(part, F_OK) != 0) continue;
    if (mount(part, part, NULL, MS_BIND | MS_REC, NULL) != 0) return -1;
    if (set_attributes(part, ATTR_RDONLY | ATTR_NOSUID | ATTR_NODEV | ATTR_NOEXEC, true) != 0) return -1;
  }
  return 0;
}

static int apply(const struct mount_op *op, long inodes) {
  /* Relative to the new root, which is the current folder while the box is built. */
  const char *path = op->path[1] ? op->path + 1 : ".";
  if (op->kind != MOUNT_REMOUNT_RO && make_parents(path) != 0) return -1;
  switch (op->kind) {
  case MOUNT_RO_BIND:
  case MOUNT_BIND:
  case MOUNT_DEV_BIND: return bind(op, path);
  case MOUNT_SYMLINK: return symlink(op->source, path);
  case MOUNT_DIR: return make_folder(path, op->mode);
  case MOUNT_TMPFS: return mount_tmpfs(op, path, inodes);
  case MOUNT_PROC: return mount_proc(path);
  case MOUNT_REMOUNT_RO: return set_attributes(path, ATTR_RDONLY, false);
  }
  errno = EINVAL;
  return -1;
}

int lay_out_box(struct box_layout *layout, const char *root_dir, long inodes, const char **why) {
  if (!layout->root_mounted) {
    /* Nothing mounted in the box may show up on the host, and nothing mounted later on the host
     * reaches in either. */
    if (mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL) != 0) return failed("making the host's mounts one-way at", "/", why);
    if (mount("wb-box", root_dir, "tmpfs", MS_NOSUID | MS_NODEV, ROOT_TMPFS) != 0)
      return failed("mounting the box's root on", root_dir, why);
    layout->root_mounted = true;
  }
  if (chdir(root_dir) != 0) return failed("entering", root_dir, why);
  for (; layout->applied < layout->count; layout->applied++)
    if (apply(&layout->ops[layout->applied], inodes) != 0) return failed("laying out", layout->ops[layout->applied].path, why);
  return 0;
}

int enter_box_root(const char *root_dir, const char **why) {
  if (chdir(root_dir) != 0) return failed("entering", root_dir, why);
  /* The old root goes under the new one and is then detached. */
  if (syscall(SYS_pivot_root, ".", ".") != 0) return failed("pivoting into", root_dir, why);
  if (umount2(".", MNT_DETACH) != 0) return failed("detaching the host's tree from", root_dir, why);
  if (chdir("/") != 0) return failed("entering", "/", why);
  return 0;
}
