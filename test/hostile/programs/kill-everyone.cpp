// expect: sandbox_violation
// kill(-1, SIGKILL) signals every process the caller may: kill is allowed only on itself.
#include <csignal>

int main() {
  kill(-1, SIGKILL);
  return 0;
}
