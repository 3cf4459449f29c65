// expect: output_limit
// Writes 24 files of 63 MiB beside its output, each under the 64 MiB file limit: the program's
// folder is a tmpfs of its own, capped at the lab's output limit, so the first file already
// fills it (ENOSPC) and nothing reaches the host's disk.
#include <cstdio>
#include <cstring>

int main() {
  static char block[1 << 20];
  std::memset(block, 'f', sizeof block);
  long written = 0;
  for (int file = 0; file < 24; ++file) {
    char name[32];
    std::snprintf(name, sizeof name, "junk-%d", file);
    FILE *f = std::fopen(name, "wb");
    if (!f) break;
    for (int i = 0; i < 63; ++i) {
      if (std::fwrite(block, 1, sizeof block, f) != sizeof block) break;
      ++written;
    }
    std::fclose(f);
  }
  std::printf("wrote %ld MiB\n", written);
  return 0;
}
