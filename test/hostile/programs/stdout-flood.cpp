// expect: output_limit
// 1 GB to stdout: the worker keeps the first bytes and stops the box as soon as the cap is passed.
#include <cstring>
#include <unistd.h>

int main() {
  static char block[1 << 16];
  std::memset(block, 'y', sizeof block);
  for (long sent = 0; sent < (1L << 30); sent += sizeof block)
    if (write(1, block, sizeof block) < 0) return 1;
  return 0;
}
