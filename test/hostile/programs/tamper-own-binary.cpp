// expect: sandbox_violation
// Tries to change its own binary. On a resubmission that binary comes from the compile cache
// (under a root worker, a hard link to the cache's own file), so a change would reach every
// later attempt of the same program. Writing it, through its path or /proc/self/exe, removing
// it and moving it into the writable folder are refused; chmod, which would make it writable
// for its owner, is not a system call the cpu profile allows at all: it ends the program.
// A success prints ESCAPED. It also prints how many names the file has, for the test to see a
// link.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static void report(const char *what, int result) {
  if (result >= 0) std::printf("ESCAPED: %s\n", what);
  else std::printf("refused %s: %s\n", what, std::strerror(errno));
}

int main(int, char **argv) {
  std::setvbuf(stdout, nullptr, _IONBF, 0); // the last call ends the program: print as it goes
  struct stat self;
  if (stat(argv[0], &self) == 0) std::printf("binary names: %lu\n", (unsigned long)self.st_nlink);
  report("open for writing", open(argv[0], O_WRONLY));
  report("open for reading and writing", open(argv[0], O_RDWR));
  report("open /proc/self/exe for writing", open("/proc/self/exe", O_WRONLY | O_TRUNC));
  report("unlink", unlink(argv[0]));
  report("rename into the writable folder", rename(argv[0], "mine"));
  report("chmod", chmod(argv[0], 0777));
  return 0;
}
