// String functions: $string, $length, $substring, $substringBefore/After, $uppercase,
// $lowercase, $trim, $pad, $contains, $split, $join, $match, $replace, $base64encode/decode and
// the URL encoders. Lengths and indices count code points, as the reference's do (it splits
// strings with Array.from); regex match indices count UTF-16 units, as JavaScript's do.

#include <locale.h>

#include <clocale>
#include <cmath>
#include <cwctype>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "jsonata/functions/library.h"
#include "jsonata/regex_glue.h"

namespace stepwise::jsonata::functions {
namespace {

Result<Value> FnString(NativeContext& cx, std::vector<Value>& args) {
  const Value& arg = Arg(args, 0);
  if (arg.is_undefined()) return Value();
  bool pretty = Arg(args, 1).is_bool() && Arg(args, 1).boolean();
  return Value::String(TRY(Stringify(cx.ev, arg, pretty)));
}

Result<Value> FnLength(NativeContext&, std::vector<Value>& args) {
  const Value& s = Arg(args, 0);
  if (s.is_undefined()) return Value();
  return Value::Number(static_cast<double>(CodePointCount(s.str())));
}

// JavaScript's ToIntegerOrInfinity-based slice bound for a sequence of length n.
size_t SliceBound(double v, size_t n) {
  double len = static_cast<double>(n);
  if (std::isnan(v)) return 0;
  v = std::trunc(v);
  if (v < 0) v = std::max(0.0, len + v);
  return static_cast<size_t>(std::min(v, len));
}

Result<Value> FnSubstring(NativeContext&, std::vector<Value>& args) {
  const Value& s = Arg(args, 0);
  if (s.is_undefined()) return Value();
  std::string_view str = s.str();
  size_t length = CodePointCount(str);
  double start = NumberArg(args, 1);
  if (std::isnan(start)) start = 0;
  if (static_cast<double>(length) + start < 0) start = 0;
  size_t from, to;
  if (Arg(args, 2).is_defined()) {
    double len = NumberArg(args, 2);
    if (len <= 0) return Value::String("");
    double end = start >= 0 ? start + len : static_cast<double>(length) + start + len;
    from = SliceBound(start, length);
    to = SliceBound(end, length);
  } else {
    from = SliceBound(start, length);
    to = length;
  }
  if (to <= from) return Value::String("");
  size_t b0 = CodePointOffset(str, from);
  size_t b1 = CodePointOffset(str, to);
  return Value::String(str.substr(b0, b1 - b0));
}

Result<Value> FnSubstringBefore(NativeContext&, std::vector<Value>& args) {
  const Value& s = Arg(args, 0);
  if (s.is_undefined()) return Value();
  if (Arg(args, 1).is_undefined()) return s;
  size_t pos = s.str().find(Arg(args, 1).str());
  if (pos == std::string_view::npos) return s;
  return Value::String(s.str().substr(0, pos));
}

Result<Value> FnSubstringAfter(NativeContext&, std::vector<Value>& args) {
  const Value& s = Arg(args, 0);
  if (s.is_undefined()) return Value();
  if (Arg(args, 1).is_undefined()) return s;
  std::string_view chars = Arg(args, 1).str();
  size_t pos = s.str().find(chars);
  if (pos == std::string_view::npos) return s;
  return Value::String(s.str().substr(pos + chars.size()));
}



locale_t Utf8Locale() {
  static locale_t locale = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    if (l == static_cast<locale_t>(nullptr)) {
      l = newlocale(LC_CTYPE_MASK, "C", static_cast<locale_t>(nullptr));
    }
    return l;
  }();
  return locale;
}

std::string ChangeCase(std::string_view s, bool upper) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(upper ? (c >= 'a' && c <= 'z' ? c - 32 : c)
                                     : (c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
      continue;
    }
    uint32_t cp = DecodeUtf8(s, &i);
    if (upper && cp == 0xDF) {
      out += "SS";
      continue;
    }
    wint_t mapped = upper ? towupper_l(static_cast<wint_t>(cp), Utf8Locale())
                          : towlower_l(static_cast<wint_t>(cp), Utf8Locale());
    AppendUtf8(out, static_cast<char32_t>(mapped));
  }
  return out;
}

