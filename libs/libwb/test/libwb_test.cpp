// libwb's tests, run by `make -C libs/libwb test`.
//
// Each case runs in its own forked process inside its own temporary directory, because libwb
// keeps process-wide state (timers, logs, the solution) and writes its report at exit. Cases that
// look at what a lab program leaves behind (exit status, stdout, the report) fork once more and
// run the "program" there, exactly as a lab program would run.
#include "wb.h"

#include "json_check.h"

#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

// ---------------------------------------------------------------------------------------------
// A minimal harness: CHECK records failures without stopping the case.
// ---------------------------------------------------------------------------------------------

int failures = 0;

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      ++failures;                                                                                  \
      std::fprintf(stderr, "    line %d: CHECK(%s) failed\n", __LINE__, #cond);                    \
    }                                                                                              \
  } while (0)

#define CHECK_EQ(actual, expected)                                                                 \
  do {                                                                                             \
    const auto &actual_ = (actual);                                                                \
    const auto &expected_ = (expected);                                                            \
    if (!(actual_ == expected_)) {                                                                 \
      ++failures;                                                                                  \
      std::ostringstream shown_;                                                                   \
      shown_ << "    line " << __LINE__ << ": " #actual " is [" << actual_ << "], expected ["      \
             << expected_ << "]\n";                                                                \
      std::fputs(shown_.str().c_str(), stderr);                                                    \
    }                                                                                              \
  } while (0)

#define CHECK_CONTAINS(haystack, needle)                                                           \
  do {                                                                                             \
    const std::string haystack_ = (haystack);                                                      \
    const std::string needle_ = (needle);                                                          \
    if (haystack_.find(needle_) == std::string::npos) {                                            \
      ++failures;                                                                                  \
      std::fprintf(stderr, "    line %d: [%s] does not contain [%s]\n", __LINE__,                  \
                   haystack_.substr(0, 2000).c_str(), needle_.c_str());                            \
    }                                                                                              \
  } while (0)

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

// wbArg_read copies what it keeps, so the argv built here only has to live through the call.
wbArg_t argsOf(std::vector<std::string> words) {
  words.insert(words.begin(), "program");
  std::vector<char *> argv;
  for (std::string &word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  return wbArg_read(static_cast<int>(words.size()), argv.data());
}

// What a "lab program" left behind: how it ended, its stdout and stderr, its report.
struct Run {
  int exitCode; // -1 when killed by a signal
  int signal;
  std::string out;
  std::string err;
  std::string report; // empty when no report was written
};

constexpr const char *kReport = "report.json";

// Runs `program` in a child process that ends like a lab program (exit, so atexit runs).
// With `withReport`, WB_REPORT_FILE points at report.json in the case's directory.
Run runProgram(const std::function<void()> &program, bool withReport = true) {
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
    program();
    std::exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Run run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, WIFSIGNALED(status) ? WTERMSIG(status) : 0,
          readFile("stdout.txt"), readFile("stderr.txt"), fileExists(kReport) ? readFile(kReport) : std::string()};
  return run;
}

void checkValidJson(const std::string &report) {
  std::string error;
  const bool valid = isValidJson(report, &error);
  if (!valid) std::fprintf(stderr, "    invalid JSON %s\n", error.c_str());
  CHECK(valid);
}

std::vector<float> importVector(const std::string &file) {
  int rows = -1;
  float *data = wbImport(file.c_str(), &rows);
  std::vector<float> values(data, data + rows);
  std::free(data);
  return values;
}

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------

void argsAreParsed() {
  const wbArg_t args = argsOf({"-i", "in0.raw,in1.raw", "-o", "out.raw", "-e", "expected.raw", "-t", "vector"});
  CHECK_EQ(wbArg_getInputCount(args), 2);
  CHECK_EQ(std::string(wbArg_getInputFile(args, 0)), "in0.raw");
  CHECK_EQ(std::string(wbArg_getInputFile(args, 1)), "in1.raw");
  CHECK_EQ(std::string(wbArg_getOutputFile(args)), "out.raw");
  CHECK_EQ(std::string(wbArg_getExpectedOutputFile(args)), "expected.raw");
  CHECK_EQ(std::string(wbArg_getType(args)), "vector");
  wbArg_delete(args);
}

