// wbSparse.h: the original libwb's sparse-matrix helper for the SpMV (JDS) lab. wb.h includes
// it, so programs may include either.
#ifndef WB_SPARSE_H
#define WB_SPARSE_H

// Converts a dim x dim matrix in CSR form (csrRowPtr has dim + 1 entries) to JDS form, as the
// original did: rows sorted by their number of non-zeros, longest first (rows of equal length
// keep their order); jdsRowPerm[i] is the original row of sorted row i and jdsRowNNZ[i] its
// length; jdsColStartIdx[j] is where the j-th jagged diagonal starts in jdsColIdx / jdsData,
// which hold the j-th non-zero of every row long enough, in sorted row order. The five arrays
// are malloc'ed (free() them); jdsColStartIdx has one entry per diagonal (at least one).
void CSRToJDS(int dim, int *csrRowPtr, int *csrColIdx, float *csrData, int **jdsRowPerm, int **jdsRowNNZ,
              int **jdsColStartIdx, int **jdsColIdx, float **jdsData);

#endif // WB_SPARSE_H
