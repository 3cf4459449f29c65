// wbSolution with numbers, local mode (-e): the verdict must agree with the worker's comparator
// (libs/judge/src/compare/comparator.spec.ts has the same cases).
#include "harness.h"

#include <cstdlib>
#include <limits>

using namespace wbtest;

namespace {

const std::string kCorrect = "Solution is correct.\n";

// The verdict line a program prints for `actual` checked against `expectedText`, with `extra`
// arguments (-t, --tolerance) added; a matrix call when cols > 0.
template <typename T>
std::string verdict(const std::string &expectedText, std::vector<T> actual, int cols = 0,
                    std::vector<std::string> extra = {}, const char *expectedFile = "expected.raw") {
  writeFile(expectedFile, expectedText);
  std::vector<std::string> words = {"-e", expectedFile};
  words.insert(words.end(), extra.begin(), extra.end());
  const Run run = runProgram([&] {
    const wbArg_t args = argsOf(words);
    const int n = static_cast<int>(actual.size());
    const wbBool correct = cols > 0 ? wbSolution(args, actual.data(), n / cols, cols) : wbSolution(args, actual.data(), n);
    std::exit(correct ? 0 : 3);
  });
  CHECK_EQ(run.exitCode, run.out == kCorrect ? 0 : 3); // the return value agrees with the line
  return run.out;
}

} // namespace

TEST_CASE(localCorrect, "local: a correct solution prints one line and is recorded") {
  writeFile("expected.raw", "4\n1 2 3 4\n");
  const Run run = runProgram([] {
    const float data[] = {1, 2, 3, 4};
    CHECK(wbSolution(argsOf({"-e", "expected.raw"}), data, 4));
  });
  CHECK_EQ(run.exitCode, 0);
  CHECK_EQ(run.out, kCorrect);
  CHECK_CONTAINS(run.report, "\"solution\":{\"produced\":true,\"checked\":true,\"correct\":true,"
                             "\"message\":\"Solution is correct.\"}");
  CHECK(!fileExists("output.raw"));
}

TEST_CASE(localSizeMismatch, "local: size mismatch") {
  CHECK_EQ(verdict<float>("4\n1 2 3 4\n", {1, 2, 3}), "Solution is NOT correct: expected 4 elements, got 3\n");
  CHECK_EQ(verdict<float>("3\n1 2 3\n", {1, 2, 3, 4}), "Solution is NOT correct: expected 3 elements, got 4\n");
  CHECK_EQ(verdict<float>("0\n", {}), kCorrect);
}

TEST_CASE(localFirstMismatch, "local: the first mismatch is named with its index, expected and actual") {
  writeFile("expected.raw", "5\n0 0 0 1.5 0\n");
  const Run run = runProgram([] {
    const float data[] = {0, 0, 0, 2.75f, 9};
    CHECK(!wbSolution(argsOf({"-e", "expected.raw"}), data, 5));
  });
  const std::string line = "Solution is NOT correct: the solution did not match the expected result at index 3: "
                           "expected 1.5, got 2.75";
  CHECK_EQ(run.out, line + "\n");
  CHECK_EQ(run.exitCode, 0); // a wrong answer is not an error
  CHECK_CONTAINS(run.report, "\"checked\":true,\"correct\":false,\"message\":\"" + line + "\"");
}

TEST_CASE(localToleranceBoundary, "local: tolerance boundary (0.2 passes at any magnitude, 0.2001 fails)") {
  const std::string expected = "5\n1.5 0 100 -3 1e6\n";
  CHECK_EQ(verdict<float>(expected, {1.7f, 0.2f, 100.2f, -3.2f, 1000000.2f}), kCorrect);
  CHECK_EQ(verdict<float>(expected, {1.3f, -0.2f, 99.8f, -2.8f, 999999.8f}), kCorrect);
  CHECK_CONTAINS(verdict<float>(expected, {1.7001f, 0, 100, -3, 1e6f}), "at index 0: expected 1.5, got 1.7001\n");
  CHECK_CONTAINS(verdict<float>(expected, {1.5f, 0.2001f, 100, -3, 1e6f}), "at index 1: expected 0, got 0.2001\n");
  CHECK_CONTAINS(verdict<float>(expected, {1.5f, 0, 100.2001f, -3, 1e6f}), "at index 2: expected 100, got 100.2001\n");
  CHECK_CONTAINS(verdict<float>(expected, {1.5f, 0, 100, -3.2001f, 1e6f}), "at index 3: expected -3, got -3.2001\n");
}

