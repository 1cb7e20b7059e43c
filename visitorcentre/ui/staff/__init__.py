"""Staff and audit: signing in, the idle lock, and the audit log viewer."""
