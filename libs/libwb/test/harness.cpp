#include "harness.h"

#include "json_check.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace wbtest {

int failures = 0;

std::vector<TestCase> &testCases() {
  static std::vector<TestCase> cases;
  return cases;
}

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const std::string &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

bool fileExists(const std::string &path) { return std::filesystem::exists(path); }

std::size_t countOf(const std::string &text, const std::string &needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

wbArg_t argsOf(std::vector<std::string> words) {
  words.insert(words.begin(), "program");
  std::vector<char *> argv;
  for (std::string &word : words) argv.push_back(&word[0]);
  argv.push_back(nullptr);
  return wbArg_read(static_cast<int>(words.size()), argv.data());
}

namespace {

constexpr const char *kReport = "report.json";

// `make test-asan` has the sanitizers exit with this status, so that an error inside a "program"
// fails its case even where the case expects the program to fail (exit status 1).
constexpr int kSanitizerExitCode = 86;

// Forks; the child gets the report variable and its output redirected, then runs `child`, which
// must not return. The parent collects what the child left behind.
Run runChild(const std::function<void()> &child, bool withReport) {
  std::remove(kReport);
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = fork();
  if (pid == 0) {
    if (withReport) {
      setenv("WB_REPORT_FILE", kReport, 1);
    } else {
      unsetenv("WB_REPORT_FILE");
    }
    const int out = open("stdout.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open("stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    child();
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Run run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, WIFSIGNALED(status) ? WTERMSIG(status) : 0,
          readFile("stdout.txt"), readFile("stderr.txt"), fileExists(kReport) ? readFile(kReport) : std::string()};
  if (run.exitCode == kSanitizerExitCode) {
    ++failures;
    std::fprintf(stderr, "    the program hit a sanitizer error:\n%s\n", run.err.c_str());
  }
  return run;
}

} // namespace

Run runProgram(const std::function<void()> &program, bool withReport) {
  return runChild(
      [&] {
        program();
        std::exit(0);
      },
      withReport);
}

Run runExecutable(const std::string &path, const std::vector<std::string> &args, bool withReport) {
  return runChild(
      [&] {
        std::vector<std::string> words = args;
        words.insert(words.begin(), path);
        std::vector<char *> argv;
        for (std::string &word : words) argv.push_back(&word[0]);
        argv.push_back(nullptr);
        execv(path.c_str(), argv.data());
        std::perror(path.c_str());
      },
      withReport);
}

void checkValidJson(const std::string &report) {
  std::string error;
  const bool valid = isValidJson(report, &error);
  if (!valid) std::fprintf(stderr, "    invalid JSON %s\n", error.c_str());
  CHECK(valid);
}

std::string buildDirectory() {
  return std::filesystem::read_symlink("/proc/self/exe").parent_path().string();
}

} // namespace wbtest
