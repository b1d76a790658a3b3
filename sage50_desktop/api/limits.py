"""Every bound the client puts on what a server may send, in one place.

A hostile or broken platform must not be able to fill memory or the disk, or
hold a command for as long as it likes. Each limit says where it comes from:
**[assumed]** from the contract (``shared/contract/README.md``), **[ours]** a
choice of this app (see ``docs/decisions.md``). Nothing here does I/O.
"""

from __future__ import annotations

from sage50_desktop.api import contract

MIB = 1024 * 1024

# --- API answers (sections 1-4.2, 5.1, 6.1) ------------------------------------
JSON_ANSWER_LIMIT = 4 * MIB  # [ours] an API answer is a small JSON object; larger is refused
ERROR_ANSWER_LIMIT = 64 * 1024  # [ours] only code and message of an error body are read
CALL_DEADLINE = 60.0  # [ours] seconds for one API request, answer included (not per read)
CONNECT_TIMEOUT = 10.0  # [ours] seconds to open a connection
READ_TIMEOUT = 30.0  # [ours] seconds without a byte before a read gives up

# --- pre-signed transfers (4.3, 5.2, 6.2) ----------------------------------------
RESULT_FILE_LIMIT = 64 * MIB  # [ours] a result file (6.2) larger than this is refused
UPLOAD_SIZE_LIMIT = contract.UPLOAD_SIZE_LIMIT  # [assumed] 256 MiB per upload (5.1)
SLOW_TRANSFER_FLOOR = 1024  # [ours] bytes per second a download must keep up...
SLOW_TRANSFER_WINDOW = 30.0  # [ours] ...averaged over this many seconds, else it is aborted
MAX_REDIRECTS = 5  # [ours] redirects followed on a pre-signed URL

# --- identifiers the platform gives -------------------------------------------------
MAX_SERVER_ID_LENGTH = 200  # [ours] a longer uploadId is refused (no file name, no row)
