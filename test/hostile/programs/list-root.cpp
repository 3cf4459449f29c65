// expect: failed
// The box's / holds the system toolchain and the few paths the run needs, nothing of the host.
// A host-only folder may appear as the way to the run's own files (a checkout under /home or
// /root, say): then it holds only the next folder of that way, never the host's own entries.
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <string>

// Whether /name/entry is on the way to `path` (a file the run was given).
static bool on_the_way(const std::string &name, const char *entry, const std::string &path) {
  std::string prefix = "/" + name + "/" + entry;
  return path.compare(0, prefix.size(), prefix) == 0 && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

int main(int argc, char **argv) {
  std::string input;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "-i") == 0) input = argv[i + 1];
  const char *host_only[] = {"home", "root", "var", "boot", "srv", "opt", "mnt", "media", "run"};
  DIR *root = opendir("/");
  if (!root) return 2;
  while (dirent *entry = readdir(root)) {
    std::printf("/%s\n", entry->d_name);
    for (const char *name : host_only) {
      if (std::strcmp(entry->d_name, name) != 0) continue;
      DIR *inside = opendir((std::string("/") + name).c_str());
      while (dirent *found = inside ? readdir(inside) : nullptr)
        if (std::strcmp(found->d_name, ".") != 0 && std::strcmp(found->d_name, "..") != 0 && !on_the_way(name, found->d_name, input))
          std::printf("ESCAPED: the host's /%s/%s is visible\n", name, found->d_name);
      if (inside) closedir(inside);
      break;
    }
  }
  closedir(root);
  return 0;
}
