"""The desk's records as personal data: retention, anonymising, and a person's own data."""
