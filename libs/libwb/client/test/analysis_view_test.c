// What `wb check` and `wb profile` print from an attempt's `sanitizer` and `profile` (the shapes
// of docs/api.md, as the gateway reads them from the fixtures in libs/common/src/analysis/),
// and that nothing a hostile server or program puts in them reaches the terminal raw.
#include "../src/analysis_view.h"
#include "../src/json.h"

#include "check.h"

#include <stdbool.h>
#include <stdlib.h>

#define PIC_ESC "\xE2\x90\x9B"
#define PIC_BEL "\xE2\x90\x87"
#define FFFD "\xEF\xBF\xBD"
#define ELLIPSIS "\xE2\x80\xA6"

typedef void (*Printer)(FILE *out, const JsonValue *report, bool verbose);

static void print_sanitizer(FILE *out, const JsonValue *report, bool verbose) { sanitizer_print(out, report, verbose); }
static void print_profile(FILE *out, const JsonValue *report, bool verbose) { profile_print(out, report, verbose); }

static JsonValue *parsed(const char *json) {
  JsonValue *value = json_parse(json, strlen(json), NULL);
  if (value == NULL) fprintf(stderr, "bad test JSON: %s\n", json);
  return value;
}

// What `print` wrote for the report in `json` (the caller frees).
static char *printed(Printer print, const char *json, bool verbose) {
  JsonValue *report = parsed(json);
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  print(out, report, verbose);
  fclose(out);
  json_free(report);
  return text;
}

// No byte that a terminal obeys: C0 controls but the newline, DEL, and C1 controls (U+0080..U+009F,
// C2 80..C2 9F in UTF-8).
static bool terminal_safe(const char *text) {
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    if ((*p < 0x20 && *p != '\n') || *p == 0x7F) return false;
    if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) return false;
  }
  return true;
}

// libs/common/src/analysis/fixtures/memcheck-out-of-bounds.txt, as GET /mp/:id/attempt/:id has it.
static const char MEMCHECK[] =
    "{\"errors\":[{\"kind\":\"Invalid __global__ write\",\"message\":\"Invalid __global__ write of size 4 bytes\","
    "\"details\":[\"Address 0x7f3a5e000fa0 is out of bounds\",\"and is 1 bytes after the nearest allocation at "
    "0x7f3a5e000000 of size 4000 bytes\"],\"count\":2,\"kernel\":\"vecAdd(float *, float *, float *, int)\","
    "\"file\":\"program.cu\",\"line\":12,\"thread\":\"(232,0,0)\",\"block\":\"(3,0,0)\"},"
    "{\"kind\":\"Invalid __global__ read\",\"message\":\"Invalid __global__ read of size 4 bytes\",\"details\":"
    "[\"Address 0x7f3a5e100fa0 is out of bounds\"],\"count\":1,\"kernel\":\"vecAdd(float *, float *, float *, int)\","
    "\"file\":\"program.cu\",\"line\":12,\"thread\":\"(232,0,0)\",\"block\":\"(3,0,0)\"},"
    "{\"kind\":\"Program hit cudaErrorLaunchFailure\",\"message\":\"Program hit cudaErrorLaunchFailure (error 719) due "
    "to \\\"unspecified launch failure\\\" on CUDA API call to cudaMemcpy.\",\"details\":[],\"count\":1}],"
    "\"omitted\":0,\"summaryCount\":4}";

