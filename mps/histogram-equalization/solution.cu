#include <wb.h>

#define HISTOGRAM_LENGTH 256
#define BLOCK_SIZE 256

// 1. Every channel value as an 8-bit level: (unsigned char)(255 * value).
__global__ void castToUchar(const float *input, unsigned char *output, int len) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < len) {
    output[i] = (unsigned char)(255.0f * input[i]);
  }
}

// 2. The gray level of every pixel, from its interleaved r, g, b levels.
__global__ void rgbToGray(const unsigned char *rgb, unsigned char *gray, int pixels) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < pixels) {
    unsigned char r = rgb[3 * i];
    unsigned char g = rgb[3 * i + 1];
    unsigned char b = rgb[3 * i + 2];
    gray[i] = (unsigned char)(0.21f * r + 0.71f * g + 0.07f * b);
  }
}

// 3. The histogram of the gray levels. Each block counts into its own copy in shared memory
// (fast atomics, no contention between blocks), then adds it to the global one.
__global__ void histogram(const unsigned char *gray, unsigned int *histo, int pixels) {
  __shared__ unsigned int privateHisto[HISTOGRAM_LENGTH];
  for (int bin = threadIdx.x; bin < HISTOGRAM_LENGTH; bin += blockDim.x) {
    privateHisto[bin] = 0;
  }
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < pixels; i += blockDim.x * gridDim.x) {
    atomicAdd(&privateHisto[gray[i]], 1u);
  }
  __syncthreads();
  for (int bin = threadIdx.x; bin < HISTOGRAM_LENGTH; bin += blockDim.x) {
    if (privateHisto[bin] > 0) {
      atomicAdd(&histo[bin], privateHisto[bin]);
    }
  }
}

// 4. The cumulative distribution, one block of HISTOGRAM_LENGTH threads: an inclusive scan of the
// counts in integers (exact), then cdf[i] = count of levels <= i / pixels. cdfmin is the first
// non-zero value of the cdf: that of the darkest gray level present.
__global__ void cumulativeDistribution(const unsigned int *histo, float *cdf, float *cdfmin, int pixels) {
  __shared__ unsigned int counts[HISTOGRAM_LENGTH];
  int t = threadIdx.x;
  counts[t] = histo[t];
  for (int stride = 1; stride < HISTOGRAM_LENGTH; stride *= 2) {
    __syncthreads();
    unsigned int add = t >= stride ? counts[t - stride] : 0;
    __syncthreads();
    counts[t] += add;
  }
  __syncthreads();
  cdf[t] = (float)counts[t] / (float)pixels;
  if (counts[t] > 0 && (t == 0 || counts[t - 1] == 0)) {
    *cdfmin = (float)counts[t] / (float)pixels;
  }
}

// 5. Every channel value mapped through the equalization, back to [0, 1].
__global__ void equalize(const unsigned char *levels, const float *cdf, const float *cdfmin, float *output, int len) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < len) {
    float low = *cdfmin;
    float level = 255.0f * (cdf[levels[i]] - low) / (1.0f - low);
    unsigned char corrected = (unsigned char)fminf(fmaxf(level, 0.0f), 255.0f);
    output[i] = (float)corrected / 255.0f;
  }
}

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
  unsigned char *deviceLevels;
  unsigned char *deviceGray;
  unsigned int *deviceHisto;
  float *deviceCdf;
  float *deviceCdfMin;

  wbTime_start(GPU, "Allocating GPU memory");
  wbCheck(cudaMalloc((void **)&deviceInput, (size_t)values * sizeof(float)));
  wbCheck(cudaMalloc((void **)&deviceOutput, (size_t)values * sizeof(float)));
  wbCheck(cudaMemset(deviceOutput, 0, (size_t)values * sizeof(float)));
  wbCheck(cudaMalloc((void **)&deviceLevels, (size_t)values));
  wbCheck(cudaMalloc((void **)&deviceGray, (size_t)pixels));
  wbCheck(cudaMalloc((void **)&deviceHisto, HISTOGRAM_LENGTH * sizeof(unsigned int)));
  wbCheck(cudaMemset(deviceHisto, 0, HISTOGRAM_LENGTH * sizeof(unsigned int)));
  wbCheck(cudaMalloc((void **)&deviceCdf, HISTOGRAM_LENGTH * sizeof(float)));
  wbCheck(cudaMalloc((void **)&deviceCdfMin, sizeof(float)));
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying the image to the GPU");
  wbCheck(cudaMemcpy(deviceInput, hostInputImageData, (size_t)values * sizeof(float), cudaMemcpyHostToDevice));
  wbTime_stop(Copy, "Copying the image to the GPU");

  wbTime_start(Compute, "Equalizing the histogram");
  int valueBlocks = (values + BLOCK_SIZE - 1) / BLOCK_SIZE;
  int pixelBlocks = (pixels + BLOCK_SIZE - 1) / BLOCK_SIZE;
  castToUchar<<<valueBlocks, BLOCK_SIZE>>>(deviceInput, deviceLevels, values);
  wbCheck(cudaGetLastError());
  rgbToGray<<<pixelBlocks, BLOCK_SIZE>>>(deviceLevels, deviceGray, pixels);
  wbCheck(cudaGetLastError());
  // A few hundred blocks keep the GPU busy; each walks the image with a grid-sized stride.
  histogram<<<pixelBlocks < 240 ? pixelBlocks : 240, BLOCK_SIZE>>>(deviceGray, deviceHisto, pixels);
  wbCheck(cudaGetLastError());
  cumulativeDistribution<<<1, HISTOGRAM_LENGTH>>>(deviceHisto, deviceCdf, deviceCdfMin, pixels);
  wbCheck(cudaGetLastError());
  equalize<<<valueBlocks, BLOCK_SIZE>>>(deviceLevels, deviceCdf, deviceCdfMin, deviceOutput, values);
  wbCheck(cudaGetLastError());
  wbCheck(cudaDeviceSynchronize());
  wbTime_stop(Compute, "Equalizing the histogram");

  wbTime_start(Copy, "Copying the image back");
  wbCheck(cudaMemcpy(hostOutputImageData, deviceOutput, (size_t)values * sizeof(float), cudaMemcpyDeviceToHost));
  wbTime_stop(Copy, "Copying the image back");

  wbCheck(cudaFree(deviceInput));
  wbCheck(cudaFree(deviceOutput));
  wbCheck(cudaFree(deviceLevels));
  wbCheck(cudaFree(deviceGray));
  wbCheck(cudaFree(deviceHisto));
  wbCheck(cudaFree(deviceCdf));
  wbCheck(cudaFree(deviceCdfMin));

  wbSolution(args, outputImage);

  wbImage_delete(outputImage);
  wbImage_delete(inputImage);
  return 0;
}
