#include "jsonata/format/round.h"

#include <cmath>
#include <cstdlib>
#include <string>

#include "jsonata/format/js_number_text.h"

namespace stepwise::jsonata::format {
namespace {

// The reference's shift: +(mantissa + "e" + (exponent + places)) on value.toString(). The
// shortest digits name the same decimal as that text, so parsing them with the moved exponent
// gives the same double.
double ShiftDecimalPoint(double value, int places) {
  if (!std::isfinite(value)) return std::nan("");
  ShortestDecimal decimal = ToShortestDecimal(value);
  int exponent = decimal.exponent - static_cast<int>(decimal.digits.size()) + places;
  std::string text = (value < 0 ? "-" : "") + decimal.digits + "e" + std::to_string(exponent);
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace

double RoundHalfEven(double value, int precision) {
  if (precision != 0) value = ShiftDecimalPoint(value, precision);
  double result = JsMathRound(value);
  if (std::fabs(result - value) == 0.5 && std::fabs(std::fmod(result, 2)) == 1) result -= 1;
  if (precision != 0) result = ShiftDecimalPoint(result, -precision);
  return result == 0 ? 0 : result;
}

}  // namespace stepwise::jsonata::format
