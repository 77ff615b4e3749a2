"""Names the Celery app and its tasks share (a module of its own, so that neither imports the other)."""

TASK_NAME = "docintake.process_document"
