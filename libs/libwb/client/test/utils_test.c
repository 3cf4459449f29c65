// The small pure pieces: option parsing, server URLs, safe names, terminal-safe text (text_sanitize
// and the tables and blocks that use it), fingerprints.
#include "../src/cli.h"
#include "../src/config.h"
#include "../src/files.h"
#include "../src/fingerprint.h"
#include "../src/json.h"
#include "../src/table.h"
#include "../src/text.h"

#include "check.h"

#include <stdbool.h>
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

// What text_sanitize shows instead (macros, so that a hex escape never runs into the next letter).
#define PIC_NUL "\xE2\x90\x80" // ␀ U+2400
#define PIC_BEL "\xE2\x90\x87" // ␇ U+2407
#define PIC_BS "\xE2\x90\x88"  // ␈ U+2408
#define PIC_CR "\xE2\x90\x8D"  // ␍ U+240D
#define PIC_ESC "\xE2\x90\x9B" // ␛ U+241B
#define PIC_DEL "\xE2\x90\xA1" // ␡ U+2421
#define FFFD "\xEF\xBF\xBD"    // � U+FFFD

// `length` bytes of `text` made safe, newlines kept (the caller frees).
static char *sanitized(const char *text, size_t length) {
  Buf out = BUF_INIT;
  text_sanitize(&out, text, length, TEXT_BLOCK);
  return buf_take(&out);
}

#define CHECK_SAFE(text, expected)                                                                 \
  do {                                                                                             \
    char *check_safe_ = sanitized(text, sizeof(text) - 1);                                         \
    CHECK_STR(check_safe_, expected);                                                              \
    free(check_safe_);                                                                             \
  } while (0)

static void test_sanitize_controls(void) {
  CHECK_SAFE("a\0b", "a" PIC_NUL "b");
  CHECK_SAFE("\0\0", PIC_NUL PIC_NUL);
  CHECK_SAFE("\x1b[2J\x1b[31mred\x1b[0m", PIC_ESC "[2J" PIC_ESC "[31mred" PIC_ESC "[0m");
  // OSC: set the window title (ended by BEL), write to the clipboard (ended by ST, ESC \).
  CHECK_SAFE("\x1b]0;pwned\x07", PIC_ESC "]0;pwned" PIC_BEL);
  CHECK_SAFE("\x1b]52;c;aGk=\x1b\\", PIC_ESC "]52;c;aGk=" PIC_ESC "\\");
  CHECK_SAFE("50%\r100%", "50%" PIC_CR "100%"); // a lone \r would overwrite the line
  CHECK_SAFE("a\r\nb\r\n", "a\nb\n");
  CHECK_SAFE("a\r\r\nb", "a" PIC_CR "\nb");
  CHECK_SAFE("end\r", "end" PIC_CR);
  CHECK_SAFE("abc\b\b\bxyz", "abc" PIC_BS PIC_BS PIC_BS "xyz");
  CHECK_SAFE("x\x7fy", "x" PIC_DEL "y");
  CHECK_SAFE("\x1f\x01", "\xE2\x90\x9F" "\xE2\x90\x81");
  CHECK_SAFE("a\tb\nc", "a\tb\nc");

  char *line = text_single_line_n("a\tb\nc\x1b[31md\r\ne\rf\0g", 18);
  CHECK_STR(line, "a b c" PIC_ESC "[31md e" PIC_CR "f" PIC_NUL "g");
  free(line);
}

static void test_sanitize_utf8(void) {
  CHECK_SAFE("caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 \xc2\xa0|",
             "caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 \xc2\xa0|"); // é 中文 😀, NBSP
  CHECK_SAFE("\xc2\x9b" "31m", FFFD "31m"); // U+009B, the C1 CSI
  CHECK_SAFE("\xc2\x80\xc2\x9f", FFFD FFFD);
  CHECK_SAFE("\x9b" "31m", FFFD "31m"); // a raw C1 byte is no UTF-8 at all
  CHECK_SAFE("a\xff" "b", "a" FFFD "b");
  CHECK_SAFE("\xfe\xff", FFFD FFFD);
  // A truncated character is one U+FFFD (its maximal subpart), wherever it is cut short.
  CHECK_SAFE("\xe4\xb8" "x", FFFD "x");
  CHECK_SAFE("x\xe4\xb8", "x" FFFD);
  CHECK_SAFE("\xf0\x9f\x98" "\xe4\xb8\xad", FFFD "\xe4\xb8\xad");
  CHECK_SAFE("\xe4\xb8\n", FFFD "\n");
  CHECK_SAFE("\xc0\x80", FFFD FFFD);         // an overlong NUL
  CHECK_SAFE("\xe0\x80\x80", FFFD FFFD FFFD); // overlong, three bytes
  CHECK_SAFE("\xed\xa0\x80", FFFD FFFD FFFD); // a surrogate (U+D800)
  CHECK_SAFE("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD); // past U+10FFFF
  CHECK_SAFE("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"); // U+10FFFF itself

  // Anything at all comes out valid UTF-8 without a control byte, and stays as it is.
  size_t length = 1 << 20;
  char *junk = malloc(length);
  unsigned state = 12345;
  for (size_t i = 0; i < length; i++) {
    state = state * 1103515245u + 12345u;
    junk[i] = (char)(i % 3 == 0 ? (state >> 16) & 0xFF : 0x80 + ((state >> 16) & 0x7F)); // many near-misses
  }
  char *safe = sanitized(junk, length);
  size_t safe_length = strlen(safe);
  CHECK(utf8_valid(safe, safe_length, NULL));
  bool clean = true;
  for (size_t i = 0; i < safe_length; i++) {
    unsigned char c = (unsigned char)safe[i];
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) clean = false;
    if (c == 0xC2 && (unsigned char)safe[i + 1] < 0xA0) clean = false; // U+0080..U+009F
  }
  CHECK(clean);
  char *again = sanitized(safe, safe_length);
  CHECK(strcmp(again, safe) == 0);
  free(again);
  free(safe);
  free(junk);
}

