#include "numeric_file.h"

#include "errors.h"

namespace wb_internal {

bool isNumericKind(FileKind kind) { return kind == FileKind::Raw || kind == FileKind::Csv || kind == FileKind::Tsv; }

NumericFile NumericFile::parse(std::string text, FileKind kind) {
  text = withoutByteOrderMark(std::move(text));
  switch (kind) {
  case FileKind::Raw: return NumericFile(RawFile::parse(std::move(text)));
  case FileKind::Csv: return NumericFile(DelimitedFile::parse(std::move(text), ','));
  case FileKind::Tsv: return NumericFile(DelimitedFile::parse(std::move(text), '\t'));
  case FileKind::Ppm:
  case FileKind::Text: break;
  }
  throw FormatError(std::string("a ") + fileKindName(kind) + " file does not hold numbers");
}

NumericFile NumericFile::read(const std::string &path) { return parse(readWholeFile(path), fileKindOf(path)); }

const Shape &NumericFile::shape() const {
  return std::visit([](const auto &file) -> const Shape & { return file.shape(); }, file_);
}

void NumericFile::values(float *out) const {
  std::visit([out](const auto &file) { file.values(out); }, file_);
}
void NumericFile::values(double *out) const {
  std::visit([out](const auto &file) { file.values(out); }, file_);
}
void NumericFile::values(int *out) const {
  std::visit([out](const auto &file) { file.values(out); }, file_);
}

template <typename T> std::string formatNumeric(FileKind kind, const T *data, Shape shape) {
  switch (kind) {
  case FileKind::Raw: return formatRaw(data, shape);
  case FileKind::Csv: return formatDelimited(data, shape, ',');
  case FileKind::Tsv: return formatDelimited(data, shape, '\t');
  case FileKind::Ppm:
  case FileKind::Text: break;
  }
  throw FormatError(std::string("a ") + fileKindName(kind) + " file does not hold numbers");
}

template std::string formatNumeric(FileKind, const float *, Shape);
template std::string formatNumeric(FileKind, const int *, Shape);
template std::string formatNumeric(FileKind, const unsigned int *, Shape);
template std::string formatNumeric(FileKind, const unsigned char *, Shape);

} // namespace wb_internal
