// expect: timeout
// Waits for a signal that never comes.
#include <unistd.h>

int main() {
  pause();
  return 0;
}
