// wb attempts: your attempts at a lab, newest first.
#include "alloc.h"
#include "api.h"
#include "command.h"
#include "diag.h"
#include "exit_codes.h"
#include "table.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>

static int attempts(int argc, char **argv) {
  const char *name;
  int status = command_parse_lab("wb attempts", NULL, 0, argc, argv, &name);
  if (status != WB_EXIT_OK) return status;
  Api api;
  if ((status = api_open(&api)) != WB_EXIT_OK) return status;
  char *path = xasprintf("/mp/%s/attempts", name);
  ApiResponse response;
  status = api_call_expect(&api, "GET", path, NULL, 200, "listing your attempts", &response);
  free(path);
  if (status == WB_EXIT_OK && !json_is(response.json, JSON_ARRAY)) {
    diag_error("the server's list of attempts is not a list");
    status = WB_EXIT_SERVER;
  }
  if (status == WB_EXIT_OK) {
    size_t count = json_array_length(response.json);
    if (count == 0) {
      printf("No attempts at %s yet (wb submit %s makes one).\n", name, name);
    } else {
      const char *headers[] = {"id", "created", "dataset", "status", "passed"};
      Table *table = table_new(5, headers);
      for (size_t i = 0; i < count; i++) {
        const JsonValue *a = json_array_at(response.json, i);
        long long dataset = -1;
        bool passed = false;
        char number[24] = "all";
        if (json_integer(json_get(a, "dataset"), &dataset) && dataset >= 0) snprintf(number, sizeof number, "%lld", dataset);
        json_bool(json_get(a, "passed"), &passed);
        // Any status is shown as it is: cancelled (by the course staff) is as final as passed.
        char *id = text_member_line(a, "id", "?"), *created = text_member_line(a, "createdAt", "?");
        char *shown = text_member_line(a, "status", "?");
        const char *row[] = {id, created, number, shown, passed ? "yes" : "no"};
        table_add(table, row);
        free(id);
        free(created);
        free(shown);
      }
      printf("Your attempts at %s, newest first:\n", name);
      table_print(table, stdout, "  ");
      table_free(table);
    }
  }
  api_response_free(&response);
  api_close(&api);
  return status;
}

const Command COMMAND_ATTEMPTS = {
    "attempts",
    "list your attempts at a lab",
    "usage: wb attempts LAB\n"
    "\n"
    "Lists your attempts at LAB on the server, newest first: id, when, which dataset, status.\n"
    "\n"
    "example:\n"
    "  $ wb attempts vector-add\n"
    "  Your attempts at vector-add, newest first:\n"
    "    id                                    created                   dataset  status  passed\n"
    "    6c1f0e2a-...                          2025-03-01T10:00:00.000Z  all      passed  yes\n",
    attempts,
};
