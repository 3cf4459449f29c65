// expect: failed
// Shuts everyone out of its own folder (the opencl profile allows chmod, for the kernels PoCL
// links), hoping that the launcher, as the same uid, can then not copy the files out and the run
// ends as the sandbox's failure instead of the program's. The launcher gives the folder back to
// its owner first; the program wrote no solution, so the run fails.
#include <cstdio>
#include <sys/stat.h>

int main() {
  std::FILE *f = std::fopen("notes.txt", "w");
  if (f) {
    std::fputs("locked\n", f);
    std::fclose(f);
  }
  if (chmod(".", 0) != 0) std::perror("chmod");
  return 0;
}
