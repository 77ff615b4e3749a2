"""The queue executor: Celery workers running the one orchestrator, past one machine.

    batch/watch --queue: admit (hash, record, keep the original) -> one task per document -> wait on the store
    docintake worker:    task -> Pipeline.adopt (lease) -> analyze -> Pipeline.complete

Nothing here is imported by the CLI at start-up, and Celery itself only when a queue command runs.
"""
