"""HyperBus from Python: submit studies to a HyperBus host and read their trials, Optuna-style.

    import hyperbus

    result = hyperbus.submit("examples/iris-svc-random.yaml", rabbitmq="amqp://guest:guest@localhost:5672/")
    study = hyperbus.load("iris-svc-random", storage="hyperbus.db")
    study.best_value, study.best_params
    study.trials_dataframe()          # pandas, Optuna's column names

Trainers are written with the sibling package ``hyperbus_trainer`` (same distribution).
"""

from __future__ import annotations

from .errors import HostUnavailableError, HyperBusError, SpecError, StudyNotFoundError
from .study import Study, load, study_names
from .submission import StudyResult, submit
from .trial import FrozenTrial, TrialState

__all__ = ["submit", "load", "study_names", "Study", "StudyResult", "FrozenTrial", "TrialState",
           "HyperBusError", "SpecError", "HostUnavailableError", "StudyNotFoundError"]
__version__ = "0.2.0"
