// expect: failed
// Threads are allowed, but not without end: RLIMIT_NPROC (and each stack's share of the address
// space) stop pthread_create. The program notices, gives up without a result, and exits.
#include <cstdio>
#include <pthread.h>
#include <unistd.h>

static void *sleeper(void *) {
  for (;;) pause();
  return nullptr;
}

int main() {
  int created = 0;
  pthread_t thread;
  while (created < 100000 && pthread_create(&thread, nullptr, sleeper, nullptr) == 0) ++created;
  std::printf("stopped after %d threads\n", created);
  return 0;
}
