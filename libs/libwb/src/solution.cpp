// wbSolution: local mode checks against -e; graded mode writes -o for the worker to check.
#include "wb.h"

#include "compare.h"
#include "errors.h"
#include "export.h"
#include "report.h"

#include <cstdio>
#include <cstring>

namespace {

using wb_internal::Shape;
using wb_internal::Verdict;

Verdict check(const wb_internal::RawFile &expected, const float *data, Shape shape) {
  return wb_internal::compareWithExpected(expected, data, shape, wb_internal::kDefaultTolerance);
}
Verdict check(const wb_internal::RawFile &expected, const int *data, Shape shape) {
  return wb_internal::compareWithExpected(expected, data, shape);
}
Verdict check(const wb_internal::RawFile &expected, const unsigned int *data, Shape shape) {
  return wb_internal::compareWithExpected(expected, data, shape);
}

template <typename T> void solution(wbArg_t args, const T *data, int rows, int cols, bool matrix) {
  if (rows < 0 || cols < 0) wb_internal::fatal("wbSolution: negative size " + std::to_string(rows) + " x " + std::to_string(cols));
  if (data == nullptr && rows > 0 && cols > 0) wb_internal::fatal("wbSolution: the data pointer is NULL");
  const Shape shape{rows, cols, matrix};

  // Written in both modes when -o is given: graded mode needs it, and locally it is handy.
  const bool written = args.outputFile != nullptr;
  if (written) wb_internal::exportData("wbSolution", args.outputFile, data, rows, cols, matrix);

  const bool checked = args.expectedOutput != nullptr;
  Verdict verdict{false, std::string()};
  if (checked) {
    try {
      verdict = check(wb_internal::RawFile::read(args.expectedOutput), data, shape);
    } catch (const wb_internal::FormatError &e) {
      wb_internal::fatal(std::string("wbSolution: the expected output: ") + e.what());
    }
    std::printf("%s\n", verdict.message.c_str());
    std::fflush(stdout);
  } else if (!written) {
    std::fprintf(stderr, "libwb: wbSolution: the solution was not checked: give -e (expected output) or -o (output file)\n");
  }

  {
    auto lock = wb_internal::lockState();
    wb_internal::SolutionRecord &record = wb_internal::state(lock).solution;
    record.produced = written || checked;
    record.checked = checked;
    record.correct = verdict.correct;
    record.message = verdict.message;
  }
  // Now, not only at exit: a program that crashes while cleaning up still gets graded.
  wb_internal::writeReport();
}

// The original's untyped form: -t says what the buffer holds.
bool integralType(wbArg_t args) {
  return args.type != nullptr && (std::strcmp(args.type, "integral_vector") == 0 || std::strcmp(args.type, "histogram") == 0);
}

} // namespace

void wbSolution(wbArg_t args, const float *data, int rows) { solution(args, data, rows, 1, false); }
void wbSolution(wbArg_t args, const float *data, int rows, int cols) { solution(args, data, rows, cols, true); }
void wbSolution(wbArg_t args, const int *data, int rows) { solution(args, data, rows, 1, false); }
void wbSolution(wbArg_t args, const int *data, int rows, int cols) { solution(args, data, rows, cols, true); }
void wbSolution(wbArg_t args, const unsigned int *data, int rows) { solution(args, data, rows, 1, false); }
void wbSolution(wbArg_t args, const unsigned int *data, int rows, int cols) { solution(args, data, rows, cols, true); }

void wbSolution(wbArg_t args, const void *data, int rows) {
  if (integralType(args)) {
    solution(args, static_cast<const int *>(data), rows, 1, false);
  } else {
    solution(args, static_cast<const float *>(data), rows, 1, false);
  }
}

void wbSolution(wbArg_t args, const void *data, int rows, int cols) {
  if (integralType(args)) {
    solution(args, static_cast<const int *>(data), rows, cols, true);
  } else {
    solution(args, static_cast<const float *>(data), rows, cols, true);
  }
}
