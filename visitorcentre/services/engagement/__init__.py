"""Family engagement: feedback, "you said, we did", the support directory and the reports."""
