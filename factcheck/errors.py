"""Domain errors. The CLI turns each into a one-line message and an exit code."""

from __future__ import annotations

from pathlib import Path


class FactcheckError(Exception):
    """Base class for errors a user can act on."""


class InputError(FactcheckError):
    """An input file cannot be used as an article (empty, binary, bad encoding, bad metadata...)."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{path}: {message}")


class UsageError(FactcheckError):
    """The command line asks for something that cannot be done."""


class OutputError(FactcheckError, OSError):
    """A report or other output cannot be written where the user asked (named by the user's path).

    Also an :class:`OSError`, so callers that caught the OSError of a failed write still do."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{path}: {message}")
