// expect: failed
// The box's / holds the system toolchain and the few paths the run needs, nothing of the host.
#include <cstdio>
#include <cstring>
#include <dirent.h>

int main() {
  const char *host_only[] = {"home", "root", "var", "boot", "srv", "opt", "mnt", "media", "run"};
  DIR *root = opendir("/");
  if (!root) return 2;
  while (dirent *entry = readdir(root)) {
    std::printf("/%s\n", entry->d_name);
    for (const char *name : host_only)
      if (std::strcmp(entry->d_name, name) == 0) std::printf("ESCAPED: the host's /%s is visible\n", name);
  }
  closedir(root);
  return 0;
}
