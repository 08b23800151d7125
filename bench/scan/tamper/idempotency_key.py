"""sqlmap tamper script: a fresh Idempotency-Key header on every request.

The API's creating endpoints require an Idempotency-Key and refuse the same key with another body
(docs/security.md), so without a fresh key each of sqlmap's mutated bodies would be refused before it
reaches the code under test. The payload itself is left untouched.
"""

import uuid

from lib.core.enums import PRIORITY

__priority__ = PRIORITY.NORMAL


def dependencies():
    pass


def tamper(payload, **kwargs):
    headers = kwargs.get("headers", {})
    headers["Idempotency-Key"] = str(uuid.uuid4())
    return payload
