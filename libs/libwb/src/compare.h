// wbSolution's local check: the same rule the worker applies outside the sandbox
// (libs/common/src/compare), so a program that passes locally passes when graded.
#ifndef WB_SRC_COMPARE_H
#define WB_SRC_COMPARE_H

#include "raw_format.h"

#include <string>

namespace wb_internal {

// The original libwb's tolerance: an absolute difference, not a relative one.
constexpr double kDefaultTolerance = 0.2;

struct Verdict {
  bool correct;
  std::string message; // "Solution is correct." or "Solution is NOT correct: <first difference>"
};

// Shapes must agree (a vector by its length, a matrix by rows and cols), then element by element:
// reals within `tolerance`, integers exactly, NaN never matching, infinities only themselves.
Verdict compareWithExpected(const RawFile &expected, const float *actual, Shape shape, double tolerance);
Verdict compareWithExpected(const RawFile &expected, const int *actual, Shape shape);
Verdict compareWithExpected(const RawFile &expected, const unsigned int *actual, Shape shape);

// Whether `actual` is within `tolerance` of `expected`, both taken as the decimal values the
// files hold. The allowance of a few double ulps makes a difference of exactly the tolerance in
// decimal ("1.5" vs "1.7") pass even though 1.7 - 1.5 rounds to a hair above 0.2 in binary.
bool withinTolerance(double expected, double actual, double tolerance);

} // namespace wb_internal

#endif
