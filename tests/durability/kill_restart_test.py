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
    def __init__(self, data_dir, work_log, extra_tasks=()):
        # The task appends the execution's id and round to a log (to show it ran) and answers.
        command = ("/usr/bin/python3 -c 'import json,sys; e=json.load(sys.stdin); "
                   "open(\"%s\",\"a\").write(\"%%s %%s\\n\" %% (e[\"id\"], e[\"i\"])); "
                   "print(json.dumps({\"done\": e[\"i\"]}))'" % work_log)
        self.process = subprocess.Popen(
            [STEPWISE, "serve", "--port", "0", "--data-dir", data_dir, "--task", "Work=" + command]
            + [arg for task in extra_tasks for arg in ("--task", task)],
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


class TokensAndTimersSurviveTest(unittest.TestCase):
    """A task token handed out before the kill (to a command, and to an activity worker) completes
    its task after the restart, and a Wait entered before the kill ends when it would have."""

    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="stepwise-durability-")
        self.data_dir = os.path.join(self.directory, "data")
        self.tokens = os.path.join(self.directory, "tokens")

    def tearDown(self):
        shutil.rmtree(self.directory, ignore_errors=True)

    def test_token_and_wait_survive_sigkill(self):
        # Ask hands its token to a file (as a message to a reviewer would) and waits for it.
        ask = ("Ask=/usr/bin/python3 -c 'import json,sys; e=json.load(sys.stdin); "
               "open(\"%s\",\"a\").write(e[\"token\"] + \"\\n\")'" % self.tokens)
        callback = {"StartAt": "Ask", "States": {"Ask": {
            "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"token.$": "$$.Task.Token"}, "End": True}}}
        waiting = {"StartAt": "Pause", "States": {
            "Pause": {"Type": "Wait", "Seconds": 4, "Next": "Done"},
            "Done": {"Type": "Pass", "Result": "waited", "End": True}}}
        server = Server(self.data_dir, "/dev/null", extra_tasks=[ask])
        sfn = server.client()
        ask_machine = sfn.create_state_machine(name="ask", definition=json.dumps(callback),
                                               roleArn=ROLE)["stateMachineArn"]
        wait_machine = sfn.create_state_machine(name="wait", definition=json.dumps(waiting),
                                                roleArn=ROLE)["stateMachineArn"]
        activity = sfn.create_activity(name="review")["activityArn"]
        review = {"StartAt": "Review", "States": {"Review": {
            "Type": "Task", "Resource": activity, "End": True}}}
        review_machine = sfn.create_state_machine(name="review", definition=json.dumps(review),
                                                  roleArn=ROLE)["stateMachineArn"]
        reviewed = sfn.start_execution(stateMachineArn=review_machine,
                                       input=json.dumps({"doc": 7}))["executionArn"]
        task = sfn.get_activity_task(activityArn=activity, workerName="before-the-kill")
        self.assertEqual(json.loads(task["input"]), {"doc": 7})
        started = time.time()
        waited = sfn.start_execution(stateMachineArn=wait_machine)["executionArn"]
        time.sleep(0.5)  # the Wait is well under way when the server dies
        asked = sfn.start_execution(stateMachineArn=ask_machine)["executionArn"]
        deadline = time.time() + 20
        while not (os.path.exists(self.tokens) and open(self.tokens).read().strip()):
            self.assertLess(time.time(), deadline, "the callback task never ran")
            time.sleep(0.05)
        # No pause: a task reaches its worker only once its start is committed.
        token = open(self.tokens).read().split()[0]
        server.kill()

        server = Server(self.data_dir, "/dev/null", extra_tasks=[ask])
        restarted = time.time()
        self.assertEqual(server.resumed, 3)
        sfn = server.client()
        sfn.send_task_success(taskToken=token, output=json.dumps({"approved": True}))
        sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"reviewed": 7}))
        deadline = time.time() + 30
        while time.time() < deadline:
            statuses = [sfn.describe_execution(executionArn=e)["status"]
                        for e in (asked, waited, reviewed)]
            if "RUNNING" not in statuses:
                break
            time.sleep(0.1)
        elapsed = time.time() - started
        self.assertEqual(statuses, ["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"])
        self.assertEqual(json.loads(sfn.describe_execution(executionArn=reviewed)["output"]),
                         {"reviewed": 7})
        self.assertEqual(json.loads(sfn.describe_execution(executionArn=asked)["output"]),
                         {"approved": True})
        # The Wait kept its end: 4 s after it was entered, not 4 s after the restart.
        self.assertGreaterEqual(elapsed, 3.9)
        wait_events = {e["type"]: e["timestamp"].timestamp()
                       for e in sfn.get_execution_history(executionArn=waited)["events"]}
        exited = wait_events["WaitStateExited"]
        self.assertAlmostEqual(exited - wait_events["WaitStateEntered"], 4.0, delta=0.5)
        self.assertLess(exited, restarted + 4.0 - 0.2)
        types = [e["type"] for e in sfn.get_execution_history(executionArn=asked)["events"]]
        self.assertEqual(types.count("TaskScheduled"), 1, types)  # the resumed task keeps its events
        self.assertEqual(types[-1], "ExecutionSucceeded")
        self.assertEqual(server.stop(), 0)


