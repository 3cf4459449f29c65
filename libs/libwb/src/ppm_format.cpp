#include "ppm_format.h"

#include "errors.h"

#include <climits>
#include <cmath>

namespace wb_internal {

namespace {

// The whitespace PPM allows between header fields.
bool isPpmSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

class HeaderReader {
public:
  explicit HeaderReader(const std::string &bytes) : bytes_(bytes) {}

  std::string token(const char *what) {
    for (;;) {
      while (pos_ < bytes_.size() && isPpmSpace(byte(pos_))) ++pos_;
      if (pos_ >= bytes_.size() || bytes_[pos_] != '#') break;
      while (pos_ < bytes_.size() && bytes_[pos_] != '\n' && bytes_[pos_] != '\r') ++pos_;
    }
    const std::size_t start = pos_;
    while (pos_ < bytes_.size() && !isPpmSpace(byte(pos_)) && bytes_[pos_] != '#') ++pos_;
    if (start == pos_) throw FormatError(std::string("the header ends before the ") + what);
    return bytes_.substr(start, pos_ - start);
  }

  int number(const char *what, int max) {
    const std::string text = token(what);
    long value = 0;
    bool digits = !text.empty() && text.size() <= 9;
    for (char c : text) {
      if (c < '0' || c > '9') digits = false;
      else value = value * 10 + (c - '0');
    }
    if (!digits || value < 1 || value > max) {
      throw FormatError(std::string("the ") + what + " must be an integer from 1 to " + std::to_string(max) +
                        ", found \"" + text + "\"");
    }
    return static_cast<int>(value);
  }

  // The single whitespace byte that ends the header; the samples start after it.
  std::size_t endOfHeader() {
    if (pos_ >= bytes_.size() || !isPpmSpace(byte(pos_)))
      throw FormatError("the maximum value must be followed by one whitespace byte");
    return pos_ + 1;
  }

private:
  unsigned char byte(std::size_t i) const { return static_cast<unsigned char>(bytes_[i]); }

  const std::string &bytes_;
  std::size_t pos_ = 0;
};

} // namespace

PpmImage parsePpm(const std::string &bytes) {
  if (bytes.empty()) throw FormatError("the file is empty");
  HeaderReader header(bytes);
  const std::string magic = header.token("magic number");
  if (magic != "P5" && magic != "P6") {
    throw FormatError("only binary PPM is supported (P6 color, P5 gray), found \"" + magic.substr(0, 10) + "\"");
  }
  PpmImage image;
  image.channels = magic == "P6" ? 3 : 1;
  image.width = header.number("width", 1 << 16);
  image.height = header.number("height", 1 << 16);
  image.maxValue = header.number("maximum value", 65535);
  const std::size_t start = header.endOfHeader();

  const std::size_t bytesPerSample = image.maxValue > 255 ? 2 : 1;
  const std::size_t samples = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) *
                              static_cast<std::size_t>(image.channels);
  const std::size_t needed = samples * bytesPerSample;
  const std::size_t found = bytes.size() - start;
  if (found != needed) {
    throw FormatError("a " + std::to_string(image.width) + " x " + std::to_string(image.height) + " image with " +
                      std::to_string(image.channels) + " channel(s) needs " + std::to_string(needed) +
                      " bytes of pixel data, found " + std::to_string(found));
  }
  // Indexes into the image are ints throughout the API (wbImage_getData(img)[i]).
  if (samples > static_cast<std::size_t>(INT_MAX)) throw FormatError("the image is larger than libwb can hold");

  image.samples.resize(samples);
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[start + i]); };
  for (std::size_t i = 0; i < samples; ++i) {
    const unsigned sample = bytesPerSample == 1 ? byte(i) : (byte(2 * i) << 8) | byte(2 * i + 1);
    if (sample > static_cast<unsigned>(image.maxValue)) {
      throw FormatError("sample " + std::to_string(i) + " is " + std::to_string(sample) + ", above the maximum value " +
                        std::to_string(image.maxValue));
    }
    image.samples[i] = static_cast<std::uint16_t>(sample);
  }
  return image;
}

std::uint8_t channelToByte(float value) {
  if (!(value > 0)) return 0; // negative, zero, NaN
  if (value >= 1) return 255;
  return static_cast<std::uint8_t>(std::lround(static_cast<double>(value) * 255.0));
}

namespace {

std::size_t sampleCount(int width, int height, int channels) {
  if (width <= 0 || height <= 0 || channels <= 0) return 0;
  return static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * static_cast<std::size_t>(channels);
}

} // namespace

std::size_t countNaNs(int width, int height, int channels, const float *data) {
  const std::size_t samples = sampleCount(width, height, channels);
  std::size_t nans = 0;
  for (std::size_t i = 0; i < samples; ++i)
    if (std::isnan(data[i])) ++nans;
  return nans;
}

std::string formatPpm(int width, int height, int channels, const float *data) {
  if (channels != 1 && channels != 3) {
    throw FormatError("a PPM image has 1 (gray) or 3 (color) channels, this one has " + std::to_string(channels));
  }
  if (width < 1 || height < 1) {
    throw FormatError("a PPM image needs at least one pixel, this one is " + std::to_string(width) + " x " +
                      std::to_string(height));
  }
  std::string bytes = std::string(channels == 3 ? "P6" : "P5") + "\n" + std::to_string(width) + " " +
                      std::to_string(height) + "\n255\n";
  const std::size_t samples = sampleCount(width, height, channels);
  const std::size_t header = bytes.size();
  bytes.resize(header + samples);
  for (std::size_t i = 0; i < samples; ++i) bytes[header + i] = static_cast<char>(channelToByte(data[i]));
  return bytes;
}

} // namespace wb_internal
