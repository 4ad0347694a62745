"""The status kinds `/utils/status` labels. Each app keeps its statuses as a TextChoices enum (the codes and
their default labels) with a one-line description per code, and registers them here from its
AppConfig.ready: garage sits below the apps that own most statuses, so it learns them instead of
importing them."""

from dataclasses import dataclass

from django.db import models

from garage.models import StatusKind


@dataclass(frozen=True)
class StatusDefault:
    kind: str
    code: str
    name: str
    description: str
    sort_order: int


_KINDS: dict[str, tuple[type[models.TextChoices], dict[str, str]]] = {}


def status_kind_register(kind: StatusKind, enum: type[models.TextChoices], descriptions: dict[str, str]) -> None:
    """Called once per kind at start-up by the app that owns the enum; every code needs a description."""
    if set(descriptions) != set(enum.values):
        raise ValueError(f"Describe each {kind} status exactly once: {sorted(enum.values)}")
    _KINDS[StatusKind(kind).value] = (enum, descriptions)


def status_codes(kind: str) -> list[str]:
    """The codes of a kind in the enum's order ([] for a kind no app registered)."""
    enum, _ = _KINDS.get(kind, (None, {}))
    return list(enum.values) if enum else []


def status_defaults() -> list[StatusDefault]:
    """Every registered status with its enum label and description: what a missing row is created with."""
    return [StatusDefault(kind, code, label, descriptions[code], order)
            for kind in StatusKind.values if kind in _KINDS  # the kinds' order, whoever registered first
            for enum, descriptions in [_KINDS[kind]]
            for order, (code, label) in enumerate(enum.choices)]
