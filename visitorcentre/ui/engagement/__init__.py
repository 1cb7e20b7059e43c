"""Engagement and reports: feedback mode, "you said, we did", the support directory, the reports."""