class MapAndParallelSurviveTest(unittest.TestCase):
    """A Map whose iterations wait for task tokens and a Parallel whose branch waits, killed in
    the middle: iterations and branches that had ended are not run again, tokens handed out inside
    iterations complete them after the restart, and a Wait inside a branch keeps its end."""

    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="stepwise-durability-")
        self.data_dir = os.path.join(self.directory, "data")
        self.tokens = os.path.join(self.directory, "tokens")
        self.log = os.path.join(self.directory, "log")

    def tearDown(self):
        shutil.rmtree(self.directory, ignore_errors=True)

    @staticmethod
    def read(path):
        if not os.path.exists(path):
            return ""
        with open(path) as f:
            return f.read()

    def history(self, sfn, arn):
        events = []
        for page in sfn.get_paginator("get_execution_history").paginate(executionArn=arn):
            events.extend(page["events"])
        return events

    def test_groups_take_up_where_they_stood(self):
        # Log appends its input's id to a log (to count the runs); Ask hands its token to a file.
        log = ("Log=/usr/bin/python3 -c 'import json,sys; e=json.load(sys.stdin); "
               "open(\"%s\",\"a\").write(str(e[\"id\"]) + \"\\n\"); print(json.dumps(e))'"
               % self.log)
        ask = ("Ask=/usr/bin/python3 -c 'import json,sys; e=json.load(sys.stdin); "
               "open(\"%s\",\"a\").write(\"%%s %%s\\n\" %% (e[\"id\"], e[\"token\"]))'"
               % self.tokens)
        fanout = {"StartAt": "Each", "States": {"Each": {
            "Type": "Map", "ItemsPath": "$.items", "End": True,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Log", "States": {
                "Log": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Next": "Wants"},
                "Wants": {"Type": "Choice", "Default": "Skip", "Choices": [
                    {"Variable": "$.wait", "BooleanEquals": True, "Next": "Ask"}]},
                "Ask": {"Type": "Task",
                        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                        "Parameters": {"id.$": "$.id", "token.$": "$$.Task.Token"},
                        "End": True},
                "Skip": {"Type": "Pass", "Parameters": {"skipped.$": "$.id"}, "End": True}}}}}}
        both = {"StartAt": "Both", "States": {"Both": {
            "Type": "Parallel", "End": True, "Branches": [
                {"StartAt": "Pause", "States": {
                    "Pause": {"Type": "Wait", "Seconds": 4, "Next": "Woke"},
                    "Woke": {"Type": "Pass", "Result": "woke", "End": True}}},
                {"StartAt": "Log", "States": {
                    "Log": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "End": True}}}]}}}
        server = Server(self.data_dir, "/dev/null", extra_tasks=[log, ask])
        sfn = server.client()
        fanout_machine = sfn.create_state_machine(name="fanout", definition=json.dumps(fanout),
                                                  roleArn=ROLE)["stateMachineArn"]
        both_machine = sfn.create_state_machine(name="both", definition=json.dumps(both),
                                                roleArn=ROLE)["stateMachineArn"]
        items = [{"id": 1, "wait": False}, {"id": 2, "wait": True}, {"id": 3, "wait": False},
                 {"id": 4, "wait": True}]
        fanned = sfn.start_execution(stateMachineArn=fanout_machine,
                                     input=json.dumps({"items": items}))["executionArn"]
        started = time.time()
        paused = sfn.start_execution(stateMachineArn=both_machine,
                                     input=json.dumps({"id": "p"}))["executionArn"]
        # Kill once both tokens are out and what ended is committed (the history shows it).
        deadline = time.time() + 20
        while True:
            self.assertLess(time.time(), deadline, "the iterations never got to their tokens")
            tokens = self.read(self.tokens).split("\n")
            fanned_types = [e["type"] for e in self.history(sfn, fanned)]
            paused_types = [e["type"] for e in self.history(sfn, paused)]
            if (len([t for t in tokens if t]) == 2
                    and fanned_types.count("MapIterationSucceeded") == 2
                    and "TaskSucceeded" in paused_types):
                break
            time.sleep(0.05)
        time.sleep(max(0.0, started + 1.0 - time.time()))  # the Wait is well under way
        server.kill()

        server = Server(self.data_dir, "/dev/null", extra_tasks=[log, ask])
        restarted = time.time()
        self.assertEqual(server.resumed, 2)
        sfn = server.client()
        # A task that waited for its token at the kill is dispatched again (at least once): its
        # command may hand the same token out a second time.
        for line in sorted(set(self.read(self.tokens).split("\n"))):
            if line:
                item, token = line.split()
                sfn.send_task_success(taskToken=token, output=json.dumps({"asked": int(item)}))
        deadline = time.time() + 30
        while time.time() < deadline:
            statuses = [sfn.describe_execution(executionArn=e)["status"] for e in (fanned, paused)]
            if "RUNNING" not in statuses:
                break
            time.sleep(0.1)
        self.assertEqual(statuses, ["SUCCEEDED", "SUCCEEDED"])
        self.assertEqual(json.loads(sfn.describe_execution(executionArn=fanned)["output"]),
                         [{"skipped": 1}, {"asked": 2}, {"skipped": 3}, {"asked": 4}])
        self.assertEqual(json.loads(sfn.describe_execution(executionArn=paused)["output"]),
                         ["woke", {"id": "p"}])
        # Every Log ran once: nothing that had ended before the kill ran again.
        self.assertEqual(sorted(self.read(self.log).split()), ["1", "2", "3", "4", "p"])
        for arn, counts in ((fanned, {"MapStateStarted": 1, "MapIterationStarted": 4,
                                      "MapIterationSucceeded": 4, "TaskScheduled": 6,
                                      "TaskSucceeded": 6,
                                      "MapStateSucceeded": 1}),
                            (paused, {"ParallelStateStarted": 1, "WaitStateEntered": 1,
                                      "WaitStateExited": 1, "TaskScheduled": 1,
                                      "ParallelStateSucceeded": 1})):
            events = self.history(sfn, arn)
            ids = [e["id"] for e in events]
            self.assertEqual(ids, list(range(1, len(ids) + 1)), arn)  # no gap, no repeat
            types = [e["type"] for e in events]
            for event_type, count in counts.items():
                self.assertEqual(types.count(event_type), count, (arn, event_type, types))
            self.assertEqual(types[-1], "ExecutionSucceeded")
            if arn == fanned:
                # Recorded once per submission: again for a task dispatched again.
                self.assertIn(types.count("TaskSubmitted"), (2, 3, 4), types)
        # The branch's Wait kept its end: 4 s after it was entered, not 4 s after the restart.
        wait_events = {e["type"]: e["timestamp"].timestamp() for e in self.history(sfn, paused)}
        self.assertAlmostEqual(wait_events["WaitStateExited"] - wait_events["WaitStateEntered"],
                               4.0, delta=0.5)
        self.assertLess(wait_events["WaitStateExited"], restarted + 4.0 - 0.2)
        self.assertGreaterEqual(time.time() - started, 3.9)
        self.assertEqual(server.stop(), 0)

    def test_a_map_killed_in_mid_wave(self):
        """Killed (twice) while some iterations ended, some wait and some have not started: after
        the restarts each iteration's states are in the history exactly once."""
        log = ("Log=/usr/bin/python3 -c 'import json,sys; e=json.load(sys.stdin); "
               "open(\"%s\",\"a\").write(str(e[\"id\"]) + \"\\n\"); print(json.dumps(e))'"
               % self.log)
        waves = {"StartAt": "Each", "States": {"Each": {
            "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 5, "End": True,
            "ItemSelector": {"id.$": "$$.Map.Item.Value"},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Log", "States": {
                "Log": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Next": "Pause"},
                "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Done"},
                "Done": {"Type": "Pass", "Parameters": {"done.$": "$.id"}, "End": True}}}}}}
        server = Server(self.data_dir, "/dev/null", extra_tasks=[log])
        sfn = server.client()
        machine = sfn.create_state_machine(name="waves", definition=json.dumps(waves),
                                           roleArn=ROLE)["stateMachineArn"]
        arn = sfn.start_execution(stateMachineArn=machine,
                                  input=json.dumps({"items": list(range(15))}))["executionArn"]
        time.sleep(1.5)  # the second wave of five is under way
        server.kill()
        server = Server(self.data_dir, "/dev/null", extra_tasks=[log])
        self.assertEqual(server.resumed, 1)
        # Killed again while the resumed wave still waits: the second restart must find the
        # iterations the first one resumed where they stood (not as iterations never started).
        time.sleep(0.3)
        server.kill()
        server = Server(self.data_dir, "/dev/null", extra_tasks=[log])
        self.assertEqual(server.resumed, 1)
        sfn = server.client()
        deadline = time.time() + 30
        while sfn.describe_execution(executionArn=arn)["status"] == "RUNNING":
            self.assertLess(time.time(), deadline)
            time.sleep(0.1)
        described = sfn.describe_execution(executionArn=arn)
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]), [{"done": i} for i in range(15)])
        events = self.history(sfn, arn)
        ids = [e["id"] for e in events]
        self.assertEqual(ids, list(range(1, len(ids) + 1)))
        types = [e["type"] for e in events]
        for event_type in ("MapIterationStarted", "MapIterationSucceeded", "TaskStateEntered",
                           "TaskScheduled", "TaskSucceeded", "WaitStateEntered",
                           "WaitStateExited", "PassStateEntered"):
            self.assertEqual(types.count(event_type), 15, (event_type, types))
        # Each item's task ran, at least once (again only for one in flight at a kill).
        runs = self.read(self.log).split()
        self.assertEqual(set(runs), {str(i) for i in range(15)})
        self.assertLessEqual(len(runs), 25)
        self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    STEPWISE = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
