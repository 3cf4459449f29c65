// The image half of wbSolution's local check (see compare.h).
#include "compare.h"

#include <cstdio>

namespace wb_internal {

namespace {

std::string describe(int width, int height, int channels) {
  return std::to_string(width) + " x " + std::to_string(height) + " with " + std::to_string(channels) + " channel(s)";
}

// "0.502 (128/255)": the value and the sample it comes from, as the platform shows them.
std::string channel(double value, unsigned sample, int maxValue) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f (%u/%d)", value, sample, maxValue);
  return text;
}

} // namespace

Verdict compareImage(const PpmImage &expected, const st_wbImage_t &actual, double tolerance) {
  if (expected.width != actual.width || expected.height != actual.height || expected.channels != actual.channels) {
    return {false, "Solution is NOT correct: expected a " + describe(expected.width, expected.height, expected.channels) +
                       " image, got " + describe(actual.width, actual.height, actual.channels)};
  }
  for (std::size_t i = 0; i < expected.samples.size(); ++i) {
    const unsigned written = channelToByte(actual.data[i]);
    const double value = written / 255.0;
    if (withinTolerance(expected.value(i), value, tolerance)) continue;
    const std::size_t pixel = i / static_cast<std::size_t>(expected.channels);
    const std::size_t width = static_cast<std::size_t>(expected.width);
    return {false, "Solution is NOT correct: the solution did not match the expected result at pixel (x " +
                       std::to_string(pixel % width) + ", y " + std::to_string(pixel / width) + "), channel " +
                       std::to_string(i % static_cast<std::size_t>(expected.channels)) + " (index " +
                       std::to_string(i) + "): expected " +
                       channel(expected.value(i), expected.samples[i], expected.maxValue) + ", got " +
                       channel(value, written, 255)};
  }
  return correctVerdict();
}

} // namespace wb_internal