void argsMissingAreNull() {
  const wbArg_t args = argsOf({"-i", "a.raw,,b.raw,"});
  CHECK_EQ(wbArg_getInputCount(args), 2);
  CHECK_EQ(std::string(wbArg_getInputFile(args, 1)), "b.raw");
  CHECK(wbArg_getOutputFile(args) == nullptr);
  CHECK(wbArg_getExpectedOutputFile(args) == nullptr);
  CHECK(wbArg_getType(args) == nullptr);
  const wbArg_t none = argsOf({});
  CHECK_EQ(wbArg_getInputCount(none), 0);
}

void argsErrorsStopTheProgram() {
  Run run = runProgram([] { argsOf({"-t", "vector", "-i"}); });
  CHECK_EQ(run.exitCode, 1);
  CHECK_CONTAINS(run.err, "wbArg_read: -i needs a value");

  run = runProgram([] {
    const wbArg_t args = argsOf({"-i", "a.raw,b.raw"});
    wbArg_getInputFile(args, 2);
  });
  CHECK_EQ(run.exitCode, 1);
  CHECK_CONTAINS(run.err, "input 2 was asked for, but 2 input file(s) were given with -i");
  CHECK_CONTAINS(run.report, "\"level\":\"FATAL\"");
}

// ---------------------------------------------------------------------------------------------
// Import and export
// ---------------------------------------------------------------------------------------------

void rawVectorRoundTrip() {
  std::vector<float> values = {0.1f, -1.5f, 0.0f, -0.0f, 1e-30f, 3.4e38f, 123456.789f, 16777217.0f,
                               std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::max(),
                               std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity()};
  // Every finite float must survive text and back bit for bit: sample the bit patterns.
  std::mt19937 random(12345);
  while (values.size() < 20000) {
    const std::uint32_t bits = random();
    float value;
    std::memcpy(&value, &bits, sizeof value);
    if (std::isfinite(value)) values.push_back(value);
  }
  wbExport("vector.raw", values.data(), static_cast<int>(values.size()));
  const std::string text = readFile("vector.raw");
  CHECK_EQ(text.substr(0, text.find('\n')), std::to_string(values.size()));
  CHECK_EQ(text.substr(text.find('\n') + 1, 11), std::string("0.1\n-1.5\n0\n"));
  const std::vector<float> back = importVector("vector.raw");
  CHECK_EQ(back.size(), values.size());
  CHECK(back.size() == values.size() && std::memcmp(back.data(), values.data(), values.size() * sizeof(float)) == 0);

  // .dat is the same format.
  wbExport("vector.dat", values.data(), 3);
  CHECK_EQ(readFile("vector.dat"), std::string("3\n0.1\n-1.5\n0\n"));
}

void rawMatrixRoundTrip() {
  const float matrix[] = {1, 2, 3, 4.5f, -5, 6};
  wbExport("matrix.raw", matrix, 2, 3);
  CHECK_EQ(readFile("matrix.raw"), std::string("2 3\n1 2 3\n4.5 -5 6\n"));
  int rows = -1, cols = -1;
  float *back = wbImport("matrix.raw", &rows, &cols);
  CHECK_EQ(rows, 2);
  CHECK_EQ(cols, 3);
  CHECK(std::memcmp(back, matrix, sizeof matrix) == 0);
  std::free(back);

  // A vector file read as a matrix has one column.
  writeFile("column.raw", "3\n1\n2\n3\n");
  float *column = wbImport("column.raw", &rows, &cols);
  CHECK_EQ(rows, 3);
  CHECK_EQ(cols, 1);
  std::free(column);
}

void integersRoundTrip() {
  const int values[] = {0, -1, 42, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()};
  wbExport("ints.raw", values, 5);
  CHECK_EQ(readFile("ints.raw"), std::string("5\n0\n-1\n42\n-2147483648\n2147483647\n"));
  int rows = -1;
  int *back = static_cast<int *>(wbImport("ints.raw", &rows, "Integer"));
  CHECK_EQ(rows, 5);
  CHECK(std::memcmp(back, values, sizeof values) == 0);
  std::free(back);

  const unsigned int bins[] = {0u, 4294967295u};
  wbExport("bins.raw", bins, 1, 2);
  CHECK_EQ(readFile("bins.raw"), std::string("1 2\n0 4294967295\n"));

  // "Real" is the default type and returns floats.
  float *reals = static_cast<float *>(wbImport("ints.raw", &rows, "Real"));
  CHECK_EQ(reals[2], 42.0f);
  std::free(reals);
}

