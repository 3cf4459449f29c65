// HTTP over libcurl: one connection reused for a command's requests, JSON requests with the API
// key, answers kept in memory. Knows nothing of wb's routes (that is api.c).
#ifndef WB_CLIENT_HTTP_H
#define WB_CLIENT_HTTP_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct HttpClient HttpClient;

typedef struct {
  long status;        // the final HTTP status
  Buf body;
  char *content_type; // NULL when the answer had none
  long retry_after_s; // the Retry-After header in seconds; -1 when absent or an HTTP date
} HttpResponse;

// Once per process, before any client (libcurl's global state is not thread-safe to set up).
bool http_global_init(void);
void http_global_cleanup(void);

// `bearer` (may be NULL) is sent as "Authorization: Bearer <bearer>" on every request.
HttpClient *http_client_new(const char *bearer);
void http_client_free(HttpClient *client);

// Sends the request (`json_body` NULL: no body) and waits for the whole answer. True when an HTTP
// answer arrived, whatever its status; false when none did, with the reason in `error`.
bool http_request(HttpClient *client, const char *method, const char *url, const char *json_body, HttpResponse *response,
                  char *error, size_t error_size);
void http_response_free(HttpResponse *response);
// Whether the answer says it is JSON (application/json, or any +json type).
bool http_is_json(const HttpResponse *response);

#endif
