"""Records a pipeline failure: passes the event on with a note."""
import json
import sys

event = json.load(sys.stdin)
event["handled"] = True
print(json.dumps(event))