void handWrittenFilesAreRead() {
  // Trailing spaces, blank lines, CRLF, tabs, '+' signs and exponents all occur in the wild.
  writeFile("hand.raw", "  4 \r\n1 +2\r\n\r\n 3e0\t-4.5\r\n");
  const std::vector<float> values = importVector("hand.raw");
  CHECK(values == std::vector<float>({1, 2, 3, -4.5f}));

  writeFile("empty.raw", "0\n");
  CHECK(importVector("empty.raw").empty());
}

void importErrorsNameTheProblem() {
  struct Bad {
    const char *file;
    const char *contents;
    const char *type;
    const char *message;
  };
  const Bad cases[] = {
      {"missing.raw", nullptr, "Real", "wbImport: cannot open \"missing.raw\": No such file or directory"},
      {"empty.raw", "", "Real", "\"empty.raw\" is empty"},
      {"header.raw", "abc\n1\n", "Real", "the first line must be `rows` or `rows cols`"},
      {"negative.raw", "-2\n1 2\n", "Real", "(non-negative integers)"},
      {"short.raw", "3\n1 2\n", "Real", "expected 3 values after the header, found 2"},
      {"long.raw", "2\n1 2 3\n", "Real", "expected 2 values after the header, found 3"},
      {"token.raw", "3\n1\nx2\n3\n", "Real", "line 3: \"x2\" is not a number"},
      {"integer.raw", "2\n1 1.5\n", "Integer", "line 2: \"1.5\" is not an integer"},
      {"values.csv", "1,2\n", "Real", ".csv files are not supported by this libwb yet"},
      {"type.raw", "1\n1\n", "Complex", "unknown type \"Complex\""},
  };
  for (const Bad &bad : cases) {
    if (bad.contents != nullptr) writeFile(bad.file, bad.contents);
    const Run run = runProgram([&] {
      int rows;
      wbImport(bad.file, &rows, bad.type);
    });
    CHECK_EQ(run.exitCode, 1);
    CHECK_CONTAINS(run.err, bad.message);
    CHECK_CONTAINS(run.report, "\"level\":\"FATAL\"");
    checkValidJson(run.report);
  }
}

// ---------------------------------------------------------------------------------------------
// wbSolution, local mode (-e)
// ---------------------------------------------------------------------------------------------

// The verdict line a program prints for `actual` checked against `expectedText`.
template <typename T> std::string localVerdict(const std::string &expectedText, std::vector<T> actual, int cols = 0) {
  writeFile("expected.raw", expectedText);
  const Run run = runProgram([&] {
    const wbArg_t args = argsOf({"-e", "expected.raw"});
    if (cols > 0) {
      wbSolution(args, actual.data(), static_cast<int>(actual.size()) / cols, cols);
    } else {
      wbSolution(args, actual.data(), static_cast<int>(actual.size()));
    }
  });
  CHECK_EQ(run.exitCode, 0);
  return run.out;
}

const std::string kCorrect = "Solution is correct.\n";

void localCorrect() {
  writeFile("expected.raw", "4\n1 2 3 4\n");
  const Run run = runProgram([] {
    const float data[] = {1, 2, 3, 4};
    wbSolution(argsOf({"-e", "expected.raw"}), data, 4);
  });
  CHECK_EQ(run.out, kCorrect);
  CHECK_CONTAINS(run.report, "\"solution\":{\"produced\":true,\"checked\":true,\"correct\":true,"
                             "\"message\":\"Solution is correct.\"}");
}

void localSizeMismatch() {
  CHECK_EQ(localVerdict<float>("4\n1 2 3 4\n", {1, 2, 3}), "Solution is NOT correct: expected 4 elements, got 3\n");
  CHECK_EQ(localVerdict<float>("3\n1 2 3\n", {1, 2, 3, 4}), "Solution is NOT correct: expected 3 elements, got 4\n");
}

