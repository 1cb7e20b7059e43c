"""Files the desk writes: private files (0600, whole or not at all) and receipt files by content."""
