// The JSON report ($WB_REPORT_FILE): timers, logs, the solution, bounds, escaping; wbCheck.
#include "harness.h"

#include <chrono>
#include <string>

using namespace wbtest;

TEST_CASE(reportTimersAndLogs, "report: timers nest, logs carry file and line") {
  // On one line, so the test knows the line the log must report.
  // clang-format off
  const int logLine = __LINE__; const auto logTrace = [] { wbLog(TRACE, "The input length is ", 16, " elements"); };
  // clang-format on
  const Run run = runProgram([logTrace] {
    argsOf({});
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
  CHECK_CONTAINS(run.report, "{\"level\":\"TRACE\",\"message\":\"The input length is 16 elements\","
                             "\"file\":\"report_test.cpp\",\"line\":" +
                                 std::to_string(logLine) + "}");
  CHECK_CONTAINS(run.report, "wbTime_stop(Copy, \\\"not started\\\") has no matching wbTime_start");
  CHECK(run.report.find("OFF is a threshold") == std::string::npos);
  CHECK_CONTAINS(run.report, "\"solution\":{\"produced\":false,\"checked\":false,\"correct\":null,\"message\":null}");
  CHECK_CONTAINS(run.report, "\"dropped\":{\"timers\":0,\"logs\":0}}");
}

TEST_CASE(reportTimesBelowAMicrosecond, "report: elapsed times to the nanosecond, so a short timer is not 0") {
  const Run run = runProgram([] {
    // Spins until the clock has moved 2.5 µs past the start: the report must show it, where
    // three decimals of a millisecond showed 0.002 and a loop of a few ns showed 0.000.
    wbTime_start(Compute, "spin");
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < std::chrono::nanoseconds(2500)) {
    }
    wbTime_stop(Compute, "spin");
  });
  checkValidJson(run.report);
  const std::string field = "\"elapsedMs\":";
  const std::size_t at = run.report.find(field);
  CHECK(at != std::string::npos);
  const std::string value = run.report.substr(at + field.size(), run.report.find(',', at) - at - field.size());
  CHECK_EQ(value.size() - value.find('.') - 1, std::size_t(6)); // six decimals: nanoseconds
  CHECK(std::stod(value) >= 0.0025);
}

TEST_CASE(reportAllKindsAndLevels, "report: every timer kind and log level of the original") {
  const Run run = runProgram([] {
    wbTime_start(Generic, "g");
    wbTime_stop(Generic, "g");
    wbTime_start(IO, "io");
    wbTime_stop(IO, "io");
    wbTime_start(GPU, "gpu");
    wbTime_stop(GPU, "gpu");
    wbTime_start(Copy, "copy");
    wbTime_stop(Copy, "copy");
    wbTime_start(Driver, "driver");
    wbTime_stop(Driver, "driver");
    wbTime_start(CopyAsync, "async");
    wbTime_stop(CopyAsync, "async");
    wbTime_start(Compute, "compute");
    wbTime_stop(Compute, "compute");
    wbTime_start(CPUGPUOverlap, "overlap");
    wbTime_stop(CPUGPUOverlap, "overlap");
    wbTime_start(Generic);
    wbTime_stop(Generic);
    wbLog(FATAL, "f");
    wbLog(ERROR, "e");
    wbLog(WARN, "w");
    wbLog(INFO, "i");
    wbLog(DEBUG, "d");
    wbLog(TRACE, "t");
  });
  checkValidJson(run.report);
  for (const char *kind : {"Generic", "IO", "GPU", "Copy", "Driver", "CopyAsync", "Compute", "CPUGPUOverlap"})
    CHECK_CONTAINS(run.report, std::string("{\"kind\":\"") + kind + "\"");
  CHECK_CONTAINS(run.report, "{\"kind\":\"Generic\",\"message\":\"\",");
  for (const char *level : {"FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"})
    CHECK_CONTAINS(run.report, std::string("{\"level\":\"") + level + "\"");
  CHECK(run.report.find("has no matching") == std::string::npos);
  CHECK_EQ(run.exitCode, 0); // a FATAL log is the program's word, not a stop
}

TEST_CASE(reportEscapesStrings, "report: strings are escaped, invalid UTF-8 replaced") {
  const Run run = runProgram([] {
    wbLog(INFO, "quote \" backslash \\ newline \n tab \t bell \x07 del \x7f", " utf8 \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
          " bad \xFF overlong \xC0\xAF surrogate \xED\xA0\x80 cut \xE2\x82");
  });
  checkValidJson(run.report);
  CHECK_CONTAINS(run.report, "\"message\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 del \\u007f"
                             " utf8 \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"
                             " bad \\ufffd overlong \\ufffd\\ufffd surrogate \\ufffd\\ufffd\\ufffd cut \\ufffd\\ufffd\"");
}

TEST_CASE(reportIsBounded, "report: logs, timers and messages are capped") {
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
  const Run long_ = runProgram([] { wbLog(INFO, std::string(4092, 'x'), "\xC3\xA9\xC3\xA9", std::string(10000, 'y')); });
  checkValidJson(long_.report);
  CHECK_CONTAINS(long_.report, "\"message\":\"" + std::string(4092, 'x') + "\xE2\x80\xA6\"");
}

TEST_CASE(reportFatalIsRecorded, "report: a libwb error is a FATAL log, on stderr, exit status 1") {
  const Run run = runProgram([] {
    int rows;
    wbImport("missing.raw", &rows);
  });
  CHECK_EQ(run.exitCode, 1);
  CHECK_EQ(run.err, std::string("libwb: missing.raw: cannot open: No such file or directory\n"));
  CHECK_CONTAINS(run.report, "{\"level\":\"FATAL\",\"message\":\"missing.raw: cannot open: No such file or directory\","
                             "\"file\":\"libwb\",\"line\":0}");
  checkValidJson(run.report);
}

TEST_CASE(localRunsEchoToStderr, "without WB_REPORT_FILE logs and timers go to stderr") {
  const Run run = runProgram(
      [] {
        wbTime_start(GPU, "kernel");
        wbTime_stop(GPU, "kernel");
        wbLog(ERROR, "something ", 42);
      },
      false);
  CHECK(run.report.empty());
  CHECK_CONTAINS(run.err, "[GPU] kernel: ");
  CHECK_CONTAINS(run.err, "[ERROR] report_test.cpp:");
  CHECK_CONTAINS(run.err, " something 42\n");
  CHECK_EQ(run.out, std::string());
}

TEST_CASE(messagesTakeAnyPrintables, "messages take any printable arguments") {
  CHECK_EQ(wbString(), std::string());
  CHECK_EQ(wbString("a", 1, ' ', 2.5, std::string("z")), std::string("a1 2.5z"));
}

TEST_CASE(checkFailureStops, "wbCheck: a failed call is logged with the caller's file and line, exit status 1") {
  const Run run = runProgram([] {
    wbCheck_failed("cudaMalloc(&deviceA, bytes)", "cudaErrorMemoryAllocation", "out of memory", "/sandbox/src/program.cu", 42);
  });
  CHECK_EQ(run.exitCode, 1);
  CHECK_EQ(run.err, std::string("libwb: program.cu:42: cudaMalloc(&deviceA, bytes) failed: out of memory "
                                "(cudaErrorMemoryAllocation)\n"));
  CHECK_CONTAINS(run.report, "{\"level\":\"FATAL\",\"message\":\"cudaMalloc(&deviceA, bytes) failed: out of memory "
                             "(cudaErrorMemoryAllocation)\",\"file\":\"program.cu\",\"line\":42}");
  checkValidJson(run.report);
}
