// expect: failed
// host-must-not-exist: /wb-hostile-escaped
// host-must-not-exist: /usr/wb-hostile-escaped
// host-must-not-exist: /tmp/wb-hostile-escaped
// Tries to write where it must not: the read-only system, the box's root, its own input files
// and their folder (where the expected output lies), its own binary, the kernel's settings.
// Every attempt fails; a success prints ESCAPED. Writing /tmp works, but it is the box's own.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

static void attempt(const std::string &path, int flags) {
  int fd = open(path.c_str(), flags, 0644);
  if (fd >= 0) {
    std::printf("ESCAPED: opened %s for writing\n", path.c_str());
    close(fd);
  } else {
    std::printf("refused %s: %s\n", path.c_str(), std::strerror(errno));
  }
}

int main(int argc, char **argv) {
  std::string input;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "-i") == 0) input = std::string(argv[i + 1]).substr(0, std::string(argv[i + 1]).find(','));
  attempt("/wb-hostile-escaped", O_WRONLY | O_CREAT);
  attempt("/usr/wb-hostile-escaped", O_WRONLY | O_CREAT);
  attempt("/usr/bin/g++", O_WRONLY);
  attempt(input, O_WRONLY | O_TRUNC);
  attempt(input.substr(0, input.rfind('/')) + "/wb-hostile-escaped", O_WRONLY | O_CREAT);
  attempt(input.substr(0, input.rfind('/')) + "/output.raw", O_WRONLY | O_TRUNC);
  attempt(argv[0], O_WRONLY);
  attempt("/proc/sys/kernel/hostname", O_WRONLY);
  FILE *mine = std::fopen("/tmp/wb-hostile-escaped", "w");
  std::printf("box /tmp %s\n", mine && std::fclose(mine) == 0 ? "writable" : "not writable");
  return 0;
}
