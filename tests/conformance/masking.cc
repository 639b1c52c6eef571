#include "conformance/masking.h"

#include <array>
#include <cstdint>
#include <map>

#include "json/write.h"

namespace stepwise::conformance {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether s[at, at + count) are all digits.
bool Digits(std::string_view s, size_t at, size_t count) {
  if (at + count > s.size()) return false;
  for (size_t i = at; i < at + count; ++i) {
    if (!IsDigit(s[i])) return false;
  }
  return true;
}

// The length of the AWS region name starting at s[at], or 0. A region is a partition prefix,
// a direction and a number: "us-east-1", "ap-southeast-2", "us-gov-west-1". The caller checks
// the character before.
size_t RegionLengthAt(std::string_view s, size_t at) {
  static constexpr std::array<std::string_view, 11> kPrefixes = {
      "us-gov-", "us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-", "cn-"};
  // Longest first, so that "northeast" is not read as "north".
  static constexpr std::array<std::string_view, 9> kDirections = {
      "northeast", "northwest", "southeast", "southwest", "central",
      "north",     "south",     "east",      "west"};
  std::string_view rest = s.substr(at);
  for (std::string_view prefix : kPrefixes) {
    if (!rest.starts_with(prefix)) continue;
    for (std::string_view direction : kDirections) {
      std::string_view after = rest.substr(prefix.size());
      if (!after.starts_with(direction) || after.size() <= direction.size() ||
          after[direction.size()] != '-') {
        continue;
      }
      size_t end = prefix.size() + direction.size() + 1;
      size_t digits = end;
      while (digits < rest.size() && IsDigit(rest[digits])) ++digits;
      if (digits == end) continue;
      if (digits < rest.size() && IsAlnum(rest[digits])) continue;
      return digits;
    }
  }
  return 0;
}

// The placeholder token starting at s[at] ('<', then no '<' or '>', then '>'): its length,
// or 0.
size_t TokenLengthAt(std::string_view s, size_t at) {
  if (s[at] != '<') return 0;
  for (size_t i = at + 1; i < s.size(); ++i) {
    if (s[i] == '<') return 0;
    if (s[i] == '>') return i == at + 1 ? 0 : i - at + 1;
  }
  return 0;
}

std::string Show(const json::Value& value) { return Truncate(json::Write(value), 120); }

void AppendKey(std::string& path, std::string_view key) {
  path += '.';
  path += key;
}

std::optional<std::string> Differ(const std::string& path, const json::Value& expected,
                                  const json::Value& actual) {
  return "at " + path + ": expected " + Show(expected) + ", actual " + Show(actual);
}

std::optional<std::string> Compare(const json::Value& expected, const json::Value& actual,
                                   Placeholders placeholders, std::string& path) {
  if (placeholders == Placeholders::kWildcards && expected.is_string() &&
      IsWholePlaceholder(expected.as_string())) {
    return std::nullopt;
  }
  if (expected.is_number() && actual.is_number()) {
    bool equal = expected.is_int() && actual.is_int() ? expected.as_int() == actual.as_int()
                                                      : expected.as_number() == actual.as_number();
    return equal ? std::nullopt : Differ(path, expected, actual);
  }
  if (expected.kind() != actual.kind()) return Differ(path, expected, actual);
  switch (expected.kind()) {
    case json::Kind::kString:
      if (StringMatches(expected.as_string(), actual.as_string(), placeholders)) {
        return std::nullopt;
      }
      return Differ(path, expected, actual);
    case json::Kind::kArray: {
      if (expected.size() != actual.size()) {
        return "at " + path + ": expected " + std::to_string(expected.size()) +
               " elements, actual " + std::to_string(actual.size()) + ": expected " +
               Show(expected) + ", actual " + Show(actual);
      }
      for (size_t i = 0; i < expected.size(); ++i) {
        size_t length = path.size();
        path += "[" + std::to_string(i) + "]";
        auto difference = Compare(*expected.At(i), *actual.At(i), placeholders, path);
        if (difference) return difference;
        path.resize(length);
      }
      return std::nullopt;
    }
    case json::Kind::kObject: {
      for (const json::Member& member : expected.members()) {
        size_t length = path.size();
        AppendKey(path, member.name());
        const json::Value* other = actual.Find(member.name());
        if (other == nullptr) {
          return "at " + path + ": expected " + Show(member.value) + ", actual absent";
        }
        auto difference = Compare(member.value, *other, placeholders, path);
        if (difference) return difference;
        path.resize(length);
      }
      for (const json::Member& member : actual.members()) {
        if (expected.Find(member.name()) == nullptr) {
          AppendKey(path, member.name());
          return "at " + path + ": expected absent, actual " + Show(member.value);
        }
      }
      return std::nullopt;
    }
    default:
      return expected == actual ? std::nullopt : Differ(path, expected, actual);
  }
}

// events[from, to), comma-separated.
std::string Join(const std::vector<std::string>& events, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < events.size(); ++i) {
    if (i > from) out += ',';
    out += events[i];
  }
  return out;
}

