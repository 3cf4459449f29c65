#include "analysis_view.h"

#include "alloc.h"
#include "buf.h"
#include "table.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

// The errors and detail lines shown without --verbose: the first error is the one to fix (later
// ones often follow from it), and the server keeps up to 50.
#define SHORT_ERRORS 10
#define SHORT_DETAILS 10
// A C++ kernel's signature can run to thousands of characters (templates): its start says which.
#define NAME_COLUMNS 100
// Beyond this a "measure" is no measure: a hostile or broken server's 1e308 is shown as unknown.
#define MEASURE_MAX 1e12

// A count or line number: a non-negative integer, else false.
static bool member_count(const JsonValue *object, const char *key, long long *out) {
  long long n;
  if (!json_integer(json_get(object, key), &n) || n < 0) return false;
  *out = n;
  return true;
}

// A figure ncu measured: a finite, non-negative number within reason, else false.
static bool member_measure(const JsonValue *object, const char *key, double *out) {
  double x;
  if (!json_number(json_get(object, key), &x) || !isfinite(x) || x < 0 || x > MEASURE_MAX) return false;
  *out = x;
  return true;
}

// The member's text made safe for one line, cut to NAME_COLUMNS unless `whole`; NULL when absent.
static char *member_name(const JsonValue *object, const char *key, bool whole) {
  char *text = text_member_line(object, key, NULL);
  if (text == NULL || whole) return text;
  char *cut = text_cut(text, NAME_COLUMNS);
  free(text);
  return cut;
}

static const char *plural(long long n) { return n == 1 ? "" : "s"; }

// --- Check memory ------------------------------------------------------------------------------

SanitizerVerdict sanitizer_verdict(const JsonValue *sanitizer) {
  long long omitted = 0, summary = -1;
  member_count(sanitizer, "omitted", &omitted);
  if (json_array_length(json_get(sanitizer, "errors")) > 0 || omitted > 0) return SANITIZER_ERRORS;
  // The page's rule too: without the tool's own "ERROR SUMMARY: 0 errors" a missing error may
  // only mean the run ended early (a crash, the time limit), not that there is none.
  return member_count(sanitizer, "summaryCount", &summary) && summary == 0 ? SANITIZER_CLEAN : SANITIZER_UNFINISHED;
}

// "program.cu:25 and program.cu:30" (a race's two accesses), "program.cu:12", "program.cu",
// "line 12"; NULL when the tool named no place (a CUDA API error).
static char *error_place(const JsonValue *error, bool verbose) {
  char *file = member_name(error, "file", verbose);
  long long line = 0, other = 0;
  bool has_line = member_count(error, "line", &line) && line > 0;
  bool has_other = member_count(error, "otherLine", &other) && other > 0;
  char *place = NULL;
  if (file != NULL && has_line && has_other) {
    place = xasprintf("%s:%lld and %s:%lld", file, line, file, other);
  } else if (file != NULL && has_line) {
    place = xasprintf("%s:%lld", file, line);
  } else if (file != NULL) {
    place = xstrdup(file);
  } else if (has_line) {
    place = xasprintf("line %lld", line);
  }
  free(file);
  return place;
}

// A row of two columns, label and value; the first row made is the table's head.
static void add_row(Table **table, const char *label, const char *value) {
  const char *row[] = {label, value};
  if (*table == NULL) {
    *table = table_new(2, row);
  } else {
    table_add(*table, row);
  }
}

static void print_error(FILE *out, size_t number, const JsonValue *error, bool verbose) {
  char *kind = member_name(error, "kind", verbose);
  char *place = error_place(error, verbose);
  long long count = 1;
  member_count(error, "count", &count);
  char times[48] = "";
  if (count != 1) snprintf(times, sizeof times, " (%lld times)", count);
  fprintf(out, "  %zu. %s %s%s%s\n", number, kind ? kind : "error", place ? "at " : "", place ? place : "(no source line)",
          times);
  free(kind);
  free(place);

  Table *table = NULL;
  char *kernel = member_name(error, "kernel", verbose);
  if (kernel != NULL) add_row(&table, "kernel", kernel);
  free(kernel);
  char *thread = text_member_line(error, "thread", NULL), *block = text_member_line(error, "block", NULL);
  if (thread != NULL || block != NULL) {
    char *first = xasprintf("thread %s of block %s", thread ? thread : "?", block ? block : "?");
    add_row(&table, "first seen", first);
    free(first);
  }
  free(thread);
  free(block);
  // The tool's headline, with the sizes and addresses the kind leaves out: not when it says no more.
  char *message = text_member_line(error, "message", NULL), *whole_kind = text_member_line(error, "kind", "");
  if (message != NULL && strcmp(message, whole_kind) != 0) add_row(&table, "message", message);
  free(message);
  free(whole_kind);
  const JsonValue *details = json_get(error, "details");
  size_t detail_count = json_array_length(details);
  size_t shown = verbose || detail_count <= SHORT_DETAILS ? detail_count : SHORT_DETAILS;
  const char *label = "details";
  for (size_t i = 0; i < shown; i++) {
    const JsonValue *detail = json_array_at(details, i);
    if (json_string(detail) == NULL) continue;
    char *line = text_single_line_n(json_string(detail), json_string_length(detail));
    add_row(&table, label, line);
    label = "";
    free(line);
  }
  if (shown < detail_count) {
    char *more = xasprintf("... %zu more (--verbose shows all)", detail_count - shown);
    add_row(&table, "", more);
    free(more);
  }
  if (table != NULL) table_print(table, out, "     ");
  table_free(table);
}

