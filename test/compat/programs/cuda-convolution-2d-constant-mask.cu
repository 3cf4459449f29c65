// lab: convolution-2d
// expect: compiles
// habits: the template's own wbCheck after wb.h, the lecture's unparenthesised Mask_width /
// Mask_radius macros and its "strategy 2" tiling (blocks as wide as the input tile, only
// O_TILE_WIDTH x O_TILE_WIDTH threads writing), an old-style __constant__ mask filled with
// cudaMemcpyToSymbol, a clamp macro, (float *) cast of wbImport, the image API,
// cudaThreadSynchronize, and a Visual Studio pause behind #ifdef _WIN32.
#include <wb.h>

#define wbCheck(stmt)                                                                              \
  do {                                                                                             \
    cudaError_t err = stmt;                                                                        \
    if (err != cudaSuccess) {                                                                      \
      wbLog(ERROR, "Failed to run stmt ", #stmt);                                                  \
      wbLog(ERROR, "Got CUDA error ...  ", cudaGetErrorString(err));                               \
      return -1;                                                                                   \
    }                                                                                              \
  } while (0)

#define Mask_width 5
#define Mask_radius Mask_width / 2
#define O_TILE_WIDTH 12
#define BLOCK_WIDTH (O_TILE_WIDTH + Mask_width - 1)
#define clamp(x) (min(max((x), 0.0f), 1.0f))

__constant__ float M[Mask_width][Mask_width];

//@@ INSERT CODE HERE
__global__ void convolution_2D_kernel(float *I, float *P, int channels, int width, int height) {
  __shared__ float N_ds[BLOCK_WIDTH][BLOCK_WIDTH];
  int tx = threadIdx.x;
  int ty = threadIdx.y;
  int row_o = blockIdx.y * O_TILE_WIDTH + ty;
  int col_o = blockIdx.x * O_TILE_WIDTH + tx;
  int row_i = row_o - Mask_radius;
  int col_i = col_o - Mask_radius;

  for (int k = 0; k < channels; k++) {
    if ((row_i >= 0) && (row_i < height) && (col_i >= 0) && (col_i < width))
      N_ds[ty][tx] = I[(row_i * width + col_i) * channels + k];
    else
      N_ds[ty][tx] = 0.0f;
    __syncthreads();

    float output = 0.0f;
    if (ty < O_TILE_WIDTH && tx < O_TILE_WIDTH) {
      for (int i = 0; i < Mask_width; i++)
        for (int j = 0; j < Mask_width; j++)
          output += M[i][j] * N_ds[i + ty][j + tx];
      if (row_o < height && col_o < width)
        P[(row_o * width + col_o) * channels + k] = clamp(output);
    }
    __syncthreads();
  }
}

int main(int argc, char *argv[]) {
  wbArg_t args;
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
  float *deviceInputImageData;
  float *deviceOutputImageData;

  args = wbArg_read(argc, argv); /* parse the input arguments */

  inputImageFile = wbArg_getInputFile(args, 0);
  inputMaskFile = wbArg_getInputFile(args, 1);

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

  wbTime_start(GPU, "Doing GPU Computation (memory + compute)");

  wbTime_start(GPU, "Doing GPU memory allocation");
  wbCheck(cudaMalloc((void **)&deviceInputImageData, imageWidth * imageHeight * imageChannels * sizeof(float)));
  wbCheck(cudaMalloc((void **)&deviceOutputImageData, imageWidth * imageHeight * imageChannels * sizeof(float)));
  wbTime_stop(GPU, "Doing GPU memory allocation");

  wbTime_start(Copy, "Copying data to the GPU");
  wbCheck(cudaMemcpy(deviceInputImageData, hostInputImageData, imageWidth * imageHeight * imageChannels * sizeof(float),
                     cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpyToSymbol(M, hostMaskData, Mask_width * Mask_width * sizeof(float)));
  wbTime_stop(Copy, "Copying data to the GPU");

  wbTime_start(Compute, "Doing the computation on the GPU");
  //@@ INSERT CODE HERE
  dim3 dimGrid(ceil((float)imageWidth / O_TILE_WIDTH), ceil((float)imageHeight / O_TILE_WIDTH));
  dim3 dimBlock(BLOCK_WIDTH, BLOCK_WIDTH);
  convolution_2D_kernel<<<dimGrid, dimBlock>>>(deviceInputImageData, deviceOutputImageData, imageChannels, imageWidth,
                                               imageHeight);
  cudaThreadSynchronize();
  wbTime_stop(Compute, "Doing the computation on the GPU");

  wbTime_start(Copy, "Copying data from the GPU");
  wbCheck(cudaMemcpy(hostOutputImageData, deviceOutputImageData, imageWidth * imageHeight * imageChannels * sizeof(float),
                     cudaMemcpyDeviceToHost));
  wbTime_stop(Copy, "Copying data from the GPU");

  wbTime_stop(GPU, "Doing GPU Computation (memory + compute)");

  wbSolution(args, outputImage);

  cudaFree(deviceInputImageData);
  cudaFree(deviceOutputImageData);

  free(hostMaskData);
  wbImage_delete(outputImage);
  wbImage_delete(inputImage);

#ifdef _WIN32
  system("pause");
#endif
  return 0;
}
