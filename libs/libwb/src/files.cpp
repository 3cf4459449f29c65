#include "files.h"

#include "errors.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <strings.h>

namespace wb_internal {

namespace {

std::string extensionOf(const std::string &path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return std::string();
  return path.substr(dot);
}

} // namespace

FileKind fileKindOf(const std::string &path) {
  const std::string extension = extensionOf(path);
  const auto is = [&](const char *known) { return strcasecmp(extension.c_str(), known) == 0; };
  if (is(".csv")) return FileKind::Csv;
  if (is(".tsv")) return FileKind::Tsv;
  if (is(".ppm") || is(".pgm") || is(".pnm")) return FileKind::Ppm;
  if (is(".txt")) return FileKind::Text;
  return FileKind::Raw;
}

const char *fileKindName(FileKind kind) {
  switch (kind) {
  case FileKind::Raw: return "raw";
  case FileKind::Csv: return "csv";
  case FileKind::Tsv: return "tsv";
  case FileKind::Ppm: return "PPM";
  case FileKind::Text: return "text";
  }
  return "raw";
}

std::string readWholeFile(const std::string &path) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) throw FormatError(std::string("cannot open: ") + std::strerror(errno));
  std::string text;
  char buffer[1 << 16];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, got);
  const int readErrno = std::ferror(file) != 0 ? errno : 0;
  std::fclose(file);
  // A directory opens fine on Linux and fails here with EISDIR.
  if (readErrno != 0) throw FormatError(std::string("cannot read: ") + std::strerror(readErrno));
  return text;
}

void writeWholeFile(const std::string &path, const std::string &contents) {
  std::FILE *file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) throw FormatError(std::string("cannot write: ") + std::strerror(errno));
  const bool written = std::fwrite(contents.data(), 1, contents.size(), file) == contents.size();
  const int writeErrno = errno;
  if (std::fclose(file) != 0 || !written)
    throw FormatError(std::string("cannot write: ") + std::strerror(written ? errno : writeErrno));
}

std::string withoutByteOrderMark(std::string text) {
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  return text;
}

} // namespace wb_internal
