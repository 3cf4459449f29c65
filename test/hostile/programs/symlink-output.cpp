// expect: sandbox_violation
// Plants its output file as a link to a host file, hoping the worker (root, outside) reads it.
// symlink is refused; and only regular files with one link ever leave the box anyway.
#include <cstring>
#include <unistd.h>

int main(int argc, char **argv) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "-o") == 0) symlink("/etc/shadow", argv[i + 1]);
  return 0;
}
