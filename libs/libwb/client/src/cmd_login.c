// wb login: checks the server and API key with GET /whoami, then saves them.
#include "alloc.h"
#include "api.h"
#include "command.h"
#include "config.h"
#include "diag.h"
#include "exit_codes.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define KEY_MAX_LENGTH 512

// Keys are printable ASCII tokens; anything else (a space, a newline) would break the header or
// the config file, and is surely a copy-and-paste accident.
static bool key_valid(const char *key) {
  size_t n = strlen(key);
  if (n == 0 || n > KEY_MAX_LENGTH) return false;
  for (size_t i = 0; i < n; i++) {
    if (key[i] <= ' ' || key[i] > '~') return false;
  }
  return true;
}

// The key from stdin, so that it need not appear in the shell's history or `ps`. On a terminal,
// asks for it without echoing.
static char *read_key(const char *server) {
  bool terminal = isatty(STDIN_FILENO);
  struct termios saved, quiet;
  bool echo_off = false;
  if (terminal) {
    fprintf(stderr, "API key (shown on %s/whoami): ", server);
    fflush(stderr);
    if (tcgetattr(STDIN_FILENO, &saved) == 0) {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t)ECHO;
      echo_off = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  }
  char line[KEY_MAX_LENGTH + 2];
  bool got = fgets(line, sizeof line, stdin) != NULL;
  if (echo_off) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  if (terminal) fputc('\n', stderr);
  if (!got) return NULL;
  char *start = line, *end = line + strlen(line);
  while (*start == ' ' || *start == '\t') start++;
  while (end > start && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t')) end--;
  return xstrndup(start, (size_t)(end - start));
}

static int login(int argc, char **argv) {
  CliOption options[] = {{"--server", true, NULL, false}, {"--key", true, NULL, false}};
  CliParse parse = {"wb login", options, 2, NULL, 0, 0};
  if (!cli_parse(&parse, argc, argv)) return WB_EXIT_USAGE;

  // Without --server, the one already configured (logging in again with a new key).
  const char *given_server = options[0].value;
  WbConfig existing = {0};
  char *problem = NULL;
  if (given_server == NULL && config_load(&existing, &problem) == CONFIG_OK) given_server = existing.server;
  free(problem);
  if (given_server == NULL) {
    diag_error("wb login: which server? Give --server URL, e.g. --server https://wb.example.edu");
    config_free(&existing);
    return WB_EXIT_USAGE;
  }
  char *server = config_normalize_server(given_server);
  config_free(&existing);
  if (server == NULL) {
    diag_error("wb login: \"%s\" is not an http:// or https:// URL", options[0].value ? options[0].value : "");
    return WB_EXIT_USAGE;
  }

  char *key = options[1].value ? xstrdup(options[1].value) : read_key(server);
  if (key == NULL || !key_valid(key)) {
    diag_error("wb login: %s", key == NULL || key[0] == '\0' ? "no API key given" : "that does not look like an API key");
    diag_hint("copy it from %s/whoami and give it with --key KEY (or on standard input)", server);
    free(key);
    free(server);
    return WB_EXIT_USAGE;
  }

  Api api;
  int status = api_open_with(&api, server, key);
  ApiResponse response = {0};
  if (status == WB_EXIT_OK) status = api_call_expect(&api, "GET", "/whoami", NULL, 200, "checking the key", &response);
  const char *username = json_get_string(response.json, "username", NULL);
  if (status == WB_EXIT_OK && username == NULL) {
    diag_error("%s/whoami did not say who you are; is it a wb server?", server);
    status = WB_EXIT_SERVER;
  }
  if (status == WB_EXIT_OK) {
    WbConfig config = {server, key};
    char *path = config_path();
    if (config_save(&config) != 0) {
      diag_error("cannot save the configuration to %s: %s", path ? path : "(no home folder)", strerror(errno));
      status = WB_EXIT_LOCAL;
    } else {
      char *name = text_single_line(username);
      char *role = text_single_line(json_get_string(response.json, "role", "student"));
      printf("Logged in to %s as %s (%s).\nThe key is saved in %s.\n", server, name, role, path);
      free(name);
      free(role);
    }
    free(path);
  }
  api_response_free(&response);
  if (api.http) api_close(&api);
  free(key);
  free(server);
  return status;
}

const Command COMMAND_LOGIN = {
    "login",
    "check and save the server's URL and your API key",
    "usage: wb login --server URL [--key KEY]\n"
    "\n"
    "Checks the API key with the server (GET /whoami), then saves the URL and key to\n"
    "$XDG_CONFIG_HOME/wb/config (or ~/.config/wb/config), readable by you only. Every other\n"
    "command uses them. Your key is on the server's /whoami page.\n"
    "\n"
    "options:\n"
    "  --server URL   the wb server, e.g. https://wb.example.edu (default: the one saved before)\n"
    "  --key KEY      your API key; without it, wb reads it from standard input (on a terminal\n"
    "                 it asks, without echoing it), which keeps it out of your shell's history\n"
    "\n"
    "example:\n"
    "  $ wb login --server http://127.0.0.1:8080 --key wb_0123abcd...\n"
    "  Logged in to http://127.0.0.1:8080 as alice (student).\n",
    login,
};
