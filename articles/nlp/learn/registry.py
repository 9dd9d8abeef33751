"""The learned components of the tagger, and where their models live.

A component is a name, a ``train`` function and a sentence on what it
decides. ``train(examples)`` gets every labelled article of the training
folds as an ``Example`` and returns the model as a plain JSON-able dict;
the harness writes it to ``models/<name>.json`` and the tagger loads every
file there at start (``load_models``), handing each component its own
dict under its name (``Tagger.models[name]``).

An ``Example`` carries the input article, its gold labels (the contract's
output form, ``events`` included when labelled) and the rule layer's
reading of it (``analysis.Analysis``, role frames and topic mentions
already read), so a component learns from exactly what the tagger will
show it at run time and no component reads the text twice.

To add a component (``events``, say): write
``train(examples: Sequence[Example]) -> dict`` in the component's own
package, call ``register(Component("events", train, "..."))`` at import
time, add the module to ``COMPONENT_MODULES`` below, and read
``tagger.models.get("events")`` where the tagger decides. ``make train``
then writes ``models/events.json`` and ``make eval`` scores it out of fold
with everything else. Components are trained in registration order; each
sees only its training folds (``learn.folds``).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from articles.nlp.analysis import Analysis
from articles.nlp.types import ArticleInput

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
# Modules that register components when imported, in training order.
COMPONENT_MODULES = ("articles.nlp.learn.components",)


@dataclass(frozen=True)
class Example:
    article: ArticleInput
    gold: Mapping[str, Any]
    analysis: Analysis


@dataclass(frozen=True)
class Component:
    name: str
    train: Callable[[Sequence[Example]], dict[str, Any]]
    about: str = ""


_REGISTRY: dict[str, Component] = {}


def register(component: Component) -> Component:
    _REGISTRY[component.name] = component
    return component


def components() -> list[Component]:
    """Every registered component, in training order."""
    for module in COMPONENT_MODULES:
        importlib.import_module(module)
    return list(_REGISTRY.values())


def load_models(directory: Path = MODELS_DIR) -> dict[str, dict[str, Any]]:
    """Every model file in ``directory``, by component name (the file's stem).

    Read once per tagger; a missing directory means the rules alone decide.
    """
    out: dict[str, dict[str, Any]] = {}
    if not directory.is_dir():
        return out
    for path in sorted(directory.glob("*.json")):
        with path.open(encoding="utf-8") as f:
            out[path.stem] = json.load(f)
    return out


def dump(model: Mapping[str, Any]) -> str:
    """The committed text form of a model: sorted keys, one stable layout."""
    return json.dumps(model, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
