// wbExport: buffers to files in the raw format.
#include "export.h"

#include "wb.h"

#include "errors.h"

namespace wb_internal {

template <typename T> void exportData(const char *who, const char *file, const T *data, int rows, int cols, bool matrix) {
  const std::string prefix = std::string(who) + ": ";
  if (file == nullptr) fatal(prefix + "no file name given");
  if (rows < 0 || cols < 0)
    fatal(prefix + "negative size " + std::to_string(rows) + (matrix ? " x " + std::to_string(cols) : std::string()));
  if (data == nullptr && rows > 0 && cols > 0) fatal(prefix + "the data pointer is NULL");
  try {
    requireRawFormat(file);
    writeWholeFile(file, formatRaw(data, Shape{rows, cols, matrix}));
  } catch (const FormatError &e) {
    fatal(prefix + e.what());
  }
}

template void exportData(const char *, const char *, const float *, int, int, bool);
template void exportData(const char *, const char *, const int *, int, int, bool);
template void exportData(const char *, const char *, const unsigned int *, int, int, bool);

} // namespace wb_internal

using wb_internal::exportData;

void wbExport(const char *file, const float *data, int rows) { exportData("wbExport", file, data, rows, 1, false); }
void wbExport(const char *file, const float *data, int rows, int cols) { exportData("wbExport", file, data, rows, cols, true); }
void wbExport(const char *file, const int *data, int rows) { exportData("wbExport", file, data, rows, 1, false); }
void wbExport(const char *file, const int *data, int rows, int cols) { exportData("wbExport", file, data, rows, cols, true); }
void wbExport(const char *file, const unsigned int *data, int rows) { exportData("wbExport", file, data, rows, 1, false); }
void wbExport(const char *file, const unsigned int *data, int rows, int cols) {
  exportData("wbExport", file, data, rows, cols, true);
}
