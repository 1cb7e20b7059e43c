"""Running the desk app: the application, the background runner, signal guards, the smoke test."""
