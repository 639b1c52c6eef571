#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "json/value.h"

// Reads the members of an API request's JSON body with AWS's checks: a member of the wrong JSON
// type is a SerializationException (as AWS's JSON protocol reports it), a missing required
// member or a value outside its constraints a ValidationException in AWS's wording.
namespace stepwise::api {

class RequestReader {
 public:
  // body: the request's JSON object (an absent body is an empty object). Must outlive the reader.
  explicit RequestReader(const json::Value& body) : body_(body) {}

  // A required string of min_length..max_length characters (UTF-8 code points).
  Result<std::string> RequiredString(std::string_view field, size_t min_length = 1,
                                     size_t max_length = SIZE_MAX) const;
  // An optional string; nullopt when absent or null.
  Result<std::optional<std::string>> OptionalString(std::string_view field,
                                                    size_t min_length = 0,
                                                    size_t max_length = SIZE_MAX) const;
  // An optional integer in [min, max].
  Result<std::optional<int64_t>> OptionalInt(std::string_view field, int64_t min,
                                             int64_t max) const;
  // An optional number (a JSON integer or float: AWS's Float and Double members) in [min, max].
  Result<std::optional<double>> OptionalNumber(std::string_view field, double min,
                                               double max) const;
  Result<std::optional<bool>> OptionalBool(std::string_view field) const;
  // An optional string that must be one of `allowed` (AWS's enum check).
  Result<std::optional<std::string>> OptionalEnum(std::string_view field,
                                                  std::initializer_list<std::string_view> allowed)
      const;
  // An optional member that must be a JSON object or array: the value, or null when absent.
  Result<json::Value> OptionalObject(std::string_view field) const;
  Result<json::Value> OptionalArray(std::string_view field) const;

 private:
  const json::Value* Find(std::string_view field) const;
  const json::Value& body_;
};

// Characters (UTF-8 code points) in text.
size_t CodePoints(std::string_view text);

}  // namespace stepwise::api
