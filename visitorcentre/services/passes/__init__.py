"""Visit passes: issuing, reprinting and voiding them, their signing keys, and the hall door."""
