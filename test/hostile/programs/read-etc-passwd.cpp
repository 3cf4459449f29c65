// expect: failed
// The host's accounts are not in the box: /etc holds only the loader cache and OpenCL's list.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <initializer_list>

int main() {
  for (const char *path : {"/etc/passwd", "/etc/shadow", "/etc/hostname", "/root/.bash_history"}) {
    FILE *f = std::fopen(path, "r");
    if (!f) {
      std::printf("%s: %s\n", path, std::strerror(errno));
      continue;
    }
    char line[256];
    while (std::fgets(line, sizeof line, f)) std::fputs(line, stdout);
    std::fclose(f);
  }
  return 0;
}
