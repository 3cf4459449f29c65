// wbExport: buffers, images and text to files, in the format of the file's extension.
#include "export.h"

#include "errors.h"
#include "files.h"
#include "numeric_file.h"
#include "ppm_format.h"

#include <string>

namespace wb_internal {

namespace {

void write(const char *file, const std::string &contents) {
  try {
    writeWholeFile(file, contents);
  } catch (const FormatError &e) {
    fatalFile(file, e.what());
  }
}

} // namespace

template <typename T>
void exportNumbers(const char *who, const char *file, const T *data, int rows, int cols, bool matrix) {
  const std::string prefix = std::string(who) + ": ";
  if (file == nullptr) fatal(prefix + "no file name given");
  if (rows < 0 || cols < 0)
    fatal(prefix + "negative size " + std::to_string(rows) + (matrix ? " x " + std::to_string(cols) : std::string()));
  if (data == nullptr && rows > 0 && cols > 0) fatal(prefix + "the data pointer is NULL");
  const FileKind kind = fileKindOf(file);
  if (kind == FileKind::Ppm) fatalFile(file, "a PPM file holds an image: pass a wbImage_t, not numbers");
  if (kind == FileKind::Text) fatalFile(file, "a .txt file holds text: write numbers to a .raw, .csv or .tsv file");
  write(file, formatNumeric(kind, data, Shape{rows, cols, matrix}));
}

template void exportNumbers(const char *, const char *, const float *, int, int, bool);
template void exportNumbers(const char *, const char *, const int *, int, int, bool);
template void exportNumbers(const char *, const char *, const unsigned int *, int, int, bool);
template void exportNumbers(const char *, const char *, const unsigned char *, int, int, bool);

void exportImage(const char *who, const char *file, wbImage_t img) {
  const std::string prefix = std::string(who) + ": ";
  if (file == nullptr) fatal(prefix + "no file name given");
  if (img == nullptr) fatal(prefix + "the image is NULL");
  if (fileKindOf(file) != FileKind::Ppm) fatalFile(file, "images are written as PPM: name the file .ppm");
  std::string bytes;
  try {
    bytes = formatPpm(img->width, img->height, img->channels, img->data);
  } catch (const FormatError &e) {
    fatalFile(file, e.what());
  }
  warnAboutNaNs(who, img);
  write(file, bytes);
}

void warnAboutNaNs(const char *who, wbImage_t img) {
  const std::size_t nans = countNaNs(img->width, img->height, img->channels, img->data);
  if (nans == 0) return;
  wbLogger_append(wbLogLevel_WARN,
                  std::string(who) + ": " + std::to_string(nans) +
                      " channel value(s) of the image are NaN, which PPM cannot hold: they are written as 0",
                  "libwb", 0);
}

void exportText(const char *who, const char *file, const char *text, int length) {
  const std::string prefix = std::string(who) + ": ";
  if (file == nullptr) fatal(prefix + "no file name given");
  if (length < 0) fatal(prefix + "negative length " + std::to_string(length));
  if (text == nullptr && length > 0) fatal(prefix + "the text pointer is NULL");
  write(file, std::string(text == nullptr ? "" : text, static_cast<std::size_t>(length)));
}

} // namespace wb_internal

using wb_internal::exportNumbers;

void wbExport(const char *file, const float *data, int rows) { exportNumbers("wbExport", file, data, rows, 1, false); }
void wbExport(const char *file, const float *data, int rows, int cols) { exportNumbers("wbExport", file, data, rows, cols, true); }
void wbExport(const char *file, const int *data, int rows) { exportNumbers("wbExport", file, data, rows, 1, false); }
void wbExport(const char *file, const int *data, int rows, int cols) { exportNumbers("wbExport", file, data, rows, cols, true); }
void wbExport(const char *file, const unsigned int *data, int rows) { exportNumbers("wbExport", file, data, rows, 1, false); }
void wbExport(const char *file, const unsigned int *data, int rows, int cols) {
  exportNumbers("wbExport", file, data, rows, cols, true);
}
void wbExport(const char *file, const unsigned char *data, int rows) { exportNumbers("wbExport", file, data, rows, 1, false); }
void wbExport(const char *file, const unsigned char *data, int rows, int cols) {
  exportNumbers("wbExport", file, data, rows, cols, true);
}
void wbExport(const char *file, const char *text, int length) { wb_internal::exportText("wbExport", file, text, length); }
void wbExport(const char *file, wbImage_t img) { wb_internal::exportImage("wbExport", file, img); }
