// The raw format (.raw, .dat): import, export, round trips and errors.
#include "harness.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>

using namespace wbtest;

namespace {

std::vector<float> importVector(const std::string &file) {
  int rows = -1;
  float *data = wbImport(file.c_str(), &rows);
  std::vector<float> values(data, data + rows);
  std::free(data);
  return values;
}

} // namespace

TEST_CASE(rawVectorRoundTrip, "raw: vector export/import round trip (bit exact)") {
  std::vector<float> values = {0.1f, -1.5f, 0.0f, -0.0f, 1e-30f, 3.4e38f, 123456.789f, 16777217.0f,
                               std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::max(),
                               std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity()};
  // Every finite float must survive text and back bit for bit: sample the bit patterns.
  std::mt19937 random(12345);
  while (values.size() < 20000) {
    const std::uint32_t bits = random();
    float value;
    std::memcpy(&value, &bits, sizeof value);
    if (std::isfinite(value)) values.push_back(value);
  }
  wbExport("vector.raw", values.data(), static_cast<int>(values.size()));
  const std::string text = readFile("vector.raw");
  CHECK_EQ(text.substr(0, text.find('\n')), std::to_string(values.size()));
  CHECK_EQ(text.substr(text.find('\n') + 1, 11), std::string("0.1\n-1.5\n0\n"));
  const std::vector<float> back = importVector("vector.raw");
  CHECK_EQ(back.size(), values.size());
  CHECK(back.size() == values.size() && std::memcmp(back.data(), values.data(), values.size() * sizeof(float)) == 0);

  // .dat is the same format, and so is a name libwb does not know.
  wbExport("vector.dat", values.data(), 3);
  CHECK_EQ(readFile("vector.dat"), std::string("3\n0.1\n-1.5\n0\n"));
  wbExport("vector", values.data(), 1);
  CHECK_EQ(readFile("vector"), std::string("1\n0.1\n"));
  CHECK(importVector("vector.dat") == std::vector<float>({0.1f, -1.5f, 0.0f}));
}

TEST_CASE(rawMatrixRoundTrip, "raw: matrix export/import round trip") {
  const float matrix[] = {1, 2, 3, 4.5f, -5, 6};
  wbExport("matrix.raw", matrix, 2, 3);
  CHECK_EQ(readFile("matrix.raw"), std::string("2 3\n1 2 3\n4.5 -5 6\n"));
  int rows = -1, cols = -1;
  float *back = wbImport("matrix.raw", &rows, &cols);
  CHECK_EQ(rows, 2);
  CHECK_EQ(cols, 3);
  CHECK(std::memcmp(back, matrix, sizeof matrix) == 0);
  std::free(back);

  // A vector file read as a matrix has one column; a matrix read as a vector reports its rows
  // (the original's behaviour) and still holds every value.
  writeFile("column.raw", "3\n1\n2\n3\n");
  float *column = wbImport("column.raw", &rows, &cols);
  CHECK_EQ(rows, 3);
  CHECK_EQ(cols, 1);
  std::free(column);
  float *flat = wbImport("matrix.raw", &rows);
  CHECK_EQ(rows, 2);
  CHECK_EQ(flat[5], 6.0f);
  std::free(flat);

  // Empty matrices keep their shape.
  wbExport("empty.raw", matrix, 0, 3);
  CHECK_EQ(readFile("empty.raw"), std::string("0 3\n"));
  std::free(wbImport("empty.raw", &rows, &cols));
  CHECK_EQ(rows, 0);
  CHECK_EQ(cols, 3);
}

TEST_CASE(rawIntegersRoundTrip, "raw: integer types round trip (\"Integer\", int, unsigned, unsigned char)") {
  const int values[] = {0, -1, 42, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()};
  wbExport("ints.raw", values, 5);
  CHECK_EQ(readFile("ints.raw"), std::string("5\n0\n-1\n42\n-2147483648\n2147483647\n"));
  int rows = -1, cols = -1;
  int *back = static_cast<int *>(wbImport("ints.raw", &rows, "Integer"));
  CHECK_EQ(rows, 5);
  CHECK(std::memcmp(back, values, sizeof values) == 0);
  std::free(back);

  wbExport("ints2.raw", values, 1, 2);
  int *matrix = static_cast<int *>(wbImport("ints2.raw", &rows, &cols, "integer")); // case-insensitive
  CHECK_EQ(rows, 1);
  CHECK_EQ(cols, 2);
  CHECK_EQ(matrix[1], -1);
  std::free(matrix);

  const unsigned int bins[] = {0u, 4294967295u};
  wbExport("bins.raw", bins, 1, 2);
  CHECK_EQ(readFile("bins.raw"), std::string("1 2\n0 4294967295\n"));
  const unsigned char bytes[] = {0, 7, 255};
  wbExport("bytes.raw", bytes, 3);
  CHECK_EQ(readFile("bytes.raw"), std::string("3\n0\n7\n255\n"));

  // "Real" is the default type and returns floats.
  float *reals = static_cast<float *>(wbImport("ints.raw", &rows, "Real"));
  CHECK_EQ(reals[2], 42.0f);
  std::free(reals);
}

