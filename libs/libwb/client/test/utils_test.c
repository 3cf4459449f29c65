// The small pure pieces: option parsing, server URLs, safe names, terminal-safe text, fingerprints.
#include "../src/cli.h"
#include "../src/config.h"
#include "../src/files.h"
#include "../src/fingerprint.h"
#include "../src/text.h"

#include "check.h"

#include <stdlib.h>

static void test_cli(void) {
  CliOption options[] = {{"--dataset", true, NULL, false}, {"--force", false, NULL, false}};
  const char *positional[1];
  CliParse parse = {"wb test", options, 2, positional, 1, 0};
  char *ok[] = {"--force", "lab", "--dataset=3"};
  CHECK(cli_parse(&parse, 3, ok));
  CHECK(parse.positional_count == 1);
  CHECK_STR(positional[0], "lab");
  CHECK(options[1].given);
  CHECK_STR(cli_option(&parse, "--dataset")->value, "3");

  CliOption again[] = {{"--dataset", true, NULL, false}, {"--force", false, NULL, false}};
  CliParse second = {"wb test", again, 2, positional, 1, 0};
  char *spaced[] = {"--dataset", "7", "--", "--force"}; // after "--", an argument even if it looks like an option
  CHECK(cli_parse(&second, 4, spaced));
  CHECK_STR(again[0].value, "7");
  CHECK(!again[1].given);
  CHECK_STR(positional[0], "--force");

  fprintf(stderr, "(the next messages are expected)\n");
  char *unknown[] = {"--nope"};
  CliOption o1[] = {{"--force", false, NULL, false}};
  CliParse p1 = {"wb test", o1, 1, positional, 1, 0};
  CHECK(!cli_parse(&p1, 1, unknown));
  char *missing[] = {"--dataset"};
  CliOption o2[] = {{"--dataset", true, NULL, false}};
  CliParse p2 = {"wb test", o2, 1, positional, 1, 0};
  CHECK(!cli_parse(&p2, 1, missing));
  char *two[] = {"a", "b"};
  CliParse p3 = {"wb test", NULL, 0, positional, 1, 0};
  CHECK(!cli_parse(&p3, 2, two));
  char *flag_value[] = {"--force=yes"};
  CliOption o4[] = {{"--force", false, NULL, false}};
  CliParse p4 = {"wb test", o4, 1, positional, 1, 0};
  CHECK(!cli_parse(&p4, 1, flag_value));

  char *help[] = {"lab", "-h"};
  char *not_help[] = {"--", "--help"};
  CHECK(cli_wants_help(2, help));
  CHECK(!cli_wants_help(2, not_help));

  double seconds;
  long index;
  CHECK(cli_parse_seconds("2.5", &seconds) && seconds == 2.5);
  CHECK(!cli_parse_seconds("0", &seconds));
  CHECK(!cli_parse_seconds("-1", &seconds));
  CHECK(!cli_parse_seconds("5s", &seconds));
  CHECK(!cli_parse_seconds("nan", &seconds));
  CHECK(cli_parse_index("12", &index) && index == 12);
  CHECK(!cli_parse_index("-1", &index));
  CHECK(!cli_parse_index("+1", &index));
  CHECK(!cli_parse_index("1x", &index));
  CHECK(!cli_parse_index("", &index));
}

static void test_server_urls(void) {
  char *url = config_normalize_server("https://wb.example.edu///");
  CHECK_STR(url, "https://wb.example.edu");
  free(url);
  url = config_normalize_server("http://127.0.0.1:8080/wb/");
  CHECK_STR(url, "http://127.0.0.1:8080/wb");
  free(url);
  CHECK(config_normalize_server("wb.example.edu") == NULL);
  CHECK(config_normalize_server("ftp://wb.example.edu") == NULL);
  CHECK(config_normalize_server("http://") == NULL);
  CHECK(config_normalize_server("http:///path") == NULL);
  CHECK(config_normalize_server("http://a b") == NULL);
  CHECK(config_normalize_server("http://a\nkey = stolen") == NULL);
}

static void test_safe_names(void) {
  CHECK(is_safe_file_name("input0.raw"));
  CHECK(is_safe_file_name("vector-add_2"));
  CHECK(!is_safe_file_name(""));
  CHECK(!is_safe_file_name("."));
  CHECK(!is_safe_file_name(".."));
  CHECK(!is_safe_file_name(".hidden"));
  CHECK(!is_safe_file_name("../etc"));
  CHECK(!is_safe_file_name("a/b"));
  CHECK(!is_safe_file_name("a b"));
  CHECK(!is_safe_file_name("caf\xc3\xa9"));
}

static void test_text(void) {
  char *line = text_single_line("a\tb\nc\x1b[31md\r\n\xff\xc3\xa9");
  CHECK_STR(line, "a b c?[31md ?\xc3\xa9");
  free(line);
  CHECK(text_width("caf\xc3\xa9") == 4);
  CHECK(text_has_line_besides("\n  \nSolution is correct.\n", NULL));
  CHECK(!text_has_line_besides("\n  \nSolution is correct.\n", "Solution is correct."));
  CHECK(text_has_line_besides("Solution is correct.\nhello\n", "Solution is correct."));
  char time[32];
  text_format_ms(time, sizeof time, 0.0421);
  CHECK_STR(time, "0.042 ms");
  text_format_ms(time, sizeof time, 12.34);
  CHECK_STR(time, "12.3 ms");
  text_format_ms(time, sizeof time, 2310);
  CHECK_STR(time, "2.31 s");
}

static void test_fingerprint(void) {
  char out[FINGERPRINT_SIZE];
  fingerprint("", 0, out); // the published FNV-1a 64 test vectors
  CHECK_STR(out, "fnv1a64:cbf29ce484222325");
  fingerprint("a", 1, out);
  CHECK_STR(out, "fnv1a64:af63dc4c8601ec8c");
  char other[FINGERPRINT_SIZE];
  fingerprint("int main() {}\n", 14, out);
  fingerprint("int main() {} \n", 15, other);
  CHECK(strcmp(out, other) != 0);
}

int main(void) {
  test_cli();
  test_server_urls();
  test_safe_names();
  test_text();
  test_fingerprint();
  return check_summary("utils");
}
