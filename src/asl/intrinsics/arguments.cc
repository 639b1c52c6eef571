#include "asl/intrinsics/arguments.h"

#include <cmath>

#include "json/number_format.h"

namespace stepwise::asl::detail {

Error IntrinsicFailure(const IntrinsicNode& call, std::string_view detail) {
  std::string cause = "There was an error while evaluating the intrinsic function: ";
  cause += call.source;
  cause += ". ";
  cause += detail;
  return Error("States.IntrinsicFailure", std::move(cause));
}

Error IntrinsicFailure(const Invocation& invocation, std::string_view detail) {
  return IntrinsicFailure(invocation.call, detail);
}

Error InvalidArguments(const Invocation& invocation) {
  std::string detail = "Invalid arguments in ";
  detail += invocation.call.function->name;
  return IntrinsicFailure(invocation, detail);
}

Error PayloadTooLarge(const Invocation& invocation) {
  std::string detail = "Invalid arguments in ";
  detail += invocation.call.function->name;
  detail += ": a value is larger than the payload size limit of ";
  detail += std::to_string(kMaxPayloadBytes);
  detail += " bytes";
  return IntrinsicFailure(invocation, detail);
}

double JavaRound(double value) {
  // floor(value + 0.5) rounds 0.49999999999999994 up to 1 because the addition rounds; comparing
  // the fraction instead is exact for every double, as Java 7+ Math.round is.
  double floor = std::floor(value);
  return value - floor >= 0.5 ? floor + 1 : floor;
}

std::optional<int32_t> ToInt32(const json::Value& value) {
  if (value.is_int()) {
    int64_t i = value.as_int();
    if (i < INT32_MIN || i > INT32_MAX) return std::nullopt;
    return static_cast<int32_t>(i);
  }
  double rounded = JavaRound(value.as_number());
  if (!(rounded >= INT32_MIN && rounded <= INT32_MAX)) return std::nullopt;  // NaN fails too
  return static_cast<int32_t>(rounded);
}

void AppendJavaString(std::string& out, const json::Value& value) {
  switch (value.kind()) {
    case json::Kind::kNull:
      out += "null";
      return;
    case json::Kind::kBool:
      out += value.as_bool() ? "true" : "false";
      return;
    case json::Kind::kInt: {
      char buffer[json::kMaxNumberChars];
      out.append(buffer, json::FormatInt(value.as_int(), buffer));
      return;
    }
    case json::Kind::kDouble: {
      char buffer[json::kMaxNumberChars];
      out.append(buffer, json::FormatDouble(value.as_double(), buffer));
      return;
    }
    case json::Kind::kString:
      out += value.as_string();
      return;
    case json::Kind::kArray: {
      out += '[';
      bool first = true;
      for (const json::Value& item : value.items()) {
        if (!first) out += ", ";
        first = false;
        AppendJavaString(out, item);
      }
      out += ']';
      return;
    }
    case json::Kind::kObject: {
      out += '{';
      bool first = true;
      for (const json::Member& member : value.members()) {
        if (!first) out += ", ";
        first = false;
        out += member.name();
        out += '=';
        AppendJavaString(out, member.value);
      }
      out += '}';
      return;
    }
  }
}

bool FitsPayload(const json::Value& value) { return value.SerializedSize() <= kMaxPayloadBytes; }

}  // namespace stepwise::asl::detail
