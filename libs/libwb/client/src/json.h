// A small JSON (RFC 8259) parser and writer: the client's only data format with the server and
// for .wb-lab.json. Strict on input (what the server sends is validated, never trusted), and the
// writer always produces valid UTF-8 JSON.
#ifndef WB_CLIENT_JSON_H
#define WB_CLIENT_JSON_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } JsonType;

typedef struct JsonValue JsonValue;

typedef struct {
  size_t offset; // bytes into the text
  int line;      // 1-based
  int column;    // 1-based, in bytes
  char message[96];
} JsonError;

// Nesting deeper than this is refused rather than risking the stack on hostile input.
#define JSON_MAX_DEPTH 256

// --- parsing -----------------------------------------------------------------------------------

// The whole text must be one JSON value (surrounding whitespace allowed). NULL on error, with
// `error` (optional) saying where and why. Strings are decoded to UTF-8; a lone surrogate escape
// (which JavaScript's JSON.stringify can produce) becomes U+FFFD.
JsonValue *json_parse(const char *text, size_t length, JsonError *error);
void json_free(JsonValue *value);

// --- reading (all accept NULL and answer "absent") -------------------------------------------

JsonType json_type(const JsonValue *value);
bool json_is(const JsonValue *value, JsonType type);
// The member's value, or NULL when `object` is not an object or has no such key. With duplicate
// keys the last one wins, as in JavaScript.
const JsonValue *json_get(const JsonValue *object, const char *key);
// NULL unless a string. Strings may contain NUL (from \u0000): use json_string_length for those.
const char *json_string(const JsonValue *value);
size_t json_string_length(const JsonValue *value);
// The member's string, or `fallback`.
const char *json_get_string(const JsonValue *object, const char *key, const char *fallback);
bool json_number(const JsonValue *value, double *out);
// True only for an integral number that is surely exact (|n| < 2^53, JavaScript's safe range).
bool json_integer(const JsonValue *value, long long *out);
bool json_bool(const JsonValue *value, bool *out);
size_t json_array_length(const JsonValue *array); // 0 unless an array
const JsonValue *json_array_at(const JsonValue *array, size_t index);
size_t json_object_size(const JsonValue *object); // 0 unless an object
const char *json_object_key_at(const JsonValue *object, size_t index);
const JsonValue *json_object_value_at(const JsonValue *object, size_t index);

// --- building ----------------------------------------------------------------------------------

JsonValue *json_new_null(void);
JsonValue *json_new_bool(bool value);
JsonValue *json_new_number(double value);
JsonValue *json_new_string(const char *text);
JsonValue *json_new_string_n(const char *text, size_t length);
JsonValue *json_new_array(void);
JsonValue *json_new_object(void);
// Takes ownership of `value`.
void json_array_push(JsonValue *array, JsonValue *value);
// Takes ownership of `value`; replaces an existing member of that key in place (keeping order).
void json_object_set(JsonValue *object, const char *key, JsonValue *value);
JsonValue *json_clone(const JsonValue *value);

// --- writing -----------------------------------------------------------------------------------

// A JSON string literal. Invalid UTF-8 bytes become \ufffd, so the output is always valid JSON.
void json_write_string(Buf *out, const char *text, size_t length);
// Integral values below 2^53 without a fraction, others with 17 significant digits; NaN and the
// infinities (which JSON cannot express) as null.
void json_write_number(Buf *out, double value);
// `indent` 0: compact; otherwise pretty-printed with that many spaces per level.
void json_write(Buf *out, const JsonValue *value, int indent);

// --- UTF-8 -------------------------------------------------------------------------------------

// Whether `text` is valid UTF-8 (no overlongs, surrogates or code points past U+10FFFF); on
// failure `bad_offset` (optional) gets the offset of the first bad byte.
bool utf8_valid(const char *text, size_t length, size_t *bad_offset);

#endif
