#include "numbers.h"

#include <charconv>
#include <cstdlib>
#include <system_error>

namespace wb_internal {

namespace {

template <typename T> std::string shortest(T value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// strtof for float: converting a huge double down to float would be undefined behaviour.
float strtoReal(const char *text, float) { return std::strtof(text, nullptr); }
double strtoReal(const char *text, double) { return std::strtod(text, nullptr); }

std::string_view withoutPlus(std::string_view token) {
  // from_chars rejects a leading '+', which hand-written datasets sometimes have; "+-1" stays
  // invalid because the '-' left over is then checked by from_chars as usual.
  if (token.size() > 1 && token[0] == '+' && token[1] != '-') token.remove_prefix(1);
  return token;
}

template <typename Real> bool parseReal(std::string_view token, Real &out) {
  token = withoutPlus(token);
  if (token.empty()) return false;
  Real value{};
  const auto result = std::from_chars(token.data(), token.data() + token.size(), value);
  if (result.ptr != token.data() + token.size()) return false;
  if (result.ec == std::errc::result_out_of_range) {
    // from_chars leaves the value unset on overflow/underflow; strtof/strtod give the IEEE
    // answer (±inf, or a tiny or zero value). The token's syntax is already known to be valid.
    const std::string copy(token);
    out = strtoReal(copy.c_str(), Real{});
    return true;
  }
  if (result.ec != std::errc()) return false;
  out = value;
  return true;
}

} // namespace

std::string formatNumber(float value) { return shortest(value); }
std::string formatNumber(double value) { return shortest(value); }
std::string formatNumber(long long value) { return shortest(value); }
std::string formatNumber(int value) { return shortest(value); }
std::string formatNumber(unsigned int value) { return shortest(value); }
std::string formatNumber(unsigned char value) { return shortest(static_cast<unsigned int>(value)); }

bool parseNumber(std::string_view token, float &out) { return parseReal(token, out); }
bool parseNumber(std::string_view token, double &out) { return parseReal(token, out); }

bool parseNumber(std::string_view token, int &out) {
  token = withoutPlus(token);
  if (token.empty()) return false;
  int value = 0;
  const auto result = std::from_chars(token.data(), token.data() + token.size(), value);
  if (result.ec != std::errc() || result.ptr != token.data() + token.size()) return false;
  out = value;
  return true;
}

} // namespace wb_internal
