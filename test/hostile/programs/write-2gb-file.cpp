// expect: output_limit
// Writes 2 GB into its output file: RLIMIT_FSIZE stops it (SIGXFSZ) long before the disk fills,
// and the worker sees an output file over the lab's cap.
#include <cstdio>
#include <cstring>

int main(int argc, char **argv) {
  const char *output = nullptr;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "-o") == 0) output = argv[i + 1];
  FILE *f = std::fopen(output, "wb");
  if (!f) return 2;
  static char block[1 << 20];
  std::memset(block, 'x', sizeof block);
  for (int i = 0; i < 2048; ++i) std::fwrite(block, 1, sizeof block, f);
  std::fclose(f);
  return 0;
}