TEST_CASE(localLabTolerance, "local: --tolerance replaces the default, integers stay exact") {
  CHECK_CONTAINS(verdict<float>("1\n1\n", {1.05f}, 0, {"--tolerance", "0.01"}), "expected 1, got 1.05");
  CHECK_EQ(verdict<float>("1\n1\n", {1.01f}, 0, {"--tolerance", "0.01"}), kCorrect);
  CHECK_EQ(verdict<float>("1\n1\n", {1}, 0, {"--tolerance", "0"}), kCorrect);
  CHECK_EQ(verdict<float>("1\n1\n", {1.5f}, 0, {"--tolerance", "0.5"}), kCorrect);
  CHECK_CONTAINS(verdict<int>("1\n3\n", {4}, 0, {"--tolerance", "2", "-t", "histogram"}), "expected 3, got 4");
}

TEST_CASE(localSpecialValues, "local: NaN never matches, infinities only themselves, 0 == -0") {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  CHECK_CONTAINS(verdict<float>("2\n1 2\n", {1, nan}), "at index 1: expected 2, got nan\n");
  // NaN is a mismatch even where NaN was expected: it means a broken computation.
  CHECK_CONTAINS(verdict<float>("1\nnan\n", {nan}), "at index 0: expected nan, got nan\n");
  CHECK_CONTAINS(verdict<float>("1\nnan\n", {0}), "at index 0: expected nan, got 0\n");
  CHECK_EQ(verdict<float>("3\ninf -inf 0\n", {inf, -inf, -0.0f}), kCorrect);
  CHECK_CONTAINS(verdict<float>("1\ninf\n", {3.4e38f}), "expected inf, got 3.4e+38\n");
  CHECK_CONTAINS(verdict<float>("1\ninf\n", {-inf}), "expected inf, got -inf\n");
  CHECK_EQ(verdict<float>("2\n0 -0.1\n", {-0.0f, -0.1f}), kCorrect);
  CHECK_EQ(verdict<float>("1\n-0\n", {0.2f}), kCorrect);
}

TEST_CASE(localMatrix, "local: matrices name row and column, and shapes must match") {
  const std::string expected = "2 3\n1 2 3\n4 5 6\n";
  CHECK_EQ(verdict<float>(expected, {1, 2, 3, 4, 5, 6.1f}, 3), kCorrect);
  CHECK_EQ(verdict<float>(expected, {1, 2, 3, 4, 5, 7}, 3),
           "Solution is NOT correct: the solution did not match the expected result at row 1, col 2 (index 5): "
           "expected 6, got 7\n");
  CHECK_EQ(verdict<float>(expected, {1, 2, 3, 4, 5, 6}, 2),
           "Solution is NOT correct: expected a 2 x 3 matrix (rows x cols), got 3 x 2\n");
}

TEST_CASE(localTypeDecides, "local: with -t the lab's type decides, as for the worker") {
  // "vector" compares lengths only, even for a matrix call; `n` and `n 1` are the same vector.
  CHECK_EQ(verdict<float>("6\n1 2 3 4 5 6\n", {1, 2, 3, 4, 5, 6}, 3, {"-t", "vector"}), kCorrect);
  CHECK_EQ(verdict<float>("2 1\n1\n2\n", {1, 2}, 0, {"-t", "vector"}), kCorrect);
  CHECK_CONTAINS(verdict<float>("6\n1 2 3 4 5 6\n", {1, 2, 3, 4, 5, 9}, 3, {"-t", "vector"}), "at index 5: expected 6");
  // "matrix" compares rows and columns, even for a vector call.
  CHECK_EQ(verdict<float>("2 1\n1\n2\n", {1, 2}, 0, {"-t", "matrix"}), kCorrect);
  CHECK_EQ(verdict<float>("1 2\n1 2\n", {1, 2}, 0, {"-t", "matrix"}),
           "Solution is NOT correct: expected a 1 x 2 matrix (rows x cols), got 2 x 1\n");
  // "integral_vector" and "histogram" are exact even for floats; "vector" has a tolerance even
  // for ints.
  CHECK_CONTAINS(verdict<float>("1\n3\n", {3.1f}, 0, {"-t", "integral_vector"}), "expected 3, got 3.1");
  CHECK_EQ(verdict<float>("1\n3\n", {3}, 0, {"-t", "histogram"}), kCorrect);
  CHECK_EQ(verdict<int>("1\n3.1\n", {3}, 0, {"-t", "vector"}), kCorrect);
  // "none": the lab does not check its output, and neither does local mode.
  CHECK_EQ(verdict<float>("1\n3\n", {100}, 0, {"-t", "none"}), kCorrect);
  // An unknown type is ignored (with a warning): the call decides.
  CHECK_EQ(verdict<float>("1 2\n1 2\n", {1, 2}, 2, {"-t", "vectr"}), kCorrect);
}

