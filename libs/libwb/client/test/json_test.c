// The JSON parser and writer: RFC 8259's grammar, UTF-8 and escapes, hostile input, round trips.
#include "../src/json.h"

#include "check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static JsonValue *parse(const char *text) { return json_parse(text, strlen(text), NULL); }

static bool rejects(const char *text) {
  JsonValue *value = parse(text);
  json_free(value);
  return value == NULL;
}

// Parses `text`, writes it compactly, and returns the written text (caller frees).
static char *round_trip(const char *text) {
  JsonValue *value = parse(text);
  if (value == NULL) return strdup("(parse failed)");
  Buf out = BUF_INIT;
  json_write(&out, value, 0);
  json_free(value);
  return buf_take(&out);
}

static void test_scalars(void) {
  JsonValue *v = parse(" true ");
  bool b = false;
  CHECK(json_bool(v, &b) && b);
  json_free(v);

  v = parse("null");
  CHECK(json_type(v) == JSON_NULL && v != NULL);
  json_free(v);

  long long n = 0;
  v = parse("-42");
  CHECK(json_integer(v, &n) && n == -42);
  json_free(v);

  double d = 0;
  v = parse("1.5e3");
  CHECK(json_number(v, &d) && d == 1500.0);
  json_free(v);

  v = parse("0.1");
  CHECK(json_number(v, &d) && d == 0.1);
  CHECK(!json_integer(v, &n)); // not integral
  json_free(v);

  v = parse("9007199254740993"); // 2^53 + 1 cannot be an exact integer in a double
  CHECK(!json_integer(v, &n));
  json_free(v);

  v = parse("\"hi\"");
  CHECK_STR(json_string(v), "hi");
  CHECK(json_string_length(v) == 2);
  json_free(v);
}

static void test_grammar_rejections(void) {
  const char *bad[] = {
      "",        "   ",     "tru",     "nul",      "01",      "1.",        ".5",       "+1",      "1e",
      "-",       "0x10",    "Infinity", "NaN",     "[1,]",    "[1 2]",     "{\"a\"}",  "{\"a\":}", "{a:1}",
      "{\"a\":1,}", "[",    "{",       "\"abc",    "\"\\x\"", "\"\\u12\"", "\"\\",     "1 2",     "[] x",
      "'single'", "1e999",  "{\"a\":1 \"b\":2}",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    if (!rejects(bad[i])) fprintf(stderr, "  accepted: %s\n", bad[i]);
    CHECK(rejects(bad[i]));
  }
  // A raw control character must be escaped inside a string.
  CHECK(rejects("\"a\tb\""));
  CHECK(rejects("\"a\nb\""));
}

static void test_error_position(void) {
  JsonError error;
  const char *text = "{\n  \"a\": 1,\n  \"b\": tru\n}";
  CHECK(json_parse(text, strlen(text), &error) == NULL);
  CHECK(error.line == 3);
  CHECK(error.column == 8);
  CHECK(strstr(error.message, "unexpected") != NULL);

  CHECK(json_parse("[1,2", 4, &error) == NULL);
  CHECK_STR(error.message, "unterminated array");
}

