// 2-D image convolution on the CPU, in the style of the original convolution lab: a PPM image,
// a 5 x 5 mask from a csv file, every channel convolved, pixels outside the image taken as 0.
#include <wb.h>

#define Mask_width 5
#define Mask_radius Mask_width / 2
#define clamp(x) (fminf(fmaxf((x), 0.0f), 1.0f))

int main(int argc, char *argv[]) {
  wbArg_t arg;
  int maskRows;
  int maskColumns;
  int imageChannels;
  int imageWidth;
  int imageHeight;
  char *inputImageFile;
  char *inputMaskFile;
  wbImage_t inputImage;
  wbImage_t outputImage;
  float *hostInputImageData;
  float *hostOutputImageData;
  float *hostMaskData;

  arg = wbArg_read(argc, argv); /* parse the input arguments */

  inputImageFile = wbArg_getInputFile(arg, 0);
  inputMaskFile = wbArg_getInputFile(arg, 1);

  inputImage = wbImport(inputImageFile);
  hostMaskData = (float *)wbImport(inputMaskFile, &maskRows, &maskColumns);

  assert(maskRows == 5);    /* mask height is fixed to 5 in this mp */
  assert(maskColumns == 5); /* mask width is fixed to 5 in this mp */

  imageWidth = wbImage_getWidth(inputImage);
  imageHeight = wbImage_getHeight(inputImage);
  imageChannels = wbImage_getChannels(inputImage);

  outputImage = wbImage_new(imageWidth, imageHeight, imageChannels);

  hostInputImageData = wbImage_getData(inputImage);
  hostOutputImageData = wbImage_getData(outputImage);

  wbTime_start(Compute, "Doing the computation on the CPU");
  for (int y = 0; y < imageHeight; ++y) {
    for (int x = 0; x < imageWidth; ++x) {
      for (int c = 0; c < imageChannels; ++c) {
        float accum = 0;
        for (int i = -Mask_radius; i <= Mask_radius; ++i) {
          for (int j = -Mask_radius; j <= Mask_radius; ++j) {
            int yy = y + i;
            int xx = x + j;
            if (yy >= 0 && yy < imageHeight && xx >= 0 && xx < imageWidth) {
              float pixel = hostInputImageData[(yy * imageWidth + xx) * imageChannels + c];
              float maskValue = hostMaskData[(i + Mask_radius) * Mask_width + (j + Mask_radius)];
              accum += pixel * maskValue;
            }
          }
        }
        hostOutputImageData[(y * imageWidth + x) * imageChannels + c] = clamp(accum);
      }
    }
  }
  wbTime_stop(Compute, "Doing the computation on the CPU");

  wbSolution(arg, outputImage);

  free(hostMaskData);
  wbImage_delete(outputImage);
  wbImage_delete(inputImage);

  return 0;
}
