#!/usr/bin/env bash
# The Step Functions API of `stepwise serve`, driven by the AWS CLI (/usr/bin/aws, Debian's
# awscli). Starts a server on a free port (--port 0) with a fresh data directory, so that it runs
# in parallel with any other test; checks the CLI's JSON output with /usr/bin/python3.
#
# Usage: awscli_test.sh PATH/TO/stepwise
set -euo pipefail

stepwise=${1:?usage: awscli_test.sh PATH/TO/stepwise}
aws=/usr/bin/aws
python=/usr/bin/python3
for tool in "$aws" "$python"; do
  if [ ! -x "$tool" ]; then
    echo "awscli_test: $tool is missing; run scripts/install-deps.sh (it installs awscli)" >&2
    exit 1
  fi
done

# Fake credentials, and nothing read from the user's ~/.aws.
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_PAGER="" AWS_CLI_AUTO_PROMPT=off AWS_MAX_ATTEMPTS=1
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_PROFILE || true

work=$(mktemp -d "${TMPDIR:-/tmp}/stepwise-awscli-XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "awscli_test: FAIL: $*" >&2
  if [ -s "$work/server.err" ]; then echo "--- server stderr:" >&2; cat "$work/server.err" >&2; fi
  exit 1
}

"$stepwise" serve --port 0 --data-dir "$work/data" --no-sync \
  >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
endpoint=""
for _ in $(seq 300); do
  endpoint=$(sed -n 's/.*serving the Step Functions API on \(http:[^ ]*\).*/\1/p' \
    "$work/server.out")
  [ -n "$endpoint" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "stepwise serve exited before serving"
  sleep 0.1
done
[ -n "$endpoint" ] || fail "stepwise serve printed no URL within 30 s"
echo "awscli_test: server at $endpoint"

sfn() { "$aws" stepfunctions --endpoint-url "$endpoint" --output json "$@"; }

# check JSON-FILE PYTHON-EXPRESSION: the expression, over the parsed JSON as `r`, must be true.
check() {
  "$python" -c '
import json, sys
r = json.load(open(sys.argv[1]))
if not eval("(" + sys.argv[2] + ")"):
    sys.exit("expected " + sys.argv[2] + " of:\n" + json.dumps(r, indent=2))
' "$1" "$2" || fail "$2"
}

role=arn:aws:iam::123456789012:role/stepwise-test
machine_arn=arn:aws:states:us-east-1:123456789012:stateMachine:cli-greeter
cat >"$work/definition.json" <<'EOF'
{
  "StartAt": "Greet",
  "States": {
    "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.name)"},
              "Next": "Done"},
    "Done": {"Type": "Succeed"}
  }
}
EOF

sfn create-state-machine --name cli-greeter --role-arn "$role" \
  --definition "file://$work/definition.json" >"$work/create.json" || fail "create-state-machine"
check "$work/create.json" "r['stateMachineArn'] == '$machine_arn' and 'creationDate' in r"

sfn start-execution --state-machine-arn "$machine_arn" --name first \
  --input '{"name": "Ana"}' >"$work/start.json" || fail "start-execution"
execution_arn=arn:aws:states:us-east-1:123456789012:execution:cli-greeter:first
check "$work/start.json" "r['executionArn'] == '$execution_arn' and 'startDate' in r"

status=RUNNING
deadline=$((SECONDS + 20))
while [ "$SECONDS" -lt "$deadline" ]; do
  sfn describe-execution --execution-arn "$execution_arn" >"$work/describe.json" ||
    fail "describe-execution"
  status=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["status"])' \
    "$work/describe.json")
  [ "$status" != RUNNING ] && break
  sleep 0.2
done
[ "$status" = SUCCEEDED ] || fail "execution status $status, expected SUCCEEDED"
check "$work/describe.json" "json.loads(r['output']) == {'greeting': 'Hello, Ana!'}"
check "$work/describe.json" "json.loads(r['input']) == {'name': 'Ana'}"
check "$work/describe.json" "r['stateMachineArn'] == '$machine_arn' and r['name'] == 'first'"
check "$work/describe.json" "r['startDate'] <= r['stopDate']"

# The CLI follows nextToken itself: --page-size 2 makes it fetch the history in three calls.
sfn get-execution-history --execution-arn "$execution_arn" --page-size 2 >"$work/history.json" ||
  fail "get-execution-history"
check "$work/history.json" "[e['type'] for e in r['events']] == ['ExecutionStarted',
  'PassStateEntered', 'PassStateExited', 'SucceedStateEntered', 'SucceedStateExited',
  'ExecutionSucceeded']"
check "$work/history.json" "[e['id'] for e in r['events']] == [1, 2, 3, 4, 5, 6]"
check "$work/history.json" "json.loads(r['events'][-1]['executionSucceededEventDetails']['output'])
  == {'greeting': 'Hello, Ana!'}"
sfn get-execution-history --execution-arn "$execution_arn" --reverse-order --max-items 1 \
  >"$work/last.json" || fail "get-execution-history --reverse-order"
check "$work/last.json" "[e['type'] for e in r['events']] == ['ExecutionSucceeded']"
check "$work/last.json" "'NextToken' in r"

sfn list-state-machines >"$work/machines.json" || fail "list-state-machines"
check "$work/machines.json" "[(m['stateMachineArn'], m['name'], m['type'])
  for m in r['stateMachines']] == [('$machine_arn', 'cli-greeter', 'STANDARD')]"

sfn list-executions --state-machine-arn "$machine_arn" --status-filter SUCCEEDED \
  >"$work/executions.json" || fail "list-executions"
check "$work/executions.json" "[e['executionArn'] for e in r['executions']] == ['$execution_arn']"

# An error: the CLI exits 254 for a service error and names AWS's error code.
if sfn describe-state-machine --state-machine-arn "${machine_arn}-missing" >/dev/null \
  2>"$work/error.txt"; then
  fail "describe-state-machine of a missing machine succeeded"
else
  code=$?
  [ "$code" -eq 254 ] || fail "describe-state-machine of a missing machine exited $code, not 254"
fi
grep -q "(StateMachineDoesNotExist)" "$work/error.txt" ||
  fail "no StateMachineDoesNotExist in: $(cat "$work/error.txt")"

kill -TERM "$server_pid"
for _ in $(seq 50); do
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$server_pid" 2>/dev/null && fail "stepwise serve still running 5 s after SIGTERM"
code=0
wait "$server_pid" || code=$?
server_pid=""
[ "$code" -eq 0 ] || fail "stepwise serve exited with $code on SIGTERM"
grep -q "SIGTERM, stopping" "$work/server.out" || fail "no 'SIGTERM, stopping' line"
echo "awscli_test: OK"
