// wbSolution with text, local mode: line by line, ignoring CRLF and trailing whitespace.
#include "harness.h"

#include <cstring>

using namespace wbtest;

namespace {

const std::string kCorrect = "Solution is correct.\n";

std::string textVerdict(const std::string &expected, const std::string &actual) {
  writeFile("expected.txt", expected);
  const Run run = runProgram([&] {
    wbSolution(argsOf({"-e", "expected.txt", "-t", "text"}), actual.c_str(), static_cast<int>(actual.size()));
  });
  CHECK_EQ(run.exitCode, 0);
  return run.out;
}

} // namespace

TEST_CASE(textLocal, "local text: CRLF, trailing whitespace and trailing blank lines are ignored") {
  CHECK_EQ(textVerdict("a b\nc\n", "a b  \r\nc\r\n\r\n\n"), kCorrect);
  CHECK_EQ(textVerdict("", ""), kCorrect);
  CHECK_EQ(textVerdict("a\n", " a\n"), "Solution is NOT correct: line 1: expected \"a\", got \" a\"\n");
  CHECK_EQ(textVerdict("Device 0\n", "device 0\n"),
           "Solution is NOT correct: line 1: expected \"Device 0\", got \"device 0\"\n");
  CHECK_EQ(textVerdict("a\nb\n", "a\n"),
           "Solution is NOT correct: line 2: expected \"b\", but the output ends after 1 line(s)\n");
  CHECK_EQ(textVerdict("a\n", "a\nb\n"), "Solution is NOT correct: line 2: expected the end of the output, got \"b\"\n");
  CHECK_EQ(textVerdict("x\n", std::string(100, 'y')),
           "Solution is NOT correct: line 1: expected \"x\", got \"" + std::string(80, 'y') + "...\"\n");
}

TEST_CASE(textUntypedAndGraded, "text: the untyped form with -t text; graded mode writes the bytes") {
  writeFile("expected.txt", "hello\n");
  Run run = runProgram([] {
    const char text[] = "hello";
    const void *untyped = text;
    wbSolution(argsOf({"-e", "expected.txt", "-t", "text"}), untyped, 5);
  });
  CHECK_EQ(run.out, kCorrect);
  run = runProgram([] { wbSolution(argsOf({"-o", "output.txt", "-t", "text"}), "two\nlines", 9); });
  CHECK_EQ(run.exitCode, 0);
  CHECK_EQ(readFile("output.txt"), std::string("two\nlines"));
  CHECK_CONTAINS(run.report, "\"produced\":true,\"checked\":false");
}
