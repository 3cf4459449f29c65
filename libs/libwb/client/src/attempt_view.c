#include "attempt_view.h"

#include "alloc.h"
#include "diag.h"
#include "exit_codes.h"
#include "table.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SHORT_BLOCK_LINES 30
#define LONG_BLOCK_LINES 100000
#define SHORT_LIST 10

bool attempt_id_valid(const char *id) {
  size_t n = strlen(id);
  if (n == 0 || n > 64) return false;
  for (size_t i = 0; i < n; i++) {
    char c = id[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

bool attempt_pending(const char *status) {
  return status != NULL && (strcmp(status, "queued") == 0 || strcmp(status, "compiling") == 0 || strcmp(status, "running") == 0);
}

bool attempt_passed(const JsonValue *attempt) {
  bool passed = false;
  return json_bool(json_get(attempt, "passed"), &passed) && passed;
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void sleep_ms(long ms) {
  struct timespec step = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&step, &step) != 0) {
  }
}

int attempt_wait(Api *api, const char *lab, const char *attempt_id, double timeout_s, JsonValue **attempt) {
  *attempt = NULL;
  char *path = xasprintf("/mp/%s/attempt/%s", lab, attempt_id);
  double deadline = now_s() + timeout_s;
  char *last_status = NULL;
  int result = WB_EXIT_OK;
  for (;;) {
    ApiResponse response;
    result = api_call_expect(api, "GET", path, NULL, 200, "waiting for the attempt", &response);
    if (result != WB_EXIT_OK) {
      api_response_free(&response);
      break;
    }
    const char *status = json_get_string(response.json, "status", NULL);
    if (status == NULL) {
      diag_error("the server's attempt %s has no status", attempt_id);
      api_response_free(&response);
      result = WB_EXIT_SERVER;
      break;
    }
    if (!attempt_pending(status)) {
      *attempt = response.json;
      response.json = NULL;
      api_response_free(&response);
      break;
    }
    if (last_status == NULL || strcmp(last_status, status) != 0) {
      char *shown = text_single_line(status);
      diag_note("attempt %s: %s ...", attempt_id, shown);
      free(shown);
      free(last_status);
      last_status = xstrdup(status);
    }
    api_response_free(&response);
    if (now_s() >= deadline) {
      diag_error("attempt %s is still %s after %g s; stopped waiting", attempt_id, last_status, timeout_s);
      diag_hint("the workers may be busy; see later with: wb attempts %s", lab);
      result = WB_EXIT_TIMEOUT;
      break;
    }
    sleep_ms(ATTEMPT_POLL_INTERVAL_MS);
  }
  free(last_status);
  free(path);
  return result;
}

static void print_results(const JsonValue *attempt, const LocalLab *local) {
  const JsonValue *results = json_get(attempt, "results");
  if (json_array_length(results) == 0) return;
  const char *headers[] = {"dataset", "name", "result", "time", "message"};
  Table *table = table_new(5, headers);
  for (size_t i = 0; i < json_array_length(results); i++) {
    const JsonValue *r = json_array_at(results, i);
    long long dataset = -1;
    double ms = -1;
    char number[32] = "?", time[32];
    if (json_integer(json_get(r, "dataset"), &dataset)) snprintf(number, sizeof number, "%lld", dataset);
    json_number(json_get(r, "timeMs"), &ms);
    text_format_ms(time, sizeof time, ms);
    const char *name = local ? local_lab_dataset_name(local, (long)dataset) : NULL;
    const char *row[] = {number, name ? name : "", json_get_string(r, "status", "?"), time, json_get_string(r, "message", "")};
    table_add(table, row);
  }
  table_print(table, stdout, "  ");
  table_free(table);
}

// Timers summed by kind and message: an all-datasets attempt repeats each timer once per dataset.
static void print_timers(const JsonValue *attempt, bool verbose) {
  const JsonValue *timers = json_get(attempt, "timers");
  size_t count = json_array_length(timers);
  if (count == 0) return;
  typedef struct {
    const char *kind, *message;
    double total_ms;
    int runs;
  } Sum;
  Sum *sums = xcalloc(count, sizeof(Sum));
  size_t distinct = 0;
  for (size_t i = 0; i < count; i++) {
    const JsonValue *t = json_array_at(timers, i);
    const char *kind = json_get_string(t, "kind", "?"), *message = json_get_string(t, "message", "");
    double ms = 0;
    json_number(json_get(t, "elapsedMs"), &ms);
    size_t j = 0;
    while (j < distinct && !(strcmp(sums[j].kind, kind) == 0 && strcmp(sums[j].message, message) == 0)) j++;
    if (j == distinct) sums[distinct++] = (Sum){kind, message, 0, 0};
    sums[j].total_ms += ms;
    sums[j].runs++;
  }
  printf("libwb timers (summed over the runs):\n");
  const char *headers[] = {"kind", "total", "runs", "message"};
  Table *table = table_new(4, headers);
  size_t shown = verbose ? distinct : (distinct < SHORT_LIST ? distinct : SHORT_LIST);
  for (size_t j = 0; j < shown; j++) {
    char total[32], runs[16];
    text_format_ms(total, sizeof total, sums[j].total_ms);
    snprintf(runs, sizeof runs, "%d", sums[j].runs);
    const char *row[] = {sums[j].kind, total, runs, sums[j].message};
    table_add(table, row);
  }
  table_print(table, stdout, "  ");
  table_free(table);
  if (shown < distinct) printf("  ... %zu more (--verbose shows all)\n", distinct - shown);
  free(sums);
}

static void print_logs(const JsonValue *attempt, bool verbose) {
  const JsonValue *logs = json_get(attempt, "logs");
  size_t count = json_array_length(logs);
  if (count == 0) return;
  size_t shown = verbose || count <= SHORT_LIST ? count : SHORT_LIST;
  printf("libwb logs (%zu):\n", count);
  const char *headers[] = {"level", "where", "message"};
  Table *table = table_new(3, headers);
  for (size_t i = 0; i < shown; i++) {
    const JsonValue *l = json_array_at(logs, i);
    long long line = 0;
    json_integer(json_get(l, "line"), &line);
    char *where = xasprintf("%s:%lld", json_get_string(l, "file", "?"), line);
    const char *row[] = {json_get_string(l, "level", "?"), where, json_get_string(l, "message", "")};
    table_add(table, row);
    free(where);
  }
  table_print(table, stdout, "  ");
  table_free(table);
  if (shown < count) printf("  ... %zu more (--verbose shows all)\n", count - shown);
}

// The worker heads each dataset's part of the output with "== dataset N ==": an output of only
// such headers (the program printed nothing) is not worth a block.
static bool output_tells_something(const char *output) {
  for (const char *line = output; *line;) {
    size_t length = strcspn(line, "\n");
    int consumed = 0;
    long dataset;
    char *copy = xstrndup(line, length);
    bool header = sscanf(copy, "== dataset %ld ==%n", &dataset, &consumed) == 1 && copy[consumed] == '\0';
    bool content = !header && text_has_line_besides(copy, NULL);
    free(copy);
    if (content) return true;
    line += length + (line[length] == '\n');
  }
  return false;
}

void attempt_print(const JsonValue *attempt, const LocalLab *local, bool verbose) {
  const char *status = json_get_string(attempt, "status", "?");
  long long dataset = -1;
  json_integer(json_get(attempt, "dataset"), &dataset);
  char *id = text_single_line(json_get_string(attempt, "id", "?"));
  char *shown_status = text_single_line(status);
  if (dataset < 0) {
    printf("Attempt %s on all public datasets: %s\n", id, shown_status);
  } else {
    printf("Attempt %s on dataset %lld: %s\n", id, dataset, shown_status);
  }
  free(id);
  print_results(attempt, local);

  size_t lines = verbose ? LONG_BLOCK_LINES : SHORT_BLOCK_LINES;
  text_print_block(stdout, "Compiler output", json_get_string(attempt, "compilerOutput", ""), lines);
  const char *output = json_get_string(attempt, "output", "");
  if (output_tells_something(output)) text_print_block(stdout, "Program output", output, lines);
  print_timers(attempt, verbose);
  print_logs(attempt, verbose);
  if (attempt_passed(attempt)) {
    printf("PASSED\n");
  } else {
    printf("NOT PASSED (%s)\n", shown_status);
  }
  free(shown_status);
}
