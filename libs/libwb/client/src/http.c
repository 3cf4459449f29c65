#include "http.h"

#include "alloc.h"
#include "version.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// No answer the API gives comes near this; a dataset file of a big lab might be tens of MiB.
#define HTTP_MAX_BODY_BYTES ((size_t)512 * 1024 * 1024)
#define HTTP_CONNECT_TIMEOUT_S 10L
// A transfer stalled this long (under 1 byte/s) is abandoned; no overall limit, so that a big
// download on a slow line still finishes.
#define HTTP_STALL_TIMEOUT_S 60L

struct HttpClient {
  CURL *curl;
  struct curl_slist *headers;
};

typedef struct {
  HttpResponse *response;
  bool too_large;
} Transfer;

bool http_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }

void http_global_cleanup(void) { curl_global_cleanup(); }

HttpClient *http_client_new(const char *bearer) {
  HttpClient *client = xcalloc(1, sizeof *client);
  client->curl = curl_easy_init();
  if (client->curl == NULL) {
    free(client);
    return NULL;
  }
  client->headers = curl_slist_append(NULL, "Accept: application/json");
  // curl would otherwise send "Expect: 100-continue" for bodies over 1 KiB and may wait a second.
  client->headers = curl_slist_append(client->headers, "Expect:");
  if (bearer != NULL) {
    char *authorization = xasprintf("Authorization: Bearer %s", bearer);
    client->headers = curl_slist_append(client->headers, authorization);
    free(authorization);
  }
  return client;
}

void http_client_free(HttpClient *client) {
  if (client == NULL) return;
  curl_slist_free_all(client->headers);
  curl_easy_cleanup(client->curl);
  free(client);
}

static size_t on_body(char *data, size_t size, size_t count, void *context) {
  Transfer *transfer = context;
  size_t n = size * count;
  if (transfer->response->body.len + n > HTTP_MAX_BODY_BYTES) {
    transfer->too_large = true;
    return 0; // makes curl stop with CURLE_WRITE_ERROR
  }
  buf_append(&transfer->response->body, data, n);
  return n;
}

// The header's value if `line` is "<name>: value", else NULL.
static const char *header_value(const char *line, size_t length, const char *name, size_t *value_length) {
  size_t name_length = strlen(name);
  if (length <= name_length || strncasecmp(line, name, name_length) != 0 || line[name_length] != ':') return NULL;
  const char *value = line + name_length + 1;
  const char *end = line + length;
  while (value < end && (*value == ' ' || *value == '\t')) value++;
  while (end > value && isspace((unsigned char)end[-1])) end--;
  *value_length = (size_t)(end - value);
  return value;
}

static size_t on_header(char *line, size_t size, size_t count, void *context) {
  Transfer *transfer = context;
  HttpResponse *response = transfer->response;
  size_t n = size * count;
  // Each response (a "100 Continue" before the real one, say) starts with its status line.
  if (n >= 5 && strncmp(line, "HTTP/", 5) == 0) {
    free(response->content_type);
    response->content_type = NULL;
    response->retry_after_s = -1;
    return n;
  }
  size_t length;
  const char *value = header_value(line, n, "content-type", &length);
  if (value != NULL) {
    free(response->content_type);
    response->content_type = xstrndup(value, length);
    return n;
  }
  value = header_value(line, n, "retry-after", &length);
  if (value != NULL) {
    // Only delta-seconds; an HTTP date (also allowed) is rare enough to ignore, and the body's
    // retryAfterMs says the same.
    long seconds = 0;
    size_t i = 0;
    while (i < length && isdigit((unsigned char)value[i]) && seconds < 86400L * 365) seconds = seconds * 10 + (value[i++] - '0');
    response->retry_after_s = i == length && length > 0 ? seconds : -1;
  }
  return n;
}

bool http_request(HttpClient *client, const char *method, const char *url, const char *json_body, HttpResponse *response,
                  char *error, size_t error_size) {
  memset(response, 0, sizeof *response);
  response->retry_after_s = -1;
  Transfer transfer = {response, false};
  char curl_error[CURL_ERROR_SIZE] = "";
  CURL *curl = client->curl;
  curl_easy_reset(curl); // forget the previous request's options; the connection stays open

  struct curl_slist *headers = client->headers;
  struct curl_slist *with_type = NULL;
  if (json_body != NULL) {
    // A copy of the shared list plus the content type, so the shared list never changes.
    for (struct curl_slist *h = client->headers; h; h = h->next) with_type = curl_slist_append(with_type, h->data);
    with_type = curl_slist_append(with_type, "Content-Type: application/json");
    headers = with_type;
  }

  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
  if (strcmp(method, "GET") == 0) curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  if (json_body != NULL) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json_body);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(json_body));
  } else if (strcmp(method, "POST") == 0) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)0);
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "wb/" WB_CLIENT_VERSION);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, HTTP_CONNECT_TIMEOUT_S);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, HTTP_STALL_TIMEOUT_S);
  // Redirects are not followed: the API answers directly, and following one would carry the key
  // to wherever it points.
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); // wb handles its own signals
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, ""); // whatever compression curl supports

  CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(with_type);
  if (code != CURLE_OK) {
    if (transfer.too_large) {
      snprintf(error, error_size, "the answer is larger than %zu MiB", HTTP_MAX_BODY_BYTES >> 20);
    } else {
      snprintf(error, error_size, "%s", curl_error[0] ? curl_error : curl_easy_strerror(code));
    }
    http_response_free(response);
    return false;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response->status);
  if (response->body.data == NULL) buf_append(&response->body, "", 0);
  return true;
}

void http_response_free(HttpResponse *response) {
  buf_free(&response->body);
  free(response->content_type);
  response->content_type = NULL;
}

bool http_is_json(const HttpResponse *response) {
  const char *type = response->content_type;
  if (type == NULL) return false;
  size_t n = strcspn(type, ";");
  while (n > 0 && isspace((unsigned char)type[n - 1])) n--;
  if (n == strlen("application/json") && strncasecmp(type, "application/json", n) == 0) return true;
  return n > 5 && strncasecmp(type + n - 5, "+json", 5) == 0;
}
