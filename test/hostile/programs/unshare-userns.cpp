// expect: sandbox_violation
// A new user namespace is the usual first step of a kernel exploit.
#include <sched.h>

int main() {
  unshare(CLONE_NEWUSER);
  return 0;
}
