// Images: wbImage_t, PPM import and export, round trips and errors.
#include "harness.h"

#include <cmath>
#include <cstring>
#include <limits>

using namespace wbtest;

namespace {

std::string ppm(const std::string &header, const std::vector<int> &samples) {
  std::string bytes = header;
  for (int sample : samples) bytes += static_cast<char>(sample);
  return bytes;
}

} // namespace

TEST_CASE(imageNew, "images: wbImage_new, getters, pitch, zeroed data, delete") {
  wbImage_t color = wbImage_new(4, 2);
  CHECK_EQ(wbImage_getWidth(color), 4);
  CHECK_EQ(wbImage_getHeight(color), 2);
  CHECK_EQ(wbImage_getChannels(color), 3);
  CHECK_EQ(wbImage_getPitch(color), 12);
  for (int i = 0; i < 4 * 2 * 3; ++i) CHECK_EQ(wbImage_getData(color)[i], 0.0f);
  CHECK(color->data == wbImage_getData(color)); // the original's public fields
  wbImage_delete(color);
  wbImage_t gray = wbImage_new(3, 5, 1);
  CHECK_EQ(wbImage_getChannels(gray), 1);
  CHECK_EQ(wbImage_getPitch(gray), 3);
  wbImage_delete(gray);
  wbImage_delete(nullptr);
  wbImage_delete(wbImage_new(0, 0, 3));

  Run run = runProgram([] { wbImage_new(-1, 2, 3); });
  CHECK_EQ(run.exitCode, 1);
  CHECK_CONTAINS(run.err, "libwb: wbImage_new: an image needs a width and height of 0 or more and at least 1 channel, "
                          "got -1 x 2 with 3 channel(s)");
  run = runProgram([] { wbImage_new(65536, 65536, 3); });
  CHECK_CONTAINS(run.err, "is larger than libwb can hold");
  run = runProgram([] { wbImage_getWidth(nullptr); });
  CHECK_CONTAINS(run.err, "libwb: wbImage_getWidth: the image is NULL");
}

TEST_CASE(ppmImportP6, "ppm: P6 with comments reads as 3 interleaved channels on [0, 1]") {
  writeFile("color.ppm", ppm("P6\n# made by hand\n2 1 # two pixels\n# another comment\n255\n", {0, 51, 255, 255, 0, 102}));
  wbImage_t img = wbImport("color.ppm");
  CHECK_EQ(wbImage_getWidth(img), 2);
  CHECK_EQ(wbImage_getHeight(img), 1);
  CHECK_EQ(wbImage_getChannels(img), 3);
  const float *data = wbImage_getData(img);
  const float expected[] = {0, 0.2f, 1, 1, 0, 0.4f};
  for (int i = 0; i < 6; ++i) CHECK_EQ(data[i], expected[i]);
  wbImage_delete(img);
}

TEST_CASE(ppmImportP5, "ppm: P5 (gray, one channel), 16-bit samples, .pgm and .pnm names") {
  writeFile("gray.pgm", ppm("P5 2 2 255\n", {0, 1, 2, 255}));
  wbImage_t gray = wbImport("gray.pgm");
  CHECK_EQ(wbImage_getChannels(gray), 1);
  CHECK_EQ(wbImage_getData(gray)[3], 1.0f);
  CHECK_EQ(wbImage_getData(gray)[1], 1.0f / 255.0f);
  wbImage_delete(gray);
  writeFile("deep.pnm", ppm("P5\n1 2\n65535\n", {0x80, 0x00, 0xFF, 0xFF}));
  wbImage_t deep = wbImport("deep.pnm");
  CHECK_EQ(wbImage_getData(deep)[0], 32768.0f / 65535.0f);
  CHECK_EQ(wbImage_getData(deep)[1], 1.0f);
  wbImage_delete(deep);
}

TEST_CASE(ppmRoundTrip, "ppm: export/import round trip, bytes exact for 8-bit images") {
  std::string samples;
  std::vector<int> all;
  for (int i = 0; i < 256 * 3; ++i) all.push_back(i % 256);
  const std::string original = ppm("P6\n16 16\n255\n", all);
  writeFile("in.ppm", original);
  wbImage_t img = wbImport("in.ppm");
  wbExport("out.ppm", img);
  CHECK(readFile("out.ppm") == original);
  wbImage_delete(img);

  const std::string gray = ppm("P5\n3 1\n255\n", {0, 128, 255});
  writeFile("gray.ppm", gray);
  img = wbImport("gray.ppm");
  wbExport("gray-out.ppm", img);
  CHECK(readFile("gray-out.ppm") == gray);
  wbImage_delete(img);
}

