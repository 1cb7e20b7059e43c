"""Widgets every area uses: messages, reason dialogs, status signs, the scanner, the print flow."""
