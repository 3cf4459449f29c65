#include "toolchain.h"

#include "alloc.h"
#include "files.h"
#include "version.h"

#include <stdlib.h>
#include <string.h>

static const Toolchain TOOLCHAINS[] = {
    {"cpp", "g++", ".cpp", "libwb.a", NULL},
    {"opencl", "g++", ".cpp", "libwb.a", "-lOpenCL"},
    {"cuda", "nvcc", ".cu", "libwb_cuda.a", NULL},
};

const Toolchain *toolchain_find(const char *name) {
  if (name == NULL) return NULL;
  for (size_t i = 0; i < sizeof TOOLCHAINS / sizeof TOOLCHAINS[0]; i++) {
    if (strcmp(TOOLCHAINS[i].name, name) == 0) return &TOOLCHAINS[i];
  }
  return NULL;
}

char *toolchain_program_file(const Toolchain *toolchain) { return xasprintf("program%s", toolchain->extension); }

char *libwb_locate(const char *option, const char **source) {
  if (option != NULL && option[0] != '\0') {
    *source = "--libwb";
    return path_absolute(option);
  }
  const char *env = getenv("WB_LIBWB");
  if (env != NULL && env[0] != '\0') {
    *source = "WB_LIBWB";
    return path_absolute(env);
  }
  *source = "the folder this wb was built for";
  return xstrdup(WB_LIBWB_DIR);
}

char *libwb_check(const char *dir, const Toolchain *toolchain) {
  char *header = xasprintf("%s/include/wb.h", dir);
  char *library = xasprintf("%s/build/%s", dir, toolchain->library);
  char *missing = NULL;
  if (!file_exists(header)) {
    missing = xasprintf("%s is missing", header);
  } else if (!file_exists(library)) {
    const char *target = strcmp(toolchain->name, "cuda") == 0 ? " cuda" : "";
    missing = xasprintf("%s is missing (build it with: make -C %s%s)", library, dir, target);
  }
  free(header);
  free(library);
  return missing;
}
