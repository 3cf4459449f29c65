// The writer behind wbExport, shared with wbSolution's graded mode so both write the same bytes.
#ifndef WB_SRC_EXPORT_H
#define WB_SRC_EXPORT_H

#include "raw_format.h"

namespace wb_internal {

// Writes data as a raw vector (matrix == false, cols == 1) or matrix; `who` prefixes errors.
template <typename T> void exportData(const char *who, const char *file, const T *data, int rows, int cols, bool matrix);

} // namespace wb_internal

#endif