static void test_check_errors(void) {
  JsonValue *report = parsed(MEMCHECK);
  CHECK(sanitizer_verdict(report) == SANITIZER_ERRORS);
  json_free(report);
  char *text = printed(print_sanitizer, MEMCHECK, false);
  CHECK_STR(text,
            "Memory check (compute-sanitizer): 3 distinct errors, 4 reported in all:\n"
            "  1. Invalid __global__ write at program.cu:12 (2 times)\n"
            "     kernel      vecAdd(float *, float *, float *, int)\n"
            "     first seen  thread (232,0,0) of block (3,0,0)\n"
            "     message     Invalid __global__ write of size 4 bytes\n"
            "     details     Address 0x7f3a5e000fa0 is out of bounds\n"
            "                 and is 1 bytes after the nearest allocation at 0x7f3a5e000000 of size 4000 bytes\n"
            "  2. Invalid __global__ read at program.cu:12\n"
            "     kernel      vecAdd(float *, float *, float *, int)\n"
            "     first seen  thread (232,0,0) of block (3,0,0)\n"
            "     message     Invalid __global__ read of size 4 bytes\n"
            "     details     Address 0x7f3a5e100fa0 is out of bounds\n"
            "  3. Program hit cudaErrorLaunchFailure (no source line)\n"
            "     message  Program hit cudaErrorLaunchFailure (error 719) due to \"unspecified launch failure\" on CUDA "
            "API call to cudaMemcpy.\n"
            "ERRORS FOUND: 3 distinct errors; fix the first one first, as later ones often follow from it.\n");
  free(text);
}

static void test_check_race_and_barrier(void) {
  // racecheck-shared-reduction.txt: two lines per race, hazards counted, no ERROR SUMMARY.
  char *race = printed(print_sanitizer,
                       "{\"errors\":[{\"kind\":\"Race (Write / Read)\",\"message\":\"Error: Race reported between Write "
                       "access at reduce(float *, float *, int)+0x1c0 in /tmp/wb-box/run/program.cu:25\",\"details\":[],"
                       "\"count\":1024,\"kernel\":\"reduce(float *, float *, int)\",\"file\":\"program.cu\",\"line\":25,"
                       "\"otherLine\":30}],\"omitted\":0}",
                       false);
  CHECK_STR(race, "Memory check (compute-sanitizer): 1 distinct error:\n"
                  "  1. Race (Write / Read) at program.cu:25 and program.cu:30 (1024 times)\n"
                  "     kernel   reduce(float *, float *, int)\n"
                  "     message  Error: Race reported between Write access at reduce(float *, float *, int)+0x1c0 in "
                  "/tmp/wb-box/run/program.cu:25\n"
                  "ERRORS FOUND: 1 distinct error; fix the first one first, as later ones often follow from it.\n");
  free(race);
  // synccheck-divergent-barrier.txt: the headline is the kind, so it is not repeated.
  char *barrier = printed(print_sanitizer,
                          "{\"errors\":[{\"kind\":\"Barrier error detected. Divergent thread(s) in block\",\"message\":"
                          "\"Barrier error detected. Divergent thread(s) in block\",\"details\":[],\"count\":1,\"kernel\":"
                          "\"scan(float *, float *, int)\",\"file\":\"program.cu\",\"line\":20,\"thread\":\"(16,0,0)\","
                          "\"block\":\"(0,0,0)\"}],\"omitted\":0,\"summaryCount\":1}",
                          false);
  CHECK_STR(barrier, "Memory check (compute-sanitizer): 1 distinct error, 1 reported in all:\n"
                     "  1. Barrier error detected. Divergent thread(s) in block at program.cu:20\n"
                     "     kernel      scan(float *, float *, int)\n"
                     "     first seen  thread (16,0,0) of block (0,0,0)\n"
                     "ERRORS FOUND: 1 distinct error; fix the first one first, as later ones often follow from it.\n");
  free(barrier);
}

