// The writers behind wbExport, shared with wbSolution's graded mode so both write the same bytes.
// `who` ("wbExport", "wbSolution") names the caller in errors about the call itself; errors about
// the file read "<file>: <problem>". All of them stop the program (see errors.h).
#ifndef WB_SRC_EXPORT_H
#define WB_SRC_EXPORT_H

#include "wb.h"

namespace wb_internal {

// In the numeric format of the file's extension: a vector (matrix == false, cols == 1) or a matrix.
template <typename T>
void exportNumbers(const char *who, const char *file, const T *data, int rows, int cols, bool matrix);

// As an 8-bit PPM; the file must be named .ppm, .pgm or .pnm.
void exportImage(const char *who, const char *file, wbImage_t img);

// Logs a warning when channels of the image are NaN, which PPM (bytes) cannot hold and writes as
// 0: a broken kernel should not pass for a dark pixel unnoticed.
void warnAboutNaNs(const char *who, wbImage_t img);

// The bytes as they are, whatever the extension.
void exportText(const char *who, const char *file, const char *text, int length);

} // namespace wb_internal

#endif
