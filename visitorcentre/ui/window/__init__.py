"""The desk's main window and what frames it: the menu bar, the status bar, the first-run screen."""
