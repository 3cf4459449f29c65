// expect: failed
// Keeps changing its output while it exits: a thread swaps the output file between a folder and
// a decoy renamed over it, as fast as it can, and the main thread returns mid-swap. exit_group
// ends every thread and the box's init ends what else remains before a single file is copied
// out, so the worker sees one settled state (a folder, never copied: no solution; or the decoy:
// a wrong one) and never a sandbox failure.
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

int main(int argc, char **argv) {
  const char *output = nullptr;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "-o") == 0) output = argv[i + 1];
  if (!output) return 2;
  std::thread([output] {
    for (unsigned n = 0;; ++n) {
      if (n % 2) {
        FILE *decoy = std::fopen("decoy", "wb");
        if (decoy) {
          std::fputs("not the solution\n", decoy);
          std::fclose(decoy);
        }
        rmdir(output);
        rename("decoy", output);
      } else {
        unlink(output);
        mkdir(output, 0700);
      }
    }
  }).detach();
  usleep(20000);
  return 0;
}
