"""The bundle's program: the same command line as ``visitorcentre`` (the desk app with no verb).

PyInstaller starts from a script, not from the package's entry point; this is that script.
"""

from visitorcentre.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
