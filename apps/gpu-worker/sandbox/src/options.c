#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seccomp-api.h"

static const char USAGE[] =
    "usage: wb-sandbox --profile compile|cpu|opencl|cuda|cuda-sanitizer [limits] [--uid N --gid N] [--chdir DIR]\n"
    "                  [--status-fd FD] [--learn FILE] [--allow-exec PATH]... [--cgroup-fd FD]...\n"
    "                  [--scratch-mb N --export-dir DIR] [--inodes N] [--setenv NAME VALUE]...\n"
    "                  [--root DIR [--user-namespace] [--request-fd FD] [layout]...] -- PROGRAM [ARGS...]\n"
    "limits: --cpu-s N --as-mb N --data-mb N --fsize-mb N --nofile N --nproc N --stack-mb N\n"
    "layout: --ro-bind[-try] SRC DST --bind SRC DST --dev-bind SRC DST --symlink TARGET PATH\n"
    "        --dir PATH --tmpfs PATH --proc PATH --remount-ro PATH (--perms OCTAL, --size BYTES)\n"
    "Runs PROGRAM with those rlimits, as the given uid/gid when started as root, with\n"
    "no_new_privs and the profile's seccomp whitelist (none for compile). --learn records\n"
    "(as the sandbox uid) the calls the whitelist lacks instead of killing. See README.md.\n";

const char *profile_name(enum profile profile) {
  switch (profile) {
  case PROFILE_COMPILE: return "compile";
  case PROFILE_CPU: return "cpu";
  case PROFILE_OPENCL: return "opencl";
  case PROFILE_CUDA: return "cuda";
  case PROFILE_CUDA_SANITIZER: return "cuda-sanitizer";
  }
  return "?";
}

static int parse_profile(const char *text, enum profile *out) {
  static const enum profile all[] = {PROFILE_COMPILE, PROFILE_CPU, PROFILE_OPENCL, PROFILE_CUDA, PROFILE_CUDA_SANITIZER};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    if (strcmp(text, profile_name(all[i])) == 0) {
      *out = all[i];
      return 0;
    }
  }
  return -1;
}

/* Limits are small positive integers; anything else is a caller bug worth stopping on. */
static int parse_count(const char *name, const char *text, long max, long *out) {
  char *end;
  errno = 0;
  long value = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < 0 || value > max) {
    fprintf(stderr, "wb-sandbox: %s wants an integer from 0 to %ld, not \"%s\"\n", name, max, text);
    return -1;
  }
  *out = value;
  return 0;
}

struct numeric_option {
  const char *name;
  long max;
  size_t offset;
};

#define NUMERIC(name, field, max) {name, max, offsetof(struct options, field)}

static const struct numeric_option NUMERIC_OPTIONS[] = {
    NUMERIC("--cpu-s", cpu_s, 3600),
    NUMERIC("--as-mb", as_mb, 1L << 24),
    NUMERIC("--data-mb", data_mb, 1L << 24),
    NUMERIC("--fsize-mb", fsize_mb, 1L << 24),
    NUMERIC("--nofile", nofile, 1L << 20),
    NUMERIC("--nproc", nproc, 1L << 16),
    NUMERIC("--stack-mb", stack_mb, 1L << 16),
    NUMERIC("--uid", uid, INT_MAX),
    NUMERIC("--gid", gid, INT_MAX),
    NUMERIC("--scratch-mb", scratch_mb, 1L << 20),
    NUMERIC("--inodes", inodes, 1L << 24),
};

static int parse_fd(const char *name, const char *value, int *out) {
  long fd;
  if (parse_count(name, value, INT_MAX, &fd) != 0) return -1;
  if (fd < 3) {
    fprintf(stderr, "wb-sandbox: %s must name an inherited fd above stderr, not %ld\n", name, fd);
    return -1;
  }
  *out = (int)fd;
  return 0;
}

void init_options(struct options *out) {
  *out = (struct options){.profile = PROFILE_CPU, .uid = -1, .gid = -1, .status_fd = -1, .export_fd = -1, .request_fd = -1};
}

static int add_setenv(struct options *out, const char *name, const char *value) {
  int max = (int)(sizeof out->env / sizeof out->env[0]);
  if (out->env_count == max || !name[0] || strchr(name, '=')) {
    fprintf(stderr, "wb-sandbox: --setenv takes a NAME without '=' and a VALUE, at most %d times\n", max);
    return -1;
  }
  out->env[out->env_count].name = name;
  out->env[out->env_count].value = value;
  out->env_count++;
  return 0;
}

