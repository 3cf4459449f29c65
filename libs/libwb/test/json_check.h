// A strict JSON syntax check (RFC 8259, UTF-8), written independently of libwb's escaping so the
// report tests do not grade libwb's JSON with libwb's own code.
#ifndef WB_TEST_JSON_CHECK_H
#define WB_TEST_JSON_CHECK_H

#include <string>

// True when `text` is exactly one JSON value (surrounding whitespace allowed); otherwise false,
// with the offset and reason in `*error`.
bool isValidJson(const std::string &text, std::string *error);

#endif
