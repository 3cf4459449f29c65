// wbImport: dataset files into malloc'ed buffers the program frees.
#include "wb.h"

#include "errors.h"
#include "raw_format.h"

#include <cstdlib>
#include <string>
#include <strings.h>

namespace {

enum class ElementType { Real, Integer };

ElementType elementType(const char *type) {
  if (type == nullptr || strcasecmp(type, "Real") == 0) return ElementType::Real;
  if (strcasecmp(type, "Integer") == 0) return ElementType::Integer;
  if (strcasecmp(type, "Text") == 0) wb_internal::fatal("wbImport: the \"Text\" type is not supported by this libwb yet");
  wb_internal::fatal(std::string("wbImport: unknown type \"") + type + "\" (expected \"Real\" or \"Integer\")");
}

template <typename T> T *importAs(const wb_internal::RawFile &raw) {
  // malloc, never new[]: lab programs release these with free().
  const std::size_t count = raw.shape().count();
  T *data = static_cast<T *>(std::malloc(count > 0 ? count * sizeof(T) : 1));
  if (data == nullptr) wb_internal::fatal("wbImport: out of memory for " + std::to_string(count) + " values");
  raw.values(data);
  return data;
}

void *importFile(const char *file, int *rows, int *cols, const char *type) {
  const ElementType element = elementType(type);
  if (file == nullptr) wb_internal::fatal("wbImport: no file name given (is the -i argument missing?)");
  if (rows == nullptr) wb_internal::fatal("wbImport: the rows pointer is NULL");
  try {
    wb_internal::requireRawFormat(file);
    const wb_internal::RawFile raw = wb_internal::RawFile::read(file);
    void *data = element == ElementType::Integer ? static_cast<void *>(importAs<int>(raw))
                                                 : static_cast<void *>(importAs<float>(raw));
    *rows = raw.shape().rows;
    if (cols != nullptr) *cols = raw.shape().cols;
    return data;
  } catch (const wb_internal::FormatError &e) {
    wb_internal::fatal(std::string("wbImport: ") + e.what());
  }
}

} // namespace

float *wbImport(const char *file, int *rows) { return static_cast<float *>(importFile(file, rows, nullptr, "Real")); }

float *wbImport(const char *file, int *rows, int *cols) {
  if (cols == nullptr) wb_internal::fatal("wbImport: the cols pointer is NULL");
  return static_cast<float *>(importFile(file, rows, cols, "Real"));
}

void *wbImport(const char *file, int *rows, const char *type) { return importFile(file, rows, nullptr, type); }

void *wbImport(const char *file, int *rows, int *cols, const char *type) {
  if (cols == nullptr) wb_internal::fatal("wbImport: the cols pointer is NULL");
  return importFile(file, rows, cols, type);
}
