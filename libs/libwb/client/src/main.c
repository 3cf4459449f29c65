// wb: the local client of the wb lab platform. Dispatches to the commands (cmd_*.c).
#include "command.h"
#include "diag.h"
#include "exit_codes.h"
#include "http.h"
#include "version.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

static const Command *const COMMANDS[] = {
    &COMMAND_LOGIN, &COMMAND_PULL, &COMMAND_RUN, &COMMAND_SAVE, &COMMAND_SUBMIT, &COMMAND_GRADE, &COMMAND_ATTEMPTS,
    &COMMAND_CHECK, &COMMAND_PROFILE,
};
#define COMMAND_COUNT (sizeof COMMANDS / sizeof COMMANDS[0])

static void print_usage(FILE *out) {
  fprintf(out, "wb %s: work on the wb platform's GPU-programming labs from your own machine.\n\n", WB_CLIENT_VERSION);
  fprintf(out, "usage: wb COMMAND [options]      wb COMMAND --help tells more\n\ncommands:\n");
  for (size_t i = 0; i < COMMAND_COUNT; i++) fprintf(out, "  %-10s %s\n", COMMANDS[i]->name, COMMANDS[i]->summary);
  fputs("\n"
        "a session:\n"
        "  wb login --server https://wb.example.edu --key KEY   (the key is on the /whoami page)\n"
        "  wb pull vector-add        # ./vector-add/: program, description, datasets\n"
        "  wb run vector-add         # compile with libwb and check on the datasets, locally\n"
        "  wb submit vector-add      # the same on the server's workers\n"
        "  wb save vector-add        # keep your program on the server\n"
        "  wb grade vector-add       # grade it on every dataset\n"
        "  wb check vector-add       # CUDA: memory errors and races, each with its line\n"
        "  wb profile vector-add     # CUDA: each kernel's figures and advice\n"
        "\n"
        "exit status:\n"
        "  0 done (and passed)      1 did not compile or failed   2 bad command line\n"
        "  3 not logged in          4 server unreachable          5 API key refused (401)\n"
        "  6 not found (404)        7 too many requests (429)     8 program too large (413)\n"
        "  9 request refused (4xx)  10 conflict (409, local changes)  11 server error\n"
        "  12 gave up waiting       13 local files or tools       14 not offered by the server\n",
        out);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    print_usage(stderr);
    return WB_EXIT_USAGE;
  }
  const char *name = argv[1];
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
    print_usage(stdout);
    return WB_EXIT_OK;
  }
  if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
    printf("wb %s\n", WB_CLIENT_VERSION);
    return WB_EXIT_OK;
  }
  const Command *command = NULL;
  for (size_t i = 0; i < COMMAND_COUNT && command == NULL; i++) {
    if (strcmp(COMMANDS[i]->name, name) == 0) command = COMMANDS[i];
  }
  if (command == NULL) {
    diag_error("unknown command \"%s\"", name);
    diag_hint("wb --help lists the commands");
    return WB_EXIT_USAGE;
  }
  if (cli_wants_help(argc - 2, argv + 2)) {
    fputs(command->help, stdout);
    return WB_EXIT_OK;
  }
  // A closed pipe (wb attempts | head) ends wb quietly instead of killing it mid-request.
  signal(SIGPIPE, SIG_IGN);
  if (!http_global_init()) {
    diag_error("cannot initialise libcurl");
    return WB_EXIT_LOCAL;
  }
  int status = command->run(argc - 2, argv + 2);
  http_global_cleanup();
  return status;
}
