"""Loader exceptions.

LoaderError                 any report file that cannot be turned into a Document
├── EmptyReportError        zero bytes, or no text at all
├── UnsupportedFormatError  unknown file type, or binary content under a text name
└── MalformedReportError    readable, but not a report (no title, no year, no content)
"""
from __future__ import annotations


class LoaderError(Exception):
    """A report file could not be read; the message says why, in one line."""


class EmptyReportError(LoaderError):
    """The file is empty or holds no text."""


class UnsupportedFormatError(LoaderError):
    """The file type is not supported, or its content does not match its name."""


class MalformedReportError(LoaderError):
    """The file reads, but is not a recognisable annual report."""
