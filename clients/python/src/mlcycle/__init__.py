"""The Python client for mlcycle."""

__version__ = "0.1.0"
