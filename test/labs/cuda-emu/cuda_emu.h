// cuda_emu.h: just enough of CUDA, on the CPU, to run the labs' CUDA programs on machines
// without a GPU, so that a lab's solution and template are tested before a GPU ever sees them.
//
// Not a CUDA implementation: a test aid for straightforward lab code. Kernels run one block
// after another; the threads of a block are cooperative fibers that switch only at
// __syncthreads(), so shared memory and barriers behave, and a missing barrier usually does not
// show (the fibers run in order). "Device" memory is host memory (malloc), so with
// -fsanitize=address an out-of-bounds access in a kernel is caught. Streams and async copies are
// synchronous. Not supported: dynamic shared memory, warp intrinsics, textures, cooperative
// groups, device-side launches.
//
// Used by test/labs/cuda-emu/run.js: the launch syntax kernel<<<grid, block, ...>>>(args) is
// rewritten to wbEmu::launch(dim3(grid), dim3(block), [&] { kernel(args); }) and the source is
// compiled with g++ -include cuda_emu.h against the plain libwb.a.
#ifndef WB_CUDA_EMU_H
#define WB_CUDA_EMU_H

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <sys/mman.h>
#include <ucontext.h>
#include <vector>

struct dim3 {
  unsigned int x, y, z;
  constexpr dim3(unsigned int x_ = 1, unsigned int y_ = 1, unsigned int z_ = 1) : x(x_), y(y_), z(z_) {}
};
typedef dim3 uint3;

enum cudaError_t {
  cudaSuccess = 0,
  cudaErrorInvalidValue = 1,
  cudaErrorMemoryAllocation = 2,
  cudaErrorInvalidConfiguration = 9,
};
typedef cudaError_t cudaError;

enum cudaMemcpyKind {
  cudaMemcpyHostToHost = 0,
  cudaMemcpyHostToDevice = 1,
  cudaMemcpyDeviceToHost = 2,
  cudaMemcpyDeviceToDevice = 3,
  cudaMemcpyDefault = 4,
};

enum cudaDeviceAttr { cudaDevAttrMaxThreadsPerBlock = 1, cudaDevAttrClockRate = 13, cudaDevAttrMultiProcessorCount = 16 };

#define cudaHostRegisterDefault 0x00
#define cudaHostAllocDefault 0x00

struct CUstream_emu;
typedef CUstream_emu *cudaStream_t;
struct CUevent_emu {
  double ms;
};
typedef CUevent_emu *cudaEvent_t;

struct cudaDeviceProp {
  char name[256];
  size_t totalGlobalMem;
  size_t sharedMemPerBlock;
  int regsPerBlock;
  int warpSize;
  int maxThreadsPerBlock;
  int maxThreadsDim[3];
  int maxGridSize[3];
  size_t totalConstMem;
  int major;
  int minor;
  int multiProcessorCount;
  int l2CacheSize;
  int maxThreadsPerMultiProcessor;
  size_t sharedMemPerMultiprocessor;
  int concurrentKernels;
  int asyncEngineCount;
};

