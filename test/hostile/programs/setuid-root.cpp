// expect: sandbox_violation
// Changing identity: no set*id call is in the whitelist.
#include <unistd.h>

int main() {
  setuid(0);
  return 0;
}
