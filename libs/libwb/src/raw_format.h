// The raw format (.raw, .dat): a first line `rows` (vector) or `rows cols` (matrix), then
// rows*cols whitespace-separated values, written one matrix row per line.
#ifndef WB_SRC_RAW_FORMAT_H
#define WB_SRC_RAW_FORMAT_H

#include "shape.h"

#include <cstddef>
#include <string>
#include <utility>

namespace wb_internal {

// A raw file's text, its header checked and its values counted, so that a caller allocates
// exactly once and a wrong count is reported before anything is parsed.
class RawFile {
public:
  // Throws FormatError: empty text, bad header, value count differing from the header.
  static RawFile parse(std::string text);

  const Shape &shape() const { return shape_; }

  // Fill out[0 .. shape().count()). Throw FormatError naming the line of the first bad token.
  void values(float *out) const;
  void values(double *out) const;
  void values(int *out) const;

private:
  RawFile(std::string text, std::size_t body, Shape shape) : text_(std::move(text)), body_(body), shape_(shape) {}
  template <typename T> void parseValues(T *out, const char *what) const;

  std::string text_;
  std::size_t body_; // offset of the first value
  Shape shape_;
};

// The header (`rows` for a vector, `rows cols` for a matrix), then one matrix row per line.
template <typename T> std::string formatRaw(const T *data, Shape shape);

} // namespace wb_internal

#endif