namespace wbEmu {

inline dim3 threadIdx_, blockIdx_, blockDim_, gridDim_;
inline cudaError_t lastError = cudaSuccess;

// A fiber switch. glibc's swapcontext saves and restores the signal mask with a syscall on every
// switch (and makecontext's fibers end through setcontext, another), which made the labs whose
// kernels wait at __syncthreads() spend most of their time in the kernel. On x86-64 the switch is
// a few instructions instead: the callee-saved registers, the SSE and x87 control words, and the
// stack pointer. AddressSanitizer must see stack switches to keep its shadow right, so a
// sanitized build (and any other architecture) keeps ucontext.
#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define WB_EMU_FAST_SWITCH 1
// Saves the running context's stack pointer in *save and resumes the one saved at load.
extern "C" void wbEmuSwitch(void **save, void *load);
__asm__(".pushsection .text\n"
        "wbEmuSwitch:\n"
        "  pushq %rbp\n"
        "  pushq %rbx\n"
        "  pushq %r12\n"
        "  pushq %r13\n"
        "  pushq %r14\n"
        "  pushq %r15\n"
        "  subq $8, %rsp\n"
        "  stmxcsr (%rsp)\n"
        "  fnstcw 4(%rsp)\n"
        "  movq %rsp, (%rdi)\n"
        "  movq %rsi, %rsp\n"
        "  ldmxcsr (%rsp)\n"
        "  fldcw 4(%rsp)\n"
        "  addq $8, %rsp\n"
        "  popq %r15\n"
        "  popq %r14\n"
        "  popq %r13\n"
        "  popq %r12\n"
        "  popq %rbx\n"
        "  popq %rbp\n"
        "  ret\n"
        ".popsection\n");
#endif

struct Block {
#ifdef WB_EMU_FAST_SWITCH
  std::vector<void *> fibers; // each fiber's saved stack pointer
  void *scheduler = nullptr;
#else
  std::vector<ucontext_t> fibers;
  ucontext_t scheduler;
#endif
  std::vector<char> finished;
  char *stacks = nullptr;
  size_t stackSize = 512 * 1024;
  size_t capacity = 0;
  int current = 0;
  const std::function<void()> *kernel = nullptr;
};
inline Block block;

#ifdef WB_EMU_FAST_SWITCH

[[noreturn]] inline void fiberEntry() {
  (*block.kernel)();
  block.finished[block.current] = 1;
  void *done;
  wbEmuSwitch(&done, block.scheduler); // never resumed
  std::abort();
}

// A new fiber's stack, laid out as wbEmuSwitch leaves a suspended one: control words, six zeroed
// registers, then fiberEntry as the return address, entered with the stack aligned as after a call.
inline void prepareFiber(unsigned int t) {
  auto top = reinterpret_cast<uintptr_t>(block.stacks + (t + 1) * block.stackSize) & ~uintptr_t(15);
  auto *sp = reinterpret_cast<uint64_t *>(top);
  *--sp = 0; // fiberEntry's own return address: it never returns
  *--sp = reinterpret_cast<uint64_t>(&fiberEntry);
  for (int r = 0; r < 6; ++r) *--sp = 0;
  uint32_t mxcsr;
  uint16_t fpucw;
  __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
  __asm__ volatile("fnstcw %0" : "=m"(fpucw));
  *--sp = uint64_t(mxcsr) | (uint64_t(fpucw) << 32);
  block.fibers[t] = sp;
}

inline void resumeFiber(unsigned int t) { wbEmuSwitch(&block.scheduler, block.fibers[t]); }

inline void syncthreads() { wbEmuSwitch(&block.fibers[block.current], block.scheduler); }

#else

inline void fiberEntry() {
  (*block.kernel)();
  block.finished[block.current] = 1;
  // Returning resumes uc_link: the scheduler.
}

inline void prepareFiber(unsigned int t) {
  ucontext_t &ctx = block.fibers[t];
  getcontext(&ctx);
  ctx.uc_stack.ss_sp = block.stacks + t * block.stackSize;
  ctx.uc_stack.ss_size = block.stackSize;
  ctx.uc_link = &block.scheduler;
  makecontext(&ctx, fiberEntry, 0);
}

inline void resumeFiber(unsigned int t) { swapcontext(&block.scheduler, &block.fibers[t]); }

inline void syncthreads() { swapcontext(&block.fibers[block.current], &block.scheduler); }

#endif

inline void setThread(unsigned int t) {
  threadIdx_ = dim3(t % blockDim_.x, (t / blockDim_.x) % blockDim_.y, t / (blockDim_.x * blockDim_.y));
}

inline void runBlock(unsigned int threads) {
  if (threads > block.capacity) {
    if (block.stacks != nullptr) munmap(block.stacks, block.capacity * block.stackSize);
    block.capacity = threads;
    block.stacks = static_cast<char *>(mmap(nullptr, threads * block.stackSize, PROT_READ | PROT_WRITE,
                                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0));
    if (block.stacks == MAP_FAILED) {
      std::fprintf(stderr, "cuda_emu: cannot map fiber stacks\n");
      std::abort();
    }
    block.fibers.resize(threads);
  }
  block.finished.assign(threads, 0);
  for (unsigned int t = 0; t < threads; ++t) prepareFiber(t);
  // Rounds: every live thread runs until its next __syncthreads() or its end.
  for (;;) {
    bool live = false;
    for (unsigned int t = 0; t < threads; ++t) {
      if (block.finished[t]) continue;
      block.current = static_cast<int>(t);
      setThread(t);
      resumeFiber(t);
      if (!block.finished[t]) live = true;
    }
    if (!live) break;
  }
}

inline void launch(dim3 grid, dim3 threads, const std::function<void()> &kernel) {
  unsigned long long count = 1ull * threads.x * threads.y * threads.z;
  if (count == 0 || count > 1024 || threads.z > 64 || grid.x == 0 || grid.y == 0 || grid.z == 0 || grid.y > 65535 ||
      grid.z > 65535) {
    lastError = cudaErrorInvalidConfiguration;
    return;
  }
  gridDim_ = grid;
  blockDim_ = threads;
  block.kernel = &kernel;
  for (unsigned int z = 0; z < grid.z; ++z)
    for (unsigned int y = 0; y < grid.y; ++y)
      for (unsigned int x = 0; x < grid.x; ++x) {
        blockIdx_ = dim3(x, y, z);
        runBlock(static_cast<unsigned int>(count));
      }
}

} // namespace wbEmu

