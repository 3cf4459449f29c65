#include "local_build.h"

#include "diag.h"
#include "exit_codes.h"
#include "process.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMPILER_OUTPUT_CAP (256 * 1024)

// The command as it will run, for --verbose, made safe to print: most of it comes from the server.
static void print_command(const char *dir, const BuildCommand *command) {
  fprintf(stderr, "wb: compiling in %s:", dir);
  for (size_t i = 0; i < command->argc; i++) {
    char *shown = text_single_line(command->argv[i]);
    fprintf(stderr, " %s", shown);
    free(shown);
  }
  fputc('\n', stderr);
}

int local_build(const LocalLab *lab, const char *libwb_dir, const char *binary, bool verbose) {
  const BuildRecipe *recipe = &lab->build;
  BuildCommand command;
  build_command_make(recipe, libwb_dir, binary, &command);
  if (verbose) print_command(lab->dir, &command);
  ProcessSpec spec = {command.argv, lab->dir, NULL, LOCAL_BUILD_TIMEOUT_S, COMPILER_OUTPUT_CAP};
  ProcessResult result;
  int status = WB_EXIT_OK;
  if (!process_run(&spec, &result)) {
    if (errno == ENOENT) {
      diag_error("cannot run %s: it is not installed (or not on PATH)", recipe->compiler);
      diag_hint("%s is needed to build %s labs here; you can still wb submit to the server", recipe->compiler, recipe->toolchain);
    } else {
      diag_error("cannot run %s: %s", recipe->compiler, strerror(errno));
    }
    status = WB_EXIT_LOCAL;
  } else {
    bool compiled = !result.timed_out && result.signal == 0 && result.exit_code == 0;
    text_print_block(stdout, compiled ? "Compiler warnings" : "Compiler output", buf_str(&result.output), result.output.len,
                     compiled ? 40 : 200);
    if (!compiled) {
      char *how = process_describe(&result, LOCAL_BUILD_TIMEOUT_S);
      printf("Compilation failed: %s %s.\n", recipe->compiler, how);
      free(how);
      status = WB_EXIT_FAILED;
    }
    process_result_free(&result);
  }
  build_command_free(&command);
  return status;
}
