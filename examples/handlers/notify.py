"""Stands in for the SNS publish: returns a message id for the message it was given."""
import hashlib
import json
import sys

event = json.load(sys.stdin)
print(json.dumps({"MessageId": hashlib.md5(event["Message"].encode()).hexdigest()}))
