"""The Step Functions API of `stepwise serve`, driven by boto3, the AWS SDK for Python.

Usage: /usr/bin/python3 boto3_test.py PATH/TO/stepwise [unittest arguments]

Each test class starts its own server on a free port (--port 0) with a fresh data directory, so
that this test runs in parallel with any other. Assertions follow AWS's documentation of each
action (https://docs.aws.amazon.com/step-functions/latest/apireference/), not what Stepwise
happens to do.
"""

import datetime
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

# Fake credentials, and nothing read from the user's ~/.aws.
os.environ.update({
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
})
os.environ.pop("AWS_PROFILE", None)
os.environ.pop("AWS_SESSION_TOKEN", None)

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as error:
    sys.exit(f"boto3_test: cannot import boto3 ({error}) with {sys.executable}; "
             "run scripts/install-deps.sh (it installs Debian's python3-boto3)")

STEPWISE = None  # the binary, from the command line
REGION = "us-east-1"
ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/stepwise-test"
MACHINE_PREFIX = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:"
ACTIVITY_PREFIX = f"arn:aws:states:{REGION}:{ACCOUNT}:activity:"
STOP_SECONDS = 5  # how long the server may take to stop on SIGTERM
# How long an execution of these machines (a few Pass states) may take to end; short, so that a
# server whose executions hang fails each test in turn well within CTest's timeout.
END_SECONDS = 10

GREET = json.dumps({
    "Comment": "Two Pass states",
    "StartAt": "Greet",
    "States": {
        "Greet": {"Type": "Pass",
                  "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.name)"},
                  "Next": "Done"},
        "Done": {"Type": "Pass", "End": True},
    },
})
# Waits ten minutes when the input says so, succeeds at once otherwise.
MAYBE_WAIT = json.dumps({
    "StartAt": "Branch",
    "States": {
        "Branch": {"Type": "Choice",
                   "Choices": [{"Variable": "$.wait", "BooleanEquals": True, "Next": "Sleep"}],
                   "Default": "Done"},
        "Sleep": {"Type": "Wait", "Seconds": 600, "Next": "Done"},
        "Done": {"Type": "Succeed"},
    },
})
DOUBLE = json.dumps({
    "StartAt": "Double",
    "States": {"Double": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, $.n)"},
                          "End": True}},
})
FAIL = json.dumps({
    "StartAt": "Boom",
    "States": {"Boom": {"Type": "Fail", "Error": "Custom.Boom", "Cause": "it broke"}},
})


