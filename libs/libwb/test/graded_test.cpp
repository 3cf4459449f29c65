// wbSolution in graded mode (-o, no -e): the output file in the format of its extension.
#include "harness.h"

#include <csignal>
#include <cstdlib>

using namespace wbtest;

TEST_CASE(gradedRaw, "graded: writes the raw output, stdout stays the program's") {
  const Run run = runProgram([] {
    const float data[] = {1.5f, -2, 0.1f};
    CHECK(wbSolution(argsOf({"-i", "a.raw,b.raw", "-o", "output.raw", "-t", "vector"}), data, 3));
  });
  CHECK_EQ(run.exitCode, 0);
  CHECK_EQ(run.out, std::string());
  CHECK_EQ(readFile("output.raw"), std::string("3\n1.5\n-2\n0.1\n"));
  CHECK_CONTAINS(run.report, "\"solution\":{\"produced\":true,\"checked\":false,\"correct\":null,\"message\":null}");
  checkValidJson(run.report);
}

TEST_CASE(gradedFormats, "graded: matrix, csv, tsv, integers and images follow the -o extension") {
  runProgram([] {
    const float data[] = {1, 2, 3, 4, 5, 6};
    wbSolution(argsOf({"-o", "output.raw", "-t", "matrix"}), data, 2, 3);
  });
  CHECK_EQ(readFile("output.raw"), std::string("2 3\n1 2 3\n4 5 6\n"));
  runProgram([] {
    const float data[] = {1, 2, 3, 4, 5, 6};
    wbSolution(argsOf({"-o", "output.csv", "-t", "matrix"}), data, 2, 3);
  });
  CHECK_EQ(readFile("output.csv"), std::string("1,2,3\n4,5,6\n"));
  runProgram([] {
    const unsigned int bins[] = {3, 0, 7};
    wbSolution(argsOf({"-o", "output.tsv", "-t", "histogram"}), bins, 3);
  });
  CHECK_EQ(readFile("output.tsv"), std::string("3\n0\n7\n"));
  const Run image = runProgram([] {
    wbImage_t img = wbImage_new(2, 1, 3);
    for (int i = 0; i < 6; ++i) wbImage_getData(img)[i] = static_cast<float>(i) / 5.0f;
    wbSolution(argsOf({"-o", "output.ppm", "-t", "image"}), img);
    wbImage_delete(img);
  });
  CHECK_EQ(image.exitCode, 0);
  CHECK(readFile("output.ppm") == std::string("P6\n2 1\n255\n") + std::string("\x00\x33\x66\x99\xCC\xFF", 6));
}

TEST_CASE(gradedAndLocal, "both -o and -e: writes the output and checks it") {
  writeFile("expected.raw", "2\n1 2\n");
  const Run run = runProgram([] {
    const int data[] = {1, 2};
    wbSolution(argsOf({"-o", "output.raw", "-e", "expected.raw"}), data, 2);
  });
  CHECK_EQ(run.out, std::string("Solution is correct.\n"));
  CHECK_EQ(readFile("output.raw"), std::string("2\n1\n2\n"));
}

TEST_CASE(gradedNowhere, "without -o or -e nothing is produced, and the program is told why") {
  const Run run = runProgram([] {
    const float data[] = {1};
    CHECK(!wbSolution(argsOf({}), data, 1));
  });
  CHECK_EQ(run.exitCode, 0);
  CHECK_CONTAINS(run.err, "the solution was not checked: give -e (expected output) or -o (output file)");
  CHECK_CONTAINS(run.report, "\"produced\":false");
}

TEST_CASE(gradedUnwritable, "graded: an output that cannot be written stops the program") {
  const Run run = runProgram([] {
    const float data[] = {1};
    wbSolution(argsOf({"-o", "missing-dir/output.raw"}), data, 1);
  });
  CHECK_EQ(run.exitCode, 1);
  CHECK_CONTAINS(run.err, "libwb: missing-dir/output.raw: cannot write: No such file or directory\n");
  CHECK_CONTAINS(run.report, "\"produced\":false");
}

TEST_CASE(reportSurvivesACrash, "graded: the report written by wbSolution survives a crash") {
  const Run run = runProgram([] {
    const float data[] = {1};
    wbSolution(argsOf({"-o", "output.raw"}), data, 1);
    std::abort(); // no exit handlers run
  });
  CHECK_EQ(run.signal, SIGABRT);
  CHECK_CONTAINS(run.report, "\"produced\":true");
}
