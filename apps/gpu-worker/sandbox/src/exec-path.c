#include "exec-path.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

/* Page-aligned addresses from 1 TiB up to 33 TiB: inside the 47-bit user address space of x86-64
 * (and of arm64 with 48-bit virtual addresses). */
#define FIRST_PAGE (1ULL << 28)
#define PAGE_CHOICES (1ULL << 33)

const char *place_exec_path(const char *path) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t length = strlen(path) + 1;
  if (length > page) {
    errno = ENAMETOOLONG;
    return NULL;
  }
  for (int attempt = 0; attempt < 16; attempt++) {
    uint64_t random;
    if (getrandom(&random, sizeof random, 0) != (ssize_t)sizeof random) return NULL;
    void *wanted = (void *)(uintptr_t)((FIRST_PAGE + random % PAGE_CHOICES) * page);
    char *copy = mmap(wanted, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (copy == MAP_FAILED) {
      if (errno == EEXIST) continue; /* taken: draw again */
      return NULL;
    }
    /* Kernels before 4.17 ignore MAP_FIXED_NOREPLACE and may place the page elsewhere. */
    if (copy != wanted) {
      munmap(copy, page);
      errno = ENOTSUP;
      return NULL;
    }
    memcpy(copy, path, length);
    return copy;
  }
  errno = EEXIST;
  return NULL;
}
