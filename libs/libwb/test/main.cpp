// Runs the registered cases (see harness.h): all of them, or those whose name contains the first
// argument. The last line is "N passed, M failed", which the repository's test runner parses.
#include "harness.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  const std::string only = argc > 1 ? argv[1] : "";
  char pattern[] = "/tmp/libwb-test-XXXXXX";
  const char *root = mkdtemp(pattern);
  if (root == nullptr) {
    std::perror("mkdtemp");
    return 2;
  }
  int passed = 0, failed = 0, number = 0;
  for (const wbtest::TestCase &c : wbtest::testCases()) {
    if (std::string(c.name).find(only) == std::string::npos) continue;
    const std::string dir = std::string(root) + "/" + std::to_string(number++);
    std::filesystem::create_directory(dir);
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t pid = fork();
    if (pid == 0) {
      if (chdir(dir.c_str()) != 0) _exit(2);
      unsetenv("WB_REPORT_FILE");
      c.run();
      std::fflush(stderr);
      _exit(wbtest::failures == 0 ? 0 : 1); // _exit: the case process itself leaves no report behind
    }
    int status = 0;
    waitpid(pid, &status, 0);
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    std::printf("%s %s\n", ok ? "PASS" : "FAIL", c.name);
    ++(ok ? passed : failed);
  }
  std::filesystem::remove_all(root);
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
