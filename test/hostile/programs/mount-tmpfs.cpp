// expect: sandbox_violation
// Remounting things inside the box.
#include <sys/mount.h>

int main() {
  mount("none", "/tmp", "tmpfs", 0, nullptr);
  return 0;
}
