// expect: sandbox_violation
// The kernel keyring is shared by every process of a uid: no place to store or read secrets.
#include <sys/syscall.h>
#include <unistd.h>

int main() {
  syscall(__NR_add_key, "user", "wb-hostile", "secret", 6, -3 /* KEY_SPEC_SESSION_KEYRING */);
  return 0;
}
