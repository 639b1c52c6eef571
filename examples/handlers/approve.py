"""Stands in for the human reviewer: approves at once.

(Callbacks with a task token, where the reviewer answers later through SendTaskSuccess, come with
`stepwise serve`.)
"""
import json
import sys

event = json.load(sys.stdin)
print(json.dumps({"approved": True, "brandId": event["Payload"]["brandId"]}))
