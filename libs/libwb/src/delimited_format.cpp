#include "delimited_format.h"

#include "errors.h"
#include "numbers.h"
#include "tokens.h"

#include <climits>

namespace wb_internal {

namespace {

// Calls `visit(line, number)` for each line of `text` (number from 1), without its "\r\n".
template <typename Visit> void forEachLine(std::string_view text, Visit visit) {
  int number = 1;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    visit(line, number++);
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
}

// Calls `visit(cell, column)` for each trimmed cell of `line` (column from 1).
template <typename Visit> void forEachCell(std::string_view line, char delimiter, Visit visit) {
  int column = 1;
  for (;;) {
    const std::size_t end = line.find(delimiter);
    visit(trimmed(line.substr(0, end)), column++);
    if (end == std::string_view::npos) break;
    line.remove_prefix(end + 1);
  }
}

// The text up to the end of its last line that holds more than whitespace.
std::size_t contentEnd(const std::string &text) {
  std::size_t end = text.size();
  while (end > 0) {
    const std::size_t lineStart = text.rfind('\n', end - 1);
    const std::size_t from = lineStart == std::string::npos ? 0 : lineStart + 1;
    if (!trimmed(std::string_view(text).substr(from, end - from)).empty()) return end;
    if (lineStart == std::string::npos) return 0;
    end = lineStart;
  }
  return 0;
}

} // namespace

DelimitedFile DelimitedFile::parse(std::string text, char delimiter) {
  text.resize(contentEnd(text));
  long long rows = 0;
  int cols = 0;
  forEachLine(text, [&](std::string_view line, int number) {
    if (trimmed(line).empty()) throw FormatError("line " + std::to_string(number) + " is empty");
    int cells = 0;
    forEachCell(line, delimiter, [&](std::string_view, int) { ++cells; });
    if (number == 1) cols = cells;
    if (cells != cols) {
      throw FormatError("line " + std::to_string(number) + " has " + std::to_string(cells) + " values, expected " +
                        std::to_string(cols) + " like the first line");
    }
    ++rows;
  });
  if (cols != 0 && rows > INT_MAX / cols) throw FormatError("the table has more values than libwb can hold");
  return DelimitedFile(std::move(text), delimiter, Shape{static_cast<int>(rows), cols, true});
}

template <typename T> void DelimitedFile::parseValues(T *out, const char *what) const {
  std::size_t i = 0;
  forEachLine(text_, [&](std::string_view line, int number) {
    forEachCell(line, delimiter_, [&](std::string_view cell, int column) {
      if (!parseNumber(cell, out[i])) {
        throw FormatError("line " + std::to_string(number) + ", column " + std::to_string(column) + ": " +
                          quotedToken(cell) + " is not " + what);
      }
      ++i;
    });
  });
}

void DelimitedFile::values(float *out) const { parseValues(out, "a number"); }
void DelimitedFile::values(double *out) const { parseValues(out, "a number"); }
void DelimitedFile::values(int *out) const { parseValues(out, "an integer"); }

template <typename T> std::string formatDelimited(const T *data, Shape shape, char delimiter) {
  std::string text;
  text.reserve(shape.count() * 10);
  const int perLine = shape.matrix ? shape.cols : 1;
  const std::size_t count = shape.count();
  // A table without cells has no lines: "1 x 0" would be a blank line, which no reader accepts.
  if (count == 0) return text;
  for (std::size_t i = 0; i < count; ++i) {
    text += formatNumber(data[i]);
    text += (i + 1) % static_cast<std::size_t>(perLine) == 0 ? '\n' : delimiter;
  }
  return text;
}

template std::string formatDelimited(const float *, Shape, char);
template std::string formatDelimited(const int *, Shape, char);
template std::string formatDelimited(const unsigned int *, Shape, char);
template std::string formatDelimited(const unsigned char *, Shape, char);

} // namespace wb_internal
