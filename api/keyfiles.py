"""The server's key files in the data directory: made once, mode 0600.

Several processes may start at once on a fresh data directory (`serve
--processes N`, workers). Each makes a candidate key, writes it to a private
temporary file and publishes it with `os.link`, which fails if the name
exists: exactly one key wins, every process then uses that one, and nobody
reads a half-written file.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

# How long a reader waits for a concurrent writer's key to appear in full.
_READ_PATIENCE_SECONDS = 2.0


def load_or_create(
    data_dir: Path, name: str, make: Callable[[], str], complete: Callable[[str], bool]
) -> str:
    """The text of `data_dir/name`, made by `make()` if there is none.

    `complete(text)` tells a whole key from one still being written by
    another process on a file system without hard links.
    """
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = data_dir / name
    if not path.exists():
        text = make()
        if _publish(path, text):
            log.info("created a new key at %s", path)
            return text
    return _read(path, complete)


def aes_256_key(data_dir: Path, name: str) -> bytes:
    """A 256-bit key kept as base64url text in `data_dir/name`, made once."""

    def make() -> str:
        return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii") + "\n"

    text = load_or_create(data_dir, name, make, lambda t: t.endswith("\n"))
    return base64.urlsafe_b64decode(text.strip())


def _write_exclusive(path: Path, text: str) -> None:
    """Create `path` (O_CREAT|O_EXCL, 0600) and write `text` to it, durably."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    try:
        os.fchmod(fd, 0o600)  # exactly 0600, whatever the umask
        os.write(fd, text.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(path: Path, text: str) -> bool:
    """Put `text` at `path` unless a key is already there. True if ours won."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    _write_exclusive(tmp, text)
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError:
        # A file system without hard links: create the name itself, exclusively.
        # A reader racing this may see it empty for a moment; `_read` waits.
        try:
            _write_exclusive(path, text)
        except FileExistsError:
            return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return True


def _read(path: Path, complete: Callable[[str], bool]) -> str:
    deadline = time.monotonic() + _READ_PATIENCE_SECONDS
    while True:
        mode = path.stat().st_mode
        text = path.read_text("ascii")
        if complete(text) or time.monotonic() >= deadline:
            break
        time.sleep(0.05)  # another process is still writing it
    if stat.S_IMODE(mode) & 0o077:
        log.warning("key file %s is readable by others (mode %o)", path, stat.S_IMODE(mode))
    return text
