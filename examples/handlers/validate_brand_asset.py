"""Validates a brand asset upload (a Task of the brand-asset pipeline).

Reads the event as JSON on stdin and writes the result as JSON on stdout. A failure is a
non-zero exit with {"errorType", "errorMessage"} on stdout, which Stepwise turns into the
task's Error and Cause, as AWS does for a Lambda function's exception.
"""
import json
import sys

ALLOWED_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "image/webp"}
MAX_BYTES = 10 * 1024 * 1024


def fail(message):
    print(json.dumps({"errorType": "ValidationError", "errorMessage": message}))
    sys.exit(1)


event = json.load(sys.stdin)
if not event.get("brandId"):
    fail("Missing required field: brandId")
if not event.get("s3Key"):
    fail("Missing required field: s3Key")
if event.get("contentType") not in ALLOWED_TYPES:
    fail(f"Unsupported content type: {event.get('contentType')}")
if event.get("fileSize", 0) > MAX_BYTES:
    fail(f"File too large: {event.get('fileSize')} bytes (max 10MB)")
print(json.dumps(event))