static void test_check_clean_and_unfinished(void) {
  const char clean[] = "{\"errors\":[],\"omitted\":0,\"summaryCount\":0}";
  JsonValue *report = parsed(clean);
  CHECK(sanitizer_verdict(report) == SANITIZER_CLEAN);
  json_free(report);
  char *text = printed(print_sanitizer, clean, false);
  CHECK_STR(text, "Memory check (compute-sanitizer): no errors\n"
                  "CLEAN: compute-sanitizer found no memory error, race or barrier error on this dataset.\n");
  free(text);

  // No error, but no summary either (the run ended early), or a summary that is not a count: not clean.
  const char *unfinished[] = {"{\"errors\":[],\"omitted\":0}", "{\"errors\":[],\"summaryCount\":\"0\"}",
                              "{\"errors\":\"none\",\"summaryCount\":-1}", "{}", "[]"};
  for (size_t i = 0; i < sizeof unfinished / sizeof unfinished[0]; i++) {
    report = parsed(unfinished[i]);
    CHECK(sanitizer_verdict(report) == SANITIZER_UNFINISHED);
    json_free(report);
  }
  CHECK(sanitizer_verdict(NULL) == SANITIZER_UNFINISHED);
  text = printed(print_sanitizer, unfinished[0], false);
  CHECK_STR(text, "Memory check (compute-sanitizer): no report\n"
                  "NOT CHECKED: compute-sanitizer did not finish its report (the tool's output says why).\n");
  free(text);

  // Every listed error past the server's cap was omitted: still errors, and said so.
  text = printed(print_sanitizer, "{\"errors\":[],\"omitted\":3,\"summaryCount\":60}", false);
  CHECK_STR(text, "Memory check (compute-sanitizer): 3 distinct errors, 60 reported in all:\n"
                  "  ... and 3 more distinct errors the server did not list\n"
                  "ERRORS FOUND: 3 distinct errors; fix the first one first, as later ones often follow from it.\n");
  free(text);
}

static void test_check_many_errors(void) {
  Buf json = BUF_INIT;
  buf_puts(&json, "{\"errors\":[");
  for (int i = 0; i < 12; i++) {
    buf_printf(&json, "%s{\"kind\":\"Invalid __shared__ read\",\"file\":\"program.cu\",\"line\":%d,\"details\":[", i ? "," : "",
               100 + i);
    for (int d = 0; d < 12; d++) buf_printf(&json, "%s\"detail %d\"", d ? "," : "", d);
    buf_puts(&json, "],\"count\":1}");
  }
  buf_puts(&json, "],\"omitted\":0,\"summaryCount\":12}");

  char *text = printed(print_sanitizer, json.data, false);
  CHECK(strstr(text, "  10. Invalid __shared__ read at program.cu:109\n") != NULL);
  CHECK(strstr(text, "program.cu:110") == NULL);
  CHECK(strstr(text, "  ... 2 more listed (--verbose shows all)\n") != NULL);
  CHECK(strstr(text, "\n              detail 9\n") != NULL);
  CHECK(strstr(text, "detail 10") == NULL);
  CHECK(strstr(text, "... 2 more (--verbose shows all)\n") != NULL);
  CHECK(strstr(text, "12 distinct errors") != NULL);
  free(text);
  text = printed(print_sanitizer, json.data, true);
  CHECK(strstr(text, "  12. Invalid __shared__ read at program.cu:111\n") != NULL);
  CHECK(strstr(text, "detail 11\n") != NULL);
  CHECK(strstr(text, "more listed") == NULL);
  free(text);
  buf_free(&json);
}

