#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stepwise::jsonata::format {

// English number words as the reference writes and reads them ("Three Hundred and Twenty-One",
// "One Trillion and First"). Internal to the format library.

// value (a non-negative integer) in title-case words; ordinal gives "Twenty-First". Magnitudes
// above trillions repeat "Trillion" ("Ten Billion Trillion Trillion Trillion" for 1e46). value
// must be finite.
std::string NumberToWords(double value, bool ordinal);

// Reads lower-case words back: the reference splits at ", ", " and " and at white space, hyphens
// and backslashes, and sums the word values with hundreds and magnitudes multiplying. Any word it
// does not know makes the result NaN.
double WordsToNumber(std::u16string_view lower_case_text);

// Every word WordsToNumber knows, lower case, in the order the reference's date parser tries them
// as regular-expression alternatives.
const std::vector<std::u16string>& NumberWords();

}  // namespace stepwise::jsonata::format
