// wb run: compiles the local program with libwb and runs it on the local datasets, judged
// locally. No sandbox: it is the student's own program on the student's own machine.
#include "alloc.h"
#include "command.h"
#include "diag.h"
#include "exit_codes.h"
#include "files.h"
#include "local_build.h"
#include "local_datasets.h"
#include "local_judge.h"
#include "local_lab.h"
#include "table.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RUN_DEFAULT_TIMEOUT_S 10.0

typedef struct {
  double timeout_s;
  bool verbose;
  long only_dataset; // -1: all
  const char *libwb_option;
} RunOptions;

// The program wrote the report: every string in it is made safe before it is printed.
static void print_timers_and_logs(const LocalVerdict *verdict) {
  const JsonValue *timers = json_get(verdict->report, "timers");
  for (size_t i = 0; i < json_array_length(timers); i++) {
    const JsonValue *t = json_array_at(timers, i);
    double ms = 0;
    json_number(json_get(t, "elapsedMs"), &ms);
    char time[32];
    text_format_ms(time, sizeof time, ms);
    char *kind = text_member_line(t, "kind", "?"), *message = text_member_line(t, "message", "");
    printf("  | timer %-8s %10s  %s\n", kind, time, message);
    free(kind);
    free(message);
  }
  const JsonValue *logs = json_get(verdict->report, "logs");
  for (size_t i = 0; i < json_array_length(logs); i++) {
    const JsonValue *l = json_array_at(logs, i);
    char *level = text_member_line(l, "level", "?"), *message = text_member_line(l, "message", "");
    printf("  | log   %-8s %s\n", level, message);
    free(level);
    free(message);
  }
}

// Runs every selected dataset and prints the table; returns how many passed.
static size_t run_datasets(const LocalLab *lab, const LocalDatasets *datasets, const RunOptions *options, const char *binary,
                           const char *scratch, size_t *ran, bool *could_not_start) {
  const char *headers[] = {"dataset", "name", "result", "time", "message"};
  Table *table = table_new(5, headers);
  LocalVerdict *verdicts = xcalloc(datasets->count, sizeof(LocalVerdict));
  const LocalDataset **which = xcalloc(datasets->count, sizeof(LocalDataset *));
  size_t passed = 0;
  bool progress = isatty(STDERR_FILENO);
  *ran = 0;
  *could_not_start = false;
  for (size_t i = 0; i < datasets->count && !*could_not_start; i++) {
    const LocalDataset *dataset = &datasets->items[i];
    if (options->only_dataset >= 0 && dataset->id != options->only_dataset) continue;
    LocalVerdict *verdict = &verdicts[*ran];
    // The table comes at the end (its columns fit the longest cell): meanwhile, on a terminal,
    // one line that says which dataset is running.
    if (progress) {
      fprintf(stderr, "\r  running dataset %ld ...", dataset->id);
      fflush(stderr);
    }
    bool started = local_judge(binary, lab->dir, local_lab_output_type(lab), dataset, scratch, options->timeout_s, verdict);
    if (progress) fputs("\r\033[K", stderr);
    if (!started) {
      *could_not_start = true;
      break;
    }
    which[(*ran)++] = dataset;
    passed += strcmp(verdict->status, "passed") == 0;
    char id[24], time[32];
    snprintf(id, sizeof id, "%ld", dataset->id);
    text_format_ms(time, sizeof time, verdict->time_ms);
    const char *name = local_lab_dataset_name(lab, dataset->id);
    const char *row[] = {id, name ? name : "", verdict->status, time, verdict->message};
    table_add(table, row);
  }
  if (*ran > 0) table_print(table, stdout, "  ");
  table_free(table);

  // Then what each failing run printed (all runs with --verbose), after the table so that the
  // table stays readable.
  for (size_t i = 0; i < *ran; i++) {
    bool failed = strcmp(verdicts[i].status, "passed") != 0;
    // The table already shows libwb's verdict line; an output of only that is not shown again.
    bool tells_more = text_has_line_besides(verdicts[i].output, verdicts[i].output_length, verdicts[i].message);
    if ((failed || options->verbose) && tells_more) {
      char *title = xasprintf("Output of dataset %ld", which[i]->id);
      text_print_block(stdout, title, verdicts[i].output, verdicts[i].output_length, options->verbose ? 100000 : 30);
      free(title);
    }
    if (options->verbose) {
      printf("libwb timers and logs of dataset %ld:\n", which[i]->id);
      print_timers_and_logs(&verdicts[i]);
    }
    local_verdict_free(&verdicts[i]);
  }
  free(verdicts);
  free(which);
  return passed;
}

