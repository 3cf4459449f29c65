// lab: histogram-equalization
// expect: compiles
// habits: <stdio.h> and <math.h> included by habit, printf debugging of the histogram's ends,
// #define HISTOGRAM_LENGTH 256, a histogram of global atomicAdds, the cdf summed as floats on
// the host (p(x) = histogram[x] / (width * height)) and copied back, a __device__ clamp, every
// timer kind (Generic, GPU, Copy, Compute) and cudaDeviceSynchronize.
#include <wb.h>
#include <stdio.h>
#include <math.h>

#define HISTOGRAM_LENGTH 256
#define BLOCK_SIZE 256

//@@ insert code here
__global__ void float2uchar(float *input, unsigned char *output, int len) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < len) output[i] = (unsigned char)(255 * input[i]);
}

__global__ void rgb2gray(unsigned char *rgb, unsigned char *gray, int pixels) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < pixels) {
    unsigned char r = rgb[3 * i];
    unsigned char g = rgb[3 * i + 1];
    unsigned char b = rgb[3 * i + 2];
    gray[i] = (unsigned char)(0.21f * r + 0.71f * g + 0.07f * b);
  }
}

__global__ void histo_kernel(unsigned char *gray, unsigned int *histo, int pixels) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int stride = blockDim.x * gridDim.x;
  while (i < pixels) {
    atomicAdd(&(histo[gray[i]]), 1);
    i += stride;
  }
}

__device__ float clamp(float x, float start, float end) { return min(max(x, start), end); }

__global__ void correct_color(unsigned char *ucharImage, float *cdf, float cdfmin, float *output, int len) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < len) {
    unsigned char val = ucharImage[i];
    unsigned char corrected = (unsigned char)clamp(255.0f * (cdf[val] - cdfmin) / (1.0f - cdfmin), 0.0f, 255.0f);
    output[i] = (float)corrected / 255.0f;
  }
}

int main(int argc, char **argv) {
  wbArg_t args;
  int imageWidth;
  int imageHeight;
  int imageChannels;
  wbImage_t inputImage;
  wbImage_t outputImage;
  float *hostInputImageData;
  float *hostOutputImageData;
  const char *inputImageFile;

  //@@ Insert more code here
  unsigned int histogram[HISTOGRAM_LENGTH];
  float cdf[HISTOGRAM_LENGTH];
  float cdfmin;
  float *deviceInput;
  float *deviceOutput;
  unsigned char *deviceUchar;
  unsigned char *deviceGray;
  unsigned int *deviceHisto;
  float *deviceCdf;

  args = wbArg_read(argc, argv); /* parse the input arguments */

  inputImageFile = wbArg_getInputFile(args, 0);

  wbTime_start(Generic, "Importing data and creating memory on host");
  inputImage = wbImport(inputImageFile);
  imageWidth = wbImage_getWidth(inputImage);
  imageHeight = wbImage_getHeight(inputImage);
  imageChannels = wbImage_getChannels(inputImage);
  outputImage = wbImage_new(imageWidth, imageHeight, imageChannels);
  hostInputImageData = wbImage_getData(inputImage);
  hostOutputImageData = wbImage_getData(outputImage);
  wbTime_stop(Generic, "Importing data and creating memory on host");

  //@@ insert code here
  int pixels = imageWidth * imageHeight;
  int len = pixels * imageChannels;

  wbTime_start(GPU, "Allocating GPU memory.");
  cudaMalloc((void **)&deviceInput, len * sizeof(float));
  cudaMalloc((void **)&deviceOutput, len * sizeof(float));
  cudaMalloc((void **)&deviceUchar, len * sizeof(unsigned char));
  cudaMalloc((void **)&deviceGray, pixels * sizeof(unsigned char));
  cudaMalloc((void **)&deviceHisto, HISTOGRAM_LENGTH * sizeof(unsigned int));
  cudaMalloc((void **)&deviceCdf, HISTOGRAM_LENGTH * sizeof(float));
  cudaMemset(deviceHisto, 0, HISTOGRAM_LENGTH * sizeof(unsigned int));
  wbTime_stop(GPU, "Allocating GPU memory.");

  wbTime_start(Copy, "Copying input memory to the GPU.");
  cudaMemcpy(deviceInput, hostInputImageData, len * sizeof(float), cudaMemcpyHostToDevice);
  wbTime_stop(Copy, "Copying input memory to the GPU.");

  wbTime_start(Compute, "Performing CUDA computation");
  float2uchar<<<(len - 1) / BLOCK_SIZE + 1, BLOCK_SIZE>>>(deviceInput, deviceUchar, len);
  rgb2gray<<<(pixels - 1) / BLOCK_SIZE + 1, BLOCK_SIZE>>>(deviceUchar, deviceGray, pixels);
  histo_kernel<<<(pixels - 1) / BLOCK_SIZE + 1, BLOCK_SIZE>>>(deviceGray, deviceHisto, pixels);
  cudaDeviceSynchronize();
  cudaMemcpy(histogram, deviceHisto, HISTOGRAM_LENGTH * sizeof(unsigned int), cudaMemcpyDeviceToHost);

  // the scan is only 256 long: do it on the CPU
  cdf[0] = histogram[0] / (float)pixels;
  for (int ii = 1; ii < HISTOGRAM_LENGTH; ii++) {
    cdf[ii] = cdf[ii - 1] + histogram[ii] / (float)pixels;
  }
  cdfmin = 0;
  for (int ii = 0; ii < HISTOGRAM_LENGTH; ii++) {
    if (histogram[ii] != 0) {
      cdfmin = cdf[ii];
      break;
    }
  }
  printf("histogram[0] = %u, histogram[255] = %u, cdfmin = %f\n", histogram[0], histogram[255], cdfmin);
  wbLog(TRACE, "cdfmin is ", cdfmin);

  cudaMemcpy(deviceCdf, cdf, HISTOGRAM_LENGTH * sizeof(float), cudaMemcpyHostToDevice);
  correct_color<<<(len - 1) / BLOCK_SIZE + 1, BLOCK_SIZE>>>(deviceUchar, deviceCdf, cdfmin, deviceOutput, len);
  cudaDeviceSynchronize();
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  cudaMemcpy(hostOutputImageData, deviceOutput, len * sizeof(float), cudaMemcpyDeviceToHost);
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbSolution(args, outputImage);

  //@@ insert code here
  cudaFree(deviceInput);
  cudaFree(deviceOutput);
  cudaFree(deviceUchar);
  cudaFree(deviceGray);
  cudaFree(deviceHisto);
  cudaFree(deviceCdf);
  wbImage_delete(outputImage);
  wbImage_delete(inputImage);

  return 0;
}
