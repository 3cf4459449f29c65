// The wb server's API as the commands use it: the logged-in configuration, requests by path,
// JSON answers, and one place that turns every unsuccessful answer into a clear message and
// wb's exit code for it (exit_codes.h).
#ifndef WB_CLIENT_API_H
#define WB_CLIENT_API_H

#include "config.h"
#include "http.h"
#include "json.h"

typedef struct {
  WbConfig config;
  HttpClient *http;
} Api;

typedef struct {
  long status;
  HttpResponse http;
  JsonValue *json; // the parsed body when the answer is JSON, else NULL
} ApiResponse;

// With the saved configuration; explains "not logged in" and returns its exit code on failure.
int api_open(Api *api);
// With an explicit server and key (wb login, before anything is saved).
int api_open_with(Api *api, const char *server, const char *api_key);
void api_close(Api *api);

// Sends `method path` (path starts with '/') with an optional JSON body. Returns WB_EXIT_OK when
// an answer arrived, whatever its status; otherwise explains and returns the exit code (server
// unreachable, or an answer claiming to be JSON that is not).
int api_call(Api *api, const char *method, const char *path, const char *json_body, ApiResponse *response);
// api_call, then anything but `expected_status` with a JSON body is explained (`doing` as in
// api_explain) and its exit code returned.
int api_call_expect(Api *api, const char *method, const char *path, const char *json_body, long expected_status,
                    const char *doing, ApiResponse *response);
// Explains an unsuccessful answer (stderr) and returns its exit code. `doing` says what was being
// done, e.g. "saving the program".
int api_explain(const Api *api, const ApiResponse *response, const char *doing);
// The server's {"error": ...} message made safe to print (text.h), else `fallback` (may be NULL);
// the caller frees it.
char *api_error_message(const ApiResponse *response, const char *fallback);
// retryAfterMs from the body, else Retry-After, rounded up to whole seconds; -1 when neither.
long api_retry_after_s(const ApiResponse *response);
void api_response_free(ApiResponse *response);

#endif
