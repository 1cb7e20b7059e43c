"""Staff at the desk and the audit log of what they did."""
