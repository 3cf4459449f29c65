// expect: sandbox_violation
// userfaultfd makes kernel races easy to win; refused.
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main() {
  syscall(__NR_userfaultfd, O_CLOEXEC);
  return 0;
}
