"""The only writers: one function per desk action, each one transaction with its audit and outbox op."""
