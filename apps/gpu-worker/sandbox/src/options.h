/* The launcher's command line: what to run and under which limits and syscall profile. */
#ifndef WB_OPTIONS_H
#define WB_OPTIONS_H

#include <stdbool.h>

#include "box-root.h"

enum profile {
  /* Compilers fork and exec their passes: rlimits and an unprivileged uid, but no syscall filter. */
  PROFILE_COMPILE,
  PROFILE_CPU,
  PROFILE_OPENCL,
  PROFILE_CUDA,
  /* A CUDA program under compute-sanitizer or ncu: cuda, plus the tool starting and watching it. */
  PROFILE_CUDA_SANITIZER,
};

struct options {
  enum profile profile;
  /* Limits; 0 leaves the inherited limit in place. Sizes are in MiB. */
  long cpu_s;
  long as_mb;
  long data_mb;
  long fsize_mb;
  long nofile;
  long nproc;
  long stack_mb;
  /* The identity to run as when started as root; -1 keeps the current one. */
  long uid;
  long gid;
  /* The working folder, entered after the uid change (it belongs to the sandbox uid). */
  const char *chdir_path;
  /* Where the one-line JSON outcome goes (an inherited pipe); -1: nowhere. */
  int status_fd;
  /* Open join files (`cgroup.procs`, v1 `tasks`) of the box's cgroups, one per hierarchy, joined before the program starts. */
  int cgroup_fds[4];
  int cgroup_fd_count;
  /*
   * The program's writable space: a tmpfs of this many MiB mounted on the --chdir folder (0: the
   * folder as laid out, bound for a compile), and at most `inodes` files in it and in every tmpfs of the box.
   */
  long scratch_mb;
  long inodes;
  /* The host folder the scratch folder's files are copied to at the end, opened (export_fd) before the box leaves the host's tree. */
  const char *export_dir;
  int export_fd;
  /*
   * A box made ahead: after its namespaces and the layout so far, the launcher reads the rest of
   * its command line from this fd (NUL-separated, until end of file) and only then goes on. An
   * empty request ends it unused.
   */
  int request_fd;
  /* The program's whole environment (--setenv NAME VALUE); nothing else of the launcher's reaches it. */
  struct {
    const char *name;
    const char *value;
  } env[64];
  int env_count;
  bool have_profile;
  /* Record instead of kill: every syscall (and ioctl request) the profile lacks goes here. */
  const char *learn_path;
  /* Programs the program may start itself (opencl: PoCL runs the linker); see README.md. */
  const char *allow_exec[4];
  int allow_exec_count;
  /* A launcher built without seccomp refuses the run profiles unless this is given. */
  bool allow_no_seccomp;
  /*
   * The box: with --root, the launcher makes its namespaces (box-namespaces.h) and its file
   * system (box-root.h) on that empty folder; --user-namespace adds a user namespace (a worker
   * that is not root). Without --root it runs in whatever namespaces it was started in.
   */
  const char *root_dir;
  bool user_namespace;
  struct box_layout layout;
  /* The program and its arguments (NULL-terminated, from argv or the request). */
  char **command;
  int command_count;
};

void init_options(struct options *out);

/*
 * Adds argv[first..] to `out` (the launcher's own argv, then a request's); prints why and
 * returns -1 on a bad option, 1 after --version/--help.
 */
int parse_options(int argc, char **argv, int first, struct options *out);

/* Checks that the whole command line is there and consistent; prints why and returns -1 if not. */
int finish_options(struct options *out);

const char *profile_name(enum profile profile);

#endif
