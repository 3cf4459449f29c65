// The size of numeric data: a vector (rows x 1, no column count written) or a matrix.
#ifndef WB_SRC_SHAPE_H
#define WB_SRC_SHAPE_H

#include <cstddef>

namespace wb_internal {

struct Shape {
  int rows;
  int cols;    // 1 for a vector
  bool matrix; // has a column count of its own (a `rows cols` header, a csv/tsv table)
  std::size_t count() const { return static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols); }
};

} // namespace wb_internal

#endif