static void test_check_hostile(void) {
  Buf json = BUF_INIT;
  buf_puts(&json, "{\"errors\":[{\"kind\":\"\\u001b]0;pwned\\u0007Invalid\\r\\nwrite\",\"file\":\"\\u001b[2Jevil.cu\","
                  "\"line\":-4,\"otherLine\":2.5,\"count\":1e300,\"kernel\":\"");
  for (int i = 0; i < 5000; i++) buf_putc(&json, 'k');
  buf_puts(&json, "\\u009b31m\",\"thread\":\"\\u0000(1,0,0)\",\"block\":7,\"message\":\"\\u001b[31mred\","
                  "\"details\":[\"\\u007f\\u009b6n\",42,null,\"\\ud800 lone\"]},"
                  "\"not an error\", {\"count\":\"many\"}],\"omitted\":-3,\"summaryCount\":1.5}");
  char *text = printed(print_sanitizer, json.data, false);
  CHECK(terminal_safe(text));
  CHECK(strstr(text, "  1. " PIC_ESC "]0;pwned" PIC_BEL "Invalid write at " PIC_ESC "[2Jevil.cu\n") != NULL);
  // The kernel's 5000 characters are cut at 100 columns; --verbose shows them all.
  CHECK(strstr(text, "     kernel      kkkk") != NULL);
  CHECK(strstr(text, "kkk" ELLIPSIS "\n") != NULL);
  CHECK(strstr(text, "first seen  thread \xE2\x90\x80(1,0,0) of block ?\n") != NULL);
  CHECK(strstr(text, "message     " PIC_ESC "[31mred\n") != NULL);
  CHECK(strstr(text, "details     \xE2\x90\xA1" FFFD "6n\n") != NULL);
  CHECK(strstr(text, "                 " FFFD " lone\n") != NULL);
  CHECK(strstr(text, "  2. error (no source line)\n  3. error (no source line)\n") != NULL);
  CHECK(strstr(text, "3 distinct errors:\n") != NULL); // neither the odd omitted nor the odd summary
  free(text);
  text = printed(print_sanitizer, json.data, true);
  CHECK(terminal_safe(text));
  CHECK(strstr(text, "kkkkk" FFFD "31m\n") != NULL);
  free(text);
  buf_free(&json);
}

// libs/common/src/analysis/fixtures/ncu-vector-add.csv with the gateway's advice.
static const char PROFILE[] =
    "{\"kernels\":[{\"id\":\"0\",\"kernel\":\"vecAdd(float *, float *, float *, int)\",\"blockSize\":256,\"gridSize\":3907,"
    "\"memoryThroughput\":81.12,\"dramThroughput\":81.12,\"durationUs\":12.83,\"computeThroughput\":14.37,"
    "\"registersPerThread\":16,\"sharedMemoryPerBlock\":0,\"theoreticalOccupancy\":100,\"achievedOccupancy\":84.65,"
    "\"advice\":\"memory-bound at 81 % of peak bandwidth: read each value fewer times (reuse it from shared memory or "
    "registers)\"},{\"id\":\"1\",\"kernel\":\"reduce(float *, float *, int)\",\"blockSize\":512,\"gridSize\":16,"
    "\"dramThroughput\":23.41,\"durationUs\":1210,\"computeThroughput\":9.8,\"registersPerThread\":32,"
    "\"sharedMemoryPerBlock\":2050,\"achievedOccupancy\":45.02,\"advice\":\"memory-bound at 23 % of peak bandwidth: "
    "check coalescing (neighbouring threads should read neighbouring addresses)\"}],\"omitted\":0,"
    "\"countersForbidden\":false}";

static void test_profile(void) {
  JsonValue *report = parsed(PROFILE);
  CHECK(profile_verdict(report) == PROFILE_MEASURED);
  json_free(report);
  char *text = printed(print_profile, PROFILE, false);
  CHECK_STR(text, "Profile (Nsight Compute): 2 kernel launches\n"
                  "\n"
                  "  kernel                vecAdd(float *, float *, float *, int)   (launch 0)\n"
                  "  duration              12.8 \xC2\xB5s\n"
                  "  achieved occupancy    85 %\n"
                  "  DRAM throughput       81 % of peak\n"
                  "  memory throughput     81 % of peak\n"
                  "  compute throughput    14 % of peak\n"
                  "  registers per thread  16\n"
                  "  shared memory/block   0 B\n"
                  "  advice                memory-bound at 81 % of peak bandwidth: read each value fewer times (reuse "
                  "it from shared memory or registers)\n"
                  "\n"
                  "  kernel                reduce(float *, float *, int)   (launch 1)\n"
                  "  duration              1.21 ms\n"
                  "  achieved occupancy    45 %\n"
                  "  DRAM throughput       23 % of peak\n"
                  "  memory throughput     -\n"
                  "  compute throughput    10 % of peak\n"
                  "  registers per thread  32\n"
                  "  shared memory/block   2050 B\n"
                  "  advice                memory-bound at 23 % of peak bandwidth: check coalescing (neighbouring "
                  "threads should read neighbouring addresses)\n");
  free(text);
}