Result<Value> FnUppercase(NativeContext&, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return Value::String(ChangeCase(Arg(args, 0).str(), true));
}

Result<Value> FnLowercase(NativeContext&, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return Value::String(ChangeCase(Arg(args, 0).str(), false));
}

Result<Value> FnTrim(NativeContext&, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  std::string_view s = Arg(args, 0).str();
  std::string out;
  bool in_space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!in_space) out += ' ';
      in_space = true;
    } else {
      out += c;
      in_space = false;
    }
  }
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return Value::String(out);
}

Result<Value> FnPad(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  std::string_view str = Arg(args, 0).str();
  double width = NumberArg(args, 1);
  if (std::isnan(width)) return Arg(args, 0);
  std::string pad_char = Arg(args, 2).is_string() && !Arg(args, 2).str().empty()
                             ? std::string(Arg(args, 2).str())
                             : " ";
  double pad_length = std::fabs(width) - static_cast<double>(CodePointCount(str));
  if (pad_length <= 0) return Arg(args, 0);
  // The bound first, in doubles: a width like 1e91 has no size_t.
  double needed = static_cast<double>(str.size()) + pad_length * static_cast<double>(pad_char.size());
  TRY(cx.ev.CheckStringLength(needed < 1e18 ? static_cast<size_t>(needed) : SIZE_MAX, cx.position));
  size_t count = static_cast<size_t>(std::ceil(pad_length));
  if (pad_length != std::trunc(pad_length)) count = static_cast<size_t>(std::trunc(pad_length));
  std::string padding;
  size_t chars = CodePointCount(pad_char);
  padding.reserve(count * pad_char.size());
  for (size_t i = 0; i < count; ++i) padding += pad_char;
  if (chars > 1) padding = padding.substr(0, CodePointOffset(padding, count));
  return Value::String(width > 0 ? std::string(str) + padding : padding + std::string(str));
}

Result<Value> FnContains(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined() || Arg(args, 1).is_undefined()) return Value();
  std::string_view str = Arg(args, 0).str();
  const Value& token = Arg(args, 1);
  if (token.is_string()) return Value::Bool(str.find(token.str()) != std::string_view::npos);
  MatchIterator it(cx, token, str, "contains");
  std::optional<RegexMatch> m = TRY(it.Next());
  return Value::Bool(m.has_value());
}

Result<Value> FnSplit(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined() || Arg(args, 1).is_undefined()) return Value();
  std::string_view str = Arg(args, 0).str();
  const Value& separator = Arg(args, 1);
  const Value& limit_value = Arg(args, 2);
  if (limit_value.is_defined() && limit_value.number() < 0) {
    return cx.ev.Fail("D3020", cx.position, std::nullopt, &Arg(args, 0));
  }
  bool has_limit = limit_value.is_defined();
  double limit = has_limit ? std::floor(limit_value.number()) : 0;
  std::vector<Value> result;
  auto room = [&] { return !has_limit || static_cast<double>(result.size()) < limit; };
  if (separator.is_string()) {
    std::string_view sep = separator.str();
    if (sep.empty()) {
      size_t i = 0;
      while (i < str.size() && room()) {
        size_t start = i;
        unsigned char c = static_cast<unsigned char>(str[i]);
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        i = std::min(str.size(), i + len);
        result.push_back(Value::String(str.substr(start, i - start)));
      }
    } else {
      size_t start = 0;
      while (room()) {
        size_t pos = str.find(sep, start);
        if (pos == std::string_view::npos) {
          result.push_back(Value::String(str.substr(start)));
          break;
        }
        result.push_back(Value::String(str.substr(start, pos - start)));
        start = pos + sep.size();
      }
    }
    return Value::Array(std::move(result));
  }
  MatchIterator it(cx, separator, str, "split");
  size_t start = 0;
  size_t count = 0;
  bool any = false;
  while (!has_limit || static_cast<double>(count) < limit) {
    std::optional<RegexMatch> m = TRY(it.Next());
    if (!m.has_value()) break;
    any = true;
    size_t s = std::min(m->start, str.size());
    result.push_back(Value::String(s >= start ? str.substr(start, s - start) : ""));
    start = m->end;
    ++count;
  }
  if (!any) {
    result.push_back(Value::String(str));
  } else if (!has_limit || static_cast<double>(count) < limit) {
    result.push_back(Value::String(start < str.size() ? str.substr(start) : ""));
  }
  return Value::Array(std::move(result));
}

