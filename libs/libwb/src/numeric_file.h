// A file of numbers in any of libwb's numeric formats (raw, csv, tsv), behind one interface.
#ifndef WB_SRC_NUMERIC_FILE_H
#define WB_SRC_NUMERIC_FILE_H

#include "delimited_format.h"
#include "files.h"
#include "raw_format.h"

#include <string>
#include <variant>

namespace wb_internal {

// True for the kinds that hold numbers: raw, csv, tsv.
bool isNumericKind(FileKind kind);

class NumericFile {
public:
  // `kind` must be numeric. Throws FormatError for text that is not in that format.
  static NumericFile parse(std::string text, FileKind kind);
  // Reads and parses the file in the format of its extension. Throws FormatError.
  static NumericFile read(const std::string &path);

  const Shape &shape() const;
  void values(float *out) const;
  void values(double *out) const;
  void values(int *out) const;

private:
  explicit NumericFile(std::variant<RawFile, DelimitedFile> file) : file_(std::move(file)) {}
  std::variant<RawFile, DelimitedFile> file_;
};

// `data` in the numeric format `kind` (which must be numeric).
template <typename T> std::string formatNumeric(FileKind kind, const T *data, Shape shape);

} // namespace wb_internal

#endif
