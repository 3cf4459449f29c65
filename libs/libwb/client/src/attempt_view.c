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

bool attempt_unjudged(const char *status) {
  return status != NULL && (strcmp(status, "internal_error") == 0 || strcmp(status, "cancelled") == 0);
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
    // Kept as shown: the server's status is text to print like any other.
    char *shown = text_single_line(status);
    if (last_status == NULL || strcmp(last_status, shown) != 0) {
      diag_note("attempt %s: %s ...", attempt_id, shown);
      free(last_status);
      last_status = shown;
    } else {
      free(shown);
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
    char *status = text_member_line(r, "status", "?"), *message = text_member_line(r, "message", "");
    const char *row[] = {number, name ? name : "", status, time, message};
    table_add(table, row);
    free(status);
    free(message);
  }
  table_print(table, stdout, "  ");
  table_free(table);
}

// Timers summed by kind and message: an all-datasets attempt repeats each timer once per dataset.
// Compared as shown, so that two that look alike are one line.
static void print_timers(const JsonValue *attempt, bool verbose) {
  const JsonValue *timers = json_get(attempt, "timers");
  size_t count = json_array_length(timers);
  if (count == 0) return;
  typedef struct {
    char *kind, *message;
    double total_ms;
    int runs;
  } Sum;
  Sum *sums = xcalloc(count, sizeof(Sum));
  size_t distinct = 0;
  for (size_t i = 0; i < count; i++) {
    const JsonValue *t = json_array_at(timers, i);
    char *kind = text_member_line(t, "kind", "?"), *message = text_member_line(t, "message", "");
    double ms = 0;
    json_number(json_get(t, "elapsedMs"), &ms);
    size_t j = 0;
    while (j < distinct && !(strcmp(sums[j].kind, kind) == 0 && strcmp(sums[j].message, message) == 0)) j++;
    if (j == distinct) {
      sums[distinct++] = (Sum){kind, message, 0, 0};
    } else {
      free(kind);
      free(message);
    }
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
  for (size_t j = 0; j < distinct; j++) {
    free(sums[j].kind);
    free(sums[j].message);
  }
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
    char *file = text_member_line(l, "file", "?");
    char *where = xasprintf("%s:%lld", file, line);
    char *level = text_member_line(l, "level", "?"), *message = text_member_line(l, "message", "");
    const char *row[] = {level, where, message};
    table_add(table, row);
    free(file);
    free(where);
    free(level);
    free(message);
  }
  table_print(table, stdout, "  ");
  table_free(table);
  if (shown < count) printf("  ... %zu more (--verbose shows all)\n", count - shown);
}

// The worker heads each dataset's part of the output with "== dataset N ==": an output of only
// such headers (the program printed nothing) is not worth a block.
static bool output_tells_something(const char *output, size_t length) {
  for (const char *line = output; line < output + length;) {
    const char *end = memchr(line, '\n', (size_t)(output + length - line));
    if (end == NULL) end = output + length;
    int consumed = 0;
    long dataset;
    char *copy = xstrndup(line, (size_t)(end - line));
    bool header = strlen(copy) == (size_t)(end - line) && sscanf(copy, "== dataset %ld ==%n", &dataset, &consumed) == 1 &&
                  copy[consumed] == '\0';
    bool content = !header && text_has_line_besides(line, (size_t)(end - line), NULL);
    free(copy);
    if (content) return true;
    line = end + 1;
  }
  return false;
}

// The attempt's `key` text and its length (it may hold NUL); "" when absent.
static const char *member_text(const JsonValue *attempt, const char *key, size_t *length) {
  const JsonValue *value = json_get(attempt, key);
  *length = json_string(value) ? json_string_length(value) : 0;
  return json_string(value) ? json_string(value) : "";
}

// Whether the server kept only the start of a text `bytes` long (as produced) — it appends a line
// saying so, but the first lines shown may not reach it. The stored text is made safe, which only
// lengthens it (a control picture or U+FFFD is 3 bytes) except where "\r\n" became "\n": so
// a text longer than the stored one plus its newlines was surely cut.
static bool server_truncated(const char *text, size_t length, double bytes) {
  size_t newlines = 0;
  for (size_t i = 0; i < length; i++) newlines += text[i] == '\n';
  return bytes > (double)(length + newlines) && bytes < 1e15;
}

// The text block of member `key`, its title saying when the server cut it (`bytes_key`).
static void print_text_block(const JsonValue *attempt, const char *title, const char *key, const char *bytes_key, size_t lines) {
  size_t length;
  const char *text = member_text(attempt, key, &length);
  double bytes = 0;
  char *titled = NULL;
  if (json_number(json_get(attempt, bytes_key), &bytes) && server_truncated(text, length, bytes)) {
    titled = xasprintf("%s (truncated: %.0f bytes in all)", title, bytes);
  }
  text_print_block(stdout, titled ? titled : title, text, length, lines);
  free(titled);
}

void attempt_print_heading(const JsonValue *attempt, const LocalLab *local, bool verbose) {
  long long dataset = -1;
  json_integer(json_get(attempt, "dataset"), &dataset);
  char *id = text_member_line(attempt, "id", "?");
  char *status = text_member_line(attempt, "status", "?");
  if (dataset < 0) {
    printf("Attempt %s on all public datasets: %s\n", id, status);
  } else {
    printf("Attempt %s on dataset %lld: %s\n", id, dataset, status);
  }
  free(id);
  free(status);
  print_results(attempt, local);
  print_text_block(attempt, "Compiler output", "compilerOutput", "compilerOutputBytes",
                   verbose ? LONG_BLOCK_LINES : SHORT_BLOCK_LINES);
}

void attempt_print_output(const JsonValue *attempt, const char *title, bool verbose) {
  print_text_block(attempt, title, "output", "outputBytes", verbose ? LONG_BLOCK_LINES : SHORT_BLOCK_LINES);
}

void attempt_print(const JsonValue *attempt, const LocalLab *local, bool verbose) {
  const char *status = json_get_string(attempt, "status", "?");
  char *shown_status = text_single_line(status);
  attempt_print_heading(attempt, local, verbose);

  size_t lines = verbose ? LONG_BLOCK_LINES : SHORT_BLOCK_LINES;
  bool cancelled = strcmp(status, "cancelled") == 0;
  size_t length;
  const char *output = member_text(attempt, "output", &length);
  if (cancelled) {
    // A staff member ended it before any verdict; the output is their reason, not the program's.
    text_print_block(stdout, "Cancelled by the course staff", output, length, lines);
  } else if (output_tells_something(output, length)) {
    attempt_print_output(attempt, "Program output", verbose);
  }
  print_timers(attempt, verbose);
  print_logs(attempt, verbose);
  if (attempt_passed(attempt)) {
    printf("PASSED\n");
  } else if (cancelled) {
    printf("NOT PASSED (cancelled by the course staff)\n");
  } else {
    printf("NOT PASSED (%s)\n", shown_status);
  }
  free(shown_status);
}
