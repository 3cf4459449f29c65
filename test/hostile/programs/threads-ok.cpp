// expect: passed
// What honest programs use must keep working under the whitelist: std::thread (clone3 falls
// back to clone with CLONE_THREAD), iostream, chrono, random, a scratch file in /tmp,
// sysconf, getrlimit, and libwb's timers and logs.
#include <wb.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int n0, n1;
  float *a = wbImport(wbArg_getInputFile(args, 0), &n0);
  float *b = wbImport(wbArg_getInputFile(args, 1), &n1);
  std::vector<float> c(n0);
  wbTime_start(Compute, "threads");
  std::vector<std::thread> pool;
  const int parts = 4;
  for (int t = 0; t < parts; ++t)
    pool.emplace_back([&, t] {
      for (int i = t; i < n0; i += parts) c[i] = a[i] + b[i];
    });
  for (auto &th : pool) th.join();
  wbTime_stop(Compute, "threads");

  std::mt19937 rng(std::random_device{}());
  auto start = std::chrono::steady_clock::now();
  FILE *scratch = std::tmpfile();
  if (!scratch) return 2;
  std::fprintf(scratch, "%u\n", rng());
  std::fclose(scratch);
  struct rlimit limit;
  getrlimit(RLIMIT_NOFILE, &limit);
  std::cout << "cores " << sysconf(_SC_NPROCESSORS_ONLN) << ", open files " << limit.rlim_cur << ", "
            << std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count()
            << " us" << std::endl;
  wbLog(INFO, "all threads joined");
  wbSolution(args, c.data(), n0);
  return 0;
}
