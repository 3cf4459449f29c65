#include "raw_format.h"

#include "errors.h"
#include "numbers.h"
#include "tokens.h"

#include <climits>
#include <string_view>
#include <vector>

namespace wb_internal {

namespace {

Shape parseHeader(std::string_view line) {
  std::vector<std::string_view> tokens;
  forEachToken(line, 0, 1, [&](std::string_view token, int) { tokens.push_back(token); });
  const std::string problem = "the first line must be `rows` or `rows cols` (non-negative integers), found " +
                              quotedToken(trimmed(line));
  if (tokens.empty() || tokens.size() > 2) throw FormatError(problem);
  int sizes[2] = {0, 1};
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!parseNumber(tokens[i], sizes[i]) || sizes[i] < 0) throw FormatError(problem);
  }
  // Element counts are ints throughout the API (wbImport's rows, wbSolution's rows).
  if (sizes[1] != 0 && sizes[0] > INT_MAX / sizes[1]) {
    throw FormatError(std::to_string(sizes[0]) + " x " + std::to_string(sizes[1]) +
                      " values is more than libwb can hold");
  }
  return Shape{sizes[0], sizes[1], tokens.size() == 2};
}

} // namespace

RawFile RawFile::parse(std::string text) {
  if (trimmed(text).empty()) throw FormatError("the file is empty");
  const std::size_t newline = text.find('\n');
  const std::size_t body = newline == std::string::npos ? text.size() : newline + 1;
  const Shape shape = parseHeader(std::string_view(text).substr(0, body));
  std::size_t found = 0;
  forEachToken(text, body, 2, [&](std::string_view, int) { ++found; });
  if (found != shape.count()) {
    throw FormatError("expected " + std::to_string(shape.count()) + " values after the header, found " +
                      std::to_string(found));
  }
  return RawFile(std::move(text), body, shape);
}

template <typename T> void RawFile::parseValues(T *out, const char *what) const {
  std::size_t i = 0;
  forEachToken(text_, body_, 2, [&](std::string_view token, int line) {
    if (!parseNumber(token, out[i]))
      throw FormatError("line " + std::to_string(line) + ": " + quotedToken(token) + " is not " + what);
    ++i;
  });
}

void RawFile::values(float *out) const { parseValues(out, "a number"); }
void RawFile::values(double *out) const { parseValues(out, "a number"); }
void RawFile::values(int *out) const { parseValues(out, "an integer"); }

template <typename T> std::string formatRaw(const T *data, Shape shape) {
  std::string text = shape.matrix ? std::to_string(shape.rows) + " " + std::to_string(shape.cols)
                                  : std::to_string(shape.rows);
  text += '\n';
  text.reserve(text.size() + shape.count() * 10);
  std::size_t i = 0;
  for (int r = 0; r < shape.rows; ++r) {
    for (int c = 0; c < shape.cols; ++c) {
      if (c > 0) text += ' ';
      text += formatNumber(data[i++]);
    }
    text += '\n';
  }
  return text;
}

template std::string formatRaw(const float *, Shape);
template std::string formatRaw(const int *, Shape);
template std::string formatRaw(const unsigned int *, Shape);
template std::string formatRaw(const unsigned char *, Shape);

} // namespace wb_internal
