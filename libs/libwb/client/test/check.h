// A minimal test harness for the client's C unit tests: CHECK records a failure with its line and
// goes on, so one run reports every broken expectation; check_summary prints the last line in the
// "N passed, M failed" form scripts/test.js sums up.
#ifndef WB_CLIENT_CHECK_H
#define WB_CLIENT_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed;
static int check_failed;

#define CHECK(condition)                                                                           \
  do {                                                                                             \
    if (condition) {                                                                               \
      check_passed++;                                                                              \
    } else {                                                                                       \
      check_failed++;                                                                              \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition);                \
    }                                                                                              \
  } while (0)

#define CHECK_STR(actual, expected)                                                                \
  do {                                                                                             \
    const char *check_a_ = (actual);                                                               \
    const char *check_e_ = (expected);                                                             \
    if (check_a_ != NULL && strcmp(check_a_, check_e_) == 0) {                                     \
      check_passed++;                                                                              \
    } else {                                                                                       \
      check_failed++;                                                                              \
      fprintf(stderr, "%s:%d: expected \"%s\", got \"%s\"\n", __FILE__, __LINE__, check_e_,        \
              check_a_ ? check_a_ : "(null)");                                                     \
    }                                                                                              \
  } while (0)

static inline int check_summary(const char *suite) {
  printf("%s: %d passed, %d failed\n", suite, check_passed, check_failed);
  return check_failed == 0 ? 0 : 1;
}

#endif