void localFirstMismatch() {
  writeFile("expected.raw", "5\n0 0 0 1.5 0\n");
  const Run run = runProgram([] {
    const float data[] = {0, 0, 0, 2.75f, 9};
    wbSolution(argsOf({"-e", "expected.raw"}), data, 5);
  });
  const std::string line = "Solution is NOT correct: the solution did not match the expected result at index 3: "
                           "expected 1.5, got 2.75";
  CHECK_EQ(run.out, line + "\n");
  CHECK_CONTAINS(run.report, "\"checked\":true,\"correct\":false,\"message\":\"" + line + "\"");
}

void localToleranceBoundary() {
  const std::string expected = "4\n1.5 0 100 -3\n";
  // A difference of exactly 0.2 (in decimal) passes, on either side and at any magnitude.
  CHECK_EQ(localVerdict<float>(expected, {1.7f, 0.2f, 100.2f, -3.2f}), kCorrect);
  CHECK_EQ(localVerdict<float>(expected, {1.3f, -0.2f, 99.8f, -2.8f}), kCorrect);
  // 0.2001 does not.
  CHECK_CONTAINS(localVerdict<float>(expected, {1.7001f, 0, 100, -3}), "at index 0: expected 1.5, got 1.7001");
  CHECK_CONTAINS(localVerdict<float>(expected, {1.5f, 0.2001f, 100, -3}), "at index 1: expected 0, got 0.2001");
  CHECK_CONTAINS(localVerdict<float>(expected, {1.5f, 0, 100, -3.2001f}), "at index 3: expected -3, got -3.2001");
}

void localSpecialValues() {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  CHECK_CONTAINS(localVerdict<float>("2\n1 2\n", {1, nan}), "at index 1: expected 2, got nan");
  // NaN is a mismatch even where NaN was expected: it means a broken computation.
  CHECK_CONTAINS(localVerdict<float>("1\nnan\n", {nan}), "at index 0: expected nan, got nan");
  CHECK_EQ(localVerdict<float>("3\ninf -inf 0\n", {inf, -inf, -0.0f}), kCorrect);
  CHECK_CONTAINS(localVerdict<float>("1\ninf\n", {3.4e38f}), "expected inf, got 3.4e+38");
}

void localMatrix() {
  const std::string expected = "2 3\n1 2 3\n4 5 6\n";
  CHECK_EQ(localVerdict<float>(expected, {1, 2, 3, 4, 5, 6}, 3), kCorrect);
  CHECK_EQ(localVerdict<float>(expected, {1, 2, 3, 4, 5, 7}, 3),
           "Solution is NOT correct: the solution did not match the expected result at row 1, col 2 (index 5): "
           "expected 6, got 7\n");
  CHECK_EQ(localVerdict<float>(expected, {1, 2, 3, 4, 5, 6}, 2),
           "Solution is NOT correct: expected a 2 x 3 matrix (rows x cols), got 3 x 2\n");
}

void localIntegers() {
  CHECK_EQ(localVerdict<int>("3\n1 2 3\n", {1, 2, 3}), kCorrect);
  CHECK_EQ(localVerdict<int>("3\n1 2 3\n", {1, 2, 4}),
           "Solution is NOT correct: the solution did not match the expected result at index 2: expected 3, got 4\n");
  CHECK_EQ(localVerdict<unsigned int>("2\n0 4294967295\n", {0u, 4294967295u}), kCorrect);

  // The untyped form follows -t.
  writeFile("expected.raw", "2\n7 8\n");
  const Run run = runProgram([] {
    const int bins[] = {7, 8};
    const void *untyped = bins;
    wbSolution(argsOf({"-e", "expected.raw", "-t", "histogram"}), untyped, 2);
  });
  CHECK_EQ(run.out, kCorrect);
}

// ---------------------------------------------------------------------------------------------
// wbSolution, graded mode (-o, no -e)
// ---------------------------------------------------------------------------------------------

