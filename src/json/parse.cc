#include "json/parse.h"

#include "json/syntax_error.h"

#include <simdjson.h>

#include <charconv>
#include <vector>

namespace stepwise::json {
namespace {

namespace od = simdjson::ondemand;

// A failure while building, with the byte offset it refers to.
struct Failure {
  std::string what;
  size_t offset;
  bool from_simdjson;  // simdjson's errors say little about where; FindSyntaxError says more
};

std::string DescribeError(simdjson::error_code code) {
  switch (code) {
    case simdjson::EMPTY: return "No content to parse";
    case simdjson::UTF8_ERROR: return "Invalid UTF-8";
    case simdjson::STRING_ERROR: return "Invalid string";
    case simdjson::UNESCAPED_CHARS: return "Unescaped control character in string";
    case simdjson::UNCLOSED_STRING: return "Unterminated string";
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE: return "Invalid number";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR: return "Unrecognized token";
    case simdjson::DEPTH_ERROR: return "Nesting too deep";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "Unexpected end of input";
    case simdjson::TRAILING_CONTENT: return "Unexpected content after the JSON value";
    case simdjson::CAPACITY: return "Document too large";
    default: return "Malformed JSON";
  }
}

// JSON's integer grammar: -?(0|[1-9][0-9]*).
bool IsJsonInteger(std::string_view token) {
  size_t i = token.starts_with('-') ? 1 : 0;
  if (i >= token.size()) return false;
  if (token[i] == '0') return token.size() == i + 1;
  for (; i < token.size(); ++i) {
    if (token[i] < '0' || token[i] > '9') return false;
  }
  return true;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' ||
                        s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

class Builder {
 public:
  Builder(const char* base, const ParseOptions& options) : base_(base), options_(options) {}

  const Failure& failure() const { return failure_; }

  // Builds a document whose root is an array or an object. Scalar roots are parsed by Parse as
  // the one element of an array around them: On-Demand's scalar documents cannot be re-read
  // after a failed number conversion, nor tell trailing content apart.
  bool BuildDocument(od::document& doc, Value* out) {
    od::value root;
    if (auto error = doc.get_value().get(root)) return Fail(error, Location(doc));
    if (!Build(root, out)) return false;
    // After the root value the iterator must be past the last token: current_location() then
    // reports OUT_OF_BOUNDS; anything else is trailing content.
    const char* trailing = nullptr;
    if (doc.current_location().get(trailing) == simdjson::SUCCESS) {
      return Fail(simdjson::TRAILING_CONTENT, static_cast<size_t>(trailing - base_));
    }
    return true;
  }

 private:
  size_t Location(od::document& doc) {
    const char* at = nullptr;
    if (doc.current_location().get(at) != simdjson::SUCCESS || at == nullptr) return kEnd;
    return static_cast<size_t>(at - base_);
  }
  size_t Location(od::value& v) {
    return static_cast<size_t>(v.raw_json_token().data() - base_);
  }

  bool Fail(simdjson::error_code code, size_t offset) {
    if (failure_.what.empty()) failure_ = Failure{DescribeError(code), offset, true};
    return false;
  }
  bool Fail(std::string what, size_t offset) {
    if (failure_.what.empty()) failure_ = Failure{std::move(what), offset, false};
    return false;
  }

  // Reads a number: int64 when it is an integer that fits, a double otherwise.
  static bool Number(simdjson::error_code error, od::number number, std::string_view token,
                     Value* out) {
    token = TrimRight(token);
    if (error == simdjson::SUCCESS) {
      switch (number.get_number_type()) {
        case od::number_type::signed_integer: *out = Value::Int(number.get_int64()); return true;
        case od::number_type::unsigned_integer:
          *out = Value::Double(static_cast<double>(number.get_uint64()));
          return true;
        case od::number_type::floating_point_number:
          *out = Value::Double(number.get_double());
          return true;
      }
    }
    // Integers beyond 64 bits: simdjson declines them; they are valid JSON, read as doubles.
    if (IsJsonInteger(token)) {
      double d = 0;
      auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), d);
      if (ec == std::errc() || ec == std::errc::result_out_of_range) {
        *out = Value::Double(d);
        return ptr == token.data() + token.size();
      }
    }
    return false;
  }

