// expect: sandbox_violation
// A lease (F_SETLEASE) or a directory watch (F_NOTIFY) makes the kernel signal the holder on
// another process's open or change: neither is anything a lab needs.
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

int main() {
  int fd = open("lease-me", O_RDONLY | O_CREAT, 0600);
  if (fd < 0) return 1;
  fcntl(fd, F_SETLEASE, F_RDLCK);
  int dir = open(".", O_RDONLY | O_DIRECTORY);
  fcntl(dir, F_NOTIFY, DN_MODIFY | DN_MULTISHOT);
  std::puts("ESCAPED: lease and notify set");
  return 0;
}
