"""docintake: read scanned medical documents, match them to patients, file them or send them to review."""

__version__ = "0.1.0"
