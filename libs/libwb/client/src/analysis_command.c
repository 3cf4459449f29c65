#include "analysis_command.h"

#include "alloc.h"
#include "api.h"
#include "attempt_view.h"
#include "command.h"
#include "diag.h"
#include "exit_codes.h"
#include "program_upload.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>

// Sends the program and waits for the attempt; on WB_EXIT_OK *attempt is the finished one.
static int request(const AnalysisCommand *command, ProgramUpload *upload, const char *lab, long dataset, double wait_s,
                   JsonValue **attempt) {
  *attempt = NULL;
  buf_printf(&upload->body, ",\"dataset\":%ld}", dataset);
  char *path = xasprintf("/mp/%s/%s", lab, command->route);
  char *doing = xasprintf("asking for %s", command->what);
  ApiResponse response;
  int status = api_call_expect(&upload->api, "POST", path, upload->body.data, 202, doing, &response);
  free(doing);
  free(path);
  const char *id = json_get_string(response.json, "attemptId", NULL);
  if (status == WB_EXIT_OK && (id == NULL || !attempt_id_valid(id))) {
    diag_error("the server accepted the request but gave no usable attempt id");
    status = WB_EXIT_SERVER;
  }
  if (status == WB_EXIT_OK) {
    if (dataset < 0) {
      diag_note("asked for %s of %s (attempt %s) on the first public dataset; waiting for the result ...", command->what,
                upload->lab.program_path, id);
    } else {
      diag_note("asked for %s of %s (attempt %s) on dataset %ld; waiting for the result ...", command->what,
                upload->lab.program_path, id, dataset);
    }
    // The server saved the program with the request: keep the local record in step.
    program_upload_sync(&upload->api, &upload->lab, upload->program, upload->length);
    status = attempt_wait(&upload->api, lab, id, wait_s, attempt);
  }
  api_response_free(&response);
  return status;
}

int analysis_command_run(const AnalysisCommand *command, int argc, char **argv) {
  CliOption options[] = {
      {"--dataset", true, NULL, false},
      {"--wait", true, NULL, false},
      {"--verbose", false, NULL, false},
  };
  const char *lab;
  int status = command_parse_lab(command->command, options, 3, argc, argv, &lab);
  if (status != WB_EXIT_OK) return status;
  // -1: the server's "the first public dataset" (a tool's run of every dataset would say the same
  // thing, many times slower).
  long dataset = -1;
  if (options[0].given && !cli_parse_index(options[0].value, &dataset)) {
    diag_error("%s: --dataset wants a dataset number, not \"%s\"", command->command, options[0].value);
    return WB_EXIT_USAGE;
  }
  double wait_s;
  if (!command_wait_seconds(command->command, &options[1], ATTEMPT_DEFAULT_WAIT_S, &wait_s)) return WB_EXIT_USAGE;
  bool verbose = options[2].given;

  ProgramUpload upload;
  if ((status = program_upload_open(lab, &upload)) != WB_EXIT_OK) return status;
  JsonValue *attempt = NULL;
  status = request(command, &upload, lab, dataset, wait_s, &attempt);
  if (status == WB_EXIT_OK) {
    attempt_print_heading(attempt, &upload.lab, verbose);
    if (json_array_length(json_get(attempt, "results")) > 0) {
      status = command->show(attempt, verbose);
    } else {
      // Not compiled, or stopped before it ran (an internal error, cancelled): no report to read.
      attempt_print_output(attempt, "Output", verbose);
      char *shown = text_member_line(attempt, "status", "?");
      printf("NO REPORT: the program did not run under %s (%s).\n", command->tool, shown);
      free(shown);
      status = WB_EXIT_FAILED;
    }
  }
  json_free(attempt);
  program_upload_close(&upload);
  return status;
}
