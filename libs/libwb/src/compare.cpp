#include "compare.h"

#include "numbers.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <vector>

namespace wb_internal {

namespace {

const char kIncorrect[] = "Solution is NOT correct: ";
const char kMismatch[] = "the solution did not match the expected result at ";

// A value as the decimal graded mode writes for it (floats in their shortest round-tripping
// form), so the local check sees exactly what the worker will: 1.7f counts as 1.7, not 1.70000005.
double decimalValue(float value) {
  double parsed = 0;
  parseNumber(formatNumber(value), parsed);
  return parsed;
}
double decimalValue(int value) { return value; }
double decimalValue(unsigned int value) { return value; }
double decimalValue(unsigned char value) { return value; }

std::string sizeMismatch(const Shape &expected, const Shape &actual, bool shapeMatters) {
  if (!shapeMatters) {
    return "expected " + std::to_string(expected.count()) + " elements, got " + std::to_string(actual.count());
  }
  return "expected a " + std::to_string(expected.rows) + " x " + std::to_string(expected.cols) +
         " matrix (rows x cols), got " + std::to_string(actual.rows) + " x " + std::to_string(actual.cols);
}

std::string position(const Shape &shape, std::size_t index, bool shapeMatters) {
  if (!shapeMatters) return "index " + std::to_string(index);
  const std::size_t cols = static_cast<std::size_t>(shape.cols);
  return "row " + std::to_string(index / cols) + ", col " + std::to_string(index % cols) + " (index " +
         std::to_string(index) + ")";
}

} // namespace

Verdict correctVerdict() { return {true, "Solution is correct."}; }

template <typename T>
Verdict compareNumbers(const NumericFile &expectedFile, const T *actual, Shape shape, const NumericRule &rule) {
  const Shape expectedShape = expectedFile.shape();
  // A vector has no shape beyond its length: `n` and `n 1` headers are the same vector.
  const bool sameSize = rule.shapeMatters ? expectedShape.rows == shape.rows && expectedShape.cols == shape.cols
                                          : expectedShape.count() == shape.count();
  if (!sameSize) return {false, kIncorrect + sizeMismatch(expectedShape, shape, rule.shapeMatters)};
  std::vector<double> expected(expectedShape.count());
  expectedFile.values(expected.data());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const double value = decimalValue(actual[i]);
    const bool same = rule.exact ? value == expected[i] : withinTolerance(expected[i], value, rule.tolerance);
    if (!same) {
      return {false, kIncorrect + std::string(kMismatch) + position(shape, i, rule.shapeMatters) + ": expected " +
                         formatNumber(expected[i]) + ", got " + formatNumber(actual[i])};
    }
  }
  return correctVerdict();
}

template Verdict compareNumbers(const NumericFile &, const float *, Shape, const NumericRule &);
template Verdict compareNumbers(const NumericFile &, const int *, Shape, const NumericRule &);
template Verdict compareNumbers(const NumericFile &, const unsigned int *, Shape, const NumericRule &);
template Verdict compareNumbers(const NumericFile &, const unsigned char *, Shape, const NumericRule &);

bool withinTolerance(double expected, double actual, double tolerance) {
  if (std::isnan(expected) || std::isnan(actual)) return false;
  if (expected == actual) return true; // equal infinities; 0 and -0
  if (std::isinf(expected) || std::isinf(actual)) return false;
  const double slack = 4 * DBL_EPSILON * std::max(std::fabs(expected), std::fabs(actual));
  return std::fabs(expected - actual) <= tolerance + slack;
}

} // namespace wb_internal
