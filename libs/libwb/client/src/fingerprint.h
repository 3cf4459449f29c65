// A fingerprint of a program's text, kept in .wb-lab.json, so that `wb pull` can tell whether the
// local program still is what was pulled or saved. It guards against overwriting a student's
// edits, not against an adversary, so a fast non-cryptographic hash (FNV-1a, 64 bits) suffices.
#ifndef WB_CLIENT_FINGERPRINT_H
#define WB_CLIENT_FINGERPRINT_H

#include <stddef.h>

// "fnv1a64:" + 16 hex digits + NUL
#define FINGERPRINT_SIZE 25

void fingerprint(const char *data, size_t length, char out[FINGERPRINT_SIZE]);

#endif
