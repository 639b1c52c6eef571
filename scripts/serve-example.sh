#!/usr/bin/env bash
# `make run`: serves the AWS Step Functions API on the embedded store, with the flagship example's
# Task states routed to the local handlers in examples/handlers, and creates the example state
# machine (brand-asset-pipeline) in it, ready to run. Ctrl-C stops the server.
# Usage: scripts/serve-example.sh [BUILD_DIR]
# PORT (default 8083) and DATA_DIR (default stepwise-data) change where it listens and stores.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
port=${PORT:-8083}
data_dir=${DATA_DIR:-stepwise-data}
"$build_dir/stepwise" serve --port "$port" --data-dir "$data_dir" \
  --routes examples/brand-asset-pipeline.routes &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server' INT TERM EXIT

# Any credentials do; the AWS CLI only insists that there are some.
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-local} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-local}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1}
aws="/usr/bin/aws --endpoint-url http://127.0.0.1:$port stepfunctions"
for _ in $(seq 100); do
  $aws list-state-machines >/dev/null 2>&1 && break
  sleep 0.1
done
machine=$($aws create-state-machine --name brand-asset-pipeline \
  --definition file://examples/brand-asset-pipeline.asl.json \
  --role-arn arn:aws:iam::123456789012:role/stepwise --query stateMachineArn --output text)
cat <<INFO

The example state machine is ready: $machine
Start an execution (it waits for a reviewer's approval at WaitForApproval):
  $aws start-execution --state-machine-arn $machine --input file://examples/brand-asset-pipeline.input.json
Find the approval's task token in the history (the TaskScheduled event's parameters), then approve:
  $aws get-execution-history --execution-arn ARN
  $aws send-task-success --task-token TOKEN --task-output '{"approved": true, "brandId": "acme"}'
  $aws describe-execution --execution-arn ARN
Ctrl-C stops the server; executions resume where they were when it starts again.
INFO
wait $server
