#include "local_build.h"

#include "alloc.h"
#include "diag.h"
#include "exit_codes.h"
#include "process.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMPILER_OUTPUT_CAP (256 * 1024)

int local_build(const LocalLab *lab, const char *libwb_dir, const char *binary, bool verbose) {
  const Toolchain *toolchain = lab->toolchain;
  const JsonValue *flags = local_lab_compile_flags(lab);
  size_t flag_count = json_array_length(flags);
  // compiler, flags, -I, source, -o, binary, library, extra, -lm, NULL
  const char **argv = xcalloc(flag_count + 10, sizeof(char *));
  char *include = xasprintf("-I%s/include", libwb_dir);
  char *library = xasprintf("%s/build/%s", libwb_dir, toolchain->library);
  const char *source = strrchr(lab->program_path, '/') + 1; // compiled in the lab's folder
  size_t n = 0;
  argv[n++] = toolchain->compiler;
  for (size_t i = 0; i < flag_count; i++) {
    const char *flag = json_string(json_array_at(flags, i));
    if (flag != NULL) argv[n++] = flag;
  }
  argv[n++] = include;
  argv[n++] = source;
  argv[n++] = "-o";
  argv[n++] = binary;
  argv[n++] = library;
  if (toolchain->extra_lib) argv[n++] = toolchain->extra_lib;
  argv[n++] = "-lm";
  argv[n] = NULL;

  if (verbose) {
    fprintf(stderr, "wb: compiling in %s:", lab->dir);
    for (size_t i = 0; i < n; i++) {
      char *shown = text_single_line(argv[i]); // the lab's flags come from the server
      fprintf(stderr, " %s", shown);
      free(shown);
    }
    fputc('\n', stderr);
  }
  ProcessSpec spec = {argv, lab->dir, NULL, LOCAL_BUILD_TIMEOUT_S, COMPILER_OUTPUT_CAP};
  ProcessResult result;
  int status = WB_EXIT_OK;
  if (!process_run(&spec, &result)) {
    if (errno == ENOENT) {
      diag_error("cannot run %s: it is not installed (or not on PATH)", toolchain->compiler);
      if (strcmp(toolchain->compiler, "nvcc") == 0) diag_hint("CUDA labs need the CUDA toolkit; you can still wb submit to the server");
    } else {
      diag_error("cannot run %s: %s", toolchain->compiler, strerror(errno));
    }
    status = WB_EXIT_LOCAL;
  } else {
    bool compiled = !result.timed_out && result.signal == 0 && result.exit_code == 0;
    text_print_block(stdout, compiled ? "Compiler warnings" : "Compiler output", buf_str(&result.output), result.output.len,
                     compiled ? 40 : 200);
    if (!compiled) {
      char *how = process_describe(&result, LOCAL_BUILD_TIMEOUT_S);
      printf("Compilation failed: %s %s.\n", toolchain->compiler, how);
      free(how);
      status = WB_EXIT_FAILED;
    }
    process_result_free(&result);
  }
  free(include);
  free(library);
  free(argv);
  return status;
}
