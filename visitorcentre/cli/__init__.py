"""The command line: the desk app by default, and the verbs for admins, scripts and checks.

One module per area of verbs; ``common`` holds what the verbs share (opening a desk, printing
answers as text or JSON, the error line). ``main`` builds the parser and runs a verb;
``verbs`` and ``admin_verbs`` declare each verb's arguments.
"""

from visitorcentre.cli.main import USER_ERROR, UsageError, build_parser, main

__all__ = ["USER_ERROR", "UsageError", "build_parser", "main"]
