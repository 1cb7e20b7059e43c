"""Passes and the hall door: printing, reprinting and voiding passes; scanning them at the door."""
