// CSRToJDS (wbSparse.h): the original libwb's conversion for the SpMV (JDS) lab.
#include "wb.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <vector>

namespace {

template <typename T> T *allocate(size_t count) {
  // At least one element, so that an empty matrix still gets buffers the program may free().
  return static_cast<T *>(std::malloc(sizeof(T) * std::max<size_t>(count, 1)));
}

} // namespace

void CSRToJDS(int dim, int *csrRowPtr, int *csrColIdx, float *csrData, int **jdsRowPerm, int **jdsRowNNZ,
              int **jdsColStartIdx, int **jdsColIdx, float **jdsData) {
  const int rows = std::max(dim, 0);
  std::vector<int> order(rows);
  std::iota(order.begin(), order.end(), 0);
  const auto length = [&](int row) { return csrRowPtr[row + 1] - csrRowPtr[row]; };
  // Stable, so that equal rows keep their order and every run gives the same layout.
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return length(a) > length(b); });

  *jdsRowPerm = allocate<int>(rows);
  *jdsRowNNZ = allocate<int>(rows);
  for (int i = 0; i < rows; ++i) {
    (*jdsRowPerm)[i] = order[i];
    (*jdsRowNNZ)[i] = length(order[i]);
  }

  const int diagonals = rows > 0 ? (*jdsRowNNZ)[0] : 0;
  *jdsColStartIdx = allocate<int>(diagonals);
  (*jdsColStartIdx)[0] = 0;
  for (int j = 1; j < diagonals; ++j) {
    // The rows long enough to have a (j - 1)-th non-zero are a prefix of the sorted rows.
    int count = 0;
    while (count < rows && (*jdsRowNNZ)[count] > j - 1) ++count;
    (*jdsColStartIdx)[j] = (*jdsColStartIdx)[j - 1] + count;
  }

  const int nonZeros = rows > 0 ? csrRowPtr[rows] : 0;
  *jdsColIdx = allocate<int>(nonZeros);
  *jdsData = allocate<float>(nonZeros);
  for (int i = 0; i < rows; ++i) {
    const int row = order[i];
    for (int j = 0; j < (*jdsRowNNZ)[i]; ++j) {
      const int at = (*jdsColStartIdx)[j] + i;
      (*jdsColIdx)[at] = csrColIdx[csrRowPtr[row] + j];
      (*jdsData)[at] = csrData[csrRowPtr[row] + j];
    }
  }
}
