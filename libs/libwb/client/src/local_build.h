// Compiling a lab's program against libwb on this machine, as the workers do: with the lab's
// build recipe from the server (build_recipe.h).
#ifndef WB_CLIENT_LOCAL_BUILD_H
#define WB_CLIENT_LOCAL_BUILD_H

#include "local_lab.h"

#include <stdbool.h>

// nvcc can take a while; this only stops a compiler that hangs.
#define LOCAL_BUILD_TIMEOUT_S 300.0

// Compiles lab->program_path into `binary` by the lab's recipe, with libwb from `libwb_dir`.
// Prints the compiler's output (errors or warnings) and, when `verbose`, the command. Returns
// WB_EXIT_OK, WB_EXIT_FAILED (it did not compile) or WB_EXIT_LOCAL (no compiler).
int local_build(const LocalLab *lab, const char *libwb_dir, const char *binary, bool verbose);

#endif
