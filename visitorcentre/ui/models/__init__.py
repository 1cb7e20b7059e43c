"""Table models for the desk's lists: each a QAbstractTableModel with column constants and custom roles."""
