// csv and tsv: no header, one row per line, cells separated by ',' or a tab, every row as long
// as the first. The rules are the platform comparator's (libs/judge/src/compare), so a file
// libwb accepts is one the worker accepts: CRLF line ends, cells trimmed, trailing blank lines
// ignored, a blank line inside the table an error, an empty file an empty (0 x 0) table.
#ifndef WB_SRC_DELIMITED_FORMAT_H
#define WB_SRC_DELIMITED_FORMAT_H

#include "shape.h"

#include <string>
#include <string_view>
#include <utility>

namespace wb_internal {

class DelimitedFile {
public:
  // Throws FormatError: a blank line inside the table, a row longer or shorter than the first.
  static DelimitedFile parse(std::string text, char delimiter);

  const Shape &shape() const { return shape_; }

  // Fill out[0 .. shape().count()) row by row. Throw FormatError naming the line and column of
  // the first cell that is not a number.
  void values(float *out) const;
  void values(double *out) const;
  void values(int *out) const;

private:
  DelimitedFile(std::string text, char delimiter, Shape shape)
      : text_(std::move(text)), delimiter_(delimiter), shape_(shape) {}
  template <typename T> void parseValues(T *out, const char *what) const;

  std::string text_; // the table, trailing blank lines removed
  char delimiter_;
  Shape shape_;
};

// A matrix one row per line; a vector one value per line.
template <typename T> std::string formatDelimited(const T *data, Shape shape, char delimiter);

} // namespace wb_internal

#endif
