"""Where the desk keeps things and how it is set: folders, settings, logging, the scheme rates file."""
