#include "command.h"

#include "diag.h"
#include "exit_codes.h"
#include "local_lab.h"

int command_parse_lab(const char *command, CliOption *options, size_t option_count, int argc, char **argv, const char **lab) {
  const char *positional[1];
  CliParse parse = {command, options, option_count, positional, 1, 0};
  if (!cli_parse(&parse, argc, argv)) return WB_EXIT_USAGE;
  if (parse.positional_count == 0) {
    diag_error("%s: which lab? (e.g. %s vector-add)", command, command);
    return WB_EXIT_USAGE;
  }
  if (!lab_name_valid(positional[0])) {
    diag_error("%s: \"%s\" is not a lab id (letters, digits, '.', '_' and '-')", command, positional[0]);
    return WB_EXIT_USAGE;
  }
  *lab = positional[0];
  return WB_EXIT_OK;
}

bool command_wait_seconds(const char *command, const CliOption *option, double fallback, double *seconds) {
  *seconds = fallback;
  if (option == NULL || !option->given) return true;
  if (cli_parse_seconds(option->value, seconds)) return true;
  diag_error("%s: %s wants a number of seconds, not \"%s\"", command, option->name, option->value);
  return false;
}
