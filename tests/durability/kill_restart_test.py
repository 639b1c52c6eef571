#!/usr/bin/python3
"""Durability: `stepwise serve` killed with SIGKILL in mid-execution and started again on the same
data directory. Every execution that was started must finish, with a history in which every state
was entered exactly as often as the definition says (no transition done twice, none lost), event
ids without gaps, and the output the definition computes.

Usage: kill_restart_test.py PATH/TO/stepwise
Uses Debian's python3-boto3 (scripts/install-deps.sh installs it).
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

try:
    import boto3
    from botocore.config import Config
except ImportError:
    sys.exit("kill_restart_test: boto3 is missing; run scripts/install-deps.sh (python3-boto3)")

STEPWISE = None
ROLE = "arn:aws:iam::123456789012:role/stepwise-test"
ROUNDS = 4  # loop iterations per execution

# Inc -> Work (a local command) -> Pause (Wait 1 s) -> Check: loops ROUNDS times, then Done.
DEFINITION = {
    "StartAt": "Inc",
    "States": {
        "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "id.$": "$.id"},
                "Next": "Work"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "ResultPath": "$.work", "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Check"},
        "Check": {"Type": "Choice",
                  "Choices": [{"Variable": "$.i", "NumericLessThan": ROUNDS, "Next": "Inc"}],
                  "Default": "Done"},
        "Done": {"Type": "Succeed"},
    },
}


class Server:
    def __init__(self, data_dir, work_log):
        # The task appends the execution's id and round to a log (to show it ran) and answers.
        command = ("/usr/bin/python3 -c 'import json,sys; e=json.load(sys.stdin); "
                   "open(\"%s\",\"a\").write(\"%%s %%s\\n\" %% (e[\"id\"], e[\"i\"])); "
                   "print(json.dumps({\"done\": e[\"i\"]}))'" % work_log)
        self.process = subprocess.Popen(
            [STEPWISE, "serve", "--port", "0", "--data-dir", data_dir, "--task", "Work=" + command],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.resumed = 0
        line = self.process.stdout.readline()
        while line.startswith("stepwise: resumed"):
            self.resumed = int(line.split()[2])
            line = self.process.stdout.readline()
        match = re.search(r"on (http://[^ ]+)", line)
        if not match:
            self.process.kill()
            raise AssertionError("server did not start: %r" % line)
        self.url = match.group(1)

    def client(self):
        return boto3.client("stepfunctions", endpoint_url=self.url, region_name="us-east-1",
                            aws_access_key_id="test", aws_secret_access_key="test",
                            config=Config(retries={"max_attempts": 0}))

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.process.stdout.close()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self.process.stdout.close()
        return code


class KillRestartTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="stepwise-durability-")
        self.data_dir = os.path.join(self.directory, "data")
        self.work_log = os.path.join(self.directory, "work.log")

    def tearDown(self):
        shutil.rmtree(self.directory, ignore_errors=True)

    def test_every_execution_finishes_after_sigkill(self):
        server = Server(self.data_dir, self.work_log)
        sfn = server.client()
        machine = sfn.create_state_machine(name="durable", definition=json.dumps(DEFINITION),
                                           roleArn=ROLE)["stateMachineArn"]
        executions = []
        for n in range(12):
            executions.append(sfn.start_execution(
                stateMachineArn=machine, name="run-%d" % n,
                input=json.dumps({"i": 0, "id": n}))["executionArn"])
        # Kill it while every execution is somewhere in its loop.
        time.sleep(1.6)
        server.kill()

        server = Server(self.data_dir, self.work_log)
        # Each execution takes at least ROUNDS seconds: all of them were running at the kill.
        self.assertEqual(server.resumed, 12)
        sfn = server.client()
        deadline = time.time() + 90
        statuses = {}
        while time.time() < deadline:
            statuses = {e: sfn.describe_execution(executionArn=e)["status"] for e in executions}
            if all(s != "RUNNING" for s in statuses.values()):
                break
            time.sleep(0.2)
        self.assertEqual(set(statuses.values()), {"SUCCEEDED"}, statuses)

        for arn in executions:
            described = sfn.describe_execution(executionArn=arn)
            output = json.loads(described["output"])
            self.assertEqual(output["i"], ROUNDS, arn)
            self.assertEqual(output["work"], {"done": ROUNDS}, arn)
            events = []
            for page in sfn.get_paginator("get_execution_history").paginate(executionArn=arn):
                events.extend(page["events"])
            ids = [e["id"] for e in events]
            self.assertEqual(ids, list(range(1, len(ids) + 1)), arn)  # no gap, no repeat
            types = [e["type"] for e in events]
            self.assertEqual(types[0], "ExecutionStarted")
            self.assertEqual(types[-1], "ExecutionSucceeded")
            for state in ("Pass", "Task", "Wait", "Choice"):
                self.assertEqual(types.count(state + "StateEntered"), ROUNDS, (arn, types))
                self.assertEqual(types.count(state + "StateExited"), ROUNDS, (arn, types))
            self.assertEqual(types.count("TaskSucceeded"), ROUNDS, (arn, types))
            for event in events:
                self.assertLess(event["previousEventId"], event["id"])
        # The task ran at least once per round of every execution (at least once: a task that
        # was in flight at the kill runs again).
        with open(self.work_log) as log:
            runs = {tuple(line.split()) for line in log}
        self.assertEqual(runs, {(str(n), str(i)) for n in range(12) for i in range(1, ROUNDS + 1)})
        self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    STEPWISE = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
