// wb grade: grades your saved program on every dataset (hidden ones included) and shows the grade.
#include "alloc.h"
#include "api.h"
#include "attempt_view.h"
#include "command.h"
#include "diag.h"
#include "exit_codes.h"
#include "table.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// The grader scores a finished attempt on its own queue, shortly after the attempt finishes.
#define GRADE_WAIT_S 30.0

static void sleep_ms(long ms) {
  struct timespec step = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&step, &step) != 0) {
  }
}

// A 404 from a grading route means either "no such lab" or "this server has no such route"
// (grading is its own part of the platform). The lab's program route tells them apart.
static int explain_missing_route(Api *api, const char *lab, const ApiResponse *response, const char *route) {
  char *path = xasprintf("/mp/%s/program", lab);
  ApiResponse probe;
  int status = api_call(api, "GET", path, NULL, &probe);
  free(path);
  if (status == WB_EXIT_OK && probe.status == 404) {
    status = api_explain(api, &probe, "looking for the lab");
  } else if (status == WB_EXIT_OK) {
    char *message = api_error_message(response, NULL);
    diag_error("grading is not available on %s yet (%s answered 404%s%s)", api->config.server, route, message ? ": " : "",
               message ? message : "");
    free(message);
    diag_hint("check your program with wb submit %s meanwhile; ask the course staff when grading opens", lab);
    status = WB_EXIT_UNSUPPORTED;
  }
  api_response_free(&probe);
  return status;
}

// A 401 on the grade: a bad key, or a server that lets only a login session read grades. A key
// that /whoami accepts is not bad.
static int explain_grade_refused(Api *api, const char *lab, const ApiResponse *response) {
  ApiResponse probe;
  int status = api_call(api, "GET", "/whoami", NULL, &probe);
  if (status == WB_EXIT_OK && probe.status == 200) {
    diag_error("the server does not let the API key read grades (GET /grade/%s answered 401)", lab);
    diag_hint("see the grade on %s/grade/%s in the browser", api->config.server, lab);
    status = WB_EXIT_UNSUPPORTED;
  } else if (status == WB_EXIT_OK) {
    status = api_explain(api, response, "reading the grade");
  }
  api_response_free(&probe);
  return status;
}

static void print_grade(const char *lab, const JsonValue *grade) {
  double score = 0, max = 0;
  json_number(json_get(grade, "score"), &score);
  json_number(json_get(grade, "maxScore"), &max);
  bool late = false;
  json_bool(json_get(grade, "late"), &late);
  printf("Grade for %s: %g / %g%s\n", lab, score, max, late ? " (late)" : "");
  const JsonValue *items = json_get(grade, "items");
  if (json_array_length(items) > 0) {
    const char *headers[] = {"item", "earned", "message"};
    Table *table = table_new(3, headers);
    for (size_t i = 0; i < json_array_length(items); i++) {
      const JsonValue *item = json_array_at(items, i);
      double points = 0, earned = 0;
      json_number(json_get(item, "points"), &points);
      json_number(json_get(item, "earned"), &earned);
      char *cell = xasprintf("%g / %g", earned, points);
      char *item_name = text_member_line(item, "name", "?"), *message = text_member_line(item, "message", "");
      const char *row[] = {item_name, cell, message};
      table_add(table, row);
      free(cell);
      free(item_name);
      free(message);
    }
    table_print(table, stdout, "  ");
    table_free(table);
  }
  const JsonValue *passback = json_get(grade, "passback");
  const char *state = json_get_string(passback, "state", NULL);
  if (state != NULL) {
    char *shown = text_single_line(state);
    printf("Sent to the course: %s\n", shown);
    free(shown);
  }
  char *graded_at = text_member_line(grade, "gradedAt", NULL);
  if (graded_at) printf("Graded at %s.\n", graded_at);
  free(graded_at);
}

// GET /grade/:lab until it shows the grade of `attempt_id` (NULL: whatever grade there is).
static int fetch_grade(Api *api, const char *lab, const char *attempt_id, double wait_s, JsonValue **grade) {
  *grade = NULL;
  char *path = xasprintf("/grade/%s", lab);
  double waited = 0;
  int status;
  for (;;) {
    ApiResponse response;
    status = api_call(api, "GET", path, NULL, &response);
    if (status != WB_EXIT_OK) {
      api_response_free(&response);
      break;
    }
    bool current = false;
    if (response.status == 200 && json_is(response.json, JSON_OBJECT)) {
      const char *graded = json_get_string(response.json, "attemptId", NULL);
      current = attempt_id == NULL || (graded != NULL && strcmp(graded, attempt_id) == 0);
      json_free(*grade);
      *grade = response.json;
      response.json = NULL;
    } else if (response.status == 401) {
      status = explain_grade_refused(api, lab, &response);
      api_response_free(&response);
      break;
    } else if (response.status != 404) {
      status = api_explain(api, &response, "reading the grade");
      api_response_free(&response);
      break;
    }
    api_response_free(&response);
    if (current) break;
    if (waited >= wait_s) {
      if (*grade != NULL) {
        diag_warn("the grade of this attempt is not recorded yet; showing the previous grade");
      } else if (attempt_id != NULL) {
        diag_error("no grade has been recorded for %s yet (GET %s answered 404)", lab, path);
        diag_hint("the grader may be busy or not running: look again with wb grade %s --show", lab);
        status = WB_EXIT_TIMEOUT;
      } else {
        diag_error("you have no grade for %s yet (or this server does not offer grades)", lab);
        diag_hint("get one with: wb grade %s", lab);
        status = WB_EXIT_NOT_FOUND;
      }
      break;
    }
    sleep_ms(ATTEMPT_POLL_INTERVAL_MS);
    waited += ATTEMPT_POLL_INTERVAL_MS / 1000.0;
  }
  free(path);
  return status;
}

