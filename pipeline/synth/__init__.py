"""Synthetic data for tests, benchmarks and samples: rosters, document text, rendered fax-like files."""
