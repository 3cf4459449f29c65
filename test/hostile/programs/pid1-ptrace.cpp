// expect: sandbox_violation
// Attaching to the box's pid 1 (the launcher, which supervises the program): ptrace is no call
// a program may make.
#include <cstdio>
#include <sys/ptrace.h>

int main() {
  if (ptrace(PTRACE_SEIZE, 1, nullptr, nullptr) == 0) std::puts("ESCAPED: seized pid 1");
  return 0;
}
