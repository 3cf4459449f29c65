// expect: sandbox_violation
// A FIFO as the output file would block the worker's read forever: mknod is refused.
#include <cstring>
#include <sys/stat.h>

int main(int argc, char **argv) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "-o") == 0) mkfifo(argv[i + 1], 0666);
  return 0;
}
