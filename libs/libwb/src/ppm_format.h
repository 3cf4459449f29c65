// Binary PPM as libwb reads and writes it, with the platform comparator's rules
// (libs/judge/src/compare/ppm-format.ts): `P6` (3 channels) or `P5` (1 channel); width, height
// and maximum value separated by whitespace, `#` comments running to the end of their line; one
// whitespace byte; then exactly width*height*channels samples, one byte each, or two big-endian
// bytes when the maximum value exceeds 255.
#ifndef WB_SRC_PPM_FORMAT_H
#define WB_SRC_PPM_FORMAT_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace wb_internal {

struct PpmImage {
  int width;
  int height;
  int channels; // 1 or 3
  int maxValue; // 255 for 8-bit images
  std::vector<std::uint16_t> samples; // (y * width + x) * channels + c

  // A channel on [0, 1], computed as the comparator computes it.
  double value(std::size_t i) const { return static_cast<double>(samples[i]) / maxValue; }
};

// Throws FormatError saying what is wrong with the header or the pixel data.
PpmImage parsePpm(const std::string &bytes);

// A channel on [0, 1] as the byte libwb writes: clamped, times 255, rounded to nearest. NaN
// (which a byte cannot hold) becomes 0.
std::uint8_t channelToByte(float value);

// An 8-bit PPM (P6 for 3 channels, P5 for 1) of `data`. Throws FormatError for sizes PPM cannot
// hold (no pixels, or 2 or 4+ channels).
std::string formatPpm(int width, int height, int channels, const float *data);

// How many channels of the image are NaN (written as 0).
std::size_t countNaNs(int width, int height, int channels, const float *data);

} // namespace wb_internal

#endif
