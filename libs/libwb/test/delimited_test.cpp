// csv and tsv: import, export, round trips and errors.
#include "harness.h"

#include <cstdlib>
#include <cstring>

using namespace wbtest;

namespace {

struct Table {
  int rows;
  int cols;
  std::vector<float> values;
};

Table importTable(const char *file) {
  Table table{-1, -1, {}};
  float *data = wbImport(file, &table.rows, &table.cols);
  table.values.assign(data, data + static_cast<std::size_t>(table.rows) * table.cols);
  std::free(data);
  return table;
}

} // namespace

TEST_CASE(csvMatrixRoundTrip, "csv/tsv: matrix export/import round trip") {
  const float matrix[] = {1, 2, 3, 4.5f, -5, 0.1f};
  wbExport("matrix.csv", matrix, 2, 3);
  CHECK_EQ(readFile("matrix.csv"), std::string("1,2,3\n4.5,-5,0.1\n"));
  Table table = importTable("matrix.csv");
  CHECK_EQ(table.rows, 2);
  CHECK_EQ(table.cols, 3);
  CHECK(std::memcmp(table.values.data(), matrix, sizeof matrix) == 0);

  wbExport("matrix.TSV", matrix, 3, 2); // the extension is case-insensitive
  CHECK_EQ(readFile("matrix.TSV"), std::string("1\t2\n3\t4.5\n-5\t0.1\n"));
  table = importTable("matrix.TSV");
  CHECK_EQ(table.rows, 3);
  CHECK_EQ(table.cols, 2);
  CHECK(std::memcmp(table.values.data(), matrix, sizeof matrix) == 0);
}

TEST_CASE(csvVectors, "csv/tsv: vectors are one value per line; a row or a column reads back as a vector") {
  const float vector[] = {1, 2, 3};
  wbExport("vector.csv", vector, 3);
  CHECK_EQ(readFile("vector.csv"), std::string("1\n2\n3\n"));
  int rows = -1;
  float *back = wbImport("vector.csv", &rows);
  CHECK_EQ(rows, 3);
  CHECK(std::memcmp(back, vector, sizeof vector) == 0);
  std::free(back);

  writeFile("row.csv", "1,2,3\n");
  back = wbImport("row.csv", &rows);
  CHECK_EQ(rows, 3);
  CHECK_EQ(back[2], 3.0f);
  std::free(back);

  // A true matrix read as a vector reports its rows, like a raw matrix.
  writeFile("matrix.csv", "1,2\n3,4\n5,6\n");
  std::free(wbImport("matrix.csv", &rows));
  CHECK_EQ(rows, 3);

  // No values: an empty file, read back as 0 x 0.
  wbExport("empty.csv", vector, 0);
  CHECK_EQ(readFile("empty.csv"), std::string());
  CHECK_EQ(importTable("empty.csv").rows, 0);
  CHECK_EQ(importTable("empty.csv").cols, 0);
}

TEST_CASE(csvIntegers, "csv/tsv: integers (\"Integer\" import, int and unsigned export)") {
  writeFile("ints.tsv", "1\t-2\n2147483647\t0\n");
  int rows = -1, cols = -1;
  int *ints = static_cast<int *>(wbImport("ints.tsv", &rows, &cols, "Integer"));
  CHECK_EQ(rows, 2);
  CHECK_EQ(cols, 2);
  CHECK_EQ(ints[1], -2);
  CHECK_EQ(ints[2], 2147483647);
  wbExport("ints.csv", ints, 2, 2);
  CHECK_EQ(readFile("ints.csv"), std::string("1,-2\n2147483647,0\n"));
  std::free(ints);
  const unsigned int bins[] = {4294967295u, 1u};
  wbExport("bins.csv", bins, 1, 2);
  CHECK_EQ(readFile("bins.csv"), std::string("4294967295,1\n"));
}

TEST_CASE(csvHandWritten, "csv/tsv: hand-written files (CRLF, spaces around cells, trailing blank lines, BOM)") {
  writeFile("hand.csv", "\xEF\xBB\xBF 1, 2 ,+3\r\n4,5e-1 , -6 \r\n\r\n  \n");
  const Table table = importTable("hand.csv");
  CHECK_EQ(table.rows, 2);
  CHECK_EQ(table.cols, 3);
  CHECK(table.values == std::vector<float>({1, 2, 3, 4, 0.5f, -6}));
  writeFile("last.tsv", "1\t2\n3\t4");
  CHECK_EQ(importTable("last.tsv").rows, 2);
}

TEST_CASE(csvErrors, "csv/tsv: errors name the line and column") {
  struct Bad {
    const char *file;
    const char *contents;
    const char *message;
  };
  const Bad cases[] = {
      {"ragged.csv", "1,2,3\n4,5\n", "libwb: ragged.csv: line 2 has 2 values, expected 3 like the first line\n"},
      {"gap.csv", "1,2\n\n3,4\n", "libwb: gap.csv: line 2 is empty\n"},
      {"cell.csv", "1,a\n", "libwb: cell.csv: line 1, column 2: \"a\" is not a number\n"},
      {"hole.csv", "1,,3\n", "libwb: hole.csv: line 1, column 2: \"\" is not a number\n"},
      {"spaces.tsv", "1 2\t3\n", "libwb: spaces.tsv: line 1, column 1: \"1 2\" is not a number\n"},
      {"comma.tsv", "1,5\t2\n", "\"1,5\" is not a number"},
  };
  for (const Bad &bad : cases) {
    writeFile(bad.file, bad.contents);
    const Run run = runProgram([&] {
      int rows, cols;
      wbImport(bad.file, &rows, &cols);
    });
    CHECK_EQ(run.exitCode, 1);
    CHECK_CONTAINS(run.err, bad.message);
    CHECK_CONTAINS(run.report, "\"level\":\"FATAL\"");
  }
  writeFile("float.csv", "1,2.5\n");
  const Run integer = runProgram([] {
    int rows;
    wbImport("float.csv", &rows, "Integer");
  });
  CHECK_CONTAINS(integer.err, "libwb: float.csv: line 1, column 2: \"2.5\" is not an integer\n");
}
