// expect: sandbox_violation
// The classic. fork is not in the whitelist: the first call kills the program with SIGSYS.
#include <unistd.h>

int main() {
  for (;;) fork();
}
