#include <wb.h>

#define HISTOGRAM_LENGTH 256

//@@ Write the kernels of the five steps (see the description):
//@@   1. every channel value as an 8-bit level: (unsigned char)(255 * value)
//@@   2. the gray level of every pixel: (unsigned char)(0.21f * r + 0.71f * g + 0.07f * b)
//@@   3. the histogram of the gray levels (atomicAdd; a per-block histogram in shared memory
//@@      is much faster)
//@@   4. the cumulative distribution cdf[i] = (number of pixels with gray level <= i) / pixels,
//@@      and cdfmin, its first non-zero value
//@@   5. every channel value mapped through
//@@      (unsigned char)clamp(255 * (cdf[level] - cdfmin) / (1 - cdfmin), 0, 255),
//@@      then back to a float in [0, 1] (divided by 255)

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);

  wbTime_start(Generic, "Importing data and creating memory on host");
  wbImage_t inputImage = wbImport(wbArg_getInputFile(args, 0));
  int imageWidth = wbImage_getWidth(inputImage);
  int imageHeight = wbImage_getHeight(inputImage);
  int imageChannels = wbImage_getChannels(inputImage);
  if (imageChannels != 3) {
    wbLog(ERROR, "Expected a colour image (3 channels), got ", imageChannels, " channel(s)");
    return 1;
  }
  wbImage_t outputImage = wbImage_new(imageWidth, imageHeight, imageChannels);
  float *hostInputImageData = wbImage_getData(inputImage);
  float *hostOutputImageData = wbImage_getData(outputImage);
  wbTime_stop(Generic, "Importing data and creating memory on host");

  int pixels = imageWidth * imageHeight;
  int values = pixels * imageChannels;
  wbLog(TRACE, "The image is ", imageWidth, " x ", imageHeight, " with ", imageChannels, " channels");

  float *deviceInput;
  float *deviceOutput;

  wbTime_start(GPU, "Allocating GPU memory");
  wbCheck(cudaMalloc((void **)&deviceInput, (size_t)values * sizeof(float)));
  wbCheck(cudaMalloc((void **)&deviceOutput, (size_t)values * sizeof(float)));
  wbCheck(cudaMemset(deviceOutput, 0, (size_t)values * sizeof(float))); // black until you write it
  //@@ Allocate what your kernels need in between: the 8-bit levels, the gray image, the
  //@@ histogram (set it to zeros with cudaMemset), the cdf and cdfmin
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying the image to the GPU");
  wbCheck(cudaMemcpy(deviceInput, hostInputImageData, (size_t)values * sizeof(float), cudaMemcpyHostToDevice));
  wbTime_stop(Copy, "Copying the image to the GPU");

  wbTime_start(Compute, "Equalizing the histogram");
  //@@ Launch the kernels one after the other, each followed by wbCheck(cudaGetLastError()),
  //@@ writing the equalized image into deviceOutput; then wbCheck(cudaDeviceSynchronize())
  wbTime_stop(Compute, "Equalizing the histogram");

  wbTime_start(Copy, "Copying the image back");
  wbCheck(cudaMemcpy(hostOutputImageData, deviceOutput, (size_t)values * sizeof(float), cudaMemcpyDeviceToHost));
  wbTime_stop(Copy, "Copying the image back");

  wbCheck(cudaFree(deviceInput));
  wbCheck(cudaFree(deviceOutput));
  //@@ Free the memory you allocated

  wbSolution(args, outputImage);

  wbImage_delete(outputImage);
  wbImage_delete(inputImage);
  return 0;
}
