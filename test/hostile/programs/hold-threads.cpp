// expect: timeout
// Takes every thread RLIMIT_NPROC allows (small stacks, so the address space is not what stops
// it) and holds them until the time limit. The limit counts a uid's threads machine-wide: with
// one uid for every box, a program running beside this one could start no thread at all.
#include <cstdio>
#include <pthread.h>
#include <unistd.h>

static void *sleeper(void *) {
  for (;;) pause();
  return nullptr;
}

int main() {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  int held = 0;
  pthread_t thread;
  while (held < 100000 && pthread_create(&thread, &attr, sleeper, nullptr) == 0) ++held;
  std::printf("holding %d threads\n", held);
  std::fflush(stdout);
  for (;;) pause();
}
