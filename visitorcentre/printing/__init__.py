"""Printed documents as PDF bytes through reportlab: visit passes and the day list. No Qt, no database."""
