#include "jsonata/regex_glue.h"

#include <utility>

#include "jsonata/functions/library.h"
#include "jsonata/regex/regex.h"

namespace stepwise::jsonata {

struct CompiledRegex {
  explicit CompiledRegex(regex::Regex r) : re(std::move(r)) {}
  regex::Regex re;
  size_t position = kNoPosition;
};

namespace {

Result<std::optional<RegexMatch>> Find(Evaluator& ev, const CompiledRegex& compiled,
                                       std::string_view subject, size_t from) {
  if (from > subject.size()) return std::optional<RegexMatch>();
  Result<std::optional<regex::Regex::Match>> found = compiled.re.Find(subject, from);
  if (!found.ok()) return ev.FailFrom(found.error(), compiled.position);
  if (!found.value().has_value()) return std::optional<RegexMatch>();
  const regex::Regex::Match& m = *found.value();
  RegexMatch match;
  match.start = m.begin;
  match.end = m.end;
  match.text = std::string(subject.substr(m.begin, m.end - m.begin));
  for (const auto& group : m.groups) {
    if (group.has_value()) {
      match.groups.push_back(
          Value::String(subject.substr(group->first, group->second - group->first)));
    } else {
      match.groups.emplace_back();
    }
  }
  return std::optional<RegexMatch>(std::move(match));
}

Value MatchObject(const std::shared_ptr<const CompiledRegex>& regex, std::string_view subject,
                  const RegexMatch& m) {
  auto data = std::make_shared<ObjectData>();
  data->Set("match", Value::String(m.text));
  data->Set("start", Value::Number(static_cast<double>(functions::ByteToUtf16(subject, m.start))));
  data->Set("end", Value::Number(static_cast<double>(functions::ByteToUtf16(subject, m.end))));
  std::vector<Value> groups;
  for (const Value& g : m.groups) groups.push_back(g.is_defined() ? g : Value::String(""));
  data->Set("groups", Value::Array(std::move(groups)));
  auto next = std::make_shared<Function>(Function::Kind::kRegex);
  next->regex = regex;
  next->bound = {Value::String(subject), Value::Number(static_cast<double>(m.end))};
  data->Set("next", Value::Func(std::move(next)));
  return Value::Object(std::move(data));
}

}  // namespace

Result<Value> MakeRegexFunction(Evaluator& ev, const RegexNode& node) {
  // Compiled once per evaluation and node (a regex in a predicate runs once per item).
  if (const Value* cached = ev.CachedValue(&node)) return *cached;
  Result<regex::Regex> re = regex::Regex::Compile(node.pattern, node.flags);
  if (!re.ok()) return ev.FailFrom(re.error(), node.position);
  auto compiled = std::make_shared<CompiledRegex>(re.release_value());
  compiled->position = node.position;
  auto f = std::make_shared<Function>(Function::Kind::kRegex);
  f->regex = std::move(compiled);
  Value value = Value::Func(std::move(f));
  ev.CacheValue(&node, value);
  return value;
}

Result<Value> ApplyRegexFunction(Evaluator& ev, const Function& f, std::vector<Value>& args) {
  std::string subject;
  size_t from = 0;
  bool is_next = !f.bound.empty();
  if (is_next) {
    subject = std::string(f.bound[0].str());
    from = static_cast<size_t>(f.bound[1].number());
    if (from >= subject.size()) return Value();
  } else {
    if (args.empty() || !args[0].is_string()) return Value();
    subject = std::string(args[0].str());
    if (args.size() > 1 && args[1].is_number()) {
      from = functions::Utf16ToByte(subject, static_cast<size_t>(args[1].number()));
    }
  }
  std::optional<RegexMatch> m = TRY(Find(ev, *f.regex, subject, from));
  if (!m.has_value()) return Value();
  if (is_next && m->text.empty()) {
    Value source = Value::String(f.regex->re.pattern());
    return ev.Fail("D1004", f.regex->position, std::nullopt, &source);
  }
  return MatchObject(f.regex, subject, *m);
}

MatchIterator::MatchIterator(NativeContext& cx, Value function, std::string_view subject,
                             std::string_view token)
    : cx_(cx), function_(std::move(function)), subject_(subject), token_(token) {}

Result<std::optional<RegexMatch>> MatchIterator::FromObject(const Value& result) {
  if (result.is_undefined()) {
    done_ = true;
    return std::optional<RegexMatch>();
  }
  Value start = MemberOf(result, "start");
  Value end = MemberOf(result, "end");
  Value groups = MemberOf(result, "groups");
  Value next = MemberOf(result, "next");
  if (!start.is_number() && !end.is_number() && !groups.is_array() && !next.is_function()) {
    return cx_.ev.Fail("T1010", cx_.position, JsonText(token_));
  }
  RegexMatch m;
  Value text = MemberOf(result, "match");
  if (text.is_string()) m.text = std::string(text.str());
  double s = start.is_number() ? start.number() : 0;
  double e = end.is_number() ? end.number() : s;
  m.start = functions::Utf16ToByte(subject_, s > 0 ? static_cast<size_t>(s) : 0);
  m.end = functions::Utf16ToByte(subject_, e > 0 ? static_cast<size_t>(e) : 0);
  size_t n = groups.size();
  for (size_t i = 0; i < n; ++i) m.groups.push_back(groups.at(i));
  current_ = result;
  return std::optional<RegexMatch>(std::move(m));
}

Result<std::optional<RegexMatch>> MatchIterator::Next() {
  if (done_) return std::optional<RegexMatch>();
  const Function* f = function_.is_function() ? &function_.function() : nullptr;
  if (f != nullptr && f->kind == Function::Kind::kRegex && f->bound.empty()) {
    if (started_ && last_index_ >= subject_.size()) {
      done_ = true;
      return std::optional<RegexMatch>();
    }
    std::optional<RegexMatch> m =
        TRY(Find(cx_.ev, *f->regex, subject_, started_ ? last_index_ : 0));
    if (!m.has_value()) {
      done_ = true;
      return m;
    }
    if (started_ && m->text.empty()) {
      Value source = Value::String(f->regex->re.pattern());
      return cx_.ev.Fail("D1004", f->regex->position, std::nullopt, &source);
    }
    started_ = true;
    last_index_ = m->end;
    return m;
  }
  Value result;
  if (!started_) {
    started_ = true;
    std::vector<Value> args{Value::String(subject_)};
    result = TRY(cx_.ev.Apply(function_, std::move(args), cx_.input, cx_.env));
  } else {
    Value next = MemberOf(current_, "next");
    if (!next.is_function()) {
      done_ = true;
      return std::optional<RegexMatch>();
    }
    result = TRY(cx_.ev.Apply(next, {}, cx_.input, cx_.env));
  }
  return FromObject(result);
}

}  // namespace stepwise::jsonata
