// expect: timeout
// Burns several cores at once: the CPU-time limit (summed over threads) or the wall clock stops it.
#include <thread>
#include <vector>

int main() {
  std::vector<std::thread> burners;
  for (int t = 0; t < 4; ++t)
    burners.emplace_back([] {
      volatile unsigned long spins = 0;
      for (;;) spins = spins + 1;
    });
  for (auto &b : burners) b.join();
  return 0;
}
