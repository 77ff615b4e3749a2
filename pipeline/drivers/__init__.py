"""Drivers: what finds work and hands it to the one orchestrator (batch, inbox watcher, failed retry).

Layers go one way: pipeline/ingest/ (files, claims, leases, ledger) sits below pipeline/orchestrator.py,
and the drivers here sit above it. Nothing below imports from here.
"""