TEST_CASE(ppmQuantization, "ppm: export clamps to [0, 1], rounds to nearest, writes NaN as 0 with a warning") {
  const Run run = runProgram([] {
    wbImage_t img = wbImage_new(7, 1, 1);
    const float values[] = {-0.5f, 0.0f, 0.5f / 255, 0.49f / 255, 0.5f, 1.7f, std::numeric_limits<float>::quiet_NaN()};
    std::memcpy(wbImage_getData(img), values, sizeof values);
    wbExport("q.ppm", img);
    wbImage_delete(img);
  });
  CHECK_EQ(run.exitCode, 0);
  CHECK(readFile("q.ppm") == ppm("P5\n7 1\n255\n", {0, 0, 1, 0, 128, 255, 0}));
  CHECK_CONTAINS(run.report, "wbExport: 1 channel value(s) of the image are NaN, which PPM cannot hold: they are written as 0");
}

TEST_CASE(ppmErrors, "ppm: import and export errors name the file and the problem") {
  struct Bad {
    const char *file;
    std::string contents;
    const char *message;
  };
  const Bad cases[] = {
      {"empty.ppm", "", "libwb: empty.ppm: the file is empty\n"},
      {"ascii.ppm", "P3\n1 1\n255\n0 0 0\n", "libwb: ascii.ppm: only binary PPM is supported (P6 color, P5 gray), found \"P3\"\n"},
      {"short-header.ppm", "P6\n1", "libwb: short-header.ppm: the header ends before the height\n"},
      {"zero.ppm", "P6\n0 1\n255\n", "libwb: zero.ppm: the width must be an integer from 1 to 65536, found \"0\"\n"},
      {"max.ppm", "P6\n1 1\n65536\n", "the maximum value must be an integer from 1 to 65535, found \"65536\""},
      {"glued.ppm", "P6\n1 1\n255", "libwb: glued.ppm: the maximum value must be followed by one whitespace byte\n"},
      {"few.ppm", ppm("P6\n1 1\n255\n", {1, 2}),
       "libwb: few.ppm: a 1 x 1 image with 3 channel(s) needs 3 bytes of pixel data, found 2\n"},
      {"many.ppm", ppm("P6\n1 1\n255\n", {1, 2, 3, 4}), "needs 3 bytes of pixel data, found 4"},
      {"above.ppm", ppm("P5\n1 1\n100\n", {101}), "libwb: above.ppm: sample 0 is 101, above the maximum value 100\n"},
      {"numbers.raw", "1\n1\n", "libwb: numbers.raw: wbImport(file) reads PPM images (.ppm, .pgm, .pnm)"},
      {"missing.ppm", "", "libwb: missing.ppm: cannot open: No such file or directory\n"},
  };
  for (const Bad &bad : cases) {
    if (std::string(bad.file) != "missing.ppm") writeFile(bad.file, bad.contents);
    const Run run = runProgram([&] { wbImport(bad.file); });
    CHECK_EQ(run.exitCode, 1);
    CHECK_CONTAINS(run.err, bad.message);
    CHECK_CONTAINS(run.report, "\"level\":\"FATAL\"");
  }

  Run run = runProgram([] { wbExport("img.raw", wbImage_new(1, 1)); });
  CHECK_CONTAINS(run.err, "libwb: img.raw: images are written as PPM: name the file .ppm\n");
  run = runProgram([] { wbExport("img.ppm", wbImage_new(1, 1, 2)); });
  CHECK_CONTAINS(run.err, "libwb: img.ppm: a PPM image has 1 (gray) or 3 (color) channels, this one has 2\n");
  run = runProgram([] { wbExport("img.ppm", wbImage_new(0, 3)); });
  CHECK_CONTAINS(run.err, "libwb: img.ppm: a PPM image needs at least one pixel, this one is 0 x 3\n");
  run = runProgram([] { wbExport("img.ppm", static_cast<wbImage_t>(nullptr)); });
  CHECK_CONTAINS(run.err, "libwb: wbExport: the image is NULL\n");
}
