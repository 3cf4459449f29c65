// expect: failed
// Makes 256 sparse files of 7 MiB each (under the file size limit) in its folder: each holds no
// memory and no block of the capped tmpfs (ftruncate only sets the size), but copying them out
// would write 1.8 GB of zeros to the host disk. The launcher copies at most the folder size in all;
// the rest stays behind, and the program wrote no solution.
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

int main() {
  int made = 0;
  for (int i = 0; i < 256; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "sparse-%d", i);
    int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0600);
    if (fd < 0) break;
    if (ftruncate(fd, 7L << 20) == 0) ++made;
    close(fd);
  }
  std::printf("made %d sparse files\n", made);
  return 0;
}
