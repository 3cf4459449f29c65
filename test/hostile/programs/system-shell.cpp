// expect: sandbox_violation
// system() starts /bin/sh through posix_spawn: a clone without CLONE_THREAD, refused.
#include <cstdio>
#include <cstdlib>

int main() {
  int status = std::system("echo ESCAPED: a shell ran");
  std::printf("system returned %d\n", status);
  return 0;
}
