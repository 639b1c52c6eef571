#include "jsonata/format/format_base.h"

#include <algorithm>
#include <cmath>

#include "jsonata/format/format_error.h"
#include "jsonata/format/js_number_text.h"
#include "jsonata/format/round.h"

namespace stepwise::jsonata::format {
namespace {

// 2^53: from here a double's spacing is more than 1.
constexpr double kExactIntegerLimit = 9007199254740992.0;

// toString(radix) of an integer-valued double, as V8 writes it: while the quotient is beyond a
// double's integer precision, V8 emits '0' and divides; then it emits exact remainders.
std::string IntegerToRadix(double value, int radix) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string digits;
  double integer = std::fabs(value);
  while (integer / radix >= kExactIntegerLimit) {
    integer /= radix;
    digits += '0';
  }
  do {
    double remainder = std::fmod(integer, radix);
    digits += kDigits[static_cast<int>(remainder)];
    integer = (integer - remainder) / radix;
  } while (integer > 0);
  if (value < 0) digits += '-';
  std::reverse(digits.begin(), digits.end());
  return digits;
}

}  // namespace

Result<std::string> FormatBase(double value, std::optional<double> radix) {
  value = RoundHalfEven(value, 0);
  double base = radix ? RoundHalfEven(*radix, 0) : 10;
  if (!(base >= 2 && base <= 36)) return FormatErrorWithNumber("D3100", base);
  if (base == 10 || !std::isfinite(value)) return JsNumberToString(value);
  return IntegerToRadix(value, static_cast<int>(base));
}

}  // namespace stepwise::jsonata::format