static void test_strings_and_unicode(void) {
  JsonValue *v = parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"");
  CHECK_STR(json_string(v), "a\"b\\c/d\b\f\n\r\t");
  json_free(v);

  v = parse("\"\\u00e9\\u20ac\"");
  CHECK_STR(json_string(v), "\xc3\xa9\xe2\x82\xac"); // é €
  json_free(v);

  v = parse("\"\\ud83d\\ude00\""); // a surrogate pair: U+1F600
  CHECK_STR(json_string(v), "\xf0\x9f\x98\x80");
  json_free(v);

  v = parse("\"x\\ud800y\""); // a lone high surrogate, as JSON.stringify may write
  CHECK_STR(json_string(v), "x\xef\xbf\xbdy");
  json_free(v);

  v = parse("\"\\udc00\""); // a lone low surrogate
  CHECK_STR(json_string(v), "\xef\xbf\xbd");
  json_free(v);

  v = parse("\"\\ud800\\u0041\""); // a high surrogate followed by a non-surrogate escape
  CHECK_STR(json_string(v), "\xef\xbf\xbd"
                            "A");
  json_free(v);

  v = parse("\"a\\u0000b\""); // NUL inside a string keeps its length
  CHECK(json_string_length(v) == 3);
  CHECK(memcmp(json_string(v), "a\0b", 3) == 0);
  json_free(v);

  v = parse("\"caf\xc3\xa9\""); // raw UTF-8 passes through
  CHECK_STR(json_string(v), "caf\xc3\xa9");
  json_free(v);

  CHECK(rejects("\"\xff\""));         // not UTF-8
  CHECK(rejects("\"\xc0\xaf\""));     // overlong
  CHECK(rejects("\"\xed\xa0\x80\"")); // an encoded surrogate
  CHECK(rejects("\"\xf4\x90\x80\x80\"")); // past U+10FFFF
  CHECK(rejects("\"\xe2\x82\""));     // truncated sequence
  CHECK(rejects("{\"a\\u0000\":1}")); // a key no C string lookup could find
}

static void test_containers(void) {
  const char *text = "{\"id\":\"vector-add\",\"flags\":[\"-O2\",\"-std=c++17\"],\"n\":3,\"x\":null,"
                     "\"nested\":{\"deep\":[[],{}]},\"dup\":1,\"dup\":2}";
  JsonValue *v = parse(text);
  CHECK(json_is(v, JSON_OBJECT));
  CHECK_STR(json_get_string(v, "id", NULL), "vector-add");
  CHECK_STR(json_get_string(v, "missing", "fallback"), "fallback");
  const JsonValue *flags = json_get(v, "flags");
  CHECK(json_array_length(flags) == 2);
  CHECK_STR(json_string(json_array_at(flags, 1)), "-std=c++17");
  CHECK(json_array_at(flags, 2) == NULL);
  CHECK(json_is(json_get(v, "x"), JSON_NULL));
  CHECK(json_get(v, "nope") == NULL);
  long long dup = 0;
  CHECK(json_integer(json_get(v, "dup"), &dup) && dup == 2); // the last one wins
  CHECK(json_array_length(json_array_at(json_get(json_get(v, "nested"), "deep"), 0)) == 0);
  CHECK(json_object_size(v) == 7);
  CHECK_STR(json_object_key_at(v, 0), "id");
  // Readers tolerate the wrong type and NULL without crashing.
  CHECK(json_get(flags, "id") == NULL);
  CHECK(json_string(NULL) == NULL);
  CHECK(json_array_length(v) == 0);
  json_free(v);
}

static void test_depth_limit(void) {
  size_t depth = JSON_MAX_DEPTH + 1;
  char *deep = malloc(depth * 2 + 1);
  for (size_t i = 0; i < depth; i++) {
    deep[i] = '[';
    deep[depth + i] = ']';
  }
  deep[depth * 2] = '\0';
  JsonError error;
  CHECK(json_parse(deep, strlen(deep), &error) == NULL);
  CHECK_STR(error.message, "nested too deeply");
  // Exactly at the limit is fine.
  JsonValue *ok = json_parse(deep + 1, strlen(deep) - 2, NULL);
  CHECK(ok != NULL);
  json_free(ok);
  free(deep);
}

static void test_not_nul_terminated(void) {
  // The parser honours the length: bytes after it (here "garbage") are never read.
  const char text[] = "[1,2]garbage";
  JsonValue *v = json_parse(text, 5, NULL);
  CHECK(json_array_length(v) == 2);
  json_free(v);
}

