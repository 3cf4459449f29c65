#include "local_judge.h"

#include "alloc.h"
#include "diag.h"
#include "files.h"
#include "process.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROGRAM_OUTPUT_CAP (64 * 1024)
#define REPORT_MAX_BYTES ((size_t)4 * 1024 * 1024)

static const char CORRECT[] = "Solution is correct.";
static const char NOT_CORRECT[] = "Solution is NOT correct";

// The program wrote the report, so it is untrusted: anything unreadable is "no report".
static JsonValue *read_report(const char *path) {
  size_t length;
  char *text = file_read(path, REPORT_MAX_BYTES, &length);
  if (text == NULL) return NULL;
  JsonValue *report = json_parse(text, length, NULL);
  free(text);
  return report;
}

// libwb's verdict line in the output, for a program whose report is missing (it crashed after
// wbSolution, or wrote over the report); made safe, as the program printed it.
static char *verdict_line(const char *output, size_t output_length, bool *correct) {
  for (const char *line = output; line < output + output_length;) {
    const char *end = memchr(line, '\n', (size_t)(output + output_length - line));
    if (end == NULL) end = output + output_length;
    size_t length = (size_t)(end - line);
    if (length >= strlen(CORRECT) && strncmp(line, CORRECT, strlen(CORRECT)) == 0) {
      *correct = true;
      return text_single_line_n(line, length);
    }
    if (length >= strlen(NOT_CORRECT) && strncmp(line, NOT_CORRECT, strlen(NOT_CORRECT)) == 0) {
      *correct = false;
      return text_single_line_n(line, length);
    }
    line = end + 1;
  }
  return NULL;
}

static void judge_solution(const LocalDataset *dataset, LocalVerdict *verdict) {
  const JsonValue *solution = json_get(verdict->report, "solution");
  bool checked = false, correct = false;
  json_bool(json_get(solution, "checked"), &checked);
  if (checked && json_bool(json_get(solution, "correct"), &correct)) {
    verdict->status = correct ? "passed" : "failed";
    // The program wrote it: made safe here, a NUL in it shown rather than ending it.
    verdict->message = text_member_line(solution, "message", correct ? CORRECT : NOT_CORRECT);
    return;
  }
  char *line = verdict_line(verdict->output, verdict->output_length, &correct);
  if (line != NULL) {
    verdict->status = correct ? "passed" : "failed";
    verdict->message = line;
  } else if (dataset->expected == NULL) {
    verdict->status = "passed";
    verdict->message = xstrdup("ran (this dataset has no expected output to compare)");
  } else {
    verdict->status = "failed";
    verdict->message = xstrdup("the program produced no solution: call wbSolution(args, output, ...) with your result");
  }
}

bool local_judge(const char *binary, const char *lab_dir, const char *output_type, const LocalDataset *dataset,
                 const char *scratch_dir, double timeout_s, LocalVerdict *verdict) {
  memset(verdict, 0, sizeof *verdict);
  const char *extension = dataset->expected ? strrchr(dataset->expected, '.') : ".raw";
  char *output_file = xasprintf("%s/out-%ld%s", scratch_dir, dataset->id, extension);
  char *report_file = xasprintf("%s/report-%ld.json", scratch_dir, dataset->id);
  char *report_env = xasprintf("WB_REPORT_FILE=%s", report_file);
  char *inputs = local_dataset_input_list(dataset);

  const char *argv[12];
  size_t n = 0;
  argv[n++] = binary;
  if (dataset->input_count > 0) {
    argv[n++] = "-i";
    argv[n++] = inputs;
  }
  if (dataset->expected) {
    argv[n++] = "-e";
    argv[n++] = dataset->expected;
  }
  argv[n++] = "-o";
  argv[n++] = output_file;
  if (output_type) {
    argv[n++] = "-t";
    argv[n++] = output_type;
  }
  argv[n] = NULL;
  const char *env[] = {report_env, NULL};
  ProcessSpec spec = {argv, lab_dir, env, timeout_s, PROGRAM_OUTPUT_CAP};
  ProcessResult result;
  unlink(report_file);
  bool started = process_run(&spec, &result);
  if (!started) {
    diag_error("cannot run the compiled program %s: %s", binary, strerror(errno));
  } else {
    verdict->time_ms = result.elapsed_ms;
    // Kept with its length: what the program printed may hold NUL, which is shown, not an end.
    if (result.dropped_bytes > 0) buf_printf(&result.output, "\n... (%zu more bytes of output not kept)", result.dropped_bytes);
    verdict->output_length = result.output.len;
    verdict->output = buf_take(&result.output);
    verdict->report = read_report(report_file);
    if (result.timed_out) {
      verdict->status = "timeout";
      verdict->message = xasprintf("stopped at the time limit of %g s (--timeout changes it)", timeout_s);
    } else if (result.signal != 0 || result.exit_code != 0) {
      verdict->status = "runtime_error";
      verdict->message = process_describe(&result, timeout_s);
    } else {
      judge_solution(dataset, verdict);
    }
    process_result_free(&result);
  }
  free(output_file);
  free(report_file);
  free(report_env);
  free(inputs);
  return started;
}

void local_verdict_free(LocalVerdict *verdict) {
  free(verdict->message);
  free(verdict->output);
  json_free(verdict->report);
  memset(verdict, 0, sizeof *verdict);
}
