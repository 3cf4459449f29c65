#include "cli.h"

#include "diag.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static CliOption *find(CliParse *parse, const char *name, size_t name_length) {
  for (size_t i = 0; i < parse->option_count; i++) {
    const char *candidate = parse->options[i].name;
    if (strlen(candidate) == name_length && strncmp(candidate, name, name_length) == 0) return &parse->options[i];
  }
  return NULL;
}

bool cli_parse(CliParse *parse, int argc, char **argv) {
  parse->positional_count = 0;
  bool options_ended = false;
  for (int i = 0; i < argc; i++) {
    const char *arg = argv[i];
    if (!options_ended && strcmp(arg, "--") == 0) {
      options_ended = true;
      continue;
    }
    if (!options_ended && arg[0] == '-' && arg[1] != '\0') {
      const char *equals = strchr(arg, '=');
      size_t name_length = equals ? (size_t)(equals - arg) : strlen(arg);
      CliOption *option = find(parse, arg, name_length);
      if (option == NULL) {
        diag_error("%s: unknown option %.*s", parse->command, (int)name_length, arg);
        diag_hint("%s --help lists its options", parse->command);
        return false;
      }
      if (option->given) {
        diag_error("%s: %s given twice", parse->command, option->name);
        return false;
      }
      option->given = true;
      if (!option->takes_value) {
        if (equals) {
          diag_error("%s: %s takes no value", parse->command, option->name);
          return false;
        }
        continue;
      }
      if (equals) {
        option->value = equals + 1;
      } else if (i + 1 < argc) {
        option->value = argv[++i];
      } else {
        diag_error("%s: %s needs a value", parse->command, option->name);
        return false;
      }
      continue;
    }
    if (parse->positional_count == parse->max_positional) {
      diag_error("%s: unexpected argument \"%s\"", parse->command, arg);
      diag_hint("%s --help shows how to use it", parse->command);
      return false;
    }
    parse->positional[parse->positional_count++] = arg;
  }
  return true;
}

const CliOption *cli_option(const CliParse *parse, const char *name) {
  for (size_t i = 0; i < parse->option_count; i++) {
    if (strcmp(parse->options[i].name, name) == 0) return &parse->options[i];
  }
  return NULL;
}

bool cli_wants_help(int argc, char **argv) {
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) return false;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return true;
  }
  return false;
}

bool cli_parse_seconds(const char *text, double *seconds) {
  char *end;
  errno = 0;
  double value = strtod(text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite(value) || value <= 0 || value > 86400) return false;
  *seconds = value;
  return true;
}

bool cli_parse_index(const char *text, long *index) {
  if (text[0] < '0' || text[0] > '9') return false;
  char *end;
  errno = 0;
  long value = strtol(text, &end, 10);
  if (errno != 0 || *end != '\0' || value < 0 || value > 1000000) return false;
  *index = value;
  return true;
}