int parse_options(int argc, char **argv, int first, struct options *out) {
  int i = first;
  for (; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp(arg, "--") == 0) {
      i++;
      out->command = &argv[i];
      out->command_count = argc - i;
      return 0;
    }
    if (strcmp(arg, "--version") == 0) {
      printf("wb-sandbox 1 seccomp=%s\n", WB_SECCOMP_KIND);
      return 1;
    }
    if (strcmp(arg, "--help") == 0) {
      fputs(USAGE, stdout);
      return 1;
    }
    if (strcmp(arg, "--allow-no-seccomp") == 0) {
      out->allow_no_seccomp = true;
      continue;
    }
    if (strcmp(arg, "--user-namespace") == 0) {
      out->user_namespace = true;
      continue;
    }
    int layout = parse_layout_option(argc, argv, &i, &out->layout);
    if (layout < 0) return -1;
    if (layout > 0) continue;
    if (i + 1 >= argc) {
      fprintf(stderr, "wb-sandbox: %s needs a value\n%s", arg, USAGE);
      return -1;
    }
    if (strcmp(arg, "--setenv") == 0) {
      if (i + 2 >= argc || add_setenv(out, argv[i + 1], argv[i + 2]) != 0) return -1;
      i += 2;
      continue;
    }
    const char *value = argv[++i];
    if (strcmp(arg, "--profile") == 0) {
      if (parse_profile(value, &out->profile) != 0) {
        fprintf(stderr, "wb-sandbox: unknown profile \"%s\" (compile, cpu, opencl, cuda, cuda-sanitizer)\n", value);
        return -1;
      }
      out->have_profile = true;
      continue;
    }
    if (strcmp(arg, "--status-fd") == 0) {
      long fd;
      if (parse_count(arg, value, INT_MAX, &fd) != 0) return -1;
      out->status_fd = (int)fd;
      continue;
    }
    if (strcmp(arg, "--request-fd") == 0) {
      if (parse_fd(arg, value, &out->request_fd) != 0) return -1;
      continue;
    }
    if (strcmp(arg, "--cgroup-fd") == 0) {
      int max = (int)(sizeof out->cgroup_fds / sizeof out->cgroup_fds[0]);
      if (out->cgroup_fd_count == max) {
        fprintf(stderr, "wb-sandbox: --cgroup-fd at most %d times\n", max);
        return -1;
      }
      if (parse_fd(arg, value, &out->cgroup_fds[out->cgroup_fd_count]) != 0) return -1;
      out->cgroup_fd_count++;
      continue;
    }
    if (strcmp(arg, "--export-dir") == 0) {
      out->export_dir = value;
      continue;
    }
    if (strcmp(arg, "--allow-exec") == 0) {
      int max = (int)(sizeof out->allow_exec / sizeof out->allow_exec[0]);
      if (out->allow_exec_count == max || value[0] != '/') {
        fprintf(stderr, "wb-sandbox: --allow-exec takes an absolute path, at most %d times\n", max);
        return -1;
      }
      out->allow_exec[out->allow_exec_count++] = value;
      continue;
    }
    if (strcmp(arg, "--root") == 0) {
      out->root_dir = value;
      continue;
    }
    if (strcmp(arg, "--chdir") == 0) {
      out->chdir_path = value;
      continue;
    }
    if (strcmp(arg, "--learn") == 0) {
      out->learn_path = value;
      continue;
    }
    const struct numeric_option *known = NULL;
    for (size_t k = 0; k < sizeof NUMERIC_OPTIONS / sizeof NUMERIC_OPTIONS[0]; k++)
      if (strcmp(arg, NUMERIC_OPTIONS[k].name) == 0) known = &NUMERIC_OPTIONS[k];
    if (!known) {
      fprintf(stderr, "wb-sandbox: unknown option %s\n%s", arg, USAGE);
      return -1;
    }
    if (parse_count(arg, value, known->max, (long *)((char *)out + known->offset)) != 0) return -1;
  }
  return 0; /* no "--" (yet): the rest may come through --request-fd */
}

int finish_options(struct options *out) {
  /* No default profile: a caller that forgot to choose must not silently get one. */
  if (!out->have_profile) {
    fprintf(stderr, "wb-sandbox: --profile is required\n%s", USAGE);
    return -1;
  }
  if (!out->command || out->command_count == 0) {
    fprintf(stderr, "wb-sandbox: no program to run\n%s", USAGE);
    return -1;
  }
  if ((out->uid < 0) != (out->gid < 0)) {
    fprintf(stderr, "wb-sandbox: --uid and --gid go together\n");
    return -1;
  }
  if (out->scratch_mb > 0 && (!out->chdir_path || !out->export_dir || !out->root_dir)) {
    fprintf(stderr, "wb-sandbox: --scratch-mb needs --chdir (where it is mounted), --export-dir (where its files go) "
                    "and --root (a box: outside one, the mount would be the host's)\n");
    return -1;
  }
  if (!out->root_dir && (out->user_namespace || out->layout.count > 0 || out->request_fd >= 0)) {
    fprintf(stderr, "wb-sandbox: --user-namespace, --request-fd and the layout options need --root (the box's root)\n");
    return -1;
  }
  return 0;
}
