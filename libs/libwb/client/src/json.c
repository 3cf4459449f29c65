#include "json.h"

#include "alloc.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *key;
  JsonValue *value;
} JsonMember;

struct JsonValue {
  JsonType type;
  union {
    bool boolean;
    double number;
    struct {
      char *chars;
      size_t length;
    } string;
    struct {
      JsonValue **items;
      size_t count, cap;
    } array;
    struct {
      JsonMember *members;
      size_t count, cap;
    } object;
  } as;
};

// 2^53: every integer below this is exactly representable in a double, and no rounded neighbour
// of a larger integer can masquerade as one (JavaScript's Number.MAX_SAFE_INTEGER is 2^53 - 1).
#define JSON_EXACT_INTEGER_LIMIT 9007199254740992.0

// ================================================================================================
// UTF-8
// ================================================================================================

// Length of the valid UTF-8 sequence starting at `s` (at most `available` bytes), 0 if invalid.
static size_t utf8_sequence(const unsigned char *s, size_t available) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t length;
  uint32_t code;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
    code = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    code = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    code = c & 0x07;
  } else {
    return 0; // a continuation byte, an overlong lead (C0, C1) or past U+10FFFF (F5..FF)
  }
  if (available < length) return 0;
  for (size_t i = 1; i < length; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    code = (code << 6) | (s[i] & 0x3F);
  }
  if (length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) return 0;
  if (length == 4 && (code < 0x10000 || code > 0x10FFFF)) return 0;
  return length;
}

