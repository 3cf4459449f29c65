// expect: sandbox_violation
// Daemonizing to outlive the run: setsid is refused (and fork would be next).
#include <unistd.h>

int main() {
  setsid();
  if (fork() == 0) {
    for (;;) sleep(1);
  }
  return 0;
}
