#include "api.h"

#include "alloc.h"
#include "diag.h"
#include "exit_codes.h"
#include "text.h"

#include <math.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int api_open_with(Api *api, const char *server, const char *api_key) {
  memset(api, 0, sizeof *api);
  api->config.server = xstrdup(server);
  api->config.api_key = xstrdup(api_key);
  api->http = http_client_new(api_key);
  if (api->http == NULL) {
    diag_error("cannot start libcurl");
    config_free(&api->config);
    return WB_EXIT_LOCAL;
  }
  return WB_EXIT_OK;
}

int api_open(Api *api) {
  memset(api, 0, sizeof *api);
  char *problem = NULL;
  WbConfig config;
  switch (config_load(&config, &problem)) {
  case CONFIG_MISSING:
    diag_error("you are not logged in yet");
    diag_hint("run: wb login --server URL --key KEY   (your key is on the server's /whoami page)");
    return WB_EXIT_NOT_LOGGED_IN;
  case CONFIG_INVALID:
    diag_error("the configuration is broken: %s", problem);
    diag_hint("run wb login again to rewrite it");
    free(problem);
    return WB_EXIT_NOT_LOGGED_IN;
  case CONFIG_OK:
    break;
  }
  int status = api_open_with(api, config.server, config.api_key);
  config_free(&config);
  return status;
}

void api_close(Api *api) {
  http_client_free(api->http);
  config_free(&api->config);
  api->http = NULL;
}

// A server that cannot reach its database or Redis for a moment answers 503 with Retry-After:
// wb waits as told and asks again, a few times, before it gives up (a restart takes seconds).
enum { UNAVAILABLE_TRIES = 6, UNAVAILABLE_WAIT_MAX_S = 10 };

static int api_call_once(Api *api, const char *method, const char *path, const char *json_body, ApiResponse *response);

int api_call(Api *api, const char *method, const char *path, const char *json_body, ApiResponse *response) {
  for (int attempt = 1;; attempt++) {
    int status = api_call_once(api, method, path, json_body, response);
    if (status != WB_EXIT_OK || response->status != 503 || attempt == UNAVAILABLE_TRIES) return status;
    long wait = api_retry_after_s(response);
    if (wait < 1) wait = 2;
    if (wait > UNAVAILABLE_WAIT_MAX_S) wait = UNAVAILABLE_WAIT_MAX_S;
    diag_note("the server is unavailable for a moment (503); trying again in %ld s (%d of %d)", wait, attempt + 1,
              UNAVAILABLE_TRIES);
    api_response_free(response);
    sleep((unsigned)wait);
  }
}

static int api_call_once(Api *api, const char *method, const char *path, const char *json_body, ApiResponse *response) {
  memset(response, 0, sizeof *response);
  char *url = xasprintf("%s%s", api->config.server, path);
  char error[512];
  bool answered = http_request(api->http, method, url, json_body, &response->http, error, sizeof error);
  free(url);
  if (!answered) {
    diag_error("cannot reach the wb server at %s: %s", api->config.server, error);
    diag_hint("is the server running and the URL right? wb login --server URL changes it");
    return WB_EXIT_UNREACHABLE;
  }
  response->status = response->http.status;
  if (http_is_json(&response->http)) {
    JsonError problem;
    response->json = json_parse(response->http.body.data, response->http.body.len, &problem);
    if (response->json == NULL) {
      diag_error("the server's answer to %s %s is not valid JSON (line %d, column %d: %s)", method, path, problem.line,
                 problem.column, problem.message);
      return WB_EXIT_SERVER;
    }
  }
  return WB_EXIT_OK;
}

int api_call_expect(Api *api, const char *method, const char *path, const char *json_body, long expected_status,
                    const char *doing, ApiResponse *response) {
  int status = api_call(api, method, path, json_body, response);
  if (status != WB_EXIT_OK) return status;
  if (response->status != expected_status) return api_explain(api, response, doing);
  if (response->json == NULL) {
    char *type = text_single_line(response->http.content_type ? response->http.content_type : "no content type");
    diag_error("the server answered %s %s with %s instead of JSON; is %s a wb server?", method, path, type, api->config.server);
    free(type);
    return WB_EXIT_SERVER;
  }
  return WB_EXIT_OK;
}

char *api_error_message(const ApiResponse *response, const char *fallback) {
  char *message = text_member_line(response->json, "error", NULL);
  return message != NULL || fallback == NULL ? message : xstrdup(fallback);
}

long api_retry_after_s(const ApiResponse *response) {
  double ms;
  if (json_number(json_get(response->json, "retryAfterMs"), &ms) && ms >= 0 && ms < 1e12) return (long)ceil(ms / 1000.0);
  return response->http.retry_after_s;
}

// The field-by-field problems of a 400 ({details:[{field, message}]}), one line each.
static void print_details(const ApiResponse *response) {
  const JsonValue *details = json_get(response->json, "details");
  for (size_t i = 0; i < json_array_length(details) && i < 10; i++) {
    const JsonValue *detail = json_array_at(details, i);
    char *field = text_member_line(detail, "field", NULL);
    char *message = text_member_line(detail, "message", NULL);
    if (message != NULL && field != NULL) {
      fprintf(stderr, "  - %s: %s\n", field, message);
    } else if (message != NULL) {
      fprintf(stderr, "  - %s\n", message);
    }
    free(field);
    free(message);
  }
}

// api_explain with the server's message already made safe.
static int explain_status(const Api *api, const ApiResponse *response, const char *doing, const char *message) {
  long status = response->status;
  char context[160] = "";
  if (doing) snprintf(context, sizeof context, " while %s", doing);

  switch (status) {
  case 401:
    diag_error("the server refused your API key%s (401: %s)", context, message);
    diag_hint("run wb login again with the key shown on %s/whoami", api->config.server);
    return WB_EXIT_AUTH;
  case 404:
    diag_error("not found%s (404): %s", context, message);
    return WB_EXIT_NOT_FOUND;
  case 409:
    diag_error("conflict%s (409): %s", context, message);
    return WB_EXIT_CONFLICT;
  case 413:
    diag_error("too large%s (413): %s", context, message);
    diag_hint("the lab limits the size of a program; make yours smaller");
    return WB_EXIT_TOO_LARGE;
  case 429: {
    long seconds = api_retry_after_s(response);
    diag_error("too many requests%s (429): %s", context, message);
    if (seconds >= 0) {
      diag_hint("try again in %ld s", seconds > 0 ? seconds : 1);
    } else {
      diag_hint("wait a few seconds and try again");
    }
    return WB_EXIT_RATE_LIMITED;
  }
  default:
    break;
  }
  if (status >= 400 && status < 500) {
    diag_error("the server refused the request%s (%ld): %s", context, status, message);
    print_details(response);
    return WB_EXIT_REFUSED;
  }
  if (status >= 500) {
    diag_error("the server failed%s (%ld): %s", context, status, message);
    diag_hint("try again later; if it persists, tell the course staff");
    return WB_EXIT_SERVER;
  }
  diag_error("unexpected answer from %s%s: HTTP %ld", api->config.server, context, status);
  return WB_EXIT_SERVER;
}

int api_explain(const Api *api, const ApiResponse *response, const char *doing) {
  char *message = api_error_message(response, response->status >= 500 ? "the server failed" : "no explanation from the server");
  int code = explain_status(api, response, doing, message);
  free(message);
  return code;
}

void api_response_free(ApiResponse *response) {
  http_response_free(&response->http);
  json_free(response->json);
  response->json = NULL;
}