// Starts grading; on WB_EXIT_OK *attempt_id is the grading attempt (caller frees).
static int start_grading(Api *api, const char *lab, char **attempt_id) {
  *attempt_id = NULL;
  Buf body = BUF_INIT;
  buf_puts(&body, "{\"api_key\":");
  json_write_string(&body, api->config.api_key, strlen(api->config.api_key));
  buf_putc(&body, '}');
  char *path = xasprintf("/mp/%s/grade", lab);
  ApiResponse response;
  int status = api_call(api, "POST", path, body.data, &response);
  if (status == WB_EXIT_OK) {
    const char *id = json_get_string(response.json, "attemptId", NULL);
    char *route = xasprintf("POST %s", path);
    if (response.status == 404) {
      status = explain_missing_route(api, lab, &response, route);
    } else if (response.status != 202) {
      status = api_explain(api, &response, "starting the grading");
    } else if (id == NULL || !attempt_id_valid(id)) {
      diag_error("the server started grading but gave no usable attempt id");
      status = WB_EXIT_SERVER;
    } else {
      *attempt_id = xstrdup(id);
    }
    free(route);
  }
  api_response_free(&response);
  free(path);
  buf_free(&body);
  return status;
}

static void warn_unsaved(const LocalLab *lab) {
  if (local_lab_program_state(lab) == PROGRAM_CHANGED) {
    diag_warn("%s has changes that are not saved; the server grades your saved program", lab->program_path);
    diag_hint("to grade your changes: wb save %s, then wb grade %s", lab->name, lab->name);
  }
}

static int grade(int argc, char **argv) {
  CliOption options[] = {
      {"--show", false, NULL, false},
      {"--wait", true, NULL, false},
      {"--verbose", false, NULL, false},
  };
  const char *name;
  int status = command_parse_lab("wb grade", options, 3, argc, argv, &name);
  if (status != WB_EXIT_OK) return status;
  double wait_s;
  if (!command_wait_seconds("wb grade", &options[1], ATTEMPT_DEFAULT_WAIT_S, &wait_s)) return WB_EXIT_USAGE;
  bool show_only = options[0].given;

  // The local folder is optional here: it only names datasets and warns about unsaved changes.
  LocalLab lab = {0};
  char *dir = local_lab_locate(name);
  bool have_local = dir != NULL && local_lab_open(name, &lab) == WB_EXIT_OK;
  free(dir);
  if (have_local && !show_only) warn_unsaved(&lab);

  Api api;
  if ((status = api_open(&api)) != WB_EXIT_OK) {
    if (have_local) local_lab_free(&lab);
    return status;
  }
  char *attempt_id = NULL;
  JsonValue *attempt = NULL, *result = NULL;
  if (!show_only) {
    status = start_grading(&api, name, &attempt_id);
    if (status == WB_EXIT_OK) {
      diag_note("grading your saved %s program (attempt %s); waiting for the result ...", name, attempt_id);
      status = attempt_wait(&api, name, attempt_id, wait_s, &attempt);
    }
    if (status == WB_EXIT_OK) {
      attempt_print(attempt, have_local ? &lab : NULL, options[2].given);
      printf("\n");
    }
  }
  // An attempt that was cancelled, or that the platform could not run, gets no grade: waiting for
  // one would only time out. The grade (if any) stays what it was.
  bool unjudged = status == WB_EXIT_OK && !show_only && attempt_unjudged(json_get_string(attempt, "status", NULL));
  if (unjudged) {
    diag_warn("this run was %s, so it is not graded; your grade is unchanged", json_get_string(attempt, "status", ""));
  }
  if (status == WB_EXIT_OK) {
    const char *graded = unjudged ? NULL : attempt_id;
    status = fetch_grade(&api, name, graded, show_only || unjudged ? 0 : GRADE_WAIT_S, &result);
  }
  if (status == WB_EXIT_OK && result != NULL) print_grade(name, result);
  if (unjudged && (status == WB_EXIT_OK || status == WB_EXIT_NOT_FOUND)) status = WB_EXIT_FAILED;
  json_free(result);
  json_free(attempt);
  free(attempt_id);
  api_close(&api);
  if (have_local) local_lab_free(&lab);
  return status;
}

const Command COMMAND_GRADE = {
    "grade",
    "grade your saved program on all datasets and show the grade",
    "usage: wb grade LAB [--show] [--wait SECONDS] [--verbose]\n"
    "\n"
    "Asks the server to grade your saved program (wb save first to grade local changes): it runs\n"
    "on every dataset, hidden ones included, and is scored with the lab's rubric. wb waits for the\n"
    "run, shows it, then shows the grade and its items.\n"
    "\n"
    "options:\n"
    "  --show            only show your current grade; grade nothing\n"
    "  --wait SECONDS    how long to wait for the run (default 120)\n"
    "  --verbose         show all of the run's outputs, timers and logs\n"
    "\n"
    "example:\n"
    "  $ wb grade vector-add\n"
    "  ...\n"
    "  Grade for vector-add: 100 / 100\n",
    grade,
};
