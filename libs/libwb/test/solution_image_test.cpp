// wbSolution with images, local mode: per channel on [0, 1], 2/255 by default, the program's
// image taken as the bytes graded mode writes (as the worker sees it).
#include "harness.h"

#include <cstring>
#include <limits>

using namespace wbtest;

namespace {

const std::string kCorrect = "Solution is correct.\n";

std::string ppm(const std::string &header, const std::vector<int> &samples) {
  std::string bytes = header;
  for (int sample : samples) bytes += static_cast<char>(sample);
  return bytes;
}

// The verdict for an image of `width` x `height` x `channels` with channel values `values`
// (given as 8-bit levels when `levels`, else as floats) against the expected PPM bytes.
std::string imageVerdict(const std::string &expectedPpm, int width, int height, int channels, std::vector<float> values,
                         std::vector<std::string> extra = {}) {
  writeFile("expected.ppm", expectedPpm);
  std::vector<std::string> words = {"-e", "expected.ppm"};
  words.insert(words.end(), extra.begin(), extra.end());
  const Run run = runProgram([&] {
    wbImage_t img = wbImage_new(width, height, channels);
    std::memcpy(wbImage_getData(img), values.data(), values.size() * sizeof(float));
    wbSolution(argsOf(words), img);
    wbImage_delete(img);
  });
  CHECK_EQ(run.exitCode, 0);
  return run.out;
}

std::vector<float> levels(const std::vector<int> &samples) {
  std::vector<float> values;
  for (int sample : samples) values.push_back(static_cast<float>(sample) / 255.0f);
  return values;
}

} // namespace

TEST_CASE(imageWithinTwoLevels, "local image: within two 8-bit levels per channel passes, three fails") {
  const std::string expected = ppm("P6\n1 2\n255\n", {10, 20, 30, 40, 50, 60});
  CHECK_EQ(imageVerdict(expected, 1, 2, 3, levels({12, 18, 30, 40, 50, 60})), kCorrect);
  CHECK_EQ(imageVerdict(expected, 1, 2, 3, levels({10, 20, 30, 40, 50, 63})),
           "Solution is NOT correct: the solution did not match the expected result at pixel (x 0, y 1), channel 2 "
           "(index 5): expected 0.235 (60/255), got 0.247 (63/255)\n");
}

TEST_CASE(imageMismatchPosition, "local image: a mismatch names pixel, channel and index") {
  CHECK_EQ(imageVerdict(ppm("P6\n2 2\n255\n", std::vector<int>(12, 128)), 2, 2, 3,
                        levels({128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 64, 128})),
           "Solution is NOT correct: the solution did not match the expected result at pixel (x 1, y 1), channel 1 "
           "(index 10): expected 0.502 (128/255), got 0.251 (64/255)\n");
}

TEST_CASE(imageSizeMismatch, "local image: width, height and channels must match") {
  CHECK_EQ(imageVerdict(ppm("P6\n2 1\n255\n", std::vector<int>(6, 0)), 1, 2, 3, std::vector<float>(6, 0)),
           "Solution is NOT correct: expected a 2 x 1 with 3 channel(s) image, got 1 x 2 with 3 channel(s)\n");
  CHECK_EQ(imageVerdict(ppm("P5\n2 1\n255\n", {0, 0}), 2, 1, 3, std::vector<float>(6, 0)),
           "Solution is NOT correct: expected a 2 x 1 with 1 channel(s) image, got 2 x 1 with 3 channel(s)\n");
}

TEST_CASE(imageLabTolerance, "local image: --tolerance gives the lab's tolerance") {
  const std::string black = ppm("P6\n1 1\n255\n", {0, 0, 0});
  CHECK_EQ(imageVerdict(black, 1, 1, 3, levels({25, 0, 0}), {"--tolerance", "0.1"}), kCorrect);
  CHECK_CONTAINS(imageVerdict(black, 1, 1, 3, levels({1, 0, 0}), {"--tolerance", "0"}), "channel 0 (index 0)");
  CHECK_EQ(imageVerdict(black, 1, 1, 3, levels({1, 0, 0}), {"-t", "image", "--tolerance", "0"}).substr(0, 24),
           "Solution is NOT correct:");
}

TEST_CASE(imageWrittenBytesAreCompared, "local image: values are clamped and rounded as written; NaN counts as 0") {
  const std::string expected = ppm("P5\n5 1\n255\n", {0, 255, 3, 0, 0});
  const float nan = std::numeric_limits<float>::quiet_NaN();
  // -1 and 7 are written as 0 and 255; 5.4/255 rounds to level 5 (2 from 3, passes); NaN is 0.
  CHECK_EQ(imageVerdict(expected, 5, 1, 1, {-1, 7, 5.4f / 255, nan, 0}), kCorrect);
  // 5.6/255 rounds to level 6: three levels away.
  CHECK_CONTAINS(imageVerdict(expected, 5, 1, 1, {0, 1, 5.6f / 255, 0, 0}), "expected 0.012 (3/255), got 0.024 (6/255)");
  const Run run = runProgram([&] {
    wbImage_t img = wbImage_new(1, 1, 1);
    wbImage_getData(img)[0] = nan;
    writeFile("gray.ppm", ppm("P5\n1 1\n255\n", {0}));
    wbSolution(argsOf({"-e", "gray.ppm"}), img);
    wbImage_delete(img);
  });
  CHECK_CONTAINS(run.report, "wbSolution: 1 channel value(s) of the image are NaN, which PPM cannot hold");
}

TEST_CASE(imageDeepExpected, "local image: a 16-bit expected image compares on [0, 1]") {
  CHECK_EQ(imageVerdict(ppm("P5\n1 1\n65535\n", {0x80, 0x00}), 1, 1, 1, levels({128})), kCorrect);
  CHECK_EQ(imageVerdict(ppm("P5\n1 1\n65535\n", {0xFF, 0xFF}), 1, 1, 1, levels({253})), kCorrect);
  CHECK_CONTAINS(imageVerdict(ppm("P5\n1 1\n65535\n", {0xFF, 0xFF}), 1, 1, 1, levels({252})),
                 "expected 1.000 (65535/65535), got 0.988 (252/255)");
}

TEST_CASE(imageBadExpected, "local image: an expected output that is not a PPM stops the program") {
  writeFile("expected.raw", "3\n1 2 3\n");
  const Run run = runProgram([] { wbSolution(argsOf({"-e", "expected.raw"}), wbImage_new(1, 1)); });
  CHECK_EQ(run.exitCode, 1);
  CHECK_CONTAINS(run.err, "libwb: expected.raw: only binary PPM is supported (P6 color, P5 gray), found \"3\"\n");
}
