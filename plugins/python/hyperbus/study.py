"""``hyperbus.load``: a stored study with Optuna's reading API (``best_value``, ``trials_dataframe()``)."""

from __future__ import annotations

import json
import os
from typing import Any, Container, Optional, Sequence

from . import store
from .trial import FrozenTrial, TrialState

# Optuna's default columns, then HyperBus's own (the trial's id in the store, attempts, budget).
DEFAULT_ATTRS = ("number", "value", "datetime_start", "datetime_complete", "duration", "params", "user_attrs",
                 "state", "trial_id", "attempts", "budget")


class Study:
    """A study as the store holds it now; ``reload()`` reads it again (the host may still be running it)."""

    def __init__(self, storage: str, name_or_id: str) -> None:
        self.storage = storage
        self._key = name_or_id
        self.reload()

    def reload(self) -> "Study":
        connection = store.connect(self.storage)
        try:
            row = store.find_study(connection, self._key)
            self.study_id: str = row["id"]
            self.study_name: str = row["name"]
            self.state: str = row["status"].lower()
            spec = json.loads(row["spec_json"])
            self.spec: dict[str, Any] = spec
            directions = spec.get("directions") or [spec.get("direction") or row["direction"]]
            self.directions: list[str] = [str(d).lower() for d in directions]
            self.metric: Optional[str] = spec.get("metric")
            self._trials = store.load_trials(connection, self.study_id)
        finally:
            connection.close()
        return self

    @property
    def direction(self) -> str:
        """``minimize`` or ``maximize`` (the first objective's, for a multi-objective study)."""
        return self.directions[0]

    @property
    def trials(self) -> list[FrozenTrial]:
        return list(self._trials)

    def get_trials(self, states: Optional[Container[TrialState]] = None) -> list[FrozenTrial]:
        return [t for t in self._trials if states is None or t.state in states]

    @property
    def best_trial(self) -> FrozenTrial:
        """The best completed, feasible trial (as the host picks it); ValueError while there is none."""
        candidates = [t for t in self._trials
                      if t.state is TrialState.COMPLETE and t.value is not None and t.feasible]
        if not candidates:
            raise ValueError(f"study {self.study_name} has no completed trial yet")
        sign = -1.0 if self.direction == "maximize" else 1.0
        # Ties go to the lower trial number.
        return min(candidates, key=lambda t: (sign * float(t.value), t.number))  # type: ignore[arg-type]

    @property
    def best_value(self) -> float:
        return float(self.best_trial.value)  # type: ignore[arg-type]

    @property
    def best_params(self) -> dict[str, Any]:
        return dict(self.best_trial.params)

    @property
    def best_trials(self) -> list[FrozenTrial]:
        """The Pareto front of a multi-objective study (feasible completed trials no other dominates)."""
        done = [t for t in self._trials
                if t.state is TrialState.COMPLETE and t.feasible and (t.values or t.value is not None)]
        signs = [-1.0 if d == "maximize" else 1.0 for d in self.directions]

        def key(t: FrozenTrial) -> list[float]:
            values = t.values or [t.value]
            return [s * float(v) for s, v in zip(signs, values)]

        def dominates(a: list[float], b: list[float]) -> bool:
            return all(x <= y for x, y in zip(a, b)) and any(x < y for x, y in zip(a, b))

        return [t for t in done if not any(dominates(key(o), key(t)) for o in done if o is not t)]

    def trials_dataframe(self, attrs: Sequence[str] = DEFAULT_ATTRS, multi_index: bool = False) -> Any:
        """One row per trial, Optuna's column names: ``number``, ``value`` (``values_0``... with several
        objectives), ``datetime_start``, ``datetime_complete``, ``duration``, ``params_NAME``,
        ``user_attrs_KEY``, ``state`` (``COMPLETE``, ``PRUNED``, ``FAIL``, ``RUNNING``); then HyperBus's
        ``trial_id``, ``attempts`` and ``budget``. Needs pandas."""
        import pandas as pd

        multi = len(self.directions) > 1
        param_names = sorted({name for t in self._trials for name in t.params})
        attr_names = sorted({key for t in self._trials for key in t.user_attrs})
        rows = []
        for t in self._trials:
            row: dict[Any, Any] = {}
            for attr in attrs:
                if attr == "value" and multi:
                    values = t.values or [t.value]
                    for i in range(len(self.directions)):
                        row[("values", i)] = values[i] if i < len(values) else None
                elif attr == "params":
                    for name in param_names:
                        row[("params", name)] = t.params.get(name)
                elif attr == "user_attrs":
                    for key in attr_names:
                        row[("user_attrs", key)] = t.user_attrs.get(key)
                elif attr == "state":
                    row[("state", "")] = t.state.name
                else:
                    row[(attr, "")] = getattr(t, attr)
            rows.append(row)
        frame = pd.DataFrame(rows)
        if frame.empty:
            return frame
        for column in ("datetime_start", "datetime_complete"):
            if (column, "") in frame:
                frame[(column, "")] = pd.to_datetime(frame[(column, "")], utc=True)
        if ("duration", "") in frame:
            frame[("duration", "")] = pd.to_timedelta(frame[("duration", "")])
        if multi_index:
            frame.columns = pd.MultiIndex.from_tuples(frame.columns)
        else:
            frame.columns = ["_".join(str(part) for part in column if part != "") for column in frame.columns]
        return frame

    def __repr__(self) -> str:
        return (f"Study(name={self.study_name!r}, id={self.study_id!r}, state={self.state!r},"
                f" trials={len(self._trials)})")


def load(name: str, storage: Optional[str] = None) -> Study:
    """The study ``name`` (or id) from the SQLite store at ``storage`` (default ``$HYPERBUS_STORAGE``, else
    ``hyperbus.db``), read-only; like ``optuna.load_study(study_name=..., storage=...)``."""
    return Study(storage or os.environ.get("HYPERBUS_STORAGE") or "hyperbus.db", name)


def study_names(storage: Optional[str] = None) -> list[str]:
    """The names of the studies in a store (``optuna.get_all_study_names``)."""
    connection = store.connect(storage or os.environ.get("HYPERBUS_STORAGE") or "hyperbus.db")
    try:
        return store.study_names(connection)
    finally:
        connection.close()
