// Number <-> text, locale-independent and exact.
//
// Floats are written in their shortest form that reads back as the same float ("0.1", not
// "0.100000001"), so export/import round-trips bit for bit and the worker sees the decimal value
// the program meant.
#ifndef WB_SRC_NUMBERS_H
#define WB_SRC_NUMBERS_H

#include <string>
#include <string_view>

namespace wb_internal {

std::string formatNumber(float value);
std::string formatNumber(double value);
std::string formatNumber(long long value);
std::string formatNumber(int value);
std::string formatNumber(unsigned int value);
std::string formatNumber(unsigned char value); // as a number, not a character

// Each parse accepts the whole token or fails: "1.5x" is not a number. An optional leading '+'
// is accepted, as are "inf" and "nan" for reals; reals too large for the type become infinities.
bool parseNumber(std::string_view token, float &out);
bool parseNumber(std::string_view token, double &out);
bool parseNumber(std::string_view token, int &out);

} // namespace wb_internal

#endif
