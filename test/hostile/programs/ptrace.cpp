// expect: sandbox_violation
// Debugging another process (the supervisor) or itself: ptrace is not in the whitelist.
#include <sys/ptrace.h>
#include <unistd.h>

int main() {
  ptrace(PTRACE_ATTACH, getppid(), nullptr, nullptr);
  return 0;
}
