#include "tokens.h"

namespace wb_internal {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && isAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string quotedToken(std::string_view token) {
  constexpr std::size_t kShown = 40;
  std::string shown(token.substr(0, kShown));
  if (token.size() > kShown) shown += "...";
  return "\"" + shown + "\"";
}

} // namespace wb_internal
