"""Allows `python -m visitorcentre`."""

from visitorcentre.cli import main

raise SystemExit(main())
