// wbArg_read and its accessors.
#include "harness.h"

using namespace wbtest;

TEST_CASE(argsAreParsed, "args: -i -o -e -t are parsed") {
  const wbArg_t args = argsOf({"-i", "in0.raw,in1.raw", "-o", "out.raw", "-e", "expected.raw", "-t", "vector"});
  CHECK_EQ(wbArg_getInputCount(args), 2);
  CHECK_EQ(std::string(wbArg_getInputFile(args, 0)), "in0.raw");
  CHECK_EQ(std::string(wbArg_getInputFile(args, 1)), "in1.raw");
  CHECK_EQ(std::string(wbArg_getOutputFile(args)), "out.raw");
  CHECK_EQ(std::string(wbArg_getExpectedOutputFile(args)), "expected.raw");
  CHECK_EQ(std::string(wbArg_getType(args)), "vector");
  CHECK_EQ(args.tolerance, -1.0);
  CHECK(args.inputFiles[2] == nullptr); // NULL-terminated, as argv is
  wbArg_delete(args);
}

TEST_CASE(argsMissingAreNull, "args: missing flags are NULL, empty inputs dropped, a repeated flag wins") {
  const wbArg_t args = argsOf({"-i", "a.raw,,b.raw,"});
  CHECK_EQ(wbArg_getInputCount(args), 2);
  CHECK_EQ(std::string(wbArg_getInputFile(args, 1)), "b.raw");
  CHECK(wbArg_getOutputFile(args) == nullptr);
  CHECK(wbArg_getExpectedOutputFile(args) == nullptr);
  CHECK(wbArg_getType(args) == nullptr);
  wbArg_delete(args);
  const wbArg_t none = argsOf({});
  CHECK_EQ(wbArg_getInputCount(none), 0);
  const wbArg_t twice = argsOf({"-i", "a.raw", "-o", "x.raw", "-i", "c.raw,d.raw", "-o", "y.raw"});
  CHECK_EQ(wbArg_getInputCount(twice), 2);
  CHECK_EQ(std::string(wbArg_getInputFile(twice, 0)), "c.raw");
  CHECK_EQ(std::string(wbArg_getOutputFile(twice)), "y.raw");
  wbArg_delete(twice);
}

TEST_CASE(argsTolerance, "args: --tolerance takes a number >= 0") {
  CHECK_EQ(argsOf({"--tolerance", "0.01"}).tolerance, 0.01);
  CHECK_EQ(argsOf({"--tolerance", "0"}).tolerance, 0.0);
  for (const char *bad : {"-1", "abc", "inf", "nan", ""}) {
    const Run run = runProgram([bad] { argsOf({"--tolerance", bad}); });
    CHECK_EQ(run.exitCode, 1);
    CHECK_CONTAINS(run.err, std::string("libwb: wbArg_read: --tolerance needs a number >= 0, got \"") + bad + "\"");
  }
}

TEST_CASE(argsUnknownAreWarned, "args: unknown arguments and output types are kept as warnings") {
  const Run run = runProgram([] {
    const wbArg_t args = argsOf({"--verbose", "-t", "vectors"});
    CHECK_EQ(std::string(wbArg_getType(args)), "vectors");
  });
  CHECK_EQ(run.exitCode, 0);
  CHECK_CONTAINS(run.report, "{\"level\":\"WARN\",\"message\":\"wbArg_read: ignoring the argument \\\"--verbose\\\"\"");
  CHECK_CONTAINS(run.report, "wbArg_read: unknown output type \\\"vectors\\\" (known: vector, matrix, image,");
}

TEST_CASE(argsErrorsStopTheProgram, "args: errors stop the program with a message") {
  Run run = runProgram([] { argsOf({"-t", "vector", "-i"}); });
  CHECK_EQ(run.exitCode, 1);
  CHECK_CONTAINS(run.err, "libwb: wbArg_read: -i needs a value");

  run = runProgram([] {
    const wbArg_t args = argsOf({"-i", "a.raw,b.raw"});
    wbArg_getInputFile(args, 2);
  });
  CHECK_EQ(run.exitCode, 1);
  CHECK_CONTAINS(run.err, "input 2 was asked for, but 2 input file(s) were given with -i");
  CHECK_CONTAINS(run.report, "\"level\":\"FATAL\"");
  checkValidJson(run.report);
}
