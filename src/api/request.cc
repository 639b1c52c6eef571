#include "api/request.h"

#include "api/errors.h"
#include "json/write.h"

namespace stepwise::api {
namespace {

Error WrongType(std::string_view field, std::string_view expected) {
  return ApiError("SerializationException", "Unexpected value type for '" + std::string(field) +
                                                "': expected " + std::string(expected));
}

}  // namespace

size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

const json::Value* RequestReader::Find(std::string_view field) const {
  if (!body_.is_object()) return nullptr;
  const json::Value* value = body_.Find(field);
  return value == nullptr || value->is_null() ? nullptr : value;
}

Result<std::string> RequestReader::RequiredString(std::string_view field, size_t min_length,
                                                  size_t max_length) const {
  std::optional<std::string> value = TRY(OptionalString(field, min_length, max_length));
  if (!value) return ValidationError(field, "null", "Member must not be null");
  return std::move(*value);
}

Result<std::optional<std::string>> RequestReader::OptionalString(std::string_view field,
                                                                 size_t min_length,
                                                                 size_t max_length) const {
  const json::Value* value = Find(field);
  if (value == nullptr) return std::optional<std::string>();
  if (!value->is_string()) return WrongType(field, "a string");
  std::string_view text = value->as_string();
  size_t length = CodePoints(text);
  if (length < min_length) {
    return ValidationError(field, QuoteForValidation(text),
                           "Member must have length greater than or equal to " +
                               std::to_string(min_length));
  }
  if (length > max_length) {
    // AWS does not echo a long value back; neither do we beyond a bound.
    return ValidationError(field, length > 256 ? "'...'" : QuoteForValidation(text),
                           "Member must have length less than or equal to " +
                               std::to_string(max_length));
  }
  return std::optional<std::string>(std::string(text));
}

Result<std::optional<int64_t>> RequestReader::OptionalInt(std::string_view field, int64_t min,
                                                          int64_t max) const {
  const json::Value* value = Find(field);
  if (value == nullptr) return std::optional<int64_t>();
  if (!value->is_int()) return WrongType(field, "an integer");
  int64_t n = value->as_int();
  if (n < min) {
    return ValidationError(field, std::to_string(n),
                           "Member must have value greater than or equal to " + std::to_string(min));
  }
  if (n > max) {
    return ValidationError(field, std::to_string(n),
                           "Member must have value less than or equal to " + std::to_string(max));
  }
  return std::optional<int64_t>(n);
}

Result<std::optional<double>> RequestReader::OptionalNumber(std::string_view field, double min,
                                                            double max) const {
  const json::Value* value = Find(field);
  if (value == nullptr) return std::optional<double>();
  if (!value->is_number()) return WrongType(field, "a number");
  double n = value->as_number();
  auto shown = [](double d) { return json::Write(json::Value::Double(d)); };
  if (n < min) {
    return ValidationError(field, json::Write(*value),
                           "Member must have value greater than or equal to " + shown(min));
  }
  if (n > max) {
    return ValidationError(field, json::Write(*value),
                           "Member must have value less than or equal to " + shown(max));
  }
  return std::optional<double>(n);
}

Result<std::optional<bool>> RequestReader::OptionalBool(std::string_view field) const {
  const json::Value* value = Find(field);
  if (value == nullptr) return std::optional<bool>();
  if (!value->is_bool()) return WrongType(field, "a boolean");
  return std::optional<bool>(value->as_bool());
}

Result<std::optional<std::string>> RequestReader::OptionalEnum(
    std::string_view field, std::initializer_list<std::string_view> allowed) const {
  std::optional<std::string> value = TRY(OptionalString(field));
  if (!value) return value;
  for (std::string_view a : allowed) {
    if (*value == a) return value;
  }
  std::string set;
  for (std::string_view a : allowed) set += (set.empty() ? "" : ", ") + std::string(a);
  return ValidationError(field, QuoteForValidation(*value),
                         "Member must satisfy enum value set: [" + set + "]");
}

Result<json::Value> RequestReader::OptionalObject(std::string_view field) const {
  const json::Value* value = Find(field);
  if (value == nullptr) return json::Value();
  if (!value->is_object()) return WrongType(field, "an object");
  return *value;
}

Result<json::Value> RequestReader::OptionalArray(std::string_view field) const {
  const json::Value* value = Find(field);
  if (value == nullptr) return json::Value();
  if (!value->is_array()) return WrongType(field, "an array");
  return *value;
}

}  // namespace stepwise::api
