// The test harness: cases register themselves, each runs in its own forked process inside its own
// temporary directory (libwb keeps process-wide state and writes its report at exit), and CHECKs
// record failures without stopping the case.
//
// Cases that look at what a lab program leaves behind (exit status, stdout, the report) fork once
// more and run the "program" there, exactly as a lab program would run.
#ifndef WB_TEST_HARNESS_H
#define WB_TEST_HARNESS_H

#include "wb.h"

#include <cstddef>
#include <cstdio>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace wbtest {

extern int failures;

struct TestCase {
  const char *name;
  void (*run)();
};

std::vector<TestCase> &testCases();

struct Registration {
  Registration(const char *name, void (*run)()) { testCases().push_back({name, run}); }
};

} // namespace wbtest

// TEST_CASE(function, "what it shows") { ... }: cases run in the order of the files on the link
// line, then of their place in the file.
#define TEST_CASE(function, name)                                                                  \
  static void function();                                                                          \
  static const wbtest::Registration function##_registration(name, function);                       \
  static void function()

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      ++wbtest::failures;                                                                          \
      std::fprintf(stderr, "    %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);            \
    }                                                                                              \
  } while (0)

#define CHECK_EQ(actual, expected)                                                                 \
  do {                                                                                             \
    const auto &actual_ = (actual);                                                                \
    const auto &expected_ = (expected);                                                            \
    if (!(actual_ == expected_)) {                                                                 \
      ++wbtest::failures;                                                                          \
      std::ostringstream shown_;                                                                   \
      shown_ << "    " << __FILE__ << ":" << __LINE__ << ": " #actual " is [" << actual_           \
             << "], expected [" << expected_ << "]\n";                                             \
      std::fputs(shown_.str().c_str(), stderr);                                                    \
    }                                                                                              \
  } while (0)

#define CHECK_CONTAINS(haystack, needle)                                                           \
  do {                                                                                             \
    const std::string haystack_ = (haystack);                                                      \
    const std::string needle_ = (needle);                                                          \
    if (haystack_.find(needle_) == std::string::npos) {                                            \
      ++wbtest::failures;                                                                          \
      std::fprintf(stderr, "    %s:%d: [%s] does not contain [%s]\n", __FILE__, __LINE__,          \
                   haystack_.substr(0, 2000).c_str(), needle_.c_str());                            \
    }                                                                                              \
  } while (0)

namespace wbtest {

std::string readFile(const std::string &path);
void writeFile(const std::string &path, const std::string &text);
bool fileExists(const std::string &path);
std::size_t countOf(const std::string &text, const std::string &needle);

// wbArg_read on "program <words...>"; it copies what it keeps, so the words need not outlive it.
wbArg_t argsOf(std::vector<std::string> words);

// What a "lab program" left behind: how it ended, its stdout and stderr, its report.
struct Run {
  int exitCode; // -1 when killed by a signal
  int signal;
  std::string out;
  std::string err;
  std::string report; // empty when no report was written
};

// Runs `program` in a child process that ends like a lab program (exit, so atexit runs).
// With `withReport`, WB_REPORT_FILE points at report.json in the case's directory.
Run runProgram(const std::function<void()> &program, bool withReport = true);

// Runs an executable with arguments the same way (for the compat lab programs).
Run runExecutable(const std::string &path, const std::vector<std::string> &args, bool withReport = true);

// Fails the case unless `report` is exactly one valid JSON value.
void checkValidJson(const std::string &report);

// The directory the test binary lives in (build/ or build/asan/), where the compat programs are.
std::string buildDirectory();

} // namespace wbtest

#endif
