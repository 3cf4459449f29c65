// expect: output_limit
// Creates empty files until it cannot: each costs the kernel an inode, and none costs a byte,
// so a size cap alone would not stop it. The program's folder and /tmp allow a fixed number of
// files each; when they run out the box is full, which is the output limit's verdict.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

int main() {
  long made = 0;
  for (long i = 0; i < 10000000; ++i) {
    char name[48];
    std::snprintf(name, sizeof name, "/tmp/empty-%ld", i);
    int fd = open(name, O_CREAT | O_WRONLY | O_EXCL, 0600);
    if (fd < 0) {
      std::printf("no more files after %ld: %s\n", made, std::strerror(errno));
      break;
    }
    close(fd);
    ++made;
  }
  for (long i = 0; i < 10000000; ++i) {
    char name[48];
    std::snprintf(name, sizeof name, "empty-%ld", i);
    int fd = open(name, O_CREAT | O_WRONLY | O_EXCL, 0600);
    if (fd < 0) break;
    close(fd);
    ++made;
  }
  std::printf("made %ld files\n", made);
  return 0;
}
