// wbImage_t: an image whose channels are floats on [0, 1].
#include "wb.h"

#include "errors.h"

#include <climits>
#include <cstdlib>
#include <string>

namespace {

wbImage_t requireImage(wbImage_t img, const char *who) {
  if (img == nullptr) wb_internal::fatal(std::string(who) + ": the image is NULL");
  return img;
}

} // namespace

wbImage_t wbImage_new(int width, int height, int channels) {
  if (width < 0 || height < 0 || channels < 1) {
    wb_internal::fatal("wbImage_new: an image needs a width and height of 0 or more and at least 1 channel, got " +
                       std::to_string(width) + " x " + std::to_string(height) + " with " + std::to_string(channels) +
                       " channel(s)");
  }
  const long long samples = static_cast<long long>(width) * height * channels;
  if (samples > INT_MAX) {
    wb_internal::fatal("wbImage_new: " + std::to_string(width) + " x " + std::to_string(height) + " with " +
                       std::to_string(channels) + " channel(s) is larger than libwb can hold");
  }
  // malloc/calloc as in the original, so data handed out by wbImage_getData behaves like any
  // other libwb buffer; zeroed so that a pixel the program forgets is deterministic.
  auto *img = static_cast<wbImage_t>(std::malloc(sizeof(st_wbImage_t)));
  float *data = static_cast<float *>(std::calloc(samples > 0 ? static_cast<std::size_t>(samples) : 1, sizeof(float)));
  if (img == nullptr || data == nullptr) wb_internal::fatal("wbImage_new: out of memory");
  img->width = width;
  img->height = height;
  img->channels = channels;
  img->pitch = width * channels;
  img->data = data;
  return img;
}

wbImage_t wbImage_new(int width, int height) { return wbImage_new(width, height, 3); }

void wbImage_delete(wbImage_t img) {
  if (img == nullptr) return;
  std::free(img->data);
  std::free(img);
}

int wbImage_getWidth(wbImage_t img) { return requireImage(img, "wbImage_getWidth")->width; }
int wbImage_getHeight(wbImage_t img) { return requireImage(img, "wbImage_getHeight")->height; }
int wbImage_getChannels(wbImage_t img) { return requireImage(img, "wbImage_getChannels")->channels; }
int wbImage_getPitch(wbImage_t img) { return requireImage(img, "wbImage_getPitch")->pitch; }
float *wbImage_getData(wbImage_t img) { return requireImage(img, "wbImage_getData")->data; }
