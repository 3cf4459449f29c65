#include <wb.h>

#define MASK_WIDTH 5
#define MASK_RADIUS (MASK_WIDTH / 2)
#define TILE_WIDTH 16
#define SHARED_WIDTH (TILE_WIDTH + MASK_WIDTH - 1)

// The mask is read by every thread at the same time, the same element at once: constant memory
// broadcasts it from its cache.
__constant__ float deviceMask[MASK_WIDTH][MASK_WIDTH];

// Each block computes a TILE_WIDTH x TILE_WIDTH tile of output pixels, one channel at a time.
// Its threads first load the input tile plus a MASK_RADIUS-wide halo into shared memory (pixels
// outside the image load as 0: the "ghost" pixels of the convolution), so each input pixel is
// read from global memory about once per block instead of 25 times.
__global__ void convolution(const float *I, float *P, int channels, int width, int height) {
  __shared__ float tile[SHARED_WIDTH][SHARED_WIDTH];
  int tx = threadIdx.x;
  int ty = threadIdx.y;
  int col = blockIdx.x * TILE_WIDTH + tx;
  int row = blockIdx.y * TILE_WIDTH + ty;
  int haloCol = blockIdx.x * TILE_WIDTH - MASK_RADIUS; // image position of tile[0][0]
  int haloRow = blockIdx.y * TILE_WIDTH - MASK_RADIUS;

  for (int c = 0; c < channels; ++c) {
    // SHARED_WIDTH^2 is more than the block's threads: each loads up to four elements.
    for (int i = ty; i < SHARED_WIDTH; i += TILE_WIDTH) {
      for (int j = tx; j < SHARED_WIDTH; j += TILE_WIDTH) {
        int r = haloRow + i;
        int k = haloCol + j;
        tile[i][j] = (r >= 0 && r < height && k >= 0 && k < width) ? I[(r * width + k) * channels + c] : 0.0f;
      }
    }
    __syncthreads();

    if (row < height && col < width) {
      float sum = 0.0f;
      for (int i = 0; i < MASK_WIDTH; ++i) {
        for (int j = 0; j < MASK_WIDTH; ++j) {
          sum += tile[ty + i][tx + j] * deviceMask[i][j];
        }
      }
      P[(row * width + col) * channels + c] = fminf(fmaxf(sum, 0.0f), 1.0f);
    }
    __syncthreads(); // the next channel overwrites the tile
  }
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);

  wbTime_start(Generic, "Importing data and creating memory on host");
  wbImage_t inputImage = wbImport(wbArg_getInputFile(args, 0));
  int maskRows;
  int maskColumns;
  float *hostMask = wbImport(wbArg_getInputFile(args, 1), &maskRows, &maskColumns);
  if (maskRows != MASK_WIDTH || maskColumns != MASK_WIDTH) {
    wbLog(ERROR, "The mask is ", maskRows, " x ", maskColumns, ", expected ", MASK_WIDTH, " x ", MASK_WIDTH);
    return 1;
  }
  int imageWidth = wbImage_getWidth(inputImage);
  int imageHeight = wbImage_getHeight(inputImage);
  int imageChannels = wbImage_getChannels(inputImage);
  wbImage_t outputImage = wbImage_new(imageWidth, imageHeight, imageChannels);
  float *hostInputImageData = wbImage_getData(inputImage);
  float *hostOutputImageData = wbImage_getData(outputImage);
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The image is ", imageWidth, " x ", imageHeight, " with ", imageChannels, " channel(s)");
  size_t imageBytes = (size_t)imageWidth * imageHeight * imageChannels * sizeof(float);
  float *deviceInputImageData;
  float *deviceOutputImageData;

  wbTime_start(GPU, "Doing GPU memory allocation");
  wbCheck(cudaMalloc((void **)&deviceInputImageData, imageBytes));
  wbCheck(cudaMalloc((void **)&deviceOutputImageData, imageBytes));
  wbCheck(cudaMemset(deviceOutputImageData, 0, imageBytes));
  wbTime_stop(GPU, "Doing GPU memory allocation");

  wbTime_start(Copy, "Copying data to the GPU");
  wbCheck(cudaMemcpy(deviceInputImageData, hostInputImageData, imageBytes, cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpyToSymbol(deviceMask, hostMask, MASK_WIDTH * MASK_WIDTH * sizeof(float)));
  wbTime_stop(Copy, "Copying data to the GPU");

  wbTime_start(Compute, "Doing the computation on the GPU");
  dim3 dimBlock(TILE_WIDTH, TILE_WIDTH);
  dim3 dimGrid((imageWidth + TILE_WIDTH - 1) / TILE_WIDTH, (imageHeight + TILE_WIDTH - 1) / TILE_WIDTH);
  convolution<<<dimGrid, dimBlock>>>(deviceInputImageData, deviceOutputImageData, imageChannels, imageWidth,
                                     imageHeight);
  wbCheck(cudaGetLastError());
  wbCheck(cudaDeviceSynchronize());
  wbTime_stop(Compute, "Doing the computation on the GPU");

  wbTime_start(Copy, "Copying data from the GPU");
  wbCheck(cudaMemcpy(hostOutputImageData, deviceOutputImageData, imageBytes, cudaMemcpyDeviceToHost));
  wbTime_stop(Copy, "Copying data from the GPU");

  wbCheck(cudaFree(deviceInputImageData));
  wbCheck(cudaFree(deviceOutputImageData));

  wbSolution(args, outputImage);

  free(hostMask);
  wbImage_delete(outputImage);
  wbImage_delete(inputImage);
  return 0;
}
