"""What every transport shares: a worker's default id and the message size limit."""

from __future__ import annotations

import os
import socket
import uuid


def default_worker_id() -> str:
    return f"{socket.gethostname().lower()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


# Messages carry paths, never payloads: anything bigger is refused (parked in the error queue), as the host does.
MAX_MESSAGE_BYTES = 1024 * 1024