void gradedWritesTheOutput() {
  const Run run = runProgram([] {
    const float data[] = {1.5f, -2, 0.1f};
    wbSolution(argsOf({"-i", "a.raw,b.raw", "-o", "output.raw", "-t", "vector"}), data, 3);
  });
  CHECK_EQ(run.exitCode, 0);
  CHECK_EQ(run.out, std::string()); // stdout stays the program's own
  CHECK_EQ(readFile("output.raw"), std::string("3\n1.5\n-2\n0.1\n"));
  CHECK_CONTAINS(run.report, "\"solution\":{\"produced\":true,\"checked\":false,\"correct\":null,\"message\":null}");
  checkValidJson(run.report);

  // Without -o or -e nothing is produced, and the program is told why.
  const Run nowhere = runProgram([] {
    const float data[] = {1};
    wbSolution(argsOf({}), data, 1);
  });
  CHECK_CONTAINS(nowhere.err, "the solution was not checked");
  CHECK_CONTAINS(nowhere.report, "\"produced\":false");
}

void reportSurvivesACrashAfterTheSolution() {
  const Run run = runProgram([] {
    const float data[] = {1};
    wbSolution(argsOf({"-o", "output.raw"}), data, 1);
    std::abort(); // no exit handlers run
  });
  CHECK_EQ(run.signal, SIGABRT);
  CHECK_CONTAINS(run.report, "\"produced\":true");
}

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

void reportHasTimersAndLogs() {
  // On one line, so the test knows the line the log must report.
  // clang-format off
  const int logLine = __LINE__; const auto logTrace = [] { wbLog(TRACE, "The input length is ", 16, " elements"); };
  // clang-format on
  const Run run = runProgram([logTrace] {
    argsOf({"--verbose"});
    wbTime_start(Generic, "outer ", 1);
    wbTime_start(GPU, "inner");
    wbTime_stop(GPU, "inner");
    wbTime_stop(Generic, "outer ", 1);
    wbTime_start(Compute, "never stopped");
    logTrace();
    wbTime_stop(Copy, "not started");
    wbLog(OFF, "dropped: OFF is a threshold");
  });
  CHECK_EQ(run.exitCode, 0);
  CHECK_EQ(run.out, std::string());
  checkValidJson(run.report);
  CHECK_CONTAINS(run.report, "{\"version\":1,\"timers\":[{\"kind\":\"Generic\",\"message\":\"outer 1\",\"elapsedMs\":");
  CHECK_CONTAINS(run.report, "\"parent\":null,\"stopped\":true},{\"kind\":\"GPU\",\"message\":\"inner\",\"elapsedMs\":");
  CHECK_CONTAINS(run.report, "\"parent\":0,\"stopped\":true},{\"kind\":\"Compute\",\"message\":\"never stopped\"");
  CHECK_CONTAINS(run.report, "\"parent\":null,\"stopped\":false}]");
  CHECK_CONTAINS(run.report, "{\"level\":\"WARN\",\"message\":\"wbArg_read: ignoring the argument \\\"--verbose\\\"\"");
  CHECK_CONTAINS(run.report, "{\"level\":\"TRACE\",\"message\":\"The input length is 16 elements\","
                             "\"file\":\"libwb_test.cpp\",\"line\":" +
                                 std::to_string(logLine) + "}");
  CHECK_CONTAINS(run.report, "wbTime_stop(Copy, \\\"not started\\\") has no matching wbTime_start");
  CHECK(run.report.find("OFF is a threshold") == std::string::npos);
  CHECK_CONTAINS(run.report, "\"solution\":{\"produced\":false,\"checked\":false,\"correct\":null,\"message\":null}");
  CHECK_CONTAINS(run.report, "\"dropped\":{\"timers\":0,\"logs\":0}}");
}

void reportEscapesStrings() {
  const Run run = runProgram([] {
    wbLog(INFO, "quote \" backslash \\ newline \n tab \t bell \x07 del \x7f", " utf8 \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
          " bad \xFF overlong \xC0\xAF surrogate \xED\xA0\x80 cut \xE2\x82");
  });
  checkValidJson(run.report);
  CHECK_CONTAINS(run.report, "\"message\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 del \\u007f"
                             " utf8 \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"
                             " bad \\ufffd overlong \\ufffd\\ufffd surrogate \\ufffd\\ufffd\\ufffd cut \\ufffd\\ufffd\"");
}

