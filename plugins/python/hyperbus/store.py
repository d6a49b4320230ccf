"""Read-only access to a HyperBus SQLite store (the host's source of truth); never writes, never migrates."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Optional

from .errors import HyperBusError, StudyNotFoundError
from .trial import FrozenTrial, TrialState


def connect(storage: str) -> sqlite3.Connection:
    """A read-only connection: the host may be writing (WAL), and a notebook must never change its store."""
    path = Path(storage)
    if not path.is_file():
        raise HyperBusError(f"storage: '{storage}' is not a HyperBus store (no such file)")
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    return connection


def find_study(connection: sqlite3.Connection, name_or_id: str) -> sqlite3.Row:
    """By id, else the newest study of that name (as ``hyperbus status`` and ``export`` pick it)."""
    try:
        row = connection.execute(
            "SELECT id, name, spec_json, direction, status, created_at, finished_at FROM studies"
            " WHERE id = ? OR name = ? ORDER BY id = ? DESC, created_at DESC LIMIT 1",
            (name_or_id.lower(), name_or_id, name_or_id.lower())).fetchone()
    except sqlite3.DatabaseError as error:
        raise HyperBusError(f"storage: not a HyperBus store ({error})") from None
    if row is None:
        names = [r[0] for r in connection.execute("SELECT DISTINCT name FROM studies ORDER BY name")]
        known = ", ".join(names) or "none"
        raise StudyNotFoundError(f"no study '{name_or_id}' in the store; it has: {known}")
    return row


def study_names(connection: sqlite3.Connection) -> list[str]:
    return [r[0] for r in connection.execute("SELECT DISTINCT name FROM studies ORDER BY name")]


def load_trials(connection: sqlite3.Connection, study_id: str) -> list[FrozenTrial]:
    reports: dict[str, dict[int, Optional[float]]] = {}
    for row in connection.execute(
            "SELECT r.trial_id, r.step, r.value FROM reports r JOIN trials t ON t.id = r.trial_id"
            " WHERE t.study_id = ? AND r.attempt = t.attempt ORDER BY r.step", (study_id,)):
        reports.setdefault(row[0], {})[int(row[1])] = row[2]
    attributes: dict[str, dict[str, str]] = {}
    for row in connection.execute(
            "SELECT a.trial_id, a.key, a.value FROM trial_attributes a JOIN trials t ON t.id = a.trial_id"
            " WHERE t.study_id = ? ORDER BY a.key", (study_id,)):
        attributes.setdefault(row[0], {})[row[1]] = row[2]
    trials = []
    for row in connection.execute(
            "SELECT id, number, state, attempt, params_json, value, values_json, constraints_json, budget,"
            " started_at, finished_at, duration FROM trials WHERE study_id = ? ORDER BY number", (study_id,)):
        start, end = _time(row["started_at"]), _time(row["finished_at"])
        duration = row["duration"]
        if duration is None and start is not None and end is not None:
            duration = max(0.0, (end - start).total_seconds())
        trials.append(FrozenTrial(
            number=int(row["number"]), trial_id=row["id"], state=TrialState(row["state"]),
            value=row["value"], values=_json(row["values_json"]), params=_json(row["params_json"]) or {},
            datetime_start=start, datetime_complete=end,
            duration=None if duration is None else timedelta(seconds=duration),
            attempts=int(row["attempt"]), budget=row["budget"], user_attrs=attributes.get(row["id"], {}),
            intermediate_values=reports.get(row["id"], {}), constraints=_json(row["constraints_json"])))
    return trials


def _json(text: Optional[str]) -> Any:
    return None if text is None else json.loads(text)


def _time(text: Optional[str]) -> Optional[datetime]:
    """.NET's round-trip format has 7 fractional digits; Python keeps 6 (microseconds)."""
    if not text:
        return None
    text = text.replace("Z", "+00:00")
    head, dot, rest = text.partition(".")
    if dot:
        digits = "".join(ch for ch in rest if ch.isdigit())
        text = f"{head}.{digits[:6].ljust(6, '0')}{rest[len(digits):]}"
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
