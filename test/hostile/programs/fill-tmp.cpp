// expect: output_limit
// host-must-not-exist: /tmp/wb-hostile-fill-0
// Fills /tmp: it is the box's own size-capped tmpfs, so the writes fail with ENOSPC and the
// host's /tmp never sees a byte. The program reports how far it got and exits; the box was
// full when it ended, which is the output limit's verdict.
#include <cerrno>
#include <cstdio>
#include <cstring>

int main() {
  static char block[1 << 20];
  std::memset(block, 'x', sizeof block);
  long written = 0;
  for (int file = 0; file < 4096; ++file) {
    char name[64];
    std::snprintf(name, sizeof name, "/tmp/wb-hostile-fill-%d", file);
    FILE *f = std::fopen(name, "wb");
    if (!f) break;
    size_t n = std::fwrite(block, 1, sizeof block, f);
    bool ok = std::fclose(f) == 0 && n == sizeof block;
    if (!ok) break;
    written += 1;
  }
  std::printf("/tmp full after %ld MiB: %s\n", written, std::strerror(errno));
  return 0;
}
