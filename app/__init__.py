"""MutualDesk: membership, elections, meetings and accounts for small mutuals."""

__version__ = "0.1.0"
APP_NAME = "MutualDesk"
