#include "output_type.h"

#include <cstring>

namespace wb_internal {

OutputType outputTypeOf(const char *type) {
  if (type == nullptr) return OutputType::Unspecified;
  static const struct {
    const char *name;
    OutputType type;
  } known[] = {
      {"vector", OutputType::Vector},         {"matrix", OutputType::Matrix},
      {"image", OutputType::Image},           {"integral_vector", OutputType::IntegralVector},
      {"histogram", OutputType::Histogram},   {"text", OutputType::Text},
      {"none", OutputType::None},
  };
  for (const auto &entry : known)
    if (std::strcmp(type, entry.name) == 0) return entry.type;
  return OutputType::Unknown;
}

} // namespace wb_internal
