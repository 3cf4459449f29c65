#include "compare.h"

#include "numbers.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <vector>

namespace wb_internal {

namespace {

// A float as the decimal value graded mode writes for it (its shortest round-tripping form), so
// the local check sees exactly what the worker will: 1.7f counts as 1.7, not 1.70000005.
double decimalValue(float value) {
  double parsed = 0;
  parseNumber(formatNumber(value), parsed);
  return parsed;
}
double decimalValue(int value) { return value; }
double decimalValue(unsigned int value) { return value; }

std::string shown(float value) { return formatNumber(value); }
std::string shown(int value) { return formatNumber(static_cast<long long>(value)); }
std::string shown(unsigned int value) { return formatNumber(static_cast<long long>(value)); }

std::string sizeMismatch(const Shape &expected, const Shape &actual) {
  if (!actual.matrix) {
    return "expected " + std::to_string(expected.count()) + " elements, got " + std::to_string(actual.count());
  }
  return "expected a " + std::to_string(expected.rows) + " x " + std::to_string(expected.cols) +
         " matrix (rows x cols), got " + std::to_string(actual.rows) + " x " + std::to_string(actual.cols);
}

std::string position(const Shape &shape, std::size_t index) {
  if (!shape.matrix) return "at index " + std::to_string(index);
  const std::size_t cols = static_cast<std::size_t>(shape.cols);
  return "at row " + std::to_string(index / cols) + ", col " + std::to_string(index % cols) + " (index " +
         std::to_string(index) + ")";
}

bool sameSize(const Shape &expected, const Shape &actual) {
  // A vector has no shape beyond its length; an expected file may write it as `n` or `n 1`.
  if (!actual.matrix) return expected.count() == actual.count();
  return expected.rows == actual.rows && expected.cols == actual.cols;
}

template <typename T> Verdict compare(const RawFile &expectedFile, const T *actual, Shape shape, double tolerance, bool exact) {
  const Shape expectedShape = expectedFile.shape();
  if (!sameSize(expectedShape, shape)) return {false, "Solution is NOT correct: " + sizeMismatch(expectedShape, shape)};
  std::vector<double> expected(expectedShape.count());
  expectedFile.values(expected.data());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const double value = decimalValue(actual[i]);
    const bool same = exact ? value == expected[i] : withinTolerance(expected[i], value, tolerance);
    if (!same) {
      return {false, "Solution is NOT correct: the solution did not match the expected result " + position(shape, i) +
                         ": expected " + formatNumber(expected[i]) + ", got " + shown(actual[i])};
    }
  }
  return {true, "Solution is correct."};
}

} // namespace

bool withinTolerance(double expected, double actual, double tolerance) {
  if (std::isnan(expected) || std::isnan(actual)) return false;
  if (expected == actual) return true; // equal infinities; 0 and -0
  if (std::isinf(expected) || std::isinf(actual)) return false;
  const double slack = 4 * DBL_EPSILON * std::max(std::fabs(expected), std::fabs(actual));
  return std::fabs(expected - actual) <= tolerance + slack;
}

Verdict compareWithExpected(const RawFile &expected, const float *actual, Shape shape, double tolerance) {
  return compare(expected, actual, shape, tolerance, false);
}
Verdict compareWithExpected(const RawFile &expected, const int *actual, Shape shape) {
  return compare(expected, actual, shape, 0, true);
}
Verdict compareWithExpected(const RawFile &expected, const unsigned int *actual, Shape shape) {
  return compare(expected, actual, shape, 0, true);
}

} // namespace wb_internal
