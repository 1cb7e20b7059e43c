"""Help with the cost of visits: the application a worker fills in with a family, step by step."""
