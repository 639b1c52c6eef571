#include "api/arn.h"

#include <vector>

#include "api/errors.h"

namespace stepwise::api {
namespace {

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t at; (at = text.find(separator, start)) != std::string_view::npos; start = at + 1) {
    parts.push_back(text.substr(start, at - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

Error Invalid(std::string_view what) {
  return ApiError("InvalidArn", "Invalid Arn: '" + std::string(what) + "'");
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view KindName(ArnKind kind) {
  switch (kind) {
    case ArnKind::kStateMachine: return "stateMachine";
    case ArnKind::kStateMachineVersion: return "stateMachine version";
    case ArnKind::kStateMachineAlias: return "stateMachine alias";
    case ArnKind::kExecution: return "execution";
    case ArnKind::kExpressExecution: return "express";
    case ArnKind::kActivity: return "activity";
    case ArnKind::kMapRun: return "mapRun";
  }
  return "";
}

}  // namespace

std::string Arn::StateMachineArn() const {
  return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
}

Result<Arn> ParseArn(std::string_view text) {
  // arn:PARTITION:states:REGION:ACCOUNT:TYPE:...
  std::vector<std::string_view> parts = Split(text, ':');
  if (parts.size() < 7 || parts[0] != "arn" || parts[1].empty() || parts[2] != "states") {
    return Invalid("Invalid ARN prefix: " + std::string(text));
  }
  Arn arn;
  arn.region = parts[3];
  arn.account = parts[4];
  if (arn.region.empty() || !AllDigits(arn.account) || arn.account.size() != 12) {
    return Invalid("Invalid ARN prefix: " + std::string(text));
  }
  std::string_view type = parts[5];
  size_t rest = parts.size() - 6;
  auto nonempty = [&](size_t from) {
    for (size_t i = from; i < parts.size(); ++i) {
      if (parts[i].empty()) return false;
    }
    return true;
  };
  if (!nonempty(6)) return Invalid("Resource name is empty: " + std::string(text));
  if (type == "stateMachine" && rest <= 2) {
    arn.name = parts[6];
    if (rest == 1) {
      arn.kind = ArnKind::kStateMachine;
    } else {
      arn.qualifier = parts[7];
      arn.kind = AllDigits(arn.qualifier) ? ArnKind::kStateMachineVersion
                                          : ArnKind::kStateMachineAlias;
    }
    return arn;
  }
  if (type == "execution" && rest == 2) {
    arn.kind = ArnKind::kExecution;
    arn.name = parts[6];
    arn.execution = parts[7];
    return arn;
  }
  if (type == "express" && rest == 3) {
    arn.kind = ArnKind::kExpressExecution;
    arn.name = parts[6];
    arn.execution = parts[7];
    arn.qualifier = parts[8];
    return arn;
  }
  if (type == "activity" && rest == 1) {
    arn.kind = ArnKind::kActivity;
    arn.name = parts[6];
    return arn;
  }
  if (type == "mapRun" && rest == 2) {
    arn.kind = ArnKind::kMapRun;
    arn.name = parts[6];
    arn.qualifier = parts[7];
    return arn;
  }
  return Invalid("Resource type not valid in this context: " + std::string(type));
}

Result<Arn> ParseArnOf(std::string_view text, unsigned allowed) {
  Arn arn = TRY(ParseArn(text));
  if ((allowed & ArnKindBit(arn.kind)) == 0) {
    return Invalid("Resource type not valid in this context: " + std::string(KindName(arn.kind)));
  }
  return arn;
}

std::string ArnFormat::StateMachine(std::string_view name) const {
  return prefix_ + "stateMachine:" + std::string(name);
}

std::string ArnFormat::Version(std::string_view machine_arn, int64_t version) const {
  return std::string(machine_arn) + ":" + std::to_string(version);
}

std::string ArnFormat::Alias(std::string_view machine_arn, std::string_view alias) const {
  return std::string(machine_arn) + ":" + std::string(alias);
}

std::string ArnFormat::Execution(std::string_view machine_name, std::string_view name) const {
  return prefix_ + "execution:" + std::string(machine_name) + ":" + std::string(name);
}

std::string ArnFormat::ExpressExecution(std::string_view machine_name, std::string_view name,
                                        std::string_view id) const {
  return prefix_ + "express:" + std::string(machine_name) + ":" + std::string(name) + ":" +
         std::string(id);
}

std::string ArnFormat::Activity(std::string_view name) const {
  return prefix_ + "activity:" + std::string(name);
}

}  // namespace stepwise::api
