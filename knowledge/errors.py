"""项目异常。

ReportbotError                 anything the user should see as one line
├── loaders.errors.LoaderError  a report file cannot be read (re-exported here)
│   ├── EmptyReportError
│   ├── UnsupportedFormatError
│   └── MalformedReportError
└── StoreError                 the database cannot be opened or written
"""
from __future__ import annotations

from loaders.errors import EmptyReportError, LoaderError, MalformedReportError, UnsupportedFormatError


class ReportbotError(Exception):
    """Base of the project's own errors; the message is one line for the user."""


class StoreError(ReportbotError):
    """The SQLite database cannot be opened, migrated or written."""


__all__ = [
    "EmptyReportError",
    "LoaderError",
    "MalformedReportError",
    "ReportbotError",
    "StoreError",
    "UnsupportedFormatError",
]
