// The raw format (.raw, .dat): a first line `rows` (vector) or `rows cols` (matrix), then
// rows*cols whitespace-separated values, written one matrix row per line.
#ifndef WB_SRC_RAW_FORMAT_H
#define WB_SRC_RAW_FORMAT_H

#include <cstddef>
#include <string>
#include <utility>

namespace wb_internal {

struct Shape {
  int rows;
  int cols;    // 1 for a vector
  bool matrix; // the header had two numbers
  std::size_t count() const { return static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols); }
};

// A raw file read whole, its header checked and its values counted, so that a caller allocates
// exactly once and a wrong count is reported before anything is parsed.
class RawFile {
public:
  // Throws FormatError: unreadable file, bad header, value count differing from the header.
  static RawFile read(const std::string &path);

  const Shape &shape() const { return shape_; }

  // Fill out[0 .. shape().count()). Throw FormatError naming the line of the first bad token.
  void values(float *out) const;
  void values(double *out) const;
  void values(int *out) const;

private:
  RawFile(std::string text, std::size_t body, Shape shape)
      : text_(std::move(text)), body_(body), shape_(shape) {}
  template <typename T> void parse(T *out, const char *what) const;

  std::string text_;
  std::size_t body_; // offset of the first value
  Shape shape_;
};

std::string formatRaw(const float *data, Shape shape);
std::string formatRaw(const int *data, Shape shape);
std::string formatRaw(const unsigned int *data, Shape shape);

// Throws FormatError unless `path` names a format this libwb can read and write (for now the
// raw format: .raw, .dat, or a name without a known extension).
void requireRawFormat(const std::string &path);

// Replaces the file's contents. Throws FormatError naming the path and the system's reason.
void writeWholeFile(const std::string &path, const std::string &contents);

} // namespace wb_internal

#endif