// Our events cut as CompareEvents describes: outside events one by one, and one multiset per
// top-level Parallel.
struct Item {
  std::string outside;               // when block is empty
  std::map<std::string, int> block;  // event type -> count
  bool is_block = false;
};

std::vector<Item> CutAtParallels(const std::vector<std::string>& events) {
  std::vector<Item> items;
  int depth = 0;
  for (const std::string& event : events) {
    bool closes = event == "ParallelStateSucceeded" || event == "ParallelStateFailed" ||
                  event == "ParallelStateAborted";
    if (depth > 0 && closes) --depth;
    if (depth == 0) {
      Item outside;
      outside.outside = event;
      items.push_back(std::move(outside));
      if (event == "ParallelStateStarted") {
        Item block;
        block.is_block = true;
        items.push_back(std::move(block));
        depth = 1;
      }
      continue;
    }
    if (event == "ParallelStateStarted") ++depth;
    ++items.back().block[event];
  }
  return items;
}

// Whether expected[from, end) can be matched against items[item, end), as CompareEvents says.
// memo[item][from]: 0 unknown, 1 yes, 2 no.
bool Match(const std::vector<Item>& items, size_t item, const std::vector<std::string>& expected,
           size_t from, std::vector<std::vector<uint8_t>>& memo) {
  if (item == items.size()) return from == expected.size();
  uint8_t& known = memo[item][from];
  if (known != 0) return known == 1;
  bool matched = false;
  const Item& current = items[item];
  if (!current.is_block) {
    matched = (from < expected.size() && expected[from] == current.outside &&
               Match(items, item + 1, expected, from + 1, memo)) ||
              (IsBookkeeping(current.outside) && Match(items, item + 1, expected, from, memo));
  } else {
    // Grow the run expected[from, end) while it stays a sub-multiset of the block.
    std::map<std::string, int> left = current.block;
    for (size_t end = from;; ++end) {
      bool rest_is_bookkeeping = true;
      for (const auto& [event, count] : left) {
        if (count > 0 && !IsBookkeeping(event)) rest_is_bookkeeping = false;
      }
      if (rest_is_bookkeeping && Match(items, item + 1, expected, end, memo)) {
        matched = true;
        break;
      }
      if (end == expected.size()) break;
      auto it = left.find(expected[end]);
      if (it == left.end() || it->second == 0) break;
      --it->second;
    }
  }
  known = matched ? 1 : 2;
  return matched;
}

}  // namespace

bool IsIsoDateTime(std::string_view s) {
  // YYYY-MM-DDThh:mm:ss
  if (s.size() < 19 || !Digits(s, 0, 4) || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' ||
      !Digits(s, 8, 2) || s[10] != 'T' || !Digits(s, 11, 2) || s[13] != ':' || !Digits(s, 14, 2) ||
      s[16] != ':' || !Digits(s, 17, 2)) {
    return false;
  }
  size_t at = 19;
  if (at < s.size() && s[at] == '.') {
    size_t digits = ++at;
    while (at < s.size() && IsDigit(s[at])) ++at;
    if (at == digits) return false;
  }
  if (at == s.size()) return true;
  if (s[at] == 'Z') return at + 1 == s.size();
  if (s[at] != '+' && s[at] != '-') return false;
  std::string_view offset = s.substr(at + 1);
  return (offset.size() == 5 && Digits(offset, 0, 2) && offset[2] == ':' && Digits(offset, 3, 2)) ||
         (offset.size() == 4 && Digits(offset, 0, 4));
}

std::string MaskString(std::string_view s) {
  if (IsIsoDateTime(s)) return "date";
  static constexpr std::string_view kArn = "arn:aws:";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s.substr(i).starts_with(kArn)) {
      out += "arn:<partition>:";
      i += kArn.size();
      continue;
    }
    bool boundary_before = i == 0 || !IsAlnum(s[i - 1]);
    if (boundary_before) {
      if (size_t length = RegionLengthAt(s, i); length > 0) {
        out += "<region>";
        i += length;
        continue;
      }
    }
    if (i > 0 && s[i - 1] == ':' && Digits(s, i, 12) && i + 12 < s.size() && s[i + 12] == ':') {
      out += kRecordedAccount;
      i += 12;
      continue;
    }
    out += s[i++];
  }
  return out;
}

