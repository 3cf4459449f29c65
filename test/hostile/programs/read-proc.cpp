// expect: failed
// What /proc shows: only the box's own processes (PID namespace), so the worker's command line
// (node, jest, the worker token in any argument) cannot be seen.
#include <cctype>
#include <cstdio>
#include <dirent.h>
#include <string>

int main() {
  DIR *proc = opendir("/proc");
  if (!proc) return 2;
  while (dirent *entry = readdir(proc)) {
    if (!std::isdigit(static_cast<unsigned char>(entry->d_name[0]))) continue;
    std::string path = std::string("/proc/") + entry->d_name + "/cmdline";
    FILE *f = std::fopen(path.c_str(), "r");
    if (!f) continue;
    std::printf("%s:", entry->d_name);
    int c;
    while ((c = std::fgetc(f)) != EOF) std::putchar(c == 0 ? ' ' : c);
    std::putchar('\n');
    std::fclose(f);
  }
  closedir(proc);
  return 0;
}
