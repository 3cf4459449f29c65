// wbSolution's local check: the same rules the worker applies outside the sandbox
// (libs/judge/src/compare), so a program that passes locally passes when graded. Each function
// compares the expected file with what graded mode would write for the program's data.
#ifndef WB_SRC_COMPARE_H
#define WB_SRC_COMPARE_H

#include "numeric_file.h"
#include "ppm_format.h"
#include "wb.h"

#include <string>
#include <string_view>

namespace wb_internal {

// The original libwb's tolerance for reals: an absolute difference, not a relative one.
constexpr double kDefaultTolerance = 0.2;
// For channels on [0, 1] 0.2 would pass visibly wrong pictures: two 8-bit levels, as the platform.
constexpr double kDefaultImageTolerance = 2.0 / 255.0;

struct Verdict {
  bool correct;
  std::string message; // "Solution is correct." or "Solution is NOT correct: <first difference>"
};

Verdict correctVerdict();

struct NumericRule {
  bool exact;        // integers: values must be equal
  double tolerance;  // otherwise: the largest absolute difference that passes
  bool shapeMatters; // a matrix: rows and columns must match; otherwise only the lengths
};

// Sizes first, then element by element; NaN never matches, infinities only themselves, 0 == -0.
template <typename T> Verdict compareNumbers(const NumericFile &expected, const T *actual, Shape shape, const NumericRule &rule);

// Channel by channel within `tolerance`, the program's image taken as the bytes graded mode
// writes for it.
Verdict compareImage(const PpmImage &expected, const st_wbImage_t &actual, double tolerance);

// Line by line, ignoring CRLF, trailing whitespace on each line and trailing blank lines.
Verdict compareText(std::string_view expected, std::string_view actual);

// Whether `actual` is within `tolerance` of `expected`, both taken as the decimal values the
// files hold. The allowance of a few double ulps makes a difference of exactly the tolerance in
// decimal ("1.5" vs "1.7") pass even though 1.7 - 1.5 rounds to a hair above 0.2 in binary.
bool withinTolerance(double expected, double actual, double tolerance);

} // namespace wb_internal

#endif
