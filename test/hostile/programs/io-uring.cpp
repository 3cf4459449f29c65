// expect: sandbox_violation
// io_uring has been the source of many kernel exploits, and bypasses seccomp for its operations.
#include <cstring>
#include <linux/io_uring.h>
#include <sys/syscall.h>
#include <unistd.h>

int main() {
  struct io_uring_params params;
  std::memset(&params, 0, sizeof params);
  syscall(__NR_io_uring_setup, 8, &params);
  return 0;
}
