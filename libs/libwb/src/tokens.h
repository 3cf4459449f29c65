// Whitespace-separated tokens, as the raw format and flag files hold them.
#ifndef WB_SRC_TOKENS_H
#define WB_SRC_TOKENS_H

#include <cstddef>
#include <string>
#include <string_view>

namespace wb_internal {

// The ASCII whitespace C's isspace knows; never locale- or Unicode-dependent.
inline bool isAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Calls `visit(token, line)` for each whitespace-separated token of `text` from `pos` on; `line`
// counts from `firstLine`, for error messages.
template <typename Visit> void forEachToken(std::string_view text, std::size_t pos, int firstLine, Visit visit) {
  int line = firstLine;
  const std::size_t n = text.size();
  while (pos < n) {
    if (isAsciiSpace(text[pos])) {
      if (text[pos] == '\n') ++line;
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    while (pos < n && !isAsciiSpace(text[pos])) ++pos;
    visit(text.substr(start, pos - start), line);
  }
}

// The text without leading and trailing ASCII whitespace.
std::string_view trimmed(std::string_view text);

// A token for a message: in quotes, cut after 40 bytes.
std::string quotedToken(std::string_view token);

} // namespace wb_internal

#endif
