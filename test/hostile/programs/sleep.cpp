// expect: timeout
// Uses no CPU at all: only the wall-clock limit can stop it.
#include <unistd.h>

int main() {
  sleep(600);
  return 0;
}
