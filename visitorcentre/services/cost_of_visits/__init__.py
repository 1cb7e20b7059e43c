"""Help with the cost of visits: starting, saving and submitting a family's application."""
