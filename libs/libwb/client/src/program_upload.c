#include "program_upload.h"

#include "alloc.h"
#include "exit_codes.h"

#include <stdlib.h>
#include <string.h>

int program_upload_open(const char *lab, ProgramUpload *upload) {
  memset(upload, 0, sizeof *upload);
  int status = local_lab_open(lab, &upload->lab);
  if (status != WB_EXIT_OK) return status;
  if ((status = api_open(&upload->api)) != WB_EXIT_OK) {
    local_lab_free(&upload->lab);
    return status;
  }
  if ((status = local_lab_read_program(&upload->lab, &upload->program, &upload->length)) != WB_EXIT_OK) {
    program_upload_close(upload);
    return status;
  }
  buf_puts(&upload->body, "{\"program\":");
  json_write_string(&upload->body, upload->program, upload->length);
  return WB_EXIT_OK;
}

void program_upload_close(ProgramUpload *upload) {
  free(upload->program);
  buf_free(&upload->body);
  api_close(&upload->api);
  local_lab_free(&upload->lab);
  memset(upload, 0, sizeof *upload);
}

void program_upload_sync(Api *api, LocalLab *lab, const char *program, size_t length) {
  char *path = xasprintf("/mp/%s/program", lab->name);
  ApiResponse response;
  if (api_call(api, "GET", path, NULL, &response) == WB_EXIT_OK && response.status == 200) {
    const JsonValue *text = json_get(response.json, "program");
    long long revision;
    bool same = json_string(text) != NULL && json_string_length(text) == length && memcmp(json_string(text), program, length) == 0;
    if (same && json_integer(json_get(response.json, "revision"), &revision)) {
      local_lab_record_sync(lab, api->config.server, revision, json_get_string(response.json, "savedAt", NULL), program, length);
    }
  }
  api_response_free(&response);
  free(path);
}