static void test_profile_nothing(void) {
  const char forbidden[] = "{\"kernels\":[],\"omitted\":0,\"countersForbidden\":true}";
  JsonValue *report = parsed(forbidden);
  CHECK(profile_verdict(report) == PROFILE_COUNTERS_FORBIDDEN);
  json_free(report);
  char *text = printed(print_profile, forbidden, false);
  CHECK(strstr(text, "NO PROFILE: this GPU host does not allow performance counters (ERR_NVGPUCTRPERM)") != NULL);
  free(text);

  const char *nothing[] = {"{\"kernels\":[],\"omitted\":0,\"countersForbidden\":false}", "{\"countersForbidden\":\"yes\"}",
                           "{\"kernels\":{}}", "null"};
  for (size_t i = 0; i < sizeof nothing / sizeof nothing[0]; i++) {
    report = parsed(nothing[i]);
    CHECK(profile_verdict(report) == PROFILE_NOTHING);
    json_free(report);
  }
  text = printed(print_profile, nothing[0], false);
  CHECK_STR(text, "Profile (Nsight Compute): nothing measured\n"
                  "NO PROFILE: no kernel was profiled; the program launched none, or did not get that far (the tool's "
                  "output says why).\n");
  free(text);
}

static void test_profile_hostile(void) {
  Buf json = BUF_INIT;
  buf_puts(&json, "{\"kernels\":[{\"id\":\"7\\n\\u001b[1A\",\"kernel\":\"void big<");
  for (int i = 0; i < 3000; i++) buf_puts(&json, "T,");
  buf_puts(&json, "\\u001b]52;c;AAAA\\u0007>\",\"durationUs\":1e308,\"achievedOccupancy\":-5,\"dramThroughput\":\"81\","
                  "\"computeThroughput\":2500000,\"registersPerThread\":true,\"advice\":\"\\u001b[31mgo \\u009b faster\"},"
                  "{\"advice\":null},7],\"omitted\":4,\"countersForbidden\":0}");
  char *text = printed(print_profile, json.data, false);
  CHECK(terminal_safe(text));
  CHECK(strstr(text, "Profile (Nsight Compute): 3 kernel launches\n") != NULL);
  CHECK(strstr(text, "  kernel                void big<T,T,") != NULL);
  CHECK(strstr(text, ELLIPSIS "   (launch 7 " PIC_ESC "[1A)\n") != NULL);
  CHECK(strstr(text, "  duration              -\n") != NULL);
  CHECK(strstr(text, "  achieved occupancy    -\n") != NULL);
  CHECK(strstr(text, "  DRAM throughput       -\n") != NULL);
  CHECK(strstr(text, "  compute throughput    2500000 % of peak\n") != NULL);
  CHECK(strstr(text, "  registers per thread  -\n") != NULL);
  CHECK(strstr(text, "  advice                " PIC_ESC "[31mgo " FFFD " faster\n") != NULL);
  CHECK(strstr(text, "  kernel                ?\n") != NULL);
  CHECK(strstr(text, "  advice                (too few figures for advice)\n") != NULL);
  CHECK(strstr(text, "  ... and 4 more launches the server did not list\n") != NULL);
  free(text);
  text = printed(print_profile, json.data, true);
  CHECK(terminal_safe(text));
  CHECK(strstr(text, "T,T," PIC_ESC "]52;c;AAAA" PIC_BEL ">   (launch 7") != NULL);
  free(text);
  buf_free(&json);
}

int main(void) {
  test_check_errors();
  test_check_race_and_barrier();
  test_check_clean_and_unfinished();
  test_check_many_errors();
  test_check_hostile();
  test_profile();
  test_profile_nothing();
  test_profile_hostile();
  return check_summary("analysis_view");
}
