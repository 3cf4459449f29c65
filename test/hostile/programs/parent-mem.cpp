// expect: failed
// Rewriting the supervisor's memory through /proc to forge the outcome: it is not dumpable,
// so /proc/<pid>/mem is closed even to its own uid.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

int main() {
  std::string path = "/proc/" + std::to_string(getppid()) + "/mem";
  int fd = open(path.c_str(), O_RDWR);
  if (fd >= 0)
    std::printf("ESCAPED: opened %s\n", path.c_str());
  else
    std::printf("%s: %s\n", path.c_str(), std::strerror(errno));
  return 0;
}