#define threadIdx (wbEmu::threadIdx_)
#define blockIdx (wbEmu::blockIdx_)
#define blockDim (wbEmu::blockDim_)
#define gridDim (wbEmu::gridDim_)
inline constexpr int warpSize = 32;

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __noinline__
#define __launch_bounds__(...)
#define __constant__
// One block runs at a time and all its threads are fibers of one OS thread: a static variable is
// exactly one block's shared memory.
#define __shared__ static

inline void __syncthreads() { wbEmu::syncthreads(); }
inline void __threadfence() {}

using std::max;
using std::min;

// The value's type follows the address, as CUDA's overloads do: atomicAdd(&bins[i], 1) on an
// unsigned int array is the textbook form.
template <typename T, typename V> inline T atomicAdd(T *address, V value) {
  T old = *address;
  *address = old + value;
  return old;
}
template <typename T> inline T atomicSub(T *address, T value) {
  T old = *address;
  *address = old - value;
  return old;
}
template <typename T> inline T atomicMax(T *address, T value) {
  T old = *address;
  *address = old > value ? old : value;
  return old;
}
template <typename T> inline T atomicMin(T *address, T value) {
  T old = *address;
  *address = old < value ? old : value;
  return old;
}
template <typename T> inline T atomicExch(T *address, T value) {
  T old = *address;
  *address = value;
  return old;
}

// --- runtime API -------------------------------------------------------------------------------

inline const char *cudaGetErrorString(cudaError_t error) {
  switch (error) {
  case cudaSuccess: return "no error";
  case cudaErrorInvalidValue: return "invalid argument";
  case cudaErrorMemoryAllocation: return "out of memory";
  case cudaErrorInvalidConfiguration: return "invalid configuration argument";
  }
  return "unknown error";
}
inline const char *cudaGetErrorName(cudaError_t error) { return cudaGetErrorString(error); }
inline cudaError_t cudaGetLastError() {
  cudaError_t e = wbEmu::lastError;
  wbEmu::lastError = cudaSuccess;
  return e;
}
inline cudaError_t cudaPeekAtLastError() { return wbEmu::lastError; }
inline cudaError_t cudaDeviceSynchronize() { return cudaSuccess; }
// Removed in CUDA 13, still in programs of the original course; wb.h shims it for nvcc.
inline cudaError_t cudaThreadSynchronize() { return cudaSuccess; }
inline cudaError_t cudaDeviceReset() { return cudaSuccess; }
inline cudaError_t cudaSetDevice(int) { return cudaSuccess; }
inline cudaError_t cudaGetDevice(int *device) {
  *device = 0;
  return cudaSuccess;
}
inline cudaError_t cudaGetDeviceCount(int *count) {
  *count = 1;
  return cudaSuccess;
}
inline cudaError_t cudaRuntimeGetVersion(int *version) {
  *version = 13000;
  return cudaSuccess;
}
inline cudaError_t cudaDriverGetVersion(int *version) {
  *version = 13000;
  return cudaSuccess;
}
inline cudaError_t cudaGetDeviceProperties(cudaDeviceProp *prop, int device) {
  if (device != 0) return cudaErrorInvalidValue;
  std::memset(prop, 0, sizeof(*prop));
  std::snprintf(prop->name, sizeof(prop->name), "cuda_emu (CPU)");
  prop->totalGlobalMem = size_t(1) << 32;
  prop->sharedMemPerBlock = 48 * 1024;
  prop->regsPerBlock = 65536;
  prop->warpSize = 32;
  prop->maxThreadsPerBlock = 1024;
  prop->maxThreadsDim[0] = prop->maxThreadsDim[1] = 1024;
  prop->maxThreadsDim[2] = 64;
  prop->maxGridSize[0] = 2147483647;
  prop->maxGridSize[1] = prop->maxGridSize[2] = 65535;
  prop->totalConstMem = 64 * 1024;
  prop->major = 9;
  prop->minor = 0;
  prop->multiProcessorCount = 1;
  prop->l2CacheSize = 1 << 20;
  return cudaSuccess;
}
inline cudaError_t cudaDeviceGetAttribute(int *value, cudaDeviceAttr attr, int device) {
  if (device != 0) return cudaErrorInvalidValue;
  *value = attr == cudaDevAttrClockRate ? 1000000 : attr == cudaDevAttrMaxThreadsPerBlock ? 1024 : 1;
  return cudaSuccess;
}

