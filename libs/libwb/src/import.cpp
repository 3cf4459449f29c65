// wbImport: dataset files into malloc'ed buffers (and images) the program frees.
#include "wb.h"

#include "errors.h"
#include "files.h"
#include "numbers.h"
#include "numeric_file.h"
#include "ppm_format.h"
#include "tokens.h"

#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <strings.h>
#include <vector>

namespace {

using wb_internal::FileKind;
using wb_internal::FormatError;

enum class ElementType { Real, Integer, Text };

ElementType elementType(const char *type) {
  if (type == nullptr || strcasecmp(type, "Real") == 0) return ElementType::Real;
  if (strcasecmp(type, "Integer") == 0) return ElementType::Integer;
  if (strcasecmp(type, "Text") == 0) return ElementType::Text;
  wb_internal::fatal(std::string("wbImport: unknown type \"") + type + "\" (expected \"Real\", \"Integer\" or \"Text\")");
}

// malloc, never new[]: lab programs release these with free().
void *allocate(std::size_t count, std::size_t size) {
  void *data = std::malloc(count > 0 ? count * size : 1);
  if (data == nullptr) wb_internal::fatal("wbImport: out of memory for " + std::to_string(count) + " values");
  return data;
}

template <typename T> T *importAs(const wb_internal::NumericFile &file) {
  T *data = static_cast<T *>(allocate(file.shape().count(), sizeof(T)));
  try {
    file.values(data);
  } catch (...) {
    std::free(data); // fatal() is coming, but a leak report should not distract from it
    throw;
  }
  return data;
}

// The file's bytes, NUL-terminated so the program may use them as a C string.
char *importText(const char *file, int *rows, int *cols) {
  std::string text;
  try {
    text = wb_internal::readWholeFile(file);
  } catch (const FormatError &e) {
    wb_internal::fatalFile(file, e.what());
  }
  if (text.size() >= static_cast<std::size_t>(INT_MAX)) wb_internal::fatalFile(file, "the text is larger than libwb can hold");
  char *data = static_cast<char *>(allocate(text.size() + 1, 1));
  std::memcpy(data, text.c_str(), text.size() + 1);
  *rows = static_cast<int>(text.size());
  if (cols != nullptr) *cols = 1;
  return data;
}

// How many values a vector import reports. A raw file says by its header, as in the original; a
// csv/tsv vector may be laid out as one line or one value per line, and *rows is its length
// either way; a csv/tsv matrix read as a vector reports its rows, like a raw matrix.
int vectorLength(FileKind kind, const wb_internal::Shape &shape) {
  if (kind == FileKind::Raw) return shape.rows;
  if (shape.rows == 1 || shape.cols == 1) return static_cast<int>(shape.count());
  return shape.rows;
}

void *importFile(const char *file, int *rows, int *cols, const char *type) {
  const ElementType element = elementType(type);
  if (file == nullptr) wb_internal::fatal("wbImport: no file name given (is the -i argument missing?)");
  if (rows == nullptr) wb_internal::fatal("wbImport: the rows pointer is NULL");
  const FileKind kind = wb_internal::fileKindOf(file);
  if (kind == FileKind::Text || element == ElementType::Text) return importText(file, rows, cols);
  if (kind == FileKind::Ppm) {
    wb_internal::fatalFile(file, "a PPM file holds an image: read it with wbImport(file), which returns a wbImage_t");
  }
  try {
    const wb_internal::NumericFile numbers = wb_internal::NumericFile::read(file);
    void *data = element == ElementType::Integer ? static_cast<void *>(importAs<int>(numbers))
                                                 : static_cast<void *>(importAs<float>(numbers));
    const wb_internal::Shape &shape = numbers.shape();
    if (cols != nullptr) {
      *rows = shape.rows;
      *cols = shape.cols;
    } else {
      *rows = vectorLength(kind, shape);
    }
    return data;
  } catch (const FormatError &e) {
    wb_internal::fatalFile(file, e.what());
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

wbImage_t wbImport(const char *file) {
  if (file == nullptr) wb_internal::fatal("wbImport: no file name given (is the -i argument missing?)");
  if (wb_internal::fileKindOf(file) != FileKind::Ppm) {
    wb_internal::fatalFile(file, "wbImport(file) reads PPM images (.ppm, .pgm, .pnm); read numbers with "
                                 "wbImport(file, &rows) or wbImport(file, &rows, &cols)");
  }
  wb_internal::PpmImage ppm;
  try {
    ppm = wb_internal::parsePpm(wb_internal::readWholeFile(file));
  } catch (const FormatError &e) {
    wb_internal::fatalFile(file, e.what());
  }
  wbImage_t img = wbImage_new(ppm.width, ppm.height, ppm.channels);
  const float maxValue = static_cast<float>(ppm.maxValue);
  for (std::size_t i = 0; i < ppm.samples.size(); ++i) img->data[i] = static_cast<float>(ppm.samples[i]) / maxValue;
  return img;
}

int wbImport_flag(const char *file) {
  if (file == nullptr) wb_internal::fatal("wbImport_flag: no file name given (is the -i argument missing?)");
  try {
    const std::string text = wb_internal::withoutByteOrderMark(wb_internal::readWholeFile(file));
    std::vector<std::string_view> tokens;
    wb_internal::forEachToken(text, 0, 1, [&](std::string_view token, int) {
      if (tokens.size() < 2) tokens.push_back(token);
    });
    int flag = 0;
    if (tokens.size() != 1 || !wb_internal::parseNumber(tokens[0], flag)) {
      throw FormatError(tokens.empty() ? std::string("expected one integer (a flag), the file is empty")
                                       : "expected one integer (a flag), found " +
                                             wb_internal::quotedToken(wb_internal::trimmed(text)));
    }
    return flag;
  } catch (const FormatError &e) {
    wb_internal::fatalFile(file, e.what());
  }
}
