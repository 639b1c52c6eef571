"""Hands the approval request to the reviewer.

WaitForApproval is a `.waitForTaskToken` task. Under `stepwise serve` it waits until the reviewer
answers with SendTaskSuccess (or SendTaskFailure) and the task token in the event; what this prints
is then ignored. Under `stepwise run`, with no one to send the token back, what this prints is the
task's result: the reviewer approves at once.
"""
import json
import sys

event = json.load(sys.stdin)
print(json.dumps({"approved": True, "brandId": event["Payload"]["brandId"]}))
