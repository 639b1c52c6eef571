"""Stands in for palette extraction: returns {"colors": [...]} derived from the brand id."""
import hashlib
import json
import sys

event = json.load(sys.stdin)
digest = hashlib.sha256(event.get("brandId", "").encode()).hexdigest()
print(json.dumps({"colors": ["#" + digest[i:i + 6] for i in range(0, 30, 6)]}))
