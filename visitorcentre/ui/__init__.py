"""The desk app (PySide6 only): main window, panels, dialogs, table models and the one background helper.

Widgets talk to the desk only through its areas (``desk.visits``, ``desk.passes``, ... of
visitorcentre.desk.Desk), and only through
``tasks.DeskTasks`` so that database work never runs on the GUI thread.
"""

from visitorcentre.ui.runtime.pyside_features import skip_source_reads

skip_source_reads()  # before the desk's other modules load (see pyside_features)
