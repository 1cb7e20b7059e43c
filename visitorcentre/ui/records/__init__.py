"""The desk's records: the start-up check and damaged records, and a person's data."""
