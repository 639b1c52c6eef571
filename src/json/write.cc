#include "json/write.h"

#include <algorithm>

#include "json/number_format.h"
#include "json/string_escape.h"

namespace stepwise::json {
namespace {

void AppendScalar(std::string& out, const Value& value) {
  char buffer[kMaxNumberChars];
  switch (value.kind()) {
    case Kind::kNull: out.append("null"); break;
    case Kind::kBool: out.append(value.as_bool() ? "true" : "false"); break;
    case Kind::kInt: out.append(buffer, FormatInt(value.as_int(), buffer)); break;
    case Kind::kDouble: out.append(buffer, FormatDouble(value.as_double(), buffer)); break;
    case Kind::kString: AppendQuoted(out, value.as_string()); break;
    case Kind::kArray:
    case Kind::kObject: break;
  }
}

// Appends value, stopping once out holds more than limit bytes. Returns false when cut.
bool AppendBounded(std::string& out, const Value& value, size_t limit) {
  if (out.size() > limit) return false;
  if (value.is_array()) {
    out.push_back('[');
    bool first = true;
    for (const Value& item : value.items()) {
      if (!first) out.push_back(',');
      first = false;
      if (!AppendBounded(out, item, limit)) return false;
    }
    out.push_back(']');
  } else if (value.is_object()) {
    out.push_back('{');
    bool first = true;
    for (const Member& m : value.members()) {
      if (!first) out.push_back(',');
      first = false;
      AppendQuoted(out, m.name());
      out.push_back(':');
      if (!AppendBounded(out, m.value, limit)) return false;
    }
    out.push_back('}');
  } else if (value.is_string() && value.as_string().size() > limit) {
    AppendQuoted(out, value.as_string().substr(0, limit));
    return false;
  } else {
    AppendScalar(out, value);
  }
  return out.size() <= limit;
}

void AppendCompactImpl(std::string& out, const Value& value) {
  if (value.is_array()) {
    out.push_back('[');
    bool first = true;
    for (const Value& item : value.items()) {
      if (!first) out.push_back(',');
      first = false;
      AppendCompactImpl(out, item);
    }
    out.push_back(']');
  } else if (value.is_object()) {
    out.push_back('{');
    bool first = true;
    for (const Member& m : value.members()) {
      if (!first) out.push_back(',');
      first = false;
      AppendQuoted(out, m.name());
      out.push_back(':');
      AppendCompactImpl(out, m.value);
    }
    out.push_back('}');
  } else {
    AppendScalar(out, value);
  }
}

void NewLine(std::string& out, int indent, int level) {
  out.push_back('\n');
  out.append(static_cast<size_t>(indent * level), ' ');
}

void AppendPretty(std::string& out, const Value& value, int indent, int level) {
  if (value.is_array() && value.size() > 0) {
    out.push_back('[');
    bool first = true;
    for (const Value& item : value.items()) {
      if (!first) out.push_back(',');
      first = false;
      NewLine(out, indent, level + 1);
      AppendPretty(out, item, indent, level + 1);
    }
    NewLine(out, indent, level);
    out.push_back(']');
  } else if (value.is_object() && value.size() > 0) {
    out.push_back('{');
    bool first = true;
    for (const Member& m : value.members()) {
      if (!first) out.push_back(',');
      first = false;
      NewLine(out, indent, level + 1);
      AppendQuoted(out, m.name());
      out.append(": ");
      AppendPretty(out, m.value, indent, level + 1);
    }
    NewLine(out, indent, level);
    out.push_back('}');
  } else if (value.is_array()) {
    out.append("[]");
  } else if (value.is_object()) {
    out.append("{}");
  } else {
    AppendScalar(out, value);
  }
}

}  // namespace

void AppendCompact(std::string& out, const Value& value) {
  out.reserve(out.size() + value.SerializedSize());
  AppendCompactImpl(out, value);
}

std::string Write(const Value& value) {
  std::string out;
  AppendCompact(out, value);
  return out;
}

std::string WriteForMessage(const Value& value, size_t max_bytes) {
  if (value.SerializedSize() <= max_bytes) return Write(value);
  std::string out;
  AppendBounded(out, value, max_bytes);
  out.resize(std::min(out.size(), max_bytes));
  out += "...";
  return out;
}

std::string WritePretty(const Value& value, int indent) {
  std::string out;
  AppendPretty(out, value, indent, 0);
  return out;
}

}  // namespace stepwise::json
