"""Sync at the desk: the status-bar indicator, the sync panel, running a sync, connecting later."""
