// Command-line options of one command: "--name value", "--name=value" and "--flag", in any order
// among the positional arguments; "--" ends the options.
#ifndef WB_CLIENT_CLI_H
#define WB_CLIENT_CLI_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  const char *name;  // "--dataset"
  bool takes_value;
  const char *value; // after parsing: the value, or NULL when not given
  bool given;
} CliOption;

typedef struct {
  const char *command;  // for messages: "wb run"
  CliOption *options;
  size_t option_count;
  const char **positional; // filled with the other arguments
  size_t max_positional;
  size_t positional_count;
} CliParse;

// Parses argv[0..argc). On a mistake, prints it (with the command's name) and returns false.
bool cli_parse(CliParse *parse, int argc, char **argv);
// The option named `name` (which must be one of parse->options).
const CliOption *cli_option(const CliParse *parse, const char *name);
// Whether "--help" or "-h" is among the arguments (before any "--").
bool cli_wants_help(int argc, char **argv);
// A positive number of seconds, e.g. for --timeout; false if `text` is not one.
bool cli_parse_seconds(const char *text, double *seconds);
// A non-negative integer such as a dataset number; false if `text` is not one.
bool cli_parse_index(const char *text, long *index);

#endif
