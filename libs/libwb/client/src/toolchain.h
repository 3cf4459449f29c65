// How a lab's program is built against libwb locally, per toolchain: the same compilers, flags
// and libraries as the platform's workers (apps/gpu-worker/src/toolchains/toolchain-commands.ts),
// so that what compiles here compiles there.
#ifndef WB_CLIENT_TOOLCHAIN_H
#define WB_CLIENT_TOOLCHAIN_H

typedef struct {
  const char *name;      // as in mp.yaml: "cuda", "opencl", "cpp"
  const char *compiler;  // "nvcc", "g++"
  const char *extension; // of the program file: ".cu", ".cpp"
  const char *library;   // under <libwb>/build/
  const char *extra_lib; // linked after libwb, or NULL
} Toolchain;

const Toolchain *toolchain_find(const char *name);
// The program's file name for a toolchain ("program.cu"); caller frees.
char *toolchain_program_file(const Toolchain *toolchain);

// Where libwb is: --libwb, else $WB_LIBWB, else where this wb was built. `source` (not freed)
// says which, for messages. The folder is not checked here.
char *libwb_locate(const char *option, const char **source);
// NULL when `dir` has the header and the toolchain's built library; else what is missing
// (caller frees).
char *libwb_check(const char *dir, const Toolchain *toolchain);

#endif
