// ListStateMachineVersions: a machine's versions, newest first, a page at a time.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachineVersions.html

#include "api/actions/actions.h"
#include "api/actions/versions.h"
#include "api/arn.h"
#include "api/errors.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> ListStateMachineVersions(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("stateMachineArn", 1, 256));
  TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kStateMachine)));
  int max_results = TRY(ReadMaxResults(request));
  std::optional<std::string> token = TRY(reader.OptionalString("nextToken", 1, 1024));

  // The paging position is the number of the previous page's last version; versions are listed
  // by number, highest first, which is their order of publication.
  int64_t before = INT64_MAX;
  if (token) {
    before = TRY(ReadNumberToken(*token));
  }
  // AWS's errors for this action do not include StateMachineDoesNotExist: a machine that does
  // not exist has no versions.
  PublishedVersions published = TRY(ReadPublishedVersions(context, arn));
  std::vector<json::Value> items;
  bool more = false;
  int64_t last = 0;
  for (const store::StateMachineRecord& version : published.versions) {
    if (version.version >= before) continue;
    if (static_cast<int>(items.size()) == max_results) {
      more = true;
      break;
    }
    items.push_back(
        json::Value::Object({{"stateMachineVersionArn", json::Value::String(version.arn)},
                             {"creationDate", Timestamp(version.creation_ms)}}));
    last = version.version;
  }
  std::vector<json::Member> response;
  response.emplace_back("stateMachineVersions", json::Value::Array(std::move(items)));
  if (more) {
    response.emplace_back("nextToken", json::Value::String(MakeNextToken(std::to_string(last))));
  }
  return json::Value::Object(std::move(response));
}

}  // namespace stepwise::api
