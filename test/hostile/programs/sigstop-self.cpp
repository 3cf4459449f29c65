// expect: timeout
// A stopped process ignores everything but SIGKILL: the box must still be torn down.
#include <csignal>

int main() {
  raise(SIGSTOP);
  return 0;
}
