#include "raw_format.h"

#include "errors.h"
#include "numbers.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <strings.h>
#include <type_traits>
#include <vector>

namespace wb_internal {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string readWholeFile(const std::string &path) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) throw FormatError("cannot open \"" + path + "\": " + std::strerror(errno));
  std::string text;
  char buffer[1 << 16];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, got);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) throw FormatError("cannot read \"" + path + "\"");
  return text;
}

// Calls `visit(token, line)` for each whitespace-separated token from `pos` on; `line` is 1-based
// in the whole file, for error messages.
template <typename Visit> void forEachToken(const std::string &text, std::size_t pos, int line, Visit visit) {
  const std::size_t n = text.size();
  while (pos < n) {
    if (isSpace(text[pos])) {
      if (text[pos] == '\n') ++line;
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    while (pos < n && !isSpace(text[pos])) ++pos;
    visit(std::string_view(text.data() + start, pos - start), line);
  }
}

std::string quoted(std::string_view token) {
  constexpr std::size_t kShown = 40;
  std::string shown(token.substr(0, kShown));
  if (token.size() > kShown) shown += "...";
  return "\"" + shown + "\"";
}

Shape parseHeader(const std::string &path, std::string_view line) {
  std::vector<std::string_view> tokens;
  std::string lineText(line);
  forEachToken(lineText, 0, 1, [&](std::string_view token, int) { tokens.push_back(token); });
  const std::string problem = "\"" + path + "\": the first line must be `rows` or `rows cols`";
  if (tokens.empty() || tokens.size() > 2) throw FormatError(problem + ", found " + quoted(line));
  int sizes[2] = {0, 1};
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!parseNumber(tokens[i], sizes[i]) || sizes[i] < 0)
      throw FormatError(problem + " (non-negative integers), found " + quoted(line));
  }
  // Element counts are ints throughout the API (wbImport's rows, wbSolution's rows).
  if (sizes[1] != 0 && sizes[0] > INT_MAX / sizes[1])
    throw FormatError("\"" + path + "\": " + std::to_string(sizes[0]) + " x " + std::to_string(sizes[1]) +
                      " values is more than libwb can hold");
  return Shape{sizes[0], sizes[1], tokens.size() == 2};
}

template <typename T> std::string formatValues(const T *data, Shape shape) {
  std::string text = shape.matrix ? std::to_string(shape.rows) + " " + std::to_string(shape.cols)
                                  : std::to_string(shape.rows);
  text += '\n';
  text.reserve(text.size() + shape.count() * 10);
  for (int r = 0; r < shape.rows; ++r) {
    for (int c = 0; c < shape.cols; ++c) {
      if (c > 0) text += ' ';
      const T value = data[static_cast<std::size_t>(r) * static_cast<std::size_t>(shape.cols) +
                           static_cast<std::size_t>(c)];
      if constexpr (std::is_same_v<T, float>) {
        text += formatNumber(value);
      } else {
        text += formatNumber(static_cast<long long>(value));
      }
    }
    text += '\n';
  }
  return text;
}

const char *extensionOf(const std::string &path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return path.c_str() + dot;
}

} // namespace

RawFile RawFile::read(const std::string &path) {
  std::string text = readWholeFile(path);
  if (text.find_first_not_of(" \t\r\n\v\f") == std::string::npos)
    throw FormatError("\"" + path + "\" is empty");
  const std::size_t newline = text.find('\n');
  const std::size_t body = newline == std::string::npos ? text.size() : newline + 1;
  const Shape shape = parseHeader(path, std::string_view(text.data(), body));
  std::size_t found = 0;
  forEachToken(text, body, 2, [&](std::string_view, int) { ++found; });
  if (found != shape.count()) {
    throw FormatError("\"" + path + "\": expected " + std::to_string(shape.count()) + " values after the header, found " +
                      std::to_string(found));
  }
  return RawFile(std::move(text), body, shape);
}

template <typename T> void RawFile::parse(T *out, const char *what) const {
  std::size_t i = 0;
  forEachToken(text_, body_, 2, [&](std::string_view token, int line) {
    if (!parseNumber(token, out[i]))
      throw FormatError("line " + std::to_string(line) + ": " + quoted(token) + " is not " + what);
    ++i;
  });
}

void RawFile::values(float *out) const { parse(out, "a number"); }
void RawFile::values(double *out) const { parse(out, "a number"); }
void RawFile::values(int *out) const { parse(out, "an integer"); }

std::string formatRaw(const float *data, Shape shape) { return formatValues(data, shape); }
std::string formatRaw(const int *data, Shape shape) { return formatValues(data, shape); }
std::string formatRaw(const unsigned int *data, Shape shape) { return formatValues(data, shape); }

void requireRawFormat(const std::string &path) {
  static const char *const later[] = {".csv", ".tsv", ".ppm", ".pbm", ".pgm", ".txt"};
  const char *extension = extensionOf(path);
  for (const char *known : later) {
    if (strcasecmp(extension, known) == 0)
      throw FormatError("\"" + path + "\": " + known + " files are not supported by this libwb yet (use .raw)");
  }
}

void writeWholeFile(const std::string &path, const std::string &contents) {
  std::FILE *file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) throw FormatError("cannot write \"" + path + "\": " + std::strerror(errno));
  const bool written = std::fwrite(contents.data(), 1, contents.size(), file) == contents.size();
  const int savedErrno = errno;
  if (std::fclose(file) != 0 || !written)
    throw FormatError("cannot write \"" + path + "\": " + std::strerror(written ? errno : savedErrno));
}

} // namespace wb_internal