inline cudaError_t cudaMalloc(void **pointer, size_t bytes) {
  *pointer = std::malloc(bytes > 0 ? bytes : 1);
  return *pointer ? cudaSuccess : cudaErrorMemoryAllocation;
}
template <typename T> inline cudaError_t cudaMalloc(T **pointer, size_t bytes) {
  return cudaMalloc(reinterpret_cast<void **>(pointer), bytes);
}
inline cudaError_t cudaMallocHost(void **pointer, size_t bytes) { return cudaMalloc(pointer, bytes); }
template <typename T> inline cudaError_t cudaMallocHost(T **pointer, size_t bytes) {
  return cudaMalloc(reinterpret_cast<void **>(pointer), bytes);
}
inline cudaError_t cudaHostAlloc(void **pointer, size_t bytes, unsigned int) { return cudaMalloc(pointer, bytes); }
inline cudaError_t cudaFree(void *pointer) {
  std::free(pointer);
  return cudaSuccess;
}
inline cudaError_t cudaFreeHost(void *pointer) { return cudaFree(pointer); }
inline cudaError_t cudaHostRegister(void *pointer, size_t, unsigned int) {
  return pointer ? cudaSuccess : cudaErrorInvalidValue;
}
inline cudaError_t cudaHostUnregister(void *pointer) { return pointer ? cudaSuccess : cudaErrorInvalidValue; }
inline cudaError_t cudaMemcpy(void *dst, const void *src, size_t bytes, cudaMemcpyKind) {
  if (bytes > 0 && (dst == nullptr || src == nullptr)) return cudaErrorInvalidValue;
  std::memmove(dst, src, bytes);
  return cudaSuccess;
}
inline cudaError_t cudaMemcpyAsync(void *dst, const void *src, size_t bytes, cudaMemcpyKind kind, cudaStream_t = nullptr) {
  return cudaMemcpy(dst, src, bytes, kind);
}
inline cudaError_t cudaMemset(void *dst, int value, size_t bytes) {
  if (bytes > 0 && dst == nullptr) return cudaErrorInvalidValue;
  std::memset(dst, value, bytes);
  return cudaSuccess;
}
inline cudaError_t cudaMemsetAsync(void *dst, int value, size_t bytes, cudaStream_t = nullptr) {
  return cudaMemset(dst, value, bytes);
}
template <typename T>
inline cudaError_t cudaMemcpyToSymbol(T &symbol, const void *src, size_t bytes, size_t offset = 0,
                                      cudaMemcpyKind = cudaMemcpyHostToDevice) {
  if (offset + bytes > sizeof(T)) return cudaErrorInvalidValue;
  std::memcpy(reinterpret_cast<char *>(&symbol) + offset, src, bytes);
  return cudaSuccess;
}
template <typename T>
inline cudaError_t cudaMemcpyFromSymbol(void *dst, const T &symbol, size_t bytes, size_t offset = 0,
                                        cudaMemcpyKind = cudaMemcpyDeviceToHost) {
  if (offset + bytes > sizeof(T)) return cudaErrorInvalidValue;
  std::memcpy(dst, reinterpret_cast<const char *>(&symbol) + offset, bytes);
  return cudaSuccess;
}

inline cudaError_t cudaStreamCreate(cudaStream_t *stream) {
  *stream = reinterpret_cast<cudaStream_t>(new char);
  return cudaSuccess;
}
inline cudaError_t cudaStreamDestroy(cudaStream_t stream) {
  delete reinterpret_cast<char *>(stream);
  return cudaSuccess;
}
inline cudaError_t cudaStreamSynchronize(cudaStream_t) { return cudaSuccess; }
inline cudaError_t cudaEventCreate(cudaEvent_t *event) {
  *event = new CUevent_emu{0};
  return cudaSuccess;
}
inline cudaError_t cudaEventRecord(cudaEvent_t, cudaStream_t = nullptr) { return cudaSuccess; }
inline cudaError_t cudaEventSynchronize(cudaEvent_t) { return cudaSuccess; }
inline cudaError_t cudaEventElapsedTime(float *ms, cudaEvent_t, cudaEvent_t) {
  *ms = 0;
  return cudaSuccess;
}
inline cudaError_t cudaEventDestroy(cudaEvent_t event) {
  delete event;
  return cudaSuccess;
}

// wb.h defines wbCheck only under nvcc: the same macro here.
#define wbCheck(stmt)                                                                                                  \
  do {                                                                                                                 \
    cudaError_t wbCheck_err_ = (stmt);                                                                                 \
    if (wbCheck_err_ != cudaSuccess) {                                                                                 \
      wbLog(ERROR, "Failed to run stmt ", #stmt);                                                                      \
      wbLog(ERROR, "Got CUDA error ...  ", cudaGetErrorString(wbCheck_err_));                                          \
      return -1;                                                                                                       \
    }                                                                                                                  \
  } while (0)

#endif // WB_CUDA_EMU_H
