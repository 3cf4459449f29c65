// Text helpers shared by the log, the timers and the report.
#ifndef WB_SRC_TEXT_H
#define WB_SRC_TEXT_H

#include <cstddef>
#include <string>

namespace wb_internal {

// At most `maxBytes` bytes, cut before a UTF-8 sequence rather than inside it, ending in "…"
// when anything was dropped.
std::string clipUtf8(const std::string &text, std::size_t maxBytes);

// `text` as a JSON string literal, quotes included. Invalid UTF-8 becomes U+FFFD so that a
// program printing arbitrary bytes still yields a report every JSON parser accepts.
std::string jsonString(const std::string &text);

// The last component of a path, as __FILE__ may be absolute inside the sandbox.
std::string baseName(const char *path);

} // namespace wb_internal

#endif