static void test_member_line(void) {
  const char json[] = "{\"message\":\"a\\u0000b\\u001b[1m\\u009b\", \"n\": 1}";
  JsonValue *value = json_parse(json, sizeof json - 1, NULL);
  char *message = text_member_line(value, "message", "?");
  CHECK_STR(message, "a" PIC_NUL "b" PIC_ESC "[1m" FFFD);
  free(message);
  char *fallback = text_member_line(value, "n", "\x1b?");
  CHECK_STR(fallback, PIC_ESC "?");
  free(fallback);
  CHECK(text_member_line(value, "absent", NULL) == NULL);
  json_free(value);
}

// What `print` wrote to a stream (the caller frees).
static char *captured(void (*print)(FILE *out)) {
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  print(out);
  fclose(out);
  return text;
}

static void print_hostile_table(FILE *out) {
  const char *headers[] = {"name", "message"};
  Table *table = table_new(2, headers);
  const char *row1[] = {"\x1b[31m", "red"};          // ␛[31m: five columns
  const char *row2[] = {"\xff\xfe" "ab", "\x9b" "2J"}; // ��ab: four
  const char *row3[] = {"\xe4\xb8\xad", "\r"};         // 中: one (the client counts characters)
  table_add(table, row1);
  table_add(table, row2);
  table_add(table, row3);
  table_print(table, out, "  ");
  table_free(table);
}

static void print_long_cell_table(FILE *out) {
  char cell[301];
  memset(cell, 'x', 300);
  cell[300] = '\0';
  const char *headers[] = {"where", "message"};
  Table *table = table_new(2, headers);
  const char *row[] = {cell, cell};
  table_add(table, row);
  table_print(table, out, "");
  table_free(table);
}

static void print_windows_block(FILE *out) {
  const char text[] = "first\r\nsecond\r\n\x1b]0;t\x07\0tail\r\n\r\n";
  text_print_block(out, "Program output", text, sizeof text - 1, 10);
}

static void print_long_block(FILE *out) { text_print_block(out, "Output", "1\n2\n3\n4\n", 8, 2); }

static void test_table_and_block(void) {
  char *table = captured(print_hostile_table);
  CHECK_STR(table, "  name   message\n"
                   "  " PIC_ESC "[31m  red\n"
                   "  " FFFD FFFD "ab   " FFFD "2J\n"
                   "  \xe4\xb8\xad      " PIC_CR "\n");
  free(table);
  CHECK(text_width(PIC_ESC FFFD "a\xe4\xb8\xad") == 4);

  char *wide = captured(print_long_cell_table);
  const char *newline = strchr(wide, '\n'); // the header row, padded to the cut cell
  CHECK(newline != NULL && newline - wide == 100 + 2 + 7);
  const char *row = newline ? newline + 1 : "";
  CHECK(strncmp(row + 99, "\xE2\x80\xA6  xxx", 8) == 0); // 99 x, "…", then the last column whole
  CHECK(strlen(row) == 99 + 3 + 2 + 300 + 1);
  free(wide);

  char *cut = text_cut("\xe4\xb8\xad\xe6\x96\x87" "abc", 3);
  CHECK_STR(cut, "\xe4\xb8\xad\xe6\x96\x87" "\xE2\x80\xA6");
  free(cut);
  cut = text_cut("abc", 3);
  CHECK_STR(cut, "abc");
  free(cut);

  char *block = captured(print_windows_block);
  CHECK_STR(block, "Program output:\n"
                   "  | first\n"
                   "  | second\n"
                   "  | " PIC_ESC "]0;t" PIC_BEL PIC_NUL "tail\n");
  free(block);
  block = captured(print_long_block);
  CHECK_STR(block, "Output:\n  | 1\n  | 2\n  | ... (2 more lines)\n");
  free(block);
}

static void test_text(void) {
  CHECK(text_width("caf\xc3\xa9") == 4);
  const char verdict[] = "\n  \nSolution is correct.\n";
  CHECK(text_has_line_besides(verdict, sizeof verdict - 1, NULL));
  CHECK(!text_has_line_besides(verdict, sizeof verdict - 1, "Solution is correct."));
  const char more[] = "Solution is correct.\nhello\n";
  CHECK(text_has_line_besides(more, sizeof more - 1, "Solution is correct."));
  const char hidden[] = "Solution is correct.\n\0";
  CHECK(text_has_line_besides(hidden, sizeof hidden - 1, "Solution is correct.")); // a NUL is shown, so it tells
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
  test_sanitize_controls();
  test_sanitize_utf8();
  test_member_line();
  test_table_and_block();
  test_text();
  test_fingerprint();
  return check_summary("utils");
}
