// The commands of wb, each in its own cmd_<name>.c, and what they share.
#ifndef WB_CLIENT_COMMAND_H
#define WB_CLIENT_COMMAND_H

#include "cli.h"

typedef struct {
  const char *name;
  const char *summary; // one line, for `wb --help`
  const char *help;    // the whole text, for `wb <name> --help`
  int (*run)(int argc, char **argv); // the arguments after the command's name; returns the exit code
} Command;

extern const Command COMMAND_LOGIN;
extern const Command COMMAND_PULL;
extern const Command COMMAND_RUN;
extern const Command COMMAND_SAVE;
extern const Command COMMAND_SUBMIT;
extern const Command COMMAND_GRADE;
extern const Command COMMAND_ATTEMPTS;
extern const Command COMMAND_CHECK;
extern const Command COMMAND_PROFILE;

// Parses the command's options and its one positional argument, the lab, which must be a valid
// lab id. Returns WB_EXIT_OK, or explains and returns WB_EXIT_USAGE.
int command_parse_lab(const char *command, CliOption *options, size_t option_count, int argc, char **argv, const char **lab);
// A --wait value (seconds) or the default; false (explained) when malformed.
bool command_wait_seconds(const char *command, const CliOption *option, double fallback, double *seconds);

#endif
