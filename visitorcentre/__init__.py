"""Visitor Centre: the desk application for prison visitor centres."""

__version__ = "0.1.0"
APP_NAME = "Visitor Centre"