void sanitizer_print(FILE *out, const JsonValue *sanitizer, bool verbose) {
  const JsonValue *errors = json_get(sanitizer, "errors");
  size_t listed = json_array_length(errors);
  long long omitted = 0, summary = -1;
  member_count(sanitizer, "omitted", &omitted);
  bool summarized = member_count(sanitizer, "summaryCount", &summary);
  switch (sanitizer_verdict(sanitizer)) {
  case SANITIZER_CLEAN:
    fprintf(out, "Memory check (compute-sanitizer): no errors\n");
    fprintf(out, "CLEAN: compute-sanitizer found no memory error, race or barrier error on this dataset.\n");
    return;
  case SANITIZER_UNFINISHED:
    fprintf(out, "Memory check (compute-sanitizer): no report\n");
    fprintf(out, "NOT CHECKED: compute-sanitizer did not finish its report (the tool's output says why).\n");
    return;
  case SANITIZER_ERRORS:
    break;
  }
  long long distinct = (long long)listed + omitted;
  fprintf(out, "Memory check (compute-sanitizer): %lld distinct error%s", distinct, plural(distinct));
  if (summarized) fprintf(out, ", %lld reported in all", summary);
  fputs(":\n", out);
  size_t shown = verbose || listed <= SHORT_ERRORS ? listed : SHORT_ERRORS;
  for (size_t i = 0; i < shown; i++) print_error(out, i + 1, json_array_at(errors, i), verbose);
  if (shown < listed) fprintf(out, "  ... %zu more listed (--verbose shows all)\n", listed - shown);
  if (omitted > 0) fprintf(out, "  ... and %lld more distinct error%s the server did not list\n", omitted, plural(omitted));
  fprintf(out, "ERRORS FOUND: %lld distinct error%s; fix the first one first, as later ones often follow from it.\n", distinct,
          plural(distinct));
}

// --- Profile -----------------------------------------------------------------------------------

ProfileVerdict profile_verdict(const JsonValue *profile) {
  bool forbidden = false;
  if (json_bool(json_get(profile, "countersForbidden"), &forbidden) && forbidden) return PROFILE_COUNTERS_FORBIDDEN;
  return json_array_length(json_get(profile, "kernels")) > 0 ? PROFILE_MEASURED : PROFILE_NOTHING;
}

static void format_duration(char *out, size_t size, double us) {
  if (us < 1000) {
    snprintf(out, size, "%.1f \xC2\xB5s", us); // µs
  } else if (us < 1e6) {
    snprintf(out, size, "%.2f ms", us / 1e3);
  } else {
    snprintf(out, size, "%.2f s", us / 1e6);
  }
}

// One measure's row: `format` applied to the member, or "-" when it is absent or odd.
static void add_measure(Table **table, const char *label, const JsonValue *kernel, const char *key, const char *format) {
  double value;
  char text[64] = "-";
  if (member_measure(kernel, key, &value)) {
    if (format == NULL) {
      format_duration(text, sizeof text, value);
    } else {
      snprintf(text, sizeof text, format, value);
    }
  }
  add_row(table, label, text);
}

static void print_kernel(FILE *out, const JsonValue *kernel, bool verbose) {
  char *name = member_name(kernel, "kernel", verbose);
  char *id = member_name(kernel, "id", false);
  char *title = id ? xasprintf("%s   (launch %s)", name ? name : "?", id) : xstrdup(name ? name : "?");
  Table *table = NULL;
  add_row(&table, "kernel", title);
  add_measure(&table, "duration", kernel, "durationUs", NULL);
  add_measure(&table, "achieved occupancy", kernel, "achievedOccupancy", "%.0f %%");
  add_measure(&table, "DRAM throughput", kernel, "dramThroughput", "%.0f %% of peak");
  add_measure(&table, "memory throughput", kernel, "memoryThroughput", "%.0f %% of peak");
  add_measure(&table, "compute throughput", kernel, "computeThroughput", "%.0f %% of peak");
  add_measure(&table, "registers per thread", kernel, "registersPerThread", "%.0f");
  add_measure(&table, "shared memory/block", kernel, "sharedMemoryPerBlock", "%.0f B");
  char *advice = text_member_line(kernel, "advice", "(too few figures for advice)");
  add_row(&table, "advice", advice);
  table_print(table, out, "  ");
  table_free(table);
  free(advice);
  free(title);
  free(id);
  free(name);
}

void profile_print(FILE *out, const JsonValue *profile, bool verbose) {
  switch (profile_verdict(profile)) {
  case PROFILE_COUNTERS_FORBIDDEN:
    fprintf(out, "Profile (Nsight Compute): nothing measured\n");
    fprintf(out, "NO PROFILE: this GPU host does not allow performance counters (ERR_NVGPUCTRPERM), so Nsight Compute "
                 "could measure nothing. Tell the course staff: the worker's driver must allow profiling for "
                 "non-administrators.\n");
    return;
  case PROFILE_NOTHING:
    fprintf(out, "Profile (Nsight Compute): nothing measured\n");
    fprintf(out, "NO PROFILE: no kernel was profiled; the program launched none, or did not get that far (the tool's "
                 "output says why).\n");
    return;
  case PROFILE_MEASURED:
    break;
  }
  const JsonValue *kernels = json_get(profile, "kernels");
  size_t count = json_array_length(kernels);
  long long omitted = 0;
  member_count(profile, "omitted", &omitted);
  fprintf(out, "Profile (Nsight Compute): %zu kernel launch%s\n", count, count == 1 ? "" : "es");
  for (size_t i = 0; i < count; i++) {
    fputc('\n', out);
    print_kernel(out, json_array_at(kernels, i), verbose);
  }
  if (omitted > 0) fprintf(out, "\n  ... and %lld more launch%s the server did not list\n", omitted, omitted == 1 ? "" : "es");
}