json::Value Mask(const json::Value& value) {
  switch (value.kind()) {
    case json::Kind::kString: {
      std::string masked = MaskString(value.as_string());
      return masked == value.as_string() ? value : json::Value::String(masked);
    }
    case json::Kind::kArray: {
      std::vector<json::Value> items;
      items.reserve(value.size());
      for (const json::Value& item : value.items()) items.push_back(Mask(item));
      return json::Value::Array(std::move(items));
    }
    case json::Kind::kObject: {
      std::vector<json::Member> members;
      members.reserve(value.size());
      for (const json::Member& member : value.members()) {
        members.emplace_back(member.key, member.name().find("timestamp") != std::string_view::npos
                                             ? json::Value::String("timestamp")
                                             : Mask(member.value));
      }
      return json::Value::Object(std::move(members));
    }
    default:
      return value;
  }
}

bool IsWholePlaceholder(std::string_view expected) {
  return !expected.empty() && TokenLengthAt(expected, 0) == expected.size();
}

bool StringMatches(std::string_view expected, std::string_view actual, Placeholders placeholders) {
  if (expected == actual) return true;
  if (placeholders == Placeholders::kLiteral) return false;
  // The literal text between tokens: n tokens leave n + 1 pieces.
  std::vector<std::string_view> pieces;
  size_t piece_start = 0;
  for (size_t i = 0; i < expected.size();) {
    size_t length = TokenLengthAt(expected, i);
    if (length == 0) {
      ++i;
      continue;
    }
    pieces.push_back(expected.substr(piece_start, i - piece_start));
    i += length;
    piece_start = i;
  }
  if (pieces.empty()) return false;  // no token, and not equal
  pieces.push_back(expected.substr(piece_start));
  std::string_view first = pieces.front();
  std::string_view last = pieces.back();
  if (actual.size() < first.size() + last.size() || !actual.starts_with(first) ||
      !actual.ends_with(last)) {
    return false;
  }
  // The middle pieces, leftmost first, in what the first and last leave.
  std::string_view middle = actual.substr(first.size(), actual.size() - first.size() - last.size());
  for (size_t i = 1; i + 1 < pieces.size(); ++i) {
    size_t found = middle.find(pieces[i]);
    if (found == std::string_view::npos) return false;
    middle.remove_prefix(found + pieces[i].size());
  }
  return true;
}

std::optional<std::string> FirstDifference(const json::Value& expected, const json::Value& actual,
                                           Placeholders placeholders) {
  std::string path = "$";
  return Compare(expected, actual, placeholders, path);
}

bool IsBookkeeping(std::string_view event_type) {
  if (event_type == "ParallelStateEntered" || event_type == "MapStateEntered") return false;
  return event_type.starts_with("Parallel") || event_type.starts_with("Map");
}

std::optional<std::string> CompareEvents(const std::vector<std::string>& expected,
                                         const std::vector<std::string>& actual, EventOrder order) {
  if (order == EventOrder::kExact) {
    if (expected == actual) return std::nullopt;
    size_t i = 0;
    while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) ++i;
    std::string want = i < expected.size() ? expected[i] : "(end)";
    std::string got = i < actual.size() ? actual[i] : "(end)";
    // A few events on either side of the first difference.
    size_t from = i > 2 ? i - 2 : 0;
    return "at #" + std::to_string(i + 1) + ": expected " + want + ", actual " + got +
           "; expected #" + std::to_string(from + 1) + "... [" + Join(expected, from, i + 4) +
           "], actual [" + Join(actual, from, i + 4) + "]";
  }
  std::vector<Item> items = CutAtParallels(actual);
  std::vector<std::vector<uint8_t>> memo(items.size(),
                                         std::vector<uint8_t>(expected.size() + 1, 0));
  if (Match(items, 0, expected, 0, memo)) return std::nullopt;
  // Say which events are missing or extra; when none is, the order outside Parallels differs.
  std::map<std::string, int> balance;  // ours minus expected
  for (const std::string& event : actual) ++balance[event];
  for (const std::string& event : expected) --balance[event];
  std::string missing, extra;
  for (const auto& [event, count] : balance) {
    if (count < 0) missing += " " + event + " x" + std::to_string(-count);
    if (count > 0 && !IsBookkeeping(event)) extra += " " + event + " x" + std::to_string(count);
  }
  std::string what = missing.empty() && extra.empty()
                         ? "the order outside Parallels differs"
                         : "ours lacks" + (missing.empty() ? " nothing" : missing) +
                               ", and has besides bookkeeping" +
                               (extra.empty() ? " nothing" : extra);
  return "(parallel-sorted) " + what + "; expected [" + Join(expected, 0, expected.size()) +
         "], actual [" + Join(actual, 0, actual.size()) + "]";
}

std::string Truncate(std::string_view s, size_t max_chars) {
  if (s.size() <= max_chars) return std::string(s);
  size_t cut = max_chars;
  // Do not split a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

}  // namespace stepwise::conformance
