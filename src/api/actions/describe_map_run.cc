// DescribeMapRun: a Map Run's status, dates, settings and counts, derived from its execution's
// history (map_runs.h says how, and what the counts can and cannot know).
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html
#include "api/actions/actions.h"
#include "api/actions/map_runs.h"
#include "api/request.h"

namespace stepwise::api {

Result<json::Value> DescribeMapRun(Context& context, const json::Value& request) {
  std::string arn = TRY(RequestReader(request).RequiredString("mapRunArn", 1, 2000));
  FoundMapRun found = TRY(FindMapRun(context, arn));
  return DescribeMapRunRecord(context, found.run, found.execution);
}

}  // namespace stepwise::api
