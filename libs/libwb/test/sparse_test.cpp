// CSRToJDS (wbSparse.h): the original's layout, rows longest first.
#include "harness.h"

#include <cstdlib>

TEST_CASE(csrToJdsSortsRowsAndStoresDiagonals, "CSRToJDS: rows longest first, diagonals one after another") {
  // 3 x 3: row 0 has 1 non-zero, row 1 has 3, row 2 has 2.
  int rowPtr[] = {0, 1, 4, 6};
  int colIdx[] = {2, 0, 1, 2, 0, 2};
  float data[] = {1, 2, 3, 4, 5, 6};
  int *perm, *rowNnz, *colStart, *jdsCol;
  float *jdsData;
  CSRToJDS(3, rowPtr, colIdx, data, &perm, &rowNnz, &colStart, &jdsCol, &jdsData);

  const int wantPerm[] = {1, 2, 0}, wantNnz[] = {3, 2, 1}, wantStart[] = {0, 3, 5};
  const int wantCol[] = {0, 0, 2, 1, 2, 2};
  const float wantData[] = {2, 5, 1, 3, 6, 4};
  for (int i = 0; i < 3; ++i) {
    CHECK_EQ(perm[i], wantPerm[i]);
    CHECK_EQ(rowNnz[i], wantNnz[i]);
    CHECK_EQ(colStart[i], wantStart[i]);
  }
  for (int k = 0; k < 6; ++k) {
    CHECK_EQ(jdsCol[k], wantCol[k]);
    CHECK_EQ(jdsData[k], wantData[k]);
  }
  free(perm);
  free(rowNnz);
  free(colStart);
  free(jdsCol);
  free(jdsData);
}

TEST_CASE(csrToJdsTakesAnEmptyMatrix, "CSRToJDS: a matrix without non-zeros gives buffers that can be freed") {
  int rowPtr[] = {0, 0, 0};
  int *perm, *rowNnz, *colStart, *jdsCol;
  float *jdsData;
  CSRToJDS(2, rowPtr, nullptr, nullptr, &perm, &rowNnz, &colStart, &jdsCol, &jdsData);
  CHECK_EQ(rowNnz[0], 0);
  CHECK_EQ(colStart[0], 0);
  free(perm);
  free(rowNnz);
  free(colStart);
  free(jdsCol);
  free(jdsData);
}