  // Builds a scalar value (not an array or object) of the given type.
  bool BuildScalar(od::value v, od::json_type type, Value* out) {
    // Where v starts is only needed for errors: the token is the raw text from v onwards.
    std::string_view token = v.raw_json_token();
    size_t at = static_cast<size_t>(token.data() - base_);
    switch (type) {
      case od::json_type::string: {
        std::string_view s;
        if (auto error = v.get_string().get(s)) return Fail(error, at);
        *out = Value::String(s);
        return true;
      }
      case od::json_type::number: {
        od::number number;
        auto error = v.get_number().get(number);
        if (!Number(error, number, token, out)) return Fail(simdjson::NUMBER_ERROR, at);
        return true;
      }
      case od::json_type::boolean: {
        bool b;
        if (auto error = v.get_bool().get(b)) return Fail(error, at);
        *out = Value::Bool(b);
        return true;
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto error = v.is_null().get(is_null); error || !is_null) {
          return Fail(simdjson::N_ATOM_ERROR, at);
        }
        *out = Value();
        return true;
      }
      default:
        return Fail("Malformed JSON", at);
    }
  }

  // An array or object being built. The builder keeps these on an explicit stack rather than
  // recursing, so that nesting costs heap, not call stack, whatever the build (sanitizers make
  // stack frames many times larger).
  struct Frame {
    bool is_object = false;
    size_t at = 0;  // where the container starts, for errors
    od::array_iterator item;
    od::array_iterator items_end;
    od::object_iterator field;
    od::object_iterator fields_end;
  };

  // The children built so far of each open container, by depth. The buffers outlive the
  // containers, so that their capacity is reused by the next container at the same depth.
  struct Scratch {
    std::vector<Value> items;
    std::vector<Member> members;
    // Only kept when repeated keys are errors, to say which key and where.
    std::vector<std::pair<Value, size_t>> keys;
  };

  // Opens v (an array or an object) as a new frame.
  bool Open(od::value v, od::json_type type, std::vector<Frame>* stack) {
    if (stack->size() >= options_.max_depth) {
      return Fail("Nesting deeper than " + std::to_string(options_.max_depth) + " levels",
                  Location(v));
    }
    if (scratch_.size() <= stack->size()) scratch_.emplace_back();
    Frame frame;
    frame.at = Location(v);
    if (type == od::json_type::array) {
      od::array array;
      if (auto error = v.get_array().get(array)) return Fail(error, frame.at);
      if (auto error = array.begin().get(frame.item)) return Fail(error, frame.at);
      if (auto error = array.end().get(frame.items_end)) return Fail(error, frame.at);
    } else {
      frame.is_object = true;
      od::object object;
      if (auto error = v.get_object().get(object)) return Fail(error, frame.at);
      if (auto error = object.begin().get(frame.field)) return Fail(error, frame.at);
      if (auto error = object.end().get(frame.fields_end)) return Fail(error, frame.at);
    }
    stack->push_back(std::move(frame));
    return true;
  }

  // Finishes the container of the frame at depth into *out.
  bool Close(const Frame& frame, size_t depth, Value* out) {
    Scratch& scratch = scratch_[depth];
    if (!frame.is_object) {
      *out = Value::ArrayFromItems(scratch.items);
      scratch.items.clear();
      return true;
    }
    int64_t repeated = -1;
    *out = Value::ObjectFromMembers(scratch.members, &repeated);
    scratch.members.clear();
    if (repeated >= 0 && options_.repeated_keys == RepeatedKeys::kError) {
      const auto& [key, key_at] = scratch.keys[static_cast<size_t>(repeated)];
      return Fail("Duplicate field '" + std::string(key.as_string()) + "'", key_at);
    }
    scratch.keys.clear();
    return true;
  }

  // Adds a finished child to the frame at depth and moves that frame to its next child.
  void Attach(Frame& parent, size_t depth, Value child) {
    if (parent.is_object) {
      Scratch& scratch = scratch_[depth];
      scratch.members.back().value = std::move(child);
      ++parent.field;
    } else {
      scratch_[depth].items.push_back(std::move(child));
      ++parent.item;
    }
  }

  // Pops the finished top frame and hands its container to its parent, or to *out at the root.
  bool Finish(std::vector<Frame>* stack, Value* out) {
    Value done;
    size_t depth = stack->size() - 1;
    if (!Close(stack->back(), depth, &done)) return false;
    stack->pop_back();
    if (stack->empty()) {
      *out = std::move(done);
    } else {
      Attach(stack->back(), depth - 1, std::move(done));
    }
    return true;
  }