bool utf8_valid(const char *text, size_t length, size_t *bad_offset) {
  const unsigned char *s = (const unsigned char *)text;
  for (size_t i = 0; i < length;) {
    size_t n = utf8_sequence(s + i, length - i);
    if (n == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += n;
  }
  return true;
}

static void utf8_encode(Buf *out, uint32_t code) {
  char bytes[4];
  size_t n;
  if (code < 0x80) {
    bytes[0] = (char)code;
    n = 1;
  } else if (code < 0x800) {
    bytes[0] = (char)(0xC0 | (code >> 6));
    bytes[1] = (char)(0x80 | (code & 0x3F));
    n = 2;
  } else if (code < 0x10000) {
    bytes[0] = (char)(0xE0 | (code >> 12));
    bytes[1] = (char)(0x80 | ((code >> 6) & 0x3F));
    bytes[2] = (char)(0x80 | (code & 0x3F));
    n = 3;
  } else {
    bytes[0] = (char)(0xF0 | (code >> 18));
    bytes[1] = (char)(0x80 | ((code >> 12) & 0x3F));
    bytes[2] = (char)(0x80 | ((code >> 6) & 0x3F));
    bytes[3] = (char)(0x80 | (code & 0x3F));
    n = 4;
  }
  buf_append(out, bytes, n);
}

// ================================================================================================
// Values
// ================================================================================================

static JsonValue *new_value(JsonType type) {
  JsonValue *value = xcalloc(1, sizeof *value);
  value->type = type;
  return value;
}

JsonValue *json_new_null(void) { return new_value(JSON_NULL); }

JsonValue *json_new_bool(bool b) {
  JsonValue *value = new_value(JSON_BOOL);
  value->as.boolean = b;
  return value;
}

JsonValue *json_new_number(double number) {
  JsonValue *value = new_value(JSON_NUMBER);
  value->as.number = number;
  return value;
}

JsonValue *json_new_string_n(const char *text, size_t length) {
  JsonValue *value = new_value(JSON_STRING);
  value->as.string.chars = xstrndup(text, length);
  value->as.string.length = length;
  return value;
}

JsonValue *json_new_string(const char *text) { return json_new_string_n(text, strlen(text)); }

JsonValue *json_new_array(void) { return new_value(JSON_ARRAY); }

JsonValue *json_new_object(void) { return new_value(JSON_OBJECT); }

void json_array_push(JsonValue *array, JsonValue *item) {
  if (array->as.array.count == array->as.array.cap) {
    array->as.array.cap = array->as.array.cap ? array->as.array.cap * 2 : 4;
    array->as.array.items = xrealloc(array->as.array.items, array->as.array.cap * sizeof(JsonValue *));
  }
  array->as.array.items[array->as.array.count++] = item;
}

static void object_append(JsonValue *object, char *key, JsonValue *value) {
  if (object->as.object.count == object->as.object.cap) {
    object->as.object.cap = object->as.object.cap ? object->as.object.cap * 2 : 4;
    object->as.object.members = xrealloc(object->as.object.members, object->as.object.cap * sizeof(JsonMember));
  }
  object->as.object.members[object->as.object.count].key = key;
  object->as.object.members[object->as.object.count].value = value;
  object->as.object.count++;
}

void json_object_set(JsonValue *object, const char *key, JsonValue *value) {
  for (size_t i = object->as.object.count; i-- > 0;) {
    JsonMember *member = &object->as.object.members[i];
    if (strcmp(member->key, key) == 0) {
      json_free(member->value);
      member->value = value;
      return;
    }
  }
  object_append(object, xstrdup(key), value);
}

void json_free(JsonValue *value) {
  if (value == NULL) return;
  switch (value->type) {
  case JSON_STRING:
    free(value->as.string.chars);
    break;
  case JSON_ARRAY:
    for (size_t i = 0; i < value->as.array.count; i++) json_free(value->as.array.items[i]);
    free(value->as.array.items);
    break;
  case JSON_OBJECT:
    for (size_t i = 0; i < value->as.object.count; i++) {
      free(value->as.object.members[i].key);
      json_free(value->as.object.members[i].value);
    }
    free(value->as.object.members);
    break;
  default:
    break;
  }
  free(value);
}

JsonValue *json_clone(const JsonValue *value) {
  if (value == NULL) return NULL;
  switch (value->type) {
  case JSON_NULL:
    return json_new_null();
  case JSON_BOOL:
    return json_new_bool(value->as.boolean);
  case JSON_NUMBER:
    return json_new_number(value->as.number);
  case JSON_STRING:
    return json_new_string_n(value->as.string.chars, value->as.string.length);
  case JSON_ARRAY: {
    JsonValue *copy = json_new_array();
    for (size_t i = 0; i < value->as.array.count; i++) json_array_push(copy, json_clone(value->as.array.items[i]));
    return copy;
  }
  case JSON_OBJECT: {
    JsonValue *copy = json_new_object();
    for (size_t i = 0; i < value->as.object.count; i++)
      object_append(copy, xstrdup(value->as.object.members[i].key), json_clone(value->as.object.members[i].value));
    return copy;
  }
  }
  return NULL;
}

// ================================================================================================
// Reading
// ================================================================================================

JsonType json_type(const JsonValue *value) { return value ? value->type : JSON_NULL; }

bool json_is(const JsonValue *value, JsonType type) { return value != NULL && value->type == type; }

const JsonValue *json_get(const JsonValue *object, const char *key) {
  if (!json_is(object, JSON_OBJECT)) return NULL;
  for (size_t i = object->as.object.count; i-- > 0;) {
    if (strcmp(object->as.object.members[i].key, key) == 0) return object->as.object.members[i].value;
  }
  return NULL;
}

const char *json_string(const JsonValue *value) { return json_is(value, JSON_STRING) ? value->as.string.chars : NULL; }

size_t json_string_length(const JsonValue *value) { return json_is(value, JSON_STRING) ? value->as.string.length : 0; }

const char *json_get_string(const JsonValue *object, const char *key, const char *fallback) {
  const char *text = json_string(json_get(object, key));
  return text ? text : fallback;
}

bool json_number(const JsonValue *value, double *out) {
  if (!json_is(value, JSON_NUMBER)) return false;
  *out = value->as.number;
  return true;
}

bool json_integer(const JsonValue *value, long long *out) {
  double number;
  if (!json_number(value, &number)) return false;
  if (number != floor(number) || fabs(number) >= JSON_EXACT_INTEGER_LIMIT) return false;
  *out = (long long)number;
  return true;
}

bool json_bool(const JsonValue *value, bool *out) {
  if (!json_is(value, JSON_BOOL)) return false;
  *out = value->as.boolean;
  return true;
}

size_t json_array_length(const JsonValue *array) { return json_is(array, JSON_ARRAY) ? array->as.array.count : 0; }

const JsonValue *json_array_at(const JsonValue *array, size_t index) {
  return index < json_array_length(array) ? array->as.array.items[index] : NULL;
}

size_t json_object_size(const JsonValue *object) { return json_is(object, JSON_OBJECT) ? object->as.object.count : 0; }

const char *json_object_key_at(const JsonValue *object, size_t index) {
  return index < json_object_size(object) ? object->as.object.members[index].key : NULL;
}

const JsonValue *json_object_value_at(const JsonValue *object, size_t index) {
  return index < json_object_size(object) ? object->as.object.members[index].value : NULL;
}

// ================================================================================================
// Parsing
// ================================================================================================

typedef struct {
  const char *text;
  size_t length;
  size_t pos;
  int depth;
  JsonError *error;
  bool failed;
} Parser;

static void fail(Parser *p, size_t at, const char *message) {
  if (p->failed) return; // keep the first, innermost reason
  p->failed = true;
  if (p->error == NULL) return;
  p->error->offset = at;
  p->error->line = 1;
  p->error->column = 1;
  for (size_t i = 0; i < at && i < p->length; i++) {
    if (p->text[i] == '\n') {
      p->error->line++;
      p->error->column = 1;
    } else {
      p->error->column++;
    }
  }
  snprintf(p->error->message, sizeof p->error->message, "%s", message);
}

static bool at_end(const Parser *p) { return p->pos >= p->length; }

static char peek(const Parser *p) { return at_end(p) ? '\0' : p->text[p->pos]; }

static void skip_whitespace(Parser *p) {
  while (!at_end(p)) {
    char c = p->text[p->pos];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
    p->pos++;
  }
}

static JsonValue *parse_value(Parser *p);

static JsonValue *parse_literal(Parser *p, const char *word, JsonValue *value) {
  size_t n = strlen(word);
  if (p->length - p->pos < n || memcmp(p->text + p->pos, word, n) != 0) {
    json_free(value);
    fail(p, p->pos, "unexpected character");
    return NULL;
  }
  p->pos += n;
  return value;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static JsonValue *parse_number(Parser *p) {
  // Checked against RFC 8259's grammar first: strtod alone would accept hex, "inf", "1." and more.
  size_t start = p->pos;
  if (peek(p) == '-') p->pos++;
  if (peek(p) == '0') {
    p->pos++;
  } else if (is_digit(peek(p))) {
    while (is_digit(peek(p))) p->pos++;
  } else {
    fail(p, p->pos, "a number needs digits");
    return NULL;
  }
  if (peek(p) == '.') {
    p->pos++;
    if (!is_digit(peek(p))) {
      fail(p, p->pos, "a digit must follow the decimal point");
      return NULL;
    }
    while (is_digit(peek(p))) p->pos++;
  }
  if (peek(p) == 'e' || peek(p) == 'E') {
    p->pos++;
    if (peek(p) == '+' || peek(p) == '-') p->pos++;
    if (!is_digit(peek(p))) {
      fail(p, p->pos, "an exponent needs digits");
      return NULL;
    }
    while (is_digit(peek(p))) p->pos++;
  }
  // strtod reads the "C" locale's decimal point: wb never calls setlocale, so that is '.'.
  char *copy = xstrndup(p->text + start, p->pos - start);
  double number = strtod(copy, NULL);
  free(copy);
  if (!isfinite(number)) {
    fail(p, start, "number out of range");
    return NULL;
  }
  return json_new_number(number);
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads the 4 hex digits of a \u escape at p->pos; -1 (and the parser failed) if malformed.
static long read_hex4(Parser *p) {
  if (p->length - p->pos < 4) {
    fail(p, p->pos, "\\u needs 4 hex digits");
    return -1;
  }
  long code = 0;
  for (int i = 0; i < 4; i++) {
    int digit = hex_digit(p->text[p->pos + (size_t)i]);
    if (digit < 0) {
      fail(p, p->pos + (size_t)i, "\\u needs 4 hex digits");
      return -1;
    }
    code = code * 16 + digit;
  }
  p->pos += 4;
  return code;
}

// After the "\u": one code point, joining a surrogate pair when one follows.
static bool parse_unicode_escape(Parser *p, Buf *out) {
  long code = read_hex4(p);
  if (code < 0) return false;
  if (code >= 0xD800 && code <= 0xDBFF) {
    bool pair = p->length - p->pos >= 6 && p->text[p->pos] == '\\' && p->text[p->pos + 1] == 'u';
    if (pair) {
      size_t saved = p->pos;
      p->pos += 2;
      long low = read_hex4(p);
      if (low < 0) return false;
      if (low >= 0xDC00 && low <= 0xDFFF) {
        utf8_encode(out, (uint32_t)(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)));
        return true;
      }
      p->pos = saved; // not a low surrogate: it is an escape of its own
    }
    code = 0xFFFD;
  } else if (code >= 0xDC00 && code <= 0xDFFF) {
    code = 0xFFFD;
  }
  utf8_encode(out, (uint32_t)code);
  return true;
}

// At the opening quote; returns the decoded bytes (NUL-terminated, possibly with inner NULs).
static bool parse_string_raw(Parser *p, Buf *out) {
  p->pos++; // the opening quote
  for (;;) {
    if (at_end(p)) {
      fail(p, p->pos, "unterminated string");
      return false;
    }
    unsigned char c = (unsigned char)p->text[p->pos];
    if (c == '"') {
      p->pos++;
      if (out->data == NULL) buf_append(out, "", 0);
      return true;
    }
    if (c < 0x20) {
      fail(p, p->pos, "control character in a string (it must be escaped)");
      return false;
    }
    if (c == '\\') {
      p->pos++;
      if (at_end(p)) {
        fail(p, p->pos, "unterminated string");
        return false;
      }
      char e = p->text[p->pos++];
      switch (e) {
      case '"': buf_putc(out, '"'); break;
      case '\\': buf_putc(out, '\\'); break;
      case '/': buf_putc(out, '/'); break;
      case 'b': buf_putc(out, '\b'); break;
      case 'f': buf_putc(out, '\f'); break;
      case 'n': buf_putc(out, '\n'); break;
      case 'r': buf_putc(out, '\r'); break;
      case 't': buf_putc(out, '\t'); break;
      case 'u':
        if (!parse_unicode_escape(p, out)) return false;
        break;
      default:
        fail(p, p->pos - 1, "unknown escape in a string");
        return false;
      }
      continue;
    }
    size_t n = utf8_sequence((const unsigned char *)p->text + p->pos, p->length - p->pos);
    if (n == 0) {
      fail(p, p->pos, "invalid UTF-8 in a string");
      return false;
    }
    buf_append(out, p->text + p->pos, n);
    p->pos += n;
  }
}

static JsonValue *parse_string(Parser *p) {
  Buf text = BUF_INIT;
  if (!parse_string_raw(p, &text)) {
    buf_free(&text);
    return NULL;
  }
  JsonValue *value = new_value(JSON_STRING);
  value->as.string.length = text.len;
  value->as.string.chars = buf_take(&text);
  return value;
}

static JsonValue *parse_array(Parser *p) {
  p->pos++; // [
  JsonValue *array = json_new_array();
  skip_whitespace(p);
  if (peek(p) == ']') {
    p->pos++;
    return array;
  }
  for (;;) {
    JsonValue *item = parse_value(p);
    if (item == NULL) break;
    json_array_push(array, item);
    skip_whitespace(p);
    if (at_end(p)) {
      fail(p, p->pos, "unterminated array");
      break;
    }
    char c = p->text[p->pos++];
    if (c == ']') return array;
    if (c != ',') {
      fail(p, p->pos - 1, "expected ',' or ']' in an array");
      break;
    }
  }
  json_free(array);
  return NULL;
}

static JsonValue *parse_object(Parser *p) {
  p->pos++; // {
  JsonValue *object = json_new_object();
  skip_whitespace(p);
  if (peek(p) == '}') {
    p->pos++;
    return object;
  }
  for (;;) {
    skip_whitespace(p);
    if (peek(p) != '"') {
      fail(p, p->pos, "expected a string key in an object");
      break;
    }
    Buf key = BUF_INIT;
    if (!parse_string_raw(p, &key)) {
      buf_free(&key);
      break;
    }
    if (strlen(buf_str(&key)) != key.len) {
      // Keys are looked up as C strings; one with a NUL could never be found, so refuse it.
      buf_free(&key);
      fail(p, p->pos, "an object key contains \\u0000");
      break;
    }
    skip_whitespace(p);
    if (peek(p) != ':') {
      buf_free(&key);
      fail(p, p->pos, "expected ':' after an object key");
      break;
    }
    p->pos++;
    JsonValue *value = parse_value(p);
    if (value == NULL) {
      buf_free(&key);
      break;
    }
    object_append(object, buf_take(&key), value);
    skip_whitespace(p);
    if (at_end(p)) {
      fail(p, p->pos, "unterminated object");
      break;
    }
    char c = p->text[p->pos++];
    if (c == '}') return object;
    if (c != ',') {
      fail(p, p->pos - 1, "expected ',' or '}' in an object");
      break;
    }
  }
  json_free(object);
  return NULL;
}

static JsonValue *parse_value(Parser *p) {
  skip_whitespace(p);
  if (at_end(p)) {
    fail(p, p->pos, "unexpected end of input");
    return NULL;
  }
  switch (peek(p)) {
  case '{':
  case '[': {
    if (++p->depth > JSON_MAX_DEPTH) {
      fail(p, p->pos, "nested too deeply");
      return NULL;
    }
    JsonValue *value = peek(p) == '{' ? parse_object(p) : parse_array(p);
    p->depth--;
    return value;
  }
  case '"':
    return parse_string(p);
  case 't':
    return parse_literal(p, "true", json_new_bool(true));
  case 'f':
    return parse_literal(p, "false", json_new_bool(false));
  case 'n':
    return parse_literal(p, "null", json_new_null());
  default:
    if (peek(p) == '-' || is_digit(peek(p))) return parse_number(p);
    fail(p, p->pos, "unexpected character");
    return NULL;
  }
}

JsonValue *json_parse(const char *text, size_t length, JsonError *error) {
  Parser p = {text, length, 0, 0, error, false};
  if (error) memset(error, 0, sizeof *error);
  JsonValue *value = parse_value(&p);
  if (value == NULL) return NULL;
  skip_whitespace(&p);
  if (!at_end(&p)) {
    fail(&p, p.pos, "unexpected data after the JSON value");
    json_free(value);
    return NULL;
  }
  return value;
}

// ================================================================================================
// Writing
// ================================================================================================

void json_write_string(Buf *out, const char *text, size_t length) {
  const unsigned char *s = (const unsigned char *)text;
  buf_putc(out, '"');
  for (size_t i = 0; i < length;) {
    unsigned char c = s[i];
    const char *escape = NULL;
    switch (c) {
    case '"': escape = "\\\""; break;
    case '\\': escape = "\\\\"; break;
    case '\b': escape = "\\b"; break;
    case '\f': escape = "\\f"; break;
    case '\n': escape = "\\n"; break;
    case '\r': escape = "\\r"; break;
    case '\t': escape = "\\t"; break;
    default: break;
    }
    if (escape) {
      buf_puts(out, escape);
      i++;
    } else if (c < 0x20 || c == 0x7F) {
      buf_printf(out, "\\u%04x", c);
      i++;
    } else if (c < 0x80) {
      buf_putc(out, (char)c);
      i++;
    } else {
      size_t n = utf8_sequence(s + i, length - i);
      if (n == 0) {
        buf_puts(out, "\\ufffd");
        i++;
      } else {
        buf_append(out, s + i, n);
        i += n;
      }
    }
  }
  buf_putc(out, '"');
}

void json_write_number(Buf *out, double value) {
  if (!isfinite(value)) {
    buf_puts(out, "null");
  } else if (value == floor(value) && fabs(value) < JSON_EXACT_INTEGER_LIMIT) {
    buf_printf(out, "%lld", (long long)value);
  } else {
    buf_printf(out, "%.17g", value);
  }
}

static void newline(Buf *out, int indent, int depth) {
  if (indent <= 0) return;
  buf_putc(out, '\n');
  for (int i = 0; i < indent * depth; i++) buf_putc(out, ' ');
}

static void write_value(Buf *out, const JsonValue *value, int indent, int depth) {
  switch (json_type(value)) {
  case JSON_NULL:
    buf_puts(out, "null");
    break;
  case JSON_BOOL:
    buf_puts(out, value->as.boolean ? "true" : "false");
    break;
  case JSON_NUMBER:
    json_write_number(out, value->as.number);
    break;
  case JSON_STRING:
    json_write_string(out, value->as.string.chars, value->as.string.length);
    break;
  case JSON_ARRAY:
    buf_putc(out, '[');
    for (size_t i = 0; i < value->as.array.count; i++) {
      if (i > 0) buf_putc(out, ',');
      newline(out, indent, depth + 1);
      write_value(out, value->as.array.items[i], indent, depth + 1);
    }
    if (value->as.array.count > 0) newline(out, indent, depth);
    buf_putc(out, ']');
    break;
  case JSON_OBJECT:
    buf_putc(out, '{');
    for (size_t i = 0; i < value->as.object.count; i++) {
      const JsonMember *member = &value->as.object.members[i];
      if (i > 0) buf_putc(out, ',');
      newline(out, indent, depth + 1);
      json_write_string(out, member->key, strlen(member->key));
      buf_puts(out, indent > 0 ? ": " : ":");
      write_value(out, member->value, indent, depth + 1);
    }
    if (value->as.object.count > 0) newline(out, indent, depth);
    buf_putc(out, '}');
    break;
  }
}

void json_write(Buf *out, const JsonValue *value, int indent) { write_value(out, value, indent, 0); }