Result<Value> FnJoin(NativeContext& cx, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value();
  std::string_view sep = Arg(args, 1).is_string() ? Arg(args, 1).str() : "";
  std::string out;
  size_t n = array.size();
  size_t length = n > 0 ? (n - 1) * sep.size() : 0;
  for (size_t i = 0; i < n; ++i) length += array.at(i).str().size();
  TRY(cx.ev.CheckStringLength(length, cx.position));
  out.reserve(length);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += sep;
    out += array.at(i).str();
  }
  return Value::String(out);
}

Result<Value> FnMatch(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  std::string_view str = Arg(args, 0).str();
  const Value& limit_value = Arg(args, 2);
  if (limit_value.is_defined() && limit_value.number() < 0) {
    return cx.ev.Fail("D3040", cx.position, std::nullopt, &limit_value);
  }
  std::vector<Value> result;
  bool has_limit = limit_value.is_defined();
  double limit = has_limit ? limit_value.number() : 0;
  if (!has_limit || limit > 0) {
    MatchIterator it(cx, Arg(args, 1), str, "match");
    while (!has_limit || static_cast<double>(result.size()) < limit) {
      std::optional<RegexMatch> m = TRY(it.Next());
      if (!m.has_value()) break;
      std::vector<json::Value> groups;
      for (const Value& g : m->groups) {
        std::optional<json::Value> j = ToJson(g);
        groups.push_back(j.has_value() ? *j : json::Value::String(""));
      }
      result.push_back(Value(json::Value::Object({
          {"match", json::Value::String(m->text)},
          {"index", json::Value::Int(static_cast<int64_t>(ByteToUtf16(str, m->start)))},
          {"groups", json::Value::Array(std::move(groups))},
      })));
    }
  }
  return Value::Sequence(std::move(result));
}

// The reference's $n substitution in a replacement string.
std::string Substitute(std::string_view replacement, const RegexMatch& m) {
  std::string out;
  size_t position = 0;
  size_t index = replacement.find('$');
  while (index != std::string_view::npos && position < replacement.size()) {
    out += replacement.substr(position, index - position);
    position = index + 1;
    char next = position < replacement.size() ? replacement[position] : '\0';
    if (next == '$') {
      out += '$';
      ++position;
    } else if (next == '0') {
      out += m.text;
      ++position;
    } else {
      size_t groups = m.groups.size();
      size_t max_digits = groups == 0 ? 1 : static_cast<size_t>(std::floor(std::log10(groups))) + 1;
      auto parse = [&](size_t digits) -> long {
        size_t i = position;
        long value = 0;
        bool any = false;
        while (i < replacement.size() && i < position + digits && replacement[i] >= '0' &&
               replacement[i] <= '9') {
          value = value * 10 + (replacement[i] - '0');
          ++i;
          any = true;
        }
        return any ? value : -1;
      };
      long group = parse(max_digits);
      if (max_digits > 1 && group > static_cast<long>(groups)) group = parse(max_digits - 1);
      if (group >= 0) {
        if (groups > 0 && group >= 1 && static_cast<size_t>(group) <= groups) {
          const Value& g = m.groups[static_cast<size_t>(group - 1)];
          if (g.is_string()) out += g.str();
        }
        position += std::to_string(group).size();
      } else {
        out += '$';
      }
    }
    index = replacement.find('$', position);
  }
  if (position < replacement.size()) out += replacement.substr(position);
  return out;
}

