#include "fingerprint.h"

#include <stdint.h>
#include <stdio.h>

void fingerprint(const char *data, size_t length, char out[FINGERPRINT_SIZE]) {
  uint64_t hash = 0xcbf29ce484222325ULL; // the FNV-1a 64-bit offset basis
  for (size_t i = 0; i < length; i++) {
    hash ^= (unsigned char)data[i];
    hash *= 0x100000001b3ULL; // the FNV 64-bit prime
  }
  snprintf(out, FINGERPRINT_SIZE, "fnv1a64:%016llx", (unsigned long long)hash);
}
