#include "program_upload.h"

#include "alloc.h"
#include "exit_codes.h"

#include <stdlib.h>
#include <string.h>

int program_upload_body(const LocalLab *lab, Buf *body, char **program, size_t *length) {
  int status = local_lab_read_program(lab, program, length);
  if (status != WB_EXIT_OK) return status;
  buf_puts(body, "{\"program\":");
  json_write_string(body, *program, *length);
  return WB_EXIT_OK;
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
