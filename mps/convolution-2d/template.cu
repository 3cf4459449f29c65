#include <wb.h>

#define MASK_WIDTH 5
#define MASK_RADIUS (MASK_WIDTH / 2)
#define TILE_WIDTH 16

// The mask, in constant memory: fill it from the host with cudaMemcpyToSymbol.
__constant__ float deviceMask[MASK_WIDTH][MASK_WIDTH];

// P = I convolved with deviceMask, for each channel separately; pixels are interleaved:
// channel c of pixel (row, col) is at (row * width + col) * channels + c.
__global__ void convolution(const float *I, float *P, int channels, int width, int height) {
  //@@ For each output pixel (row, col) inside the image and each channel c:
  //@@   sum over i, j in [0, MASK_WIDTH) of
  //@@     I[row + i - MASK_RADIUS][col + j - MASK_RADIUS][c] * deviceMask[i][j],
  //@@   where pixels outside the image count as 0,
  //@@   then clamp the sum to [0, 1] and write it to P.
  //@@ To make it fast, load each block's input tile and its halo into shared memory.
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
  wbCheck(cudaMemset(deviceOutputImageData, 0, imageBytes)); // black until your kernel writes it
  wbTime_stop(GPU, "Doing GPU memory allocation");

  wbTime_start(Copy, "Copying data to the GPU");
  wbCheck(cudaMemcpy(deviceInputImageData, hostInputImageData, imageBytes, cudaMemcpyHostToDevice));
  //@@ Copy the mask into deviceMask:
  //@@   wbCheck(cudaMemcpyToSymbol(deviceMask, hostMask, MASK_WIDTH * MASK_WIDTH * sizeof(float)));
  wbTime_stop(Copy, "Copying data to the GPU");

  wbTime_start(Compute, "Doing the computation on the GPU");
  //@@ Choose the grid and block dimensions and launch convolution, then
  //@@ wbCheck(cudaGetLastError()) and wbCheck(cudaDeviceSynchronize())
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
