// wb submit: runs the local program on the server's workers and shows the verdict.
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
#include <string.h>

static int submit(int argc, char **argv) {
  CliOption options[] = {
      {"--dataset", true, NULL, false},
      {"--wait", true, NULL, false},
      {"--verbose", false, NULL, false},
  };
  const char *name;
  int status = command_parse_lab("wb submit", options, 3, argc, argv, &name);
  if (status != WB_EXIT_OK) return status;
  long dataset = -1;
  const char *which = options[0].value;
  if (which != NULL && strcmp(which, "all") != 0 && !cli_parse_index(which, &dataset)) {
    diag_error("wb submit: --dataset wants a dataset number or \"all\", not \"%s\"", which);
    return WB_EXIT_USAGE;
  }
  double wait_s;
  if (!command_wait_seconds("wb submit", &options[1], ATTEMPT_DEFAULT_WAIT_S, &wait_s)) return WB_EXIT_USAGE;

  ProgramUpload upload;
  if ((status = program_upload_open(name, &upload)) != WB_EXIT_OK) return status;
  JsonValue *attempt = NULL;
  buf_printf(&upload.body, ",\"dataset\":%ld}", dataset);
  char *path = xasprintf("/mp/%s/submit", name);
  ApiResponse response;
  status = api_call_expect(&upload.api, "POST", path, upload.body.data, 202, "submitting", &response);
  free(path);
  const char *id = json_get_string(response.json, "attemptId", NULL);
  if (status == WB_EXIT_OK && (id == NULL || !attempt_id_valid(id))) {
    diag_error("the server accepted the submission but gave no usable attempt id");
    status = WB_EXIT_SERVER;
  }
  if (status == WB_EXIT_OK) {
    if (dataset < 0) {
      diag_note("submitted %s (attempt %s) on all public datasets; waiting for the result ...", upload.lab.program_path, id);
    } else {
      diag_note("submitted %s (attempt %s) on dataset %ld; waiting for the result ...", upload.lab.program_path, id, dataset);
    }
    // Submitting saved the program on the server: keep the local record in step.
    program_upload_sync(&upload.api, &upload.lab, upload.program, upload.length);
    status = attempt_wait(&upload.api, name, id, wait_s, &attempt);
  }
  api_response_free(&response);
  if (status == WB_EXIT_OK) {
    attempt_print(attempt, &upload.lab, options[2].given);
    status = attempt_passed(attempt) ? WB_EXIT_OK : WB_EXIT_FAILED;
  }
  json_free(attempt);
  program_upload_close(&upload);
  return status;
}

const Command COMMAND_SUBMIT = {
    "submit",
    "run your local program on the server and show the verdict",
    "usage: wb submit LAB [--dataset N|all] [--wait SECONDS] [--verbose]\n"
    "\n"
    "Sends ./LAB/program.<ext> to the server (which also saves it), waits for the workers to\n"
    "compile and run it, and shows the verdict: each dataset's result, the compiler's and the\n"
    "program's output, libwb's timers and logs. The server accepts one submission every few\n"
    "seconds; wb says when to try again.\n"
    "\n"
    "options:\n"
    "  --dataset N|all   one public dataset, or all of them (the default)\n"
    "  --wait SECONDS    how long to wait for the verdict (default 120)\n"
    "  --verbose         show all of the outputs, timers and logs, not only their start\n"
    "\n"
    "exit status: 0 only when the attempt passed; 1 when it did not.\n"
    "\n"
    "example:\n"
    "  $ wb submit vector-add --dataset 0\n"
    "  Attempt 6c1f...: passed\n",
    submit,
};