Result<Value> FnReplace(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  std::string_view str = Arg(args, 0).str();
  const Value& pattern = Arg(args, 1);
  const Value& replacement = Arg(args, 2);
  const Value& limit_value = Arg(args, 3);
  if (pattern.is_string() && pattern.str().empty()) {
    return cx.ev.Fail("D3010", cx.position, std::nullopt, &pattern);
  }
  if (limit_value.is_defined() && limit_value.number() < 0) {
    return cx.ev.Fail("D3011", cx.position, std::nullopt, &limit_value);
  }
  bool has_limit = limit_value.is_defined();
  double limit = has_limit ? limit_value.number() : 0;
  if (has_limit && limit <= 0) return Arg(args, 0);
  std::string result;
  size_t position = 0;
  size_t count = 0;
  if (pattern.is_string()) {
    std::string_view p = pattern.str();
    std::string text = replacement.is_string() ? std::string(replacement.str()) : "";
    size_t index = str.find(p, position);
    while (index != std::string_view::npos && (!has_limit || static_cast<double>(count) < limit)) {
      result += str.substr(position, index - position);
      result += text;
      position = index + p.size();
      ++count;
      index = str.find(p, position);
    }
    result += str.substr(position);
    return Value::String(result);
  }
  MatchIterator it(cx, pattern, str, "replace");
  bool any = false;
  while (!has_limit || static_cast<double>(count) < limit) {
    std::optional<RegexMatch> m = TRY(it.Next());
    if (!m.has_value()) break;
    any = true;
    size_t start = std::min(m->start, str.size());
    if (start >= position) result += str.substr(position, start - position);
    if (replacement.is_string()) {
      result += Substitute(replacement.str(), *m);
    } else {
      // A replacement function gets the match object.
      std::vector<json::Value> groups;
      for (const Value& g : m->groups) {
        std::optional<json::Value> j = ToJson(g);
        groups.push_back(j.has_value() ? *j : json::Value::String(""));
      }
      Value match_object(json::Value::Object({
          {"match", json::Value::String(m->text)},
          {"index", json::Value::Int(static_cast<int64_t>(ByteToUtf16(str, m->start)))},
          {"groups", json::Value::Array(std::move(groups))},
      }));
      std::vector<Value> call_args{match_object};
      Value replaced = TRY(cx.ev.Apply(replacement, std::move(call_args), cx.input, cx.env));
      if (!replaced.is_string()) {
        return cx.ev.Fail("D3012", cx.position, std::nullopt, &replaced);
      }
      result += replaced.str();
    }
    position = start + m->text.size();
    ++count;
  }
  if (!any) return Arg(args, 0);
  if (position < str.size()) result += str.substr(position);
  return Value::String(result);
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Result<Value> FnBase64Encode(NativeContext&, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  std::string_view s = Arg(args, 0).str();
  std::string out;
  size_t i = 0;
  while (i + 2 < s.size()) {
    uint32_t v = (static_cast<unsigned char>(s[i]) << 16) |
                 (static_cast<unsigned char>(s[i + 1]) << 8) | static_cast<unsigned char>(s[i + 2]);
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += kBase64[v & 63];
    i += 3;
  }
  if (i + 1 == s.size()) {
    uint32_t v = static_cast<unsigned char>(s[i]) << 16;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == s.size()) {
    uint32_t v =
        (static_cast<unsigned char>(s[i]) << 16) | (static_cast<unsigned char>(s[i + 1]) << 8);
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += '=';
  }
  return Value::String(out);
}

Result<Value> FnBase64Decode(NativeContext&, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  std::string_view s = Arg(args, 0).str();
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : s) {
    const char* p = std::char_traits<char>::find(kBase64, 64, c);
    if (p == nullptr) continue;
    buffer = (buffer << 6) | static_cast<uint32_t>(p - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return Value::String(out);
}

bool IsUnreserved(unsigned char c, bool component) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  if (std::string_view("-_.!~*'()").find(static_cast<char>(c)) != std::string_view::npos)
    return true;
  return !component &&
         std::string_view(";,/?:@&=+$#").find(static_cast<char>(c)) != std::string_view::npos;
}

Value Encode(std::string_view s, bool component) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (IsUnreserved(c, component)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return Value::String(out);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<Value> Decode(NativeContext& cx, const Value& arg, bool component, std::string_view name) {
  std::string_view s = arg.str();
  std::string out;
  auto fail = [&]() -> Error {
    Error e = cx.ev.Fail("D3140", cx.position, std::nullopt, &arg);
    cx.ev.SetErrorInsert("functionName", std::string(name));
    return e;
  };
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '%') {
      out += s[i++];
      continue;
    }
    size_t start = i;
    if (i + 2 >= s.size()) return fail();
    int hi = i + 1 < s.size() ? HexValue(s[i + 1]) : -1;
    int lo = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) return fail();
    unsigned char byte = static_cast<unsigned char>(hi * 16 + lo);
    i += 3;
    if (byte < 0x80) {
      if (!component &&
          std::string_view(";/?:@&=+$,#").find(static_cast<char>(byte)) != std::string_view::npos) {
        out += s.substr(start, 3);
      } else {
        out += static_cast<char>(byte);
      }
      continue;
    }
    int extra = byte >= 0xF0 && byte < 0xF8   ? 3
                : byte >= 0xE0                ? 2
                : byte >= 0xC2 && byte < 0xE0 ? 1
                                              : -1;
    if (extra < 0) return fail();
    std::string seq(1, static_cast<char>(byte));
    for (int k = 0; k < extra; ++k) {
      if (i + 2 >= s.size() || s[i] != '%') return fail();
      int h = i + 1 < s.size() ? HexValue(s[i + 1]) : -1;
      int l = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
      if (h < 0 || l < 0) return fail();
      unsigned char b = static_cast<unsigned char>(h * 16 + l);
      if ((b & 0xC0) != 0x80) return fail();
      seq += static_cast<char>(b);
      i += 3;
    }
    out += seq;
  }
  return Value::String(out);
}

