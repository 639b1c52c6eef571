#pragma once

#include <string_view>

namespace stepwise::jsonata::format {

// English month and day names, as the reference formats and parses them. Internal.
inline constexpr std::u16string_view kMonthNames[] = {
    u"January", u"February", u"March",     u"April",   u"May",      u"June",
    u"July",    u"August",   u"September", u"October", u"November", u"December"};
// Indexed by the F component (1 = Monday); index 0 is empty, as in the reference.
inline constexpr std::u16string_view kDayNames[] = {
    u"", u"Monday", u"Tuesday", u"Wednesday", u"Thursday", u"Friday", u"Saturday", u"Sunday"};

}  // namespace stepwise::jsonata::format
