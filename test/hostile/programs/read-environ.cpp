// expect: failed
// Looks for the worker's secrets in every environment it can read: its own, the box's init,
// its parent's. The test checks that WORKER_TOKEN's value appears in none.
#include <cstdio>
#include <string>
#include <unistd.h>

static void dump(const std::string &path) {
  FILE *f = std::fopen(path.c_str(), "r");
  if (!f) {
    std::printf("%s: unreadable\n", path.c_str());
    return;
  }
  std::printf("%s:", path.c_str());
  int c;
  while ((c = std::fgetc(f)) != EOF) std::putchar(c == 0 ? ' ' : c);
  std::putchar('\n');
  std::fclose(f);
}

int main() {
  dump("/proc/self/environ");
  dump("/proc/1/environ");
  dump("/proc/" + std::to_string(getppid()) + "/environ");
  return 0;
}