static int run_lab(const LocalLab *lab, const RunOptions *options) {
  const char *libwb_source;
  char *libwb = libwb_locate(options->libwb_option, &libwb_source);
  char *missing = libwb_check(libwb, &lab->build);
  if (missing != NULL) {
    diag_error("libwb (from %s) is not usable: %s", libwb_source, missing);
    diag_hint("give its folder with --libwb DIR or the WB_LIBWB environment variable");
    free(missing);
    free(libwb);
    return WB_EXIT_LOCAL;
  }
  if (!file_exists(lab->program_path)) {
    diag_error("there is no %s", lab->program_path);
    diag_hint("get it back with: wb pull %s", lab->name);
    free(libwb);
    return WB_EXIT_LOCAL;
  }

  LocalDatasets datasets;
  if (!local_datasets_list(lab->dir, &datasets)) {
    diag_error("cannot read %s/datasets: %s", lab->dir, strerror(errno));
    free(libwb);
    return WB_EXIT_LOCAL;
  }
  int status = WB_EXIT_OK;
  if (datasets.count == 0) {
    diag_error("there are no datasets in %s/datasets", lab->dir);
    diag_hint("download them with: wb pull %s", lab->name);
    status = WB_EXIT_LOCAL;
  } else if (options->only_dataset >= 0 && local_datasets_find(&datasets, options->only_dataset) == NULL) {
    diag_error("there is no dataset %ld in %s/datasets (there are %ld to %ld)", options->only_dataset, lab->dir,
               datasets.items[0].id, datasets.items[datasets.count - 1].id);
    status = WB_EXIT_USAGE;
  }

  const char *tmp = getenv("TMPDIR");
  char *scratch = xasprintf("%s/wb-run-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
  bool have_scratch = false;
  if (status == WB_EXIT_OK) {
    have_scratch = mkdtemp(scratch) != NULL;
    if (!have_scratch) {
      diag_error("cannot create a scratch folder %s: %s", scratch, strerror(errno));
      status = WB_EXIT_LOCAL;
    }
  }
  if (status == WB_EXIT_OK) {
    char *binary = path_join(scratch, "program");
    printf("Compiling %s with %s ...\n", lab->program_path, lab->build.compiler);
    fflush(stdout);
    status = local_build(lab, libwb, binary, options->verbose);
    if (status == WB_EXIT_OK) {
      size_t selected = options->only_dataset >= 0 ? 1 : datasets.count;
      printf("Running on %zu dataset%s (time limit %g s each):\n", selected, selected == 1 ? "" : "s", options->timeout_s);
      fflush(stdout);
      size_t ran;
      bool could_not_start;
      size_t passed = run_datasets(lab, &datasets, options, binary, scratch, &ran, &could_not_start);
      if (could_not_start) {
        status = WB_EXIT_LOCAL;
      } else {
        printf("%zu of %zu dataset%s passed.\n", passed, ran, ran == 1 ? "" : "s");
        status = passed == ran ? WB_EXIT_OK : WB_EXIT_FAILED;
      }
    }
    free(binary);
  }
  if (have_scratch) dir_remove_tree(scratch);
  free(scratch);
  local_datasets_free(&datasets);
  free(libwb);
  return status;
}

static int run(int argc, char **argv) {
  CliOption options[] = {
      {"--dataset", true, NULL, false},
      {"--timeout", true, NULL, false},
      {"--libwb", true, NULL, false},
      {"--verbose", false, NULL, false},
  };
  const char *name;
  int status = command_parse_lab("wb run", options, 4, argc, argv, &name);
  if (status != WB_EXIT_OK) return status;
  RunOptions run_options = {RUN_DEFAULT_TIMEOUT_S, options[3].given, -1, options[2].value};
  if (options[0].given && !cli_parse_index(options[0].value, &run_options.only_dataset)) {
    diag_error("wb run: --dataset wants a dataset number, not \"%s\"", options[0].value);
    return WB_EXIT_USAGE;
  }
  if (!command_wait_seconds("wb run", &options[1], RUN_DEFAULT_TIMEOUT_S, &run_options.timeout_s)) return WB_EXIT_USAGE;

  LocalLab lab;
  if ((status = local_lab_open(name, &lab)) != WB_EXIT_OK) return status;
  status = run_lab(&lab, &run_options);
  local_lab_free(&lab);
  return status;
}

const Command COMMAND_RUN = {
    "run",
    "compile your program with libwb and check it on the local datasets",
    "usage: wb run LAB [--dataset N] [--timeout SECONDS] [--libwb DIR] [--verbose]\n"
    "\n"
    "Compiles ./LAB/program.<ext> against libwb as the server's workers do, with the compiler,\n"
    "flags and libraries the lab names (g++ for the CPU labs, nvcc for CUDA labs),\n"
    "runs it on each pulled dataset as\n"
    "  program -i input0,input1,... -e output.<ext> -o OUT -t TYPE\n"
    "and shows, per dataset, whether libwb found the solution correct. Nothing is sent to the\n"
    "server. The program runs on your machine without a sandbox.\n"
    "\n"
    "options:\n"
    "  --dataset N        only dataset N\n"
    "  --timeout SECONDS  time limit per dataset (default 10); the program and everything it\n"
    "                     started are stopped then\n"
    "  --libwb DIR        the libwb folder (with include/wb.h and build/libwb.a); default:\n"
    "                     $WB_LIBWB, else the one this wb was built with\n"
    "  --verbose          show the compile command, every run's output, libwb timers and logs\n"
    "\n"
    "exit status: 0 when every dataset passed, 1 when the program did not compile or failed one.\n"
    "\n"
    "example:\n"
    "  $ wb run vector-add\n"
    "  Compiling vector-add/program.cpp with g++ ...\n"
    "  Running on 6 datasets (time limit 10 s each):\n"
    "    dataset  name         result  time    message\n"
    "    0        16 elements  passed  2.1 ms  Solution is correct.\n"
    "    ...\n"
    "  6 of 6 datasets passed.\n",
    run,
};