TEST_CASE(localIntegers, "local: integers are exact; unsigned and unsigned char; untyped form follows -t") {
  CHECK_EQ(verdict<int>("3\n1 2 3\n", {1, 2, 3}), kCorrect);
  CHECK_EQ(verdict<int>("3\n1 2 3\n", {1, 2, 4}),
           "Solution is NOT correct: the solution did not match the expected result at index 2: expected 3, got 4\n");
  CHECK_CONTAINS(verdict<int>("1\n3.1\n", {3}), "expected 3.1, got 3");
  CHECK_EQ(verdict<int>("1\n-0\n", {0}), kCorrect);
  CHECK_EQ(verdict<unsigned int>("2\n0 4294967295\n", {0u, 4294967295u}), kCorrect);
  CHECK_EQ(verdict<unsigned char>("2\n0 255\n", {0, 255}), kCorrect);
  CHECK_CONTAINS(verdict<unsigned char>("1\n7\n", {8}), "expected 7, got 8");

  writeFile("expected.raw", "2\n7 8\n");
  Run run = runProgram([] {
    const int bins[] = {7, 8};
    const void *untyped = bins;
    wbSolution(argsOf({"-e", "expected.raw", "-t", "histogram"}), untyped, 2);
  });
  CHECK_EQ(run.out, kCorrect);
  writeFile("expected.raw", "1 2\n0.5 8\n");
  run = runProgram([] {
    const float values[] = {0.5f, 8};
    const void *untyped = values;
    wbSolution(argsOf({"-e", "expected.raw", "-t", "matrix"}), untyped, 1, 2);
  });
  CHECK_EQ(run.out, kCorrect);
}

TEST_CASE(localDelimitedExpected, "local: a csv/tsv expected output is read in its own format") {
  CHECK_EQ(verdict<float>("1,2\n3,4\n", {1, 2, 3, 4.1f}, 2, {"-t", "matrix"}, "expected.csv"), kCorrect);
  CHECK_EQ(verdict<float>("1,2\n3,4\n", {1, 2, 3, 5}, 2, {"-t", "matrix"}, "expected.csv"),
           "Solution is NOT correct: the solution did not match the expected result at row 1, col 1 (index 3): "
           "expected 4, got 5\n");
  CHECK_EQ(verdict<float>("1\t2\n", {1, 2}, 0, {"-t", "vector"}, "expected.tsv"), kCorrect);
}

TEST_CASE(localBadExpected, "local: an unreadable expected output stops the program naming it") {
  struct Bad {
    const char *contents;
    const char *message;
  };
  const Bad cases[] = {
      {nullptr, "libwb: expected.raw: cannot open: No such file or directory\n"},
      {"", "libwb: expected.raw: the file is empty\n"},
      {"2\n1\n", "libwb: expected.raw: expected 2 values after the header, found 1\n"},
      {"2\n1 x\n", "libwb: expected.raw: line 2: \"x\" is not a number\n"},
  };
  for (const Bad &bad : cases) {
    std::remove("expected.raw");
    if (bad.contents != nullptr) writeFile("expected.raw", bad.contents);
    const Run run = runProgram([] {
      const float data[] = {1, 2};
      wbSolution(argsOf({"-e", "expected.raw"}), data, 2);
    });
    CHECK_EQ(run.exitCode, 1);
    CHECK_CONTAINS(run.err, bad.message);
    CHECK_EQ(run.out, std::string());
  }
}

TEST_CASE(solutionTypeMismatch, "wbSolution: data of another kind than -t says stops the program") {
  Run run = runProgram([] {
    const float data[] = {1};
    wbSolution(argsOf({"-o", "output.ppm", "-t", "image"}), data, 1);
  });
  CHECK_EQ(run.exitCode, 1);
  CHECK_CONTAINS(run.err, "libwb: wbSolution: this lab's output (-t image) is an image: call wbSolution(args, image) "
                          "with a wbImage_t\n");
  CHECK(!fileExists("output.ppm"));
  run = runProgram([] { wbSolution(argsOf({"-o", "output.raw", "-t", "vector"}), wbImage_new(1, 1)); });
  CHECK_CONTAINS(run.err, "libwb: wbSolution: this lab's output (-t vector) is numbers: call wbSolution(args, data, "
                          "rows) or wbSolution(args, data, rows, cols)\n");
  run = runProgram([] { wbSolution(argsOf({"-o", "output.raw", "-t", "text"}), wbImage_new(1, 1)); });
  CHECK_CONTAINS(run.err, "is text: call wbSolution(args, text, length) with a char *");
  run = runProgram([] {
    const float data[] = {1};
    wbSolution(argsOf({"-o", "output.raw"}), data, -1);
  });
  CHECK_CONTAINS(run.err, "libwb: wbSolution: negative size -1\n");
}
