// The -t argument: the lab's output type, as mp.yaml names it and the worker passes it.
#ifndef WB_SRC_OUTPUT_TYPE_H
#define WB_SRC_OUTPUT_TYPE_H

namespace wb_internal {

enum class OutputType {
  Unspecified, // no -t: a student running by hand; the data wbSolution gets decides
  Vector,
  Matrix,
  Image,
  IntegralVector,
  Histogram,
  Text,
  None, // the lab does not check the output
  Unknown,
};

OutputType outputTypeOf(const char *type);

// The types whose values are integers, compared exactly.
inline bool isIntegralType(OutputType type) { return type == OutputType::IntegralVector || type == OutputType::Histogram; }

// The numeric types, for which -t (not the data's C type) decides how values are compared.
inline bool isNumericType(OutputType type) {
  return type == OutputType::Vector || type == OutputType::Matrix || isIntegralType(type);
}

// The names -t accepts, for messages.
constexpr const char *kOutputTypeNames = "vector, matrix, image, integral_vector, histogram, text, none";

} // namespace wb_internal

#endif