class Server:
    """One `stepwise serve --port 0` process on a data directory."""

    def __init__(self, data_dir, extra_arguments=()):
        self.stderr = tempfile.TemporaryFile()
        self.clients = []
        self.process = subprocess.Popen(
            [STEPWISE, "serve", "--port", "0", "--data-dir", data_dir, "--no-sync",
             *extra_arguments],
            stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        self.lines = queue.Queue()
        threading.Thread(target=self._read_stdout, daemon=True).start()
        self.url = None
        deadline = time.monotonic() + 30
        while self.url is None:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                message = "stepwise serve printed no URL within 30 s" + self.errors()
                self.kill()
                raise RuntimeError(message)
            if line is None:
                self.process.wait()
                message = (f"stepwise serve exited with {self.process.returncode} before serving"
                           + self.errors())
                self.kill()
                raise RuntimeError(message)
            match = re.search(r"serving the Step Functions API on (http://\S+)", line)
            if match:
                self.url = match.group(1)

    def _read_stdout(self):
        for line in self.process.stdout:
            self.lines.put(line)
        self.process.stdout.close()
        self.lines.put(None)

    def errors(self):
        if self.stderr.closed:
            return ""
        self.stderr.seek(0)
        text = self.stderr.read().decode(errors="replace")
        return f"; its stderr:\n{text}" if text else ""

    def client(self):
        # No retries, so that an error reaches the test at once. inject_host_prefix=False:
        # botocore sends StartSyncExecution to "sync-" + the endpoint's host (AWS's
        # sync-states.REGION.amazonaws.com), which for 127.0.0.1 is no host at all.
        config = Config(retries={"max_attempts": 1, "mode": "standard"},
                        inject_host_prefix=False, connect_timeout=5, read_timeout=60)
        client = boto3.client("stepfunctions", endpoint_url=self.url, region_name=REGION,
                              config=config)
        self.clients.append(client)
        return client

    def stop(self):
        """SIGTERM; returns (exit code, seconds taken, stdout after the URL), or raises on a
        timeout (and kills the server)."""
        start = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            message = (f"stepwise serve did not stop within {STOP_SECONDS} s of SIGTERM"
                       + self.errors())
            self.kill()
            raise AssertionError(message)
        elapsed = time.monotonic() - start
        rest = []
        while True:
            try:
                line = self.lines.get(timeout=5)
            except queue.Empty:
                break
            if line is None:
                break
            rest.append(line)
        return code, elapsed, "".join(rest)

    def kill(self):
        """Kills the server if it still runs, and closes what the test opened for it."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for client in self.clients:
            client.close()
        self.clients.clear()
        self.stderr.close()


def error_code(context):
    return context.exception.response["Error"]["Code"]


def http_status(context):
    return context.exception.response["ResponseMetadata"]["HTTPStatusCode"]


class ServiceTestCase(unittest.TestCase):
    """A server shared by the tests of a class; each test uses names of its own."""

    @classmethod
    def setUpClass(cls):
        cls.data_dir = tempfile.mkdtemp(prefix="stepwise-boto3-")
        try:
            cls.server = Server(cls.data_dir, cls.server_arguments())
        except BaseException:
            shutil.rmtree(cls.data_dir, ignore_errors=True)
            raise
        cls.sfn = cls.server.client()

    @classmethod
    def server_arguments(cls):
        """More arguments for `stepwise serve` (cls.data_dir exists by then)."""
        return []

    @classmethod
    def tearDownClass(cls):
        try:
            code, _, _ = cls.server.stop()
            if code != 0:
                raise AssertionError(f"stepwise serve exited with {code} on SIGTERM"
                                     + cls.server.errors())
        finally:
            cls.server.kill()
            shutil.rmtree(cls.data_dir, ignore_errors=True)

    def create(self, name, definition, machine_type="STANDARD", **extra):
        response = self.sfn.create_state_machine(name=name, definition=definition, roleArn=ROLE,
                                                 type=machine_type, **extra)
        self.assertEqual(response["stateMachineArn"], MACHINE_PREFIX + name)
        return response["stateMachineArn"]

    def wait_ended(self, execution_arn, timeout=END_SECONDS):
        deadline = time.monotonic() + timeout
        while True:
            described = self.sfn.describe_execution(executionArn=execution_arn)
            if described["status"] != "RUNNING":
                return described
            if time.monotonic() > deadline:
                self.fail(f"{execution_arn} still RUNNING after {timeout} s")
            time.sleep(0.05)

    def history(self, execution_arn, **arguments):
        paginator = self.sfn.get_paginator("get_execution_history")
        events, pages = [], 0
        for page in paginator.paginate(executionArn=execution_arn, **arguments):
            events.extend(page["events"])
            pages += 1
        return events, pages

    def wait_for_event(self, execution_arn, event_type, timeout=END_SECONDS):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            events, _ = self.history(execution_arn)
            if any(e["type"] == event_type for e in events):
                return
            time.sleep(0.05)
        self.fail(f"no {event_type} event in {execution_arn} after {timeout} s")

    def assert_recent(self, timestamp):
        self.assertIsInstance(timestamp, datetime.datetime)
        now = datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(abs((now - timestamp).total_seconds()), 300, timestamp)


class StateMachineTest(ServiceTestCase):
    def test_create_describe_update_delete(self):
        created = self.sfn.create_state_machine(name="lifecycle", definition=GREET, roleArn=ROLE,
                                                tags=[{"key": "team", "value": "core"}])
        arn = created["stateMachineArn"]
        self.assertEqual(arn, MACHINE_PREFIX + "lifecycle")
        self.assertTrue(created["ResponseMetadata"]["RequestId"], "no x-amzn-RequestId")
        described = self.sfn.describe_state_machine(stateMachineArn=arn)
        self.assertEqual(described["stateMachineArn"], arn)
        self.assertEqual(described["name"], "lifecycle")
        self.assertEqual(described["status"], "ACTIVE")
        self.assertEqual(described["definition"], GREET)
        self.assertEqual(described["roleArn"], ROLE)
        self.assertEqual(described["type"], "STANDARD")
        self.assertEqual(described["creationDate"], created["creationDate"])
        self.assert_recent(described["creationDate"])
        # AWS's defaults for a machine created without logging and tracing configurations.
        self.assertEqual(described["loggingConfiguration"],
                         {"level": "OFF", "includeExecutionData": False})
        self.assertEqual(described["tracingConfiguration"], {"enabled": False})

        # AWS: creating it again with the same configuration returns the same machine; with
        # another definition, StateMachineAlreadyExists.
        again = self.sfn.create_state_machine(name="lifecycle", definition=GREET, roleArn=ROLE,
                                              tags=[{"key": "team", "value": "core"}])
        self.assertEqual(again["stateMachineArn"], arn)
        with self.assertRaises(ClientError) as context:
            self.sfn.create_state_machine(name="lifecycle", definition=DOUBLE, roleArn=ROLE)
        self.assertEqual(error_code(context), "StateMachineAlreadyExists")

        # UpdateStateMachine needs something to update.
        with self.assertRaises(ClientError) as context:
            self.sfn.update_state_machine(stateMachineArn=arn)
        self.assertEqual(error_code(context), "MissingRequiredParameter")
        with self.assertRaises(ClientError) as context:
            self.sfn.update_state_machine(stateMachineArn=arn, definition="{}")
        self.assertEqual(error_code(context), "InvalidDefinition")
        updated = self.sfn.update_state_machine(stateMachineArn=arn, definition=DOUBLE)
        self.assert_recent(updated["updateDate"])
        self.assertEqual(self.sfn.describe_state_machine(stateMachineArn=arn)["definition"],
                         DOUBLE)

        self.sfn.delete_state_machine(stateMachineArn=arn)
        # AWS: the machine goes to DELETING, then is gone.
        deadline = time.monotonic() + 10
        while True:
            try:
                status = self.sfn.describe_state_machine(stateMachineArn=arn)["status"]
                self.assertEqual(status, "DELETING")
            except ClientError as error:
                self.assertEqual(error.response["Error"]["Code"], "StateMachineDoesNotExist")
                break
            self.assertLess(time.monotonic(), deadline, "still DELETING after 10 s")
            time.sleep(0.05)

    def test_list_state_machines_pages(self):
        arns = {self.create(f"listed-{i}", GREET) for i in range(5)}
        express = self.create("listed-express", DOUBLE, "EXPRESS")
        paginator = self.sfn.get_paginator("list_state_machines")
        listed, pages = {}, 0
        for page in paginator.paginate(PaginationConfig={"PageSize": 2}):
            self.assertLessEqual(len(page["stateMachines"]), 2)
            pages += 1
            for item in page["stateMachines"]:
                self.assertNotIn(item["stateMachineArn"], listed, "listed twice")
                listed[item["stateMachineArn"]] = item
        self.assertGreaterEqual(pages, 3)
        for arn in arns:
            self.assertIn(arn, listed)
            self.assertEqual(listed[arn]["type"], "STANDARD")
            self.assertEqual(listed[arn]["name"], arn.rsplit(":", 1)[1])
            self.assert_recent(listed[arn]["creationDate"])
        self.assertEqual(listed[express]["type"], "EXPRESS")

    def test_missing_machine_is_state_machine_does_not_exist(self):
        with self.assertRaises(ClientError) as context:
            self.sfn.describe_state_machine(stateMachineArn=MACHINE_PREFIX + "no-such-machine")
        self.assertEqual(error_code(context), "StateMachineDoesNotExist")
        self.assertEqual(http_status(context), 400)
        # The SDK's modeled exception class matches it too.
        with self.assertRaises(self.sfn.exceptions.StateMachineDoesNotExist):
            self.sfn.describe_state_machine(stateMachineArn=MACHINE_PREFIX + "no-such-machine")
        with self.assertRaises(ClientError) as context:
            self.sfn.start_execution(stateMachineArn=MACHINE_PREFIX + "no-such-machine")
        self.assertEqual(error_code(context), "StateMachineDoesNotExist")

    def test_invalid_arn(self):
        for arn in ["not-an-arn", "arn:aws:states:us-east-1:123456789012:activity:a"]:
            with self.assertRaises(ClientError) as context:
                self.sfn.describe_state_machine(stateMachineArn=arn)
            self.assertEqual(error_code(context), "InvalidArn", arn)
            self.assertEqual(http_status(context), 400)
        with self.assertRaises(ClientError) as context:
            self.sfn.describe_execution(executionArn="arn:aws:states:us-east-1:123:nonsense")
        self.assertEqual(error_code(context), "InvalidArn")
        with self.assertRaises(self.sfn.exceptions.InvalidArn):
            self.sfn.create_state_machine(name="bad-role", definition=GREET, roleArn="role")

    def test_invalid_definition(self):
        for definition in ["not json", json.dumps({"StartAt": "Missing", "States": {}}),
                           json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass",
                                                                        "Next": "Nowhere"}}})]:
            with self.assertRaises(ClientError) as context:
                self.sfn.create_state_machine(name="bad-definition", definition=definition,
                                              roleArn=ROLE)
            self.assertEqual(error_code(context), "InvalidDefinition", definition)
            self.assertEqual(http_status(context), 400)
        # Nothing was created.
        with self.assertRaises(self.sfn.exceptions.StateMachineDoesNotExist):
            self.sfn.describe_state_machine(stateMachineArn=MACHINE_PREFIX + "bad-definition")

    def test_invalid_logging_configuration(self):
        # A level other than OFF needs a log destination.
        with self.assertRaises(ClientError) as context:
            self.sfn.create_state_machine(name="logged", definition=GREET, roleArn=ROLE,
                                          loggingConfiguration={"level": "ALL"})
        self.assertEqual(error_code(context), "InvalidLoggingConfiguration")

    def test_invalid_name(self):
        with self.assertRaises(ClientError) as context:
            self.sfn.create_state_machine(name="has space", definition=GREET, roleArn=ROLE)
        self.assertEqual(error_code(context), "InvalidName")


class ExecutionTest(ServiceTestCase):
    def test_executions_succeed_with_history(self):
        machine = self.create("greeter", GREET)
        executions = {}

        def trace(name):  # an X-Ray trace header, returned as given
            return f"Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1;Name={name}"

        for name in ["Ana", "Bo", "Cy"]:
            started = self.sfn.start_execution(stateMachineArn=machine, name=f"run-{name}",
                                               input=json.dumps({"name": name}),
                                               traceHeader=trace(name))
            self.assertEqual(started["executionArn"],
                             f"arn:aws:states:{REGION}:{ACCOUNT}:execution:greeter:run-{name}")
            self.assert_recent(started["startDate"])
            executions[name] = started["executionArn"]
        for name, arn in executions.items():
            described = self.wait_ended(arn)
            self.assertEqual(described["status"], "SUCCEEDED", described)
            self.assertEqual(described["executionArn"], arn)
            self.assertEqual(described["stateMachineArn"], machine)
            self.assertEqual(described["name"], f"run-{name}")
            self.assertEqual(json.loads(described["input"]), {"name": name})
            self.assertEqual(json.loads(described["output"]), {"greeting": f"Hello, {name}!"})
            self.assertLessEqual(described["startDate"], described["stopDate"])
            self.assertNotIn("error", described)
            self.assertEqual(described["traceHeader"], trace(name))
            for_execution = self.sfn.describe_state_machine_for_execution(executionArn=arn)
            self.assertEqual(for_execution["stateMachineArn"], machine)
            self.assertEqual(for_execution["definition"], GREET)

        arn = executions["Ana"]
        # Two events a page: the paginator follows nextToken through every page.
        events, pages = self.history(arn, PaginationConfig={"PageSize": 2})
        self.assertEqual([e["type"] for e in events],
                         ["ExecutionStarted", "PassStateEntered", "PassStateExited",
                          "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        self.assertEqual(pages, 3)
        self.assertEqual([e["id"] for e in events], [1, 2, 3, 4, 5, 6])
        # AWS's histories link the first state's entry to no event (0), each later event to the
        # one before it here (a sequence of states without branches).
        self.assertEqual([e["previousEventId"] for e in events], [0, 0, 2, 3, 4, 5])
        for event in events:
            self.assert_recent(event["timestamp"])
        timestamps = [e["timestamp"] for e in events]
        self.assertEqual(timestamps, sorted(timestamps))
        started = events[0]["executionStartedEventDetails"]
        self.assertEqual(json.loads(started["input"]), {"name": "Ana"})
        self.assertEqual(started["roleArn"], ROLE)
        self.assertEqual(events[1]["stateEnteredEventDetails"]["name"], "Greet")
        self.assertEqual(json.loads(events[1]["stateEnteredEventDetails"]["input"]),
                         {"name": "Ana"})
        self.assertEqual(events[2]["stateExitedEventDetails"]["name"], "Greet")
        self.assertEqual(json.loads(events[2]["stateExitedEventDetails"]["output"]),
                         {"greeting": "Hello, Ana!"})
        self.assertEqual(events[3]["stateEnteredEventDetails"]["name"], "Done")
        self.assertEqual(json.loads(events[5]["executionSucceededEventDetails"]["output"]),
                         {"greeting": "Hello, Ana!"})

        # One page holds them all; reverseOrder gives them newest first.
        whole = self.sfn.get_execution_history(executionArn=arn, maxResults=1000)
        self.assertEqual(whole["events"], events)
        self.assertNotIn("nextToken", whole)
        reverse, _ = self.history(arn, reverseOrder=True, PaginationConfig={"PageSize": 4})
        self.assertEqual(reverse, list(reversed(events)))
        # includeExecutionData false: the events keep their details but not inputs and outputs.
        bare = self.sfn.get_execution_history(executionArn=arn, includeExecutionData=False)
        self.assertEqual([e["type"] for e in bare["events"]], [e["type"] for e in events])
        self.assertNotIn("input", bare["events"][0]["executionStartedEventDetails"])
        self.assertEqual(bare["events"][1]["stateEnteredEventDetails"]["name"], "Greet")
        self.assertNotIn("input", bare["events"][1]["stateEnteredEventDetails"])
        self.assertNotIn("output", bare["events"][5].get("executionSucceededEventDetails", {}))
        # A token this service did not issue.
        with self.assertRaises(ClientError) as context:
            self.sfn.get_execution_history(executionArn=arn, nextToken="not-a-token")
        self.assertEqual(error_code(context), "InvalidToken")

    def test_list_executions_with_status_filter(self):
        machine = self.create("filtered", MAYBE_WAIT)
        quick = [self.sfn.start_execution(stateMachineArn=machine, name=f"quick-{i}",
                                          input=json.dumps({"wait": False}))["executionArn"]
                 for i in range(3)]
        slow = self.sfn.start_execution(stateMachineArn=machine, name="slow",
                                        input=json.dumps({"wait": True}))["executionArn"]
        for arn in quick:
            self.assertEqual(self.wait_ended(arn)["status"], "SUCCEEDED")
        self.wait_for_event(slow, "WaitStateEntered")

        def listed(**arguments):
            paginator = self.sfn.get_paginator("list_executions")
            found = []
            for page in paginator.paginate(stateMachineArn=machine, **arguments):
                found.extend(page["executions"])
            return found

        succeeded = listed(statusFilter="SUCCEEDED", PaginationConfig={"PageSize": 2})
        self.assertCountEqual([e["executionArn"] for e in succeeded], quick)
        self.assertTrue(all(e["status"] == "SUCCEEDED" for e in succeeded))
        self.assertTrue(all(e["stateMachineArn"] == machine for e in succeeded))
        self.assertTrue(all("stopDate" in e for e in succeeded))
        running = listed(statusFilter="RUNNING")
        self.assertEqual([e["executionArn"] for e in running], [slow])
        self.assertEqual(running[0]["name"], "slow")
        self.assertNotIn("stopDate", running[0])
        self.assertEqual(listed(statusFilter="FAILED"), [])
        everything = listed(PaginationConfig={"PageSize": 1})
        self.assertCountEqual([e["executionArn"] for e in everything], quick + [slow])
        # AWS lists the newest first.
        starts = [e["startDate"] for e in everything]
        self.assertEqual(starts, sorted(starts, reverse=True))

    def test_stop_execution_in_wait_state(self):
        machine = self.create("stoppable", MAYBE_WAIT)
        arn = self.sfn.start_execution(stateMachineArn=machine,
                                       input=json.dumps({"wait": True}))["executionArn"]
        # No name given: AWS names the execution with a UUID.
        self.assertRegex(arn.rsplit(":", 1)[1],
                         r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        self.wait_for_event(arn, "WaitStateEntered")
        stopped = self.sfn.stop_execution(executionArn=arn, error="Operator.Stop",
                                          cause="stopped by the test")
        self.assert_recent(stopped["stopDate"])
        described = self.wait_ended(arn)
        self.assertEqual(described["status"], "ABORTED")
        self.assertEqual(described["error"], "Operator.Stop")
        self.assertEqual(described["cause"], "stopped by the test")
        self.assertIn("stopDate", described)
        self.assertNotIn("output", described)
        events, _ = self.history(arn)
        self.assertEqual(events[-1]["type"], "ExecutionAborted")
        self.assertEqual(events[-1]["executionAbortedEventDetails"],
                         {"error": "Operator.Stop", "cause": "stopped by the test"})
        self.assertIn("WaitStateEntered", [e["type"] for e in events])
        aborted = self.sfn.list_executions(stateMachineArn=machine, statusFilter="ABORTED")
        self.assertEqual([e["executionArn"] for e in aborted["executions"]], [arn])

    def test_duplicate_execution_names(self):
        machine = self.create("named", MAYBE_WAIT)
        waiting = json.dumps({"wait": True})
        first = self.sfn.start_execution(stateMachineArn=machine, name="once", input=waiting)
        # AWS: the same name and input while it runs is the same request, answered again.
        again = self.sfn.start_execution(stateMachineArn=machine, name="once", input=waiting)
        self.assertEqual(again["executionArn"], first["executionArn"])
        # Another input under the name: ExecutionAlreadyExists.
        with self.assertRaises(ClientError) as context:
            self.sfn.start_execution(stateMachineArn=machine, name="once",
                                     input=json.dumps({"wait": False}))
        self.assertEqual(error_code(context), "ExecutionAlreadyExists")
        self.assertEqual(http_status(context), 400)
        # A closed execution's name stays taken, even with the same input.
        quick = json.dumps({"wait": False})
        done = self.sfn.start_execution(stateMachineArn=machine, name="closed", input=quick)
        self.assertEqual(self.wait_ended(done["executionArn"])["status"], "SUCCEEDED")
        with self.assertRaises(self.sfn.exceptions.ExecutionAlreadyExists):
            self.sfn.start_execution(stateMachineArn=machine, name="closed", input=quick)
        self.sfn.stop_execution(executionArn=first["executionArn"])

    def test_execution_errors(self):
        machine = self.create("errors", GREET)
        with self.assertRaises(ClientError) as context:
            self.sfn.describe_execution(
                executionArn=f"arn:aws:states:{REGION}:{ACCOUNT}:execution:errors:missing")
        self.assertEqual(error_code(context), "ExecutionDoesNotExist")
        with self.assertRaises(ClientError) as context:
            self.sfn.start_execution(stateMachineArn=machine, input="{not json")
        self.assertEqual(error_code(context), "InvalidExecutionInput")
        with self.assertRaises(ClientError) as context:
            self.sfn.start_execution(stateMachineArn=machine, name="bad/name")
        self.assertEqual(error_code(context), "InvalidName")
        missing = f"arn:aws:states:{REGION}:{ACCOUNT}:execution:errors:missing"
        for call in [lambda: self.sfn.stop_execution(executionArn=missing),
                     lambda: self.sfn.get_execution_history(executionArn=missing),
                     lambda: self.sfn.describe_state_machine_for_execution(executionArn=missing)]:
            with self.assertRaises(ClientError) as context:
                call()
            self.assertEqual(error_code(context), "ExecutionDoesNotExist")
        with self.assertRaises(ClientError) as context:
            self.sfn.list_executions(stateMachineArn=MACHINE_PREFIX + "never-created")
        self.assertEqual(error_code(context), "StateMachineDoesNotExist")

    def test_failed_execution(self):
        machine = self.create("failing", FAIL)
        arn = self.sfn.start_execution(stateMachineArn=machine)["executionArn"]
        described = self.wait_ended(arn)
        self.assertEqual(described["status"], "FAILED")
        self.assertEqual(described["error"], "Custom.Boom")
        self.assertEqual(described["cause"], "it broke")
        # No input given: AWS starts the execution with {}.
        self.assertEqual(json.loads(described["input"]), {})
        events, _ = self.history(arn)
        self.assertEqual(events[-1]["type"], "ExecutionFailed")
        self.assertEqual(events[-1]["executionFailedEventDetails"],
                         {"error": "Custom.Boom", "cause": "it broke"})
        failed = self.sfn.list_executions(stateMachineArn=machine, statusFilter="FAILED")
        self.assertEqual([e["executionArn"] for e in failed["executions"]], [arn])


class ExpressTest(ServiceTestCase):
    def test_start_sync_execution(self):
        machine = self.create("doubler", DOUBLE, "EXPRESS")
        self.assertEqual(self.sfn.describe_state_machine(stateMachineArn=machine)["type"],
                         "EXPRESS")
        result = self.sfn.start_sync_execution(stateMachineArn=machine, name="sync-1",
                                               input=json.dumps({"n": 21}))
        self.assertEqual(result["status"], "SUCCEEDED", result)
        self.assertEqual(json.loads(result["output"]), {"n": 42})
        self.assertEqual(json.loads(result["input"]), {"n": 21})
        self.assertEqual(result["stateMachineArn"], machine)
        self.assertEqual(result["name"], "sync-1")
        self.assertTrue(result["executionArn"].startswith(
            f"arn:aws:states:{REGION}:{ACCOUNT}:express:doubler:sync-1:"), result["executionArn"])
        self.assertLessEqual(result["startDate"], result["stopDate"])
        self.assertGreater(result["billingDetails"]["billedDurationInMilliseconds"], 0)

    def test_start_sync_execution_failure(self):
        machine = self.create("express-fail", FAIL, "EXPRESS")
        result = self.sfn.start_sync_execution(stateMachineArn=machine)
        self.assertEqual(result["status"], "FAILED")
        self.assertEqual(result["error"], "Custom.Boom")
        self.assertEqual(result["cause"], "it broke")
        self.assertNotIn("output", result)

    def test_type_restrictions(self):
        standard = self.create("standard-only", GREET)
        express = self.create("express-only", DOUBLE, "EXPRESS")
        # StartSyncExecution runs Express machines only; ListExecutions lists Standard ones only.
        with self.assertRaises(ClientError) as context:
            self.sfn.start_sync_execution(stateMachineArn=standard)
        self.assertEqual(error_code(context), "StateMachineTypeNotSupported")
        with self.assertRaises(ClientError) as context:
            self.sfn.list_executions(stateMachineArn=express)
        self.assertEqual(error_code(context), "StateMachineTypeNotSupported")


class TagsTest(ServiceTestCase):
    def tags(self, arn):
        listed = self.sfn.list_tags_for_resource(resourceArn=arn)["tags"]
        return {t["key"]: t["value"] for t in listed}

    def test_state_machine_tags(self):
        arn = self.create("tagged", GREET, tags=[{"key": "team", "value": "core"},
                                                 {"key": "env", "value": "dev"}])
        self.assertEqual(self.tags(arn), {"team": "core", "env": "dev"})
        self.sfn.tag_resource(resourceArn=arn, tags=[{"key": "env", "value": "prod"},
                                                     {"key": "cost", "value": "42"}])
        self.assertEqual(self.tags(arn), {"team": "core", "env": "prod", "cost": "42"})
        self.sfn.untag_resource(resourceArn=arn, tagKeys=["team", "not-there"])
        self.assertEqual(self.tags(arn), {"env": "prod", "cost": "42"})

    def test_activity_tags(self):
        arn = self.sfn.create_activity(name="tagged-activity",
                                       tags=[{"key": "owner", "value": "ops"}])["activityArn"]
        self.assertEqual(self.tags(arn), {"owner": "ops"})
        self.sfn.untag_resource(resourceArn=arn, tagKeys=["owner"])
        self.assertEqual(self.tags(arn), {})

    def test_tags_of_missing_resource(self):
        with self.assertRaises(ClientError) as context:
            self.sfn.list_tags_for_resource(resourceArn=MACHINE_PREFIX + "never-created")
        self.assertEqual(error_code(context), "ResourceNotFound")
        with self.assertRaises(ClientError) as context:
            self.sfn.tag_resource(resourceArn=ACTIVITY_PREFIX + "never-created",
                                  tags=[{"key": "k", "value": "v"}])
        self.assertEqual(error_code(context), "ResourceNotFound")
        with self.assertRaises(ClientError) as context:
            self.sfn.untag_resource(resourceArn=MACHINE_PREFIX + "never-created", tagKeys=["k"])
        self.assertEqual(error_code(context), "ResourceNotFound")

    def test_too_many_tags(self):
        arn = self.create("crowded", GREET)
        self.sfn.tag_resource(resourceArn=arn,
                              tags=[{"key": f"k{i}", "value": "v"} for i in range(50)])
        with self.assertRaises(ClientError) as context:
            self.sfn.tag_resource(resourceArn=arn, tags=[{"key": "one-more", "value": "v"}])
        self.assertEqual(error_code(context), "TooManyTags")
        self.assertEqual(len(self.tags(arn)), 50)


class ActivityTest(ServiceTestCase):
    def test_create_describe_list_delete(self):
        created = self.sfn.create_activity(name="worker")
        arn = created["activityArn"]
        self.assertEqual(arn, ACTIVITY_PREFIX + "worker")
        self.assert_recent(created["creationDate"])
        # AWS: CreateActivity is idempotent.
        self.assertEqual(self.sfn.create_activity(name="worker")["activityArn"], arn)

        described = self.sfn.describe_activity(activityArn=arn)
        self.assertEqual(described["activityArn"], arn)
        self.assertEqual(described["name"], "worker")
        self.assertEqual(described["creationDate"], created["creationDate"])

        for i in range(4):
            self.sfn.create_activity(name=f"worker-{i}")
        paginator = self.sfn.get_paginator("list_activities")
        listed, pages = [], 0
        for page in paginator.paginate(PaginationConfig={"PageSize": 2}):
            listed.extend(page["activities"])
            pages += 1
        self.assertGreaterEqual(pages, 3)
        names = [a["name"] for a in listed]
        self.assertEqual(len(names), len(set(names)), "listed twice")
        self.assertTrue({"worker", "worker-0", "worker-1", "worker-2", "worker-3"} <= set(names))
        for activity in listed:
            self.assertEqual(activity["activityArn"], ACTIVITY_PREFIX + activity["name"])

        self.sfn.delete_activity(activityArn=arn)
        with self.assertRaises(ClientError) as context:
            self.sfn.describe_activity(activityArn=arn)
        self.assertEqual(error_code(context), "ActivityDoesNotExist")
        remaining = [a["name"] for page in paginator.paginate() for a in page["activities"]]
        self.assertNotIn("worker", remaining)
        self.assertIn("worker-0", remaining)
        # Deleting it again succeeds, as on AWS.
        self.sfn.delete_activity(activityArn=arn)

    def test_activity_errors(self):
        with self.assertRaises(ClientError) as context:
            self.sfn.describe_activity(activityArn=ACTIVITY_PREFIX + "never-created")
        self.assertEqual(error_code(context), "ActivityDoesNotExist")
        with self.assertRaises(ClientError) as context:
            self.sfn.describe_activity(activityArn=MACHINE_PREFIX + "not-an-activity")
        self.assertEqual(error_code(context), "InvalidArn")
        with self.assertRaises(ClientError) as context:
            self.sfn.create_activity(name="no*wildcards")
        self.assertEqual(error_code(context), "InvalidName")


class WorkerTest(ServiceTestCase):
    """Workers written with boto3: an activity worker's GetActivityTask loop, and the receiver of
    a .waitForTaskToken step's token, which a local command (--task) hands over through a file."""

    @classmethod
    def server_arguments(cls):
        cls.token_file = os.path.join(cls.data_dir, "tokens")
        script = ("import json, sys; token = json.load(sys.stdin)['token']; "
                  f"open({cls.token_file!r}, 'a').write(token + chr(10)); print('{{}}')")
        return ["--task", f"Notify=python3 -c \"{script}\""]

    def next_token(self, seen):
        """The first token in the file after `seen` tokens (waits for it)."""
        deadline = time.monotonic() + END_SECONDS
        while time.monotonic() < deadline:
            if os.path.exists(self.token_file):
                with open(self.token_file) as f:
                    tokens = f.read().split()
                if len(tokens) > seen:
                    return tokens[seen]
            time.sleep(0.05)
        self.fail("the Notify command wrote no token")

    def test_activity_worker_loop_completes_tasks(self):
        activity = self.sfn.create_activity(name="resize")["activityArn"]
        machine = self.create("resize-images", json.dumps({
            "StartAt": "Resize",
            "States": {"Resize": {"Type": "Task", "Resource": activity,
                                  "TimeoutSeconds": 30, "End": True}}}))
        executions = [self.sfn.start_execution(stateMachineArn=machine,
                                               input=json.dumps({"image": i}))["executionArn"]
                      for i in range(3)]
        # The worker: poll, work, answer; image 1 fails, the others succeed.
        handled = 0
        while handled < len(executions):
            task = self.sfn.get_activity_task(activityArn=activity, workerName="resizer-1")
            if not task.get("taskToken"):
                continue
            image = json.loads(task["input"])["image"]
            if image == 1:
                self.sfn.send_task_failure(taskToken=task["taskToken"], error="Resize.TooLarge",
                                           cause="image 1 is too large")
            else:
                self.sfn.send_task_success(taskToken=task["taskToken"],
                                           output=json.dumps({"resized": image}))
            handled += 1
        for i, execution in enumerate(executions):
            described = self.wait_ended(execution)
            events, _ = self.history(execution)
            types = [e["type"] for e in events]
            self.assertEqual(types[2:4], ["ActivityScheduled", "ActivityStarted"], types)
            self.assertEqual(events[3]["activityStartedEventDetails"]["workerName"], "resizer-1")
            if i == 1:
                self.assertEqual(described["status"], "FAILED")
                self.assertEqual(described["error"], "Resize.TooLarge")
                self.assertEqual(types[4], "ActivityFailed")
            else:
                self.assertEqual(described["status"], "SUCCEEDED")
                self.assertEqual(json.loads(described["output"]), {"resized": i})
                self.assertEqual(types[4], "ActivitySucceeded")

    def test_task_token_success_and_failure(self):
        machine = self.create("approve", json.dumps({
            "StartAt": "Notify",
            "States": {"Notify": {"Type": "Task",
                                  "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                                  "Parameters": {"token.$": "$$.Task.Token"}, "End": True}}}))
        approved = self.sfn.start_execution(stateMachineArn=machine, name="approved")
        token = self.next_token(0)
        self.wait_for_event(approved["executionArn"], "TaskSubmitted")
        self.sfn.send_task_success(taskToken=token, output=json.dumps({"approved": True}))
        described = self.wait_ended(approved["executionArn"])
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]), {"approved": True})

        rejected = self.sfn.start_execution(stateMachineArn=machine, name="rejected")
        token = self.next_token(1)
        self.sfn.send_task_failure(taskToken=token, error="Rejected", cause="not this one")
        described = self.wait_ended(rejected["executionArn"])
        self.assertEqual(described["status"], "FAILED")
        self.assertEqual((described["error"], described["cause"]), ("Rejected", "not this one"))
        # A spent token is refused with AWS's error.
        with self.assertRaises(ClientError) as context:
            self.sfn.send_task_success(taskToken=token, output="{}")
        self.assertEqual(error_code(context), "TaskDoesNotExist")


class ShutdownTest(unittest.TestCase):
    def test_sigterm_stops_cleanly_and_data_persists(self):
        data_dir = tempfile.mkdtemp(prefix="stepwise-boto3-shutdown-")
        self.addCleanup(shutil.rmtree, data_dir, ignore_errors=True)
        server = Server(data_dir)
        self.addCleanup(server.kill)
        sfn = server.client()
        machine = sfn.create_state_machine(name="durable", definition=MAYBE_WAIT,
                                           roleArn=ROLE)["stateMachineArn"]
        done = sfn.start_execution(stateMachineArn=machine, name="done",
                                   input=json.dumps({"wait": False}))["executionArn"]
        deadline = time.monotonic() + END_SECONDS
        while sfn.describe_execution(executionArn=done)["status"] == "RUNNING":
            self.assertLess(time.monotonic(), deadline, f"{done} still RUNNING")
            time.sleep(0.05)
        # An execution still waiting must not hold the server up.
        sfn.start_execution(stateMachineArn=machine, name="waiting",
                            input=json.dumps({"wait": True}))

        code, elapsed, output = server.stop()
        self.assertEqual(code, 0, server.errors())
        self.assertLess(elapsed, STOP_SECONDS)
        self.assertIn("SIGTERM, stopping", output)

        # A new server on the same directory serves what the first one stored.
        server = Server(data_dir)
        self.addCleanup(server.kill)
        sfn = server.client()
        self.assertEqual(sfn.describe_state_machine(stateMachineArn=machine)["definition"],
                         MAYBE_WAIT)
        described = sfn.describe_execution(executionArn=done)
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(json.loads(described["input"]), {"wait": False})
        code, _, _ = server.stop()
        self.assertEqual(code, 0, server.errors())


if __name__ == "__main__":
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        sys.exit("usage: boto3_test.py PATH/TO/stepwise [unittest arguments]")
    STEPWISE = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
