"""Commands that live beside the core ones in :mod:`sahelwatch.cli`, one module per area (fusion, analytics,
graph). Each module lists its click commands in ``COMMANDS``; :func:`all_commands` gathers them so that
``cli.py`` stays a short file of the core commands."""
from __future__ import annotations

import importlib
import pkgutil

import click


def all_commands() -> list[click.Command]:
    commands: list[click.Command] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        commands.extend(getattr(module, "COMMANDS", ()))
    return commands