TEST_CASE(rawHandWritten, "raw: hand-written files are read (spaces, CRLF, tabs, '+', exponents, BOM)") {
  writeFile("hand.raw", "  4 \r\n1 +2\r\n\r\n 3e0\t-4.5\r\n");
  CHECK(importVector("hand.raw") == std::vector<float>({1, 2, 3, -4.5f}));
  writeFile("bom.raw", "\xEF\xBB\xBF" "2\n1 2\n");
  CHECK(importVector("bom.raw") == std::vector<float>({1, 2}));
  writeFile("special.raw", "3\ninf -inf nan\n");
  const std::vector<float> special = importVector("special.raw");
  CHECK(std::isinf(special[0]) && special[0] > 0 && std::isinf(special[1]) && special[1] < 0 && std::isnan(special[2]));
  writeFile("empty.raw", "0\n");
  CHECK(importVector("empty.raw").empty());
}

TEST_CASE(rawImportErrors, "raw: import errors stop the program naming the file and the problem") {
  struct Bad {
    const char *file;
    const char *contents;
    const char *type;
    const char *message;
  };
  const Bad cases[] = {
      {"missing.raw", nullptr, "Real", "libwb: missing.raw: cannot open: No such file or directory\n"},
      {".", nullptr, "Real", "libwb: .: cannot read: Is a directory\n"},
      {"empty.raw", "", "Real", "libwb: empty.raw: the file is empty\n"},
      {"blank.raw", " \n\n", "Real", "libwb: blank.raw: the file is empty\n"},
      {"header.raw", "abc\n1\n", "Real",
       "libwb: header.raw: the first line must be `rows` or `rows cols` (non-negative integers), found \"abc\"\n"},
      {"three.raw", "1 2 3\n1 2 3 4 5 6\n", "Real", "found \"1 2 3\"\n"},
      {"negative.raw", "-2\n1 2\n", "Real", "found \"-2\"\n"},
      {"huge.raw", "100000 100000\n1\n", "Real", "libwb: huge.raw: 100000 x 100000 values is more than libwb can hold\n"},
      {"short.raw", "3\n1 2\n", "Real", "libwb: short.raw: expected 3 values after the header, found 2\n"},
      {"long.raw", "2\n1 2 3\n", "Real", "libwb: long.raw: expected 2 values after the header, found 3\n"},
      {"token.raw", "3\n1\nx2\n3\n", "Real", "libwb: token.raw: line 3: \"x2\" is not a number\n"},
      {"hex.raw", "1\n0x10\n", "Real", "line 2: \"0x10\" is not a number"},
      {"integer.raw", "2\n1 1.5\n", "Integer", "libwb: integer.raw: line 2: \"1.5\" is not an integer\n"},
      {"type.raw", "1\n1\n", "Complex", "libwb: wbImport: unknown type \"Complex\" (expected \"Real\", \"Integer\" or \"Text\")\n"},
      {"image.ppm", "P5 1 1 255\n\x01", "Real", "libwb: image.ppm: a PPM file holds an image: read it with wbImport(file)"},
  };
  for (const Bad &bad : cases) {
    if (bad.contents != nullptr) writeFile(bad.file, bad.contents);
    const Run run = runProgram([&] {
      int rows;
      wbImport(bad.file, &rows, bad.type);
    });
    CHECK_EQ(run.exitCode, 1);
    CHECK_CONTAINS(run.err, bad.message);
    CHECK_CONTAINS(run.report, "{\"level\":\"FATAL\",\"message\":\"");
    checkValidJson(run.report);
  }
  const Run noFile = runProgram([] {
    int rows;
    wbImport(nullptr, &rows);
  });
  CHECK_CONTAINS(noFile.err, "libwb: wbImport: no file name given (is the -i argument missing?)");
}

TEST_CASE(rawExportErrors, "raw: export errors stop the program") {
  Run run = runProgram([] {
    const float data[] = {1};
    wbExport("no-such-dir/out.raw", data, 1);
  });
  CHECK_EQ(run.exitCode, 1);
  CHECK_CONTAINS(run.err, "libwb: no-such-dir/out.raw: cannot write: No such file or directory\n");
  run = runProgram([] { wbExport("out.raw", static_cast<const float *>(nullptr), 2); });
  CHECK_CONTAINS(run.err, "libwb: wbExport: the data pointer is NULL");
  run = runProgram([] {
    const float data[] = {1};
    wbExport("out.raw", data, -1, 2);
  });
  CHECK_CONTAINS(run.err, "libwb: wbExport: negative size -1 x 2");
  run = runProgram([] {
    const float data[] = {1};
    wbExport("out.ppm", data, 1);
  });
  CHECK_CONTAINS(run.err, "libwb: out.ppm: a PPM file holds an image: pass a wbImage_t, not numbers");
  run = runProgram([] {
    const int data[] = {1};
    wbExport("out.txt", data, 1);
  });
  CHECK_CONTAINS(run.err, "libwb: out.txt: a .txt file holds text: write numbers to a .raw, .csv or .tsv file");
}