  bool Build(od::value root, Value* out) {
    od::json_type root_type;
    if (auto error = root.type().get(root_type)) return Fail(error, Location(root));
    if (root_type != od::json_type::array && root_type != od::json_type::object) {
      return BuildScalar(root, root_type, out);
    }
    std::vector<Frame> stack;
    if (!Open(root, root_type, &stack)) return false;
    while (!stack.empty()) {
      Frame& frame = stack.back();
      size_t depth = stack.size() - 1;
      od::value child;
      if (frame.is_object) {
        if (frame.field == frame.fields_end) {
          if (!Finish(&stack, out)) return false;
          continue;
        }
        od::field field;
        if (auto error = (*frame.field).get(field)) return Fail(error, frame.at);
        size_t key_at = KeyEnd(field.key().raw());
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return Fail(error, key_at);
        Scratch& scratch = scratch_[depth];
        // The member's value is filled in by Attach once it is built.
        scratch.members.emplace_back(Value::String(key), Value());
        if (options_.repeated_keys == RepeatedKeys::kError) {
          scratch.keys.emplace_back(scratch.members.back().key, key_at);
        }
        child = field.value();
      } else {
        if (frame.item == frame.items_end) {
          if (!Finish(&stack, out)) return false;
          continue;
        }
        if (auto error = (*frame.item).get(child)) return Fail(error, frame.at);
      }
      od::json_type type;
      if (auto error = child.type().get(type)) return Fail(error, Location(child));
      if (type == od::json_type::array || type == od::json_type::object) {
        if (!Open(child, type, &stack)) return false;
        continue;
      }
      Value scalar;
      if (!BuildScalar(child, type, &scalar)) return false;
      Attach(frame, depth, std::move(scalar));
    }
    return true;
  }

  // The offset just past a key's closing quote, where Jackson reports a duplicate key; raw points
  // at the key's first character.
  size_t KeyEnd(const char* raw) const {
    const char* p = raw;
    while (*p != '"') p += *p == '\\' ? 2 : 1;
    return static_cast<size_t>(p + 1 - base_);
  }

  static constexpr size_t kEnd = static_cast<size_t>(-1);
  const char* base_;
  const ParseOptions& options_;
  Failure failure_;
  std::vector<Scratch> scratch_;
};

void Locate(std::string_view text, size_t offset, ParseErrorDetail* detail) {
  if (offset > text.size()) offset = text.size();
  detail->offset = offset;
  detail->line = 1;
  detail->column = 1;
  for (size_t i = 0; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++detail->line;
      detail->column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count code points, not continuation bytes
      ++detail->column;
    }
  }
}

// Parses text (whose root is an array or object, or else is wrapped in one by the caller), and
// fills *out or *detail. shift is how many bytes the caller prepended to the original text.
bool ParseDocument(std::string_view original, const simdjson::padded_string& padded, size_t shift,
                   const ParseOptions& options, Value* out, ParseErrorDetail* detail) {
  thread_local od::parser parser;
  od::document doc;
  Builder builder(padded.data(), options);
  Failure failure;
  if (auto error = parser.iterate(padded).get(doc)) {
    failure = Failure{DescribeError(error), 0, true};
  } else if (builder.BuildDocument(doc, out)) {
    return true;
  } else {
    failure = builder.failure();
    failure.offset = failure.offset >= shift ? failure.offset - shift : 0;
  }
  if (failure.from_simdjson) {
    if (auto syntax = FindSyntaxError(original, options.max_depth)) {
      failure = Failure{std::move(syntax->what), syntax->offset, false};
    }
  }
  detail->what = std::move(failure.what);
  Locate(original, failure.offset, detail);
  return false;
}

bool IsJsonWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Result<Value> Parse(std::string_view text, const ParseOptions& options, ParseErrorDetail* detail) {
  ParseErrorDetail local;
  ParseErrorDetail& d = detail != nullptr ? *detail : local;
  size_t first = 0;
  while (first < text.size() && IsJsonWhitespace(text[first])) ++first;
  Value result;
  bool ok = false;
  if (first < text.size() && (text[first] == '{' || text[first] == '[')) {
    ok = ParseDocument(text, simdjson::padded_string(text), 0, options, &result, &d);
  } else if (first == text.size()) {
    d.what = "No content to map due to end-of-input";
    Locate(text, text.size(), &d);
  } else {
    std::string wrapped;
    wrapped.reserve(text.size() + 2);
    wrapped.push_back('[');
    wrapped.append(text);
    wrapped.push_back(']');
    Value array;
    ok = ParseDocument(text, simdjson::padded_string(wrapped), 1, options, &array, &d);
    if (ok && array.size() != 1) {  // "1,2"
      ok = false;
      auto syntax = FindSyntaxError(text, options.max_depth);
      d.what = syntax ? syntax->what : DescribeError(simdjson::TRAILING_CONTENT);
      Locate(text, syntax ? syntax->offset : first, &d);
    }
    if (ok) result = array.items()[0];
  }
  if (ok) return result;
  return Error("JsonParseError", d.what + " at line " + std::to_string(d.line) + ", column " +
                                     std::to_string(d.column));
}

}  // namespace stepwise::json
