#include "config.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "files.h"

#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// The key is as good as the student's password: never more than a few KiB, never shared.
#define CONFIG_MAX_BYTES (64 * 1024)

static const char *home_directory(void) {
  const char *home = getenv("HOME");
  if (home && home[0] == '/') return home;
  struct passwd *entry = getpwuid(getuid());
  return entry && entry->pw_dir && entry->pw_dir[0] == '/' ? entry->pw_dir : NULL;
}

char *config_path(void) {
  // The XDG Base Directory spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const char *xdg = getenv("XDG_CONFIG_HOME");
  if (xdg && xdg[0] == '/') return path_join(xdg, "wb/config");
  const char *home = home_directory();
  return home ? path_join(home, ".config/wb/config") : NULL;
}

char *config_normalize_server(const char *url) {
  size_t scheme;
  if (strncmp(url, "http://", 7) == 0) {
    scheme = 7;
  } else if (strncmp(url, "https://", 8) == 0) {
    scheme = 8;
  } else {
    return NULL;
  }
  size_t n = strlen(url);
  while (n > scheme && url[n - 1] == '/') n--;
  if (n == scheme || url[scheme] == '/') return NULL; // no host
  for (size_t i = 0; i < n; i++) {
    if (isspace((unsigned char)url[i]) || iscntrl((unsigned char)url[i])) return NULL;
  }
  return xstrndup(url, n);
}

static char *trimmed(char *start, char *end) {
  while (start < end && isspace((unsigned char)*start)) start++;
  while (end > start && isspace((unsigned char)end[-1])) end--;
  return xstrndup(start, (size_t)(end - start));
}

ConfigStatus config_load(WbConfig *config, char **problem) {
  memset(config, 0, sizeof *config);
  *problem = NULL;
  char *path = config_path();
  if (path == NULL) return CONFIG_MISSING;
  size_t length;
  char *text = file_read(path, CONFIG_MAX_BYTES, &length);
  if (text == NULL) {
    ConfigStatus status = errno == ENOENT ? CONFIG_MISSING : CONFIG_INVALID;
    if (status == CONFIG_INVALID) *problem = xasprintf("cannot read %s: %s", path, strerror(errno));
    free(path);
    return status;
  }

  struct stat info;
  if (stat(path, &info) == 0 && (info.st_mode & 077) != 0) {
    diag_warn("%s can be read by other users, and it holds your API key; fix it with: chmod 600 %s", path, path);
  }

  // Lines of "name = value"; blank lines and lines starting with '#' are ignored, and so are
  // names this version does not know (a newer wb may have written them).
  int line_number = 0;
  for (char *line = text; line < text + length && *problem == NULL;) {
    char *end = memchr(line, '\n', (size_t)(text + length - line));
    if (end == NULL) end = text + length;
    line_number++;
    char *content = trimmed(line, end);
    if (content[0] != '\0' && content[0] != '#') {
      char *equals = strchr(content, '=');
      if (equals == NULL) {
        *problem = xasprintf("%s:%d: expected \"name = value\"", path, line_number);
      } else {
        char *name = trimmed(content, equals);
        char *value = trimmed(equals + 1, content + strlen(content));
        if (strcmp(name, "server") == 0) {
          free(config->server);
          config->server = config_normalize_server(value);
          if (config->server == NULL) *problem = xasprintf("%s:%d: the server must be an http:// or https:// URL", path, line_number);
        } else if (strcmp(name, "key") == 0) {
          free(config->api_key);
          config->api_key = xstrdup(value);
        }
        free(name);
        free(value);
      }
    }
    free(content);
    line = end + 1;
  }
  if (*problem == NULL && (config->server == NULL || config->api_key == NULL || config->api_key[0] == '\0')) {
    *problem = xasprintf("%s: needs both \"server = URL\" and \"key = KEY\"", path);
  }
  free(text);
  free(path);
  if (*problem != NULL) {
    config_free(config);
    return CONFIG_INVALID;
  }
  return CONFIG_OK;
}

int config_save(const WbConfig *config) {
  char *path = config_path();
  if (path == NULL) {
    errno = ENOENT;
    return -1;
  }
  char *folder = xstrdup(path);
  *strrchr(folder, '/') = '\0';
  Buf text = BUF_INIT;
  buf_puts(&text, "# The wb local client's configuration, written by `wb login`.\n"
                  "# The key acts as your password: keep this file private (mode 600).\n");
  buf_printf(&text, "server = %s\nkey = %s\n", config->server, config->api_key);
  int result = dir_make_all(folder, 0700);
  if (result == 0) result = file_write_atomic(path, text.data, text.len, 0600);
  int saved = errno;
  buf_free(&text);
  free(folder);
  free(path);
  errno = saved;
  return result;
}

void config_free(WbConfig *config) {
  free(config->server);
  free(config->api_key);
  config->server = config->api_key = NULL;
}
