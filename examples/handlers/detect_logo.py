"""Stands in for label detection on the asset: returns {"logoLabels": [...]}."""
import json
import sys

event = json.load(sys.stdin)
name = event.get("s3Key", "").rsplit("/", 1)[-1]
print(json.dumps({"logoLabels": [{"name": "Logo", "confidence": 98.1},
                                  {"name": name, "confidence": 91.4}]}))