Result<Value> FnEncodeUrlComponent(NativeContext&, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return Encode(Arg(args, 0).str(), true);
}

Result<Value> FnEncodeUrl(NativeContext&, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return Encode(Arg(args, 0).str(), false);
}

Result<Value> FnDecodeUrlComponent(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return Decode(cx, Arg(args, 0), true, "decodeUrlComponent");
}

Result<Value> FnDecodeUrl(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return Decode(cx, Arg(args, 0), false, "decodeUrl");
}

}  // namespace

std::vector<Entry> StringFunctions() {
  return {
      {"string", "<x-b?:s>", FnString, 1},  // string(arg, prettify = false)
      {"length", "<s-:n>", FnLength},
      {"substring", "<s-nn?:s>", FnSubstring},
      {"substringBefore", "<s-s:s>", FnSubstringBefore},
      {"substringAfter", "<s-s:s>", FnSubstringAfter},
      {"uppercase", "<s-:s>", FnUppercase},
      {"lowercase", "<s-:s>", FnLowercase},
      {"trim", "<s-:s>", FnTrim},
      {"pad", "<s-ns?:s>", FnPad},
      {"contains", "<s-(sf):b>", FnContains},
      {"split", "<s-(sf)n?:a<s>>", FnSplit},
      {"join", "<a<s>s?:s>", FnJoin},
      {"match", "<s-f<s:o>n?:a<o>>", FnMatch},
      {"replace", "<s-(sf)(sf)n?:s>", FnReplace},
      {"base64encode", "<s-:s>", FnBase64Encode},
      {"base64decode", "<s-:s>", FnBase64Decode},
      {"encodeUrlComponent", "<s-:s>", FnEncodeUrlComponent},
      {"encodeUrl", "<s-:s>", FnEncodeUrl},
      {"decodeUrlComponent", "<s-:s>", FnDecodeUrlComponent},
      {"decodeUrl", "<s-:s>", FnDecodeUrl},
  };
}

}  // namespace stepwise::jsonata::functions