void reportIsBounded() {
  const Run run = runProgram([] {
    for (int i = 0; i < 1005; ++i) wbLog(DEBUG, "line ", i);
    for (int i = 0; i < 1001; ++i) {
      wbTime_start(Generic, "t");
      wbTime_stop(Generic, "t");
    }
  });
  checkValidJson(run.report);
  CHECK_EQ(countOf(run.report, "\"level\":"), std::size_t(1000));
  CHECK_EQ(countOf(run.report, "\"kind\":"), std::size_t(1000));
  CHECK_CONTAINS(run.report, "\"message\":\"line 999\"");
  CHECK_CONTAINS(run.report, "\"dropped\":{\"timers\":1,\"logs\":5}}");

  // A long message keeps its first 4093 bytes and ends in "…" (3 bytes), never splitting a
  // UTF-8 sequence.
  const Run long_ = runProgram([] {
    wbLog(INFO, std::string(4092, 'x'), "\xC3\xA9\xC3\xA9", std::string(10000, 'y'));
  });
  checkValidJson(long_.report);
  CHECK_CONTAINS(long_.report, "\"message\":\"" + std::string(4092, 'x') + "\xE2\x80\xA6\"");
}

void localRunsEchoToStderr() {
  const Run run = runProgram(
      [] {
        wbTime_start(GPU, "kernel");
        wbTime_stop(GPU, "kernel");
        wbLog(ERROR, "something ", 42);
      },
      false);
  CHECK(run.report.empty());
  CHECK_CONTAINS(run.err, "[GPU] kernel: ");
  CHECK_CONTAINS(run.err, "[ERROR] libwb_test.cpp:");
  CHECK_CONTAINS(run.err, " something 42\n");
  CHECK_EQ(run.out, std::string());
}

void messagesTakeAnyPrintables() {
  CHECK_EQ(wbString(), std::string());
  CHECK_EQ(wbString("a", 1, ' ', 2.5, std::string("z")), std::string("a1 2.5z"));
}

// ---------------------------------------------------------------------------------------------

struct Case {
  const char *name;
  void (*run)();
};

const Case cases[] = {
    {"args are parsed", argsAreParsed},
    {"missing args are NULL, empty inputs dropped", argsMissingAreNull},
    {"argument errors stop the program with a message", argsErrorsStopTheProgram},
    {"raw vector export/import round trip (bit exact)", rawVectorRoundTrip},
    {"raw matrix export/import round trip", rawMatrixRoundTrip},
    {"integers round trip", integersRoundTrip},
    {"hand-written raw files are read", handWrittenFilesAreRead},
    {"import errors name the problem", importErrorsNameTheProblem},
    {"local mode: correct", localCorrect},
    {"local mode: size mismatch", localSizeMismatch},
    {"local mode: first mismatch message", localFirstMismatch},
    {"local mode: tolerance boundary (0.2 passes, 0.2001 fails)", localToleranceBoundary},
    {"local mode: NaN, infinities, -0", localSpecialValues},
    {"local mode: matrix position and shape", localMatrix},
    {"local mode: integers exact, untyped form follows -t", localIntegers},
    {"graded mode writes the output file", gradedWritesTheOutput},
    {"report written by wbSolution survives a crash", reportSurvivesACrashAfterTheSolution},
    {"report: timers nest, logs carry file and line", reportHasTimersAndLogs},
    {"report: strings are escaped, invalid UTF-8 replaced", reportEscapesStrings},
    {"report: logs, timers and messages are capped", reportIsBounded},
    {"without WB_REPORT_FILE logs and timers go to stderr", localRunsEchoToStderr},
    {"messages take any printable arguments", messagesTakeAnyPrintables},
};

} // namespace

int main() {
  char pattern[] = "/tmp/libwb-test-XXXXXX";
  const char *root = mkdtemp(pattern);
  if (root == nullptr) {
    std::perror("mkdtemp");
    return 2;
  }
  int passed = 0, failed = 0, number = 0;
  for (const Case &c : cases) {
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
      _exit(failures == 0 ? 0 : 1); // _exit: the case process itself leaves no report behind
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
