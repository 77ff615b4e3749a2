"""`docintake classifier ...`: train the document-type model and see what it has learned."""

from __future__ import annotations

from typing import Any

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table, user_option


@cli.group()
def classifier() -> None:
    """The document-type classifier: retrain it on clerks' examples, show its state."""


@classifier.command("train")
@click.option("--generated", type=click.IntRange(50, 100_000), default=None,
              help="Generated documents to train on besides clerks' examples (default 1100).")
@user_option
@json_option
@pass_app
def classifier_train(app: AppContext, generated: int | None, user: str, as_json: bool) -> None:
    """Train a new model version on generated documents and every clerk example (fast enough to run nightly)."""
    from pipeline.classify import registry

    row = registry.train(app.store, user, generated)
    with app.store.db.read() as s:
        report = registry.status(s, app.store.root)
    if as_json:
        echo_json(report["model"])
        return
    model = report["model"] or {}
    click.echo(f"model version {row.version} trained in {row.seconds:.1f} s on {row.generated_examples} generated "
               f"and {row.clerk_examples} clerk examples; cross-validated accuracy {_pct(model.get('cv_accuracy'))}")


@classifier.command("status")
@json_option
@pass_app
def classifier_status(app: AppContext, as_json: bool) -> None:
    """Clerk examples per type, and the current model's version, training date and cross-validated accuracy."""
    from pipeline.classify import registry

    with app.store.db.read() as s:
        report = registry.status(s, app.store.root)
    if as_json:
        echo_json(report)
        return
    _print_status(report)


def _pct(value: float | None) -> str:
    return "not measured" if value is None else f"{100 * value:.1f}%"


def _print_status(report: dict[str, Any]) -> None:
    model = report["model"]
    if model is None:
        click.echo("no model yet: the first batch or watch trains one from generated documents "
                   "(or run `docintake classifier train`)")
    else:
        click.echo(f"model version {model['version']}, trained {model['trained_at']} by {model['trained_by']}; "
                   f"cross-validated accuracy (held-out templates) {_pct(model['cv_accuracy'])}")
    counts = (model or {}).get("counts", {})
    per_type = (model or {}).get("cv_per_type", {})
    types = sorted(set(report["examples"]) | set(counts.get("generated", {})) | set(per_type))
    rows = [[t, report["examples"].get(t, 0), counts.get("clerk", {}).get(t, 0), counts.get("generated", {}).get(t, 0),
             _pct(per_type.get(t)) if t in per_type else ""] for t in types]
    print_table(f"clerk examples: {report['examples_total']}", ["type", "clerk examples", "in model (clerk)",
                "in model (generated)", "cv accuracy"], rows)
