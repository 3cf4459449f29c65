// The text half of wbSolution's local check (see compare.h).
#include "compare.h"

#include "text.h"
#include "tokens.h"

#include <algorithm>
#include <vector>

namespace wb_internal {

namespace {

std::vector<std::string_view> normalizedLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (;;) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    while (!line.empty() && isAsciiSpace(line.back())) line.remove_suffix(1); // "\r" included
    lines.push_back(line);
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// A line for a message: quoted, cut after 80 bytes (never inside a UTF-8 sequence).
std::string quote(std::string_view line) {
  if (line.size() <= 80) return jsonString(std::string(line));
  std::size_t cut = 80;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return jsonString(std::string(line.substr(0, cut)) + "...");
}

} // namespace

Verdict compareText(std::string_view expectedText, std::string_view actualText) {
  const std::vector<std::string_view> expected = normalizedLines(expectedText);
  const std::vector<std::string_view> actual = normalizedLines(actualText);
  const std::size_t lines = std::max(expected.size(), actual.size());
  for (std::size_t i = 0; i < lines; ++i) {
    if (i < expected.size() && i < actual.size() && expected[i] == actual[i]) continue;
    const std::string where = "Solution is NOT correct: line " + std::to_string(i + 1) + ": ";
    if (i >= actual.size()) {
      return {false, where + "expected " + quote(expected[i]) + ", but the output ends after " +
                         std::to_string(actual.size()) + " line(s)"};
    }
    if (i >= expected.size()) return {false, where + "expected the end of the output, got " + quote(actual[i])};
    return {false, where + "expected " + quote(expected[i]) + ", got " + quote(actual[i])};
  }
  return correctVerdict();
}

} // namespace wb_internal
