#include "outcome.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Launcher messages come from strerror and fixed text, but are escaped all the same. */
static size_t json_string(char *out, size_t size, const char *text) {
  size_t n = 0;
  if (n + 1 < size) out[n++] = '"';
  for (const unsigned char *c = (const unsigned char *)text; *c && n + 7 < size; c++) {
    if (*c == '"' || *c == '\\') {
      out[n++] = '\\';
      out[n++] = (char)*c;
    } else if (*c < 0x20) {
      n += (size_t)snprintf(out + n, size - n, "\\u%04x", *c);
    } else {
      out[n++] = (char)*c;
    }
  }
  if (n + 1 < size) out[n++] = '"';
  out[n] = '\0';
  return n;
}

void write_outcome(int fd, const struct outcome *o) {
  if (fd < 0) return;
  char error[600] = "null";
  if (o->error[0]) json_string(error, sizeof error, o->error);
  char exit_code[16] = "null", signal[16] = "null";
  if (o->signal) snprintf(signal, sizeof signal, "%d", o->signal);
  else snprintf(exit_code, sizeof exit_code, "%d", o->exit_code);
  char line[1024];
  int length = snprintf(line, sizeof line,
                        "{\"exitCode\":%s,\"signal\":%s,\"memoryLimitHit\":%s,\"cpuLimitHit\":%s,\"writeLimitHit\":%s,"
                        "\"maxRssKb\":%ld,\"cpuMs\":%ld,\"error\":%s}\n",
                        exit_code, signal, o->memory_limit ? "true" : "false", o->cpu_limit ? "true" : "false",
                        o->write_limit ? "true" : "false", o->max_rss_kb, o->cpu_ms, error);
  if (length < 0 || (size_t)length >= sizeof line) return;
  for (ssize_t done = 0; done < length;) {
    ssize_t n = write(fd, line + done, (size_t)(length - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return; /* the worker is gone; nobody to tell */
    done += n;
  }
}

int outcome_exit_status(const struct outcome *o) {
  if (o->error[0]) return 125;
  return o->signal ? 128 + o->signal : o->exit_code;
}
