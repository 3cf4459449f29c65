// How a lab's program is built against libwb on this machine. wb has no table of toolchains: the
// lab's metadata from the server carries the recipe (its "build" object, from the platform's one
// table, libs/common/src/toolchains/toolchain-specs.ts), so wb compiles exactly as a worker does
// and a new toolchain needs no new wb. The recipe comes from a server and ends up on a command line
// and in a file name, so it is checked strictly before any of it is used.
#ifndef WB_CLIENT_BUILD_RECIPE_H
#define WB_CLIENT_BUILD_RECIPE_H

#include "json.h"

#include <stddef.h>

// Far above what any toolchain or lab has; they only bound what a broken or hostile answer costs.
#define BUILD_MAX_OPTIONS 32
#define BUILD_MAX_OPTION_BYTES 256
#define BUILD_MAX_COMMAND_BYTES 64

typedef struct {
  const char **items;
  size_t count;
} BuildOptions;

// The strings point into the metadata the recipe was read from, which must outlive it (a
// LocalLab keeps both); only `toolchain` is the recipe's own.
typedef struct {
  char *toolchain;           // the lab's toolchain ("cuda"), made safe to print: for messages only
  const char *compiler;      // a command name looked up in PATH: "g++", "nvcc"
  const char *source_file;   // the program's file in the lab's folder: "program.cu"
  const char *libwb_archive; // under <libwb>/build/: "libwb.a", "libwb_cuda.a"
  BuildOptions lab_flags;    // the lab's compileFlags (standard, optimisation)
  BuildOptions flags;        // the toolchain's own ("-fopenmp"), after the lab's
  BuildOptions libraries;    // linked after libwb ("-lOpenCL", "-lm")
} BuildRecipe;

typedef enum {
  BUILD_RECIPE_OK,
  BUILD_RECIPE_MISSING, // no "build" at all: metadata from an older server, or kept by an older wb
  BUILD_RECIPE_INVALID, // `problem` says what is wrong
} BuildRecipeStatus;

// Reads the recipe from a lab's metadata: its "build" object, "compileFlags" and "toolchain".
// Accepted: compiler a bare command name ([A-Za-z0-9+._-], not starting with '-' or '.'),
// sourceFile and libwbArchive safe file names, every flag and library one option (a string
// starting with '-', without control characters), at most BUILD_MAX_OPTIONS of each. On
// BUILD_RECIPE_INVALID, `problem` gets one sentence, safe to print (caller frees); `out` needs
// build_recipe_free only on BUILD_RECIPE_OK.
BuildRecipeStatus build_recipe_read(const JsonValue *metadata, BuildRecipe *out, char **problem);
void build_recipe_free(BuildRecipe *recipe);
// "<libwb_dir>/build/<libwbArchive>"; caller frees.
char *build_recipe_archive(const BuildRecipe *recipe, const char *libwb_dir);

typedef struct {
  const char **argv; // NULL-terminated; argv[0] is the compiler
  size_t argc;
  char *include; // "-I<libwb>/include", which argv points to
  char *archive; // libwb's archive, which argv points to
} BuildCommand;

// The compile command, in a worker's order (compileArgs in toolchain-specs.ts): compiler, the
// lab's flags, the toolchain's, -I<libwb>/include, the source file (relative: it runs in the
// lab's folder), -o binary, libwb's archive, then the libraries (the linker resolves left to
// right). It borrows the recipe's strings and `binary`.
void build_command_make(const BuildRecipe *recipe, const char *libwb_dir, const char *binary, BuildCommand *out);
void build_command_free(BuildCommand *command);

// Where libwb is: --libwb, else $WB_LIBWB, else where this wb was built. `source` (not freed)
// says which, for messages. The folder is not checked here.
char *libwb_locate(const char *option, const char **source);
// NULL when `dir` has the header and the recipe's built archive; else what is missing, with how
// to build it (caller frees).
char *libwb_check(const char *dir, const BuildRecipe *recipe);

#endif