static void test_writer(void) {
  Buf out = BUF_INIT;
  json_write_string(&out, "quote\" back\\ nl\n tab\t bell\x07 del\x7f", strlen("quote\" back\\ nl\n tab\t bell\x07 del\x7f"));
  CHECK_STR(buf_str(&out), "\"quote\\\" back\\\\ nl\\n tab\\t bell\\u0007 del\\u007f\"");
  buf_clear(&out);

  json_write_string(&out, "ok\xff\xc3\xa9", 5); // an invalid byte, then a valid é
  CHECK_STR(buf_str(&out), "\"ok\\ufffd\xc3\xa9\"");
  buf_clear(&out);

  json_write_string(&out, "a\0b", 3);
  CHECK_STR(buf_str(&out), "\"a\\u0000b\"");
  buf_clear(&out);

  json_write_number(&out, 3);
  buf_putc(&out, ' ');
  json_write_number(&out, -0.5);
  buf_putc(&out, ' ');
  json_write_number(&out, NAN);
  buf_putc(&out, ' ');
  json_write_number(&out, 1e300);
  CHECK_STR(buf_str(&out), "3 -0.5 null 1.0000000000000001e+300");
  buf_free(&out);
}

static void test_round_trips(void) {
  const char *texts[] = {
      "{\"a\":[1,2.5,-3,true,false,null],\"b\":{\"c\":\"d\\n\"},\"e\":[]}",
      "[\"\\u0001\",\"\xe2\x82\xac\",\"\\\"\"]",
      "0.30000000000000004",
      "{}",
  };
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    char *written = round_trip(texts[i]);
    CHECK_STR(written, texts[i]);
    free(written);
  }
  // Whatever the writer produces, the parser reads back identically, control bytes included.
  char all_bytes[128];
  for (int i = 0; i < 128; i++) all_bytes[i] = (char)(i + 1 == 128 ? 0x7f : i + 1);
  Buf out = BUF_INIT;
  json_write_string(&out, all_bytes, sizeof all_bytes);
  JsonValue *back = json_parse(out.data, out.len, NULL);
  CHECK(json_string_length(back) == sizeof all_bytes);
  CHECK(back && memcmp(json_string(back), all_bytes, sizeof all_bytes) == 0);
  json_free(back);
  buf_free(&out);
}

static void test_building_and_pretty(void) {
  JsonValue *object = json_new_object();
  json_object_set(object, "id", json_new_string("lab"));
  JsonValue *list = json_new_array();
  json_array_push(list, json_new_number(1));
  json_array_push(list, json_new_bool(true));
  json_object_set(object, "list", list);
  json_object_set(object, "id", json_new_string("replaced")); // keeps its place
  json_object_set(object, "empty", json_new_object());

  Buf out = BUF_INIT;
  json_write(&out, object, 2);
  CHECK_STR(buf_str(&out), "{\n  \"id\": \"replaced\",\n  \"list\": [\n    1,\n    true\n  ],\n  \"empty\": {}\n}");

  JsonValue *copy = json_clone(object);
  json_free(object);
  buf_clear(&out);
  json_write(&out, copy, 0);
  CHECK_STR(buf_str(&out), "{\"id\":\"replaced\",\"list\":[1,true],\"empty\":{}}");
  json_free(copy);
  buf_free(&out);
}

static void test_utf8_valid(void) {
  size_t bad = 0;
  CHECK(utf8_valid("plain \xc3\xa9 \xf0\x9f\x98\x80", 13, &bad));
  CHECK(!utf8_valid("ab\xe9z", 4, &bad) && bad == 2); // Latin-1 é
  CHECK(!utf8_valid("\xed\xbf\xbf", 3, &bad) && bad == 0);
  CHECK(utf8_valid("", 0, NULL));
}

int main(void) {
  test_scalars();
  test_grammar_rejections();
  test_error_position();
  test_strings_and_unicode();
  test_containers();
  test_depth_limit();
  test_not_nul_terminated();
  test_writer();
  test_round_trips();
  test_building_and_pretty();
  test_utf8_valid();
  return check_summary("json");
}
