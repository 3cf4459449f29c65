// wb save: uploads the local program as the new saved revision, unless the server has moved on.
#include "alloc.h"
#include "api.h"
#include "command.h"
#include "diag.h"
#include "exit_codes.h"
#include "program_upload.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>

static int explain_conflict(const LocalLab *lab, const ApiResponse *response) {
  long long theirs = -1;
  json_integer(json_get(response->json, "revision"), &theirs);
  diag_error("the server has a newer revision of your %s program (revision %lld; yours is based on revision %lld)", lab->name,
             theirs, local_lab_revision(lab));
  diag_hint("it was saved elsewhere since you pulled (the web editor, another machine, a submission)");
  diag_hint("take the server's version: wb pull %s --force   (yours is kept as %s.bak)", lab->name, lab->program_path);
  diag_hint("or replace it with yours:  wb save %s --force", lab->name);
  return WB_EXIT_CONFLICT;
}

static int save(int argc, char **argv) {
  CliOption options[] = {{"--force", false, NULL, false}};
  const char *name;
  int status = command_parse_lab("wb save", options, 1, argc, argv, &name);
  if (status != WB_EXIT_OK) return status;
  bool force = options[0].given;

  ProgramUpload upload;
  if ((status = program_upload_open(name, &upload)) != WB_EXIT_OK) return status;
  LocalLab *lab = &upload.lab;
  long long base = local_lab_revision(lab);
  if (base < 0 && !force) {
    // Saving without a revision overwrites whatever the server has: only when asked to.
    diag_error("%s/%s does not say which revision your program is based on", lab->dir, LAB_STATE_FILE);
    diag_hint("replace the server's program with yours: wb save %s --force", name);
    status = WB_EXIT_CONFLICT;
  }
  if (status == WB_EXIT_OK) {
    // Without a revision the server saves unconditionally: that is what --force means.
    if (!force && base >= 0) buf_printf(&upload.body, ",\"revision\":%lld", base);
    buf_putc(&upload.body, '}');
    char *path = xasprintf("/mp/%s/save", name);
    ApiResponse response;
    status = api_call(&upload.api, "POST", path, upload.body.data, &response);
    free(path);
    if (status == WB_EXIT_OK) {
      long long revision;
      if (response.status == 409) {
        status = explain_conflict(lab, &response);
      } else if (response.status != 200) {
        status = api_explain(&upload.api, &response, "saving the program");
      } else if (!json_integer(json_get(response.json, "revision"), &revision)) {
        diag_error("the server saved the program but did not say which revision it is");
        status = WB_EXIT_SERVER;
      } else {
        const char *saved_at = json_get_string(response.json, "savedAt", NULL);
        status = local_lab_record_sync(lab, upload.api.config.server, revision, saved_at, upload.program, upload.length);
        char *shown = text_member_line(response.json, "savedAt", NULL);
        printf("Saved %s as revision %lld%s%s.\n", lab->program_path, revision, shown ? " at " : "", shown ? shown : "");
        free(shown);
      }
    }
    api_response_free(&response);
  }
  program_upload_close(&upload);
  return status;
}

const Command COMMAND_SAVE = {
    "save",
    "save your local program on the server",
    "usage: wb save LAB [--force]\n"
    "\n"
    "Uploads ./LAB/program.<ext> as your saved program (what the web editor shows, and what\n"
    "wb grade grades). If the program was saved elsewhere since you pulled it, the server\n"
    "refuses (it keeps the newer one) and wb says how to resolve it.\n"
    "\n"
    "options:\n"
    "  --force   save even so, replacing the server's newer revision\n"
    "\n"
    "example:\n"
    "  $ wb save vector-add\n"
    "  Saved vector-add/program.cpp as revision 3 at 2025-03-01T10:00:00.000Z.\n",
    save,
};
