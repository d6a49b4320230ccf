"""HyperBus trainer SDK: register trainers with ``@trainer("kind")`` and serve them with ``run``.

    from hyperbus_trainer import trainer, run

    @trainer("sklearn-svc")
    def train(ctx):
        ...
        return accuracy            # or {"value": accuracy, "metrics": {...}}

    run("amqp://guest:guest@localhost:5672/%2F")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Optional, Union

from .context import TrialContext
from .errors import MalformedMessageError, TrialFailedError
from .registry import TrainerFunction, registered_trainers, trainer

if TYPE_CHECKING:
    from .worker import Worker

__all__ = ["TrialContext", "TrialFailedError", "MalformedMessageError", "Worker", "trainer", "run",
           "registered_trainers", "select_trainers"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `import hyperbus_trainer` works without pika (the local transport).
    if name == "Worker":
        from .worker import Worker
        return Worker
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def select_trainers(
        trainers: Union[None, Iterable[str], Mapping[str, TrainerFunction]] = None,
) -> dict[str, TrainerFunction]:
    """The trainers to serve: a mapping as given, the registered ones of the named kinds, or all."""
    if isinstance(trainers, Mapping):
        return dict(trainers)
    available = registered_trainers()
    if trainers is None:
        return available
    kinds = list(trainers)
    missing = [kind for kind in kinds if kind not in available]
    if missing:
        raise ValueError(f"no trainer registered for {', '.join(missing)}; "
                         f"registered: {', '.join(sorted(available)) or 'none'}")
    return {kind: available[kind] for kind in kinds}


def run(amqp_url: str, trainers: Union[None, Iterable[str], Mapping[str, TrainerFunction]] = None,
        concurrency: int = 1, worker_id: Optional[str] = None, decision_timeout: float = 30.0,
        on_worker: Optional[Callable[["Worker"], None]] = None, checkpoint_root: Optional[str] = None) -> None:
    """Serves trainers until interrupted (Ctrl-C or ``Worker.stop``); reconnects when the broker goes away.

    ``checkpoint_root`` holds the per-trial checkpoint folders (default ``$HYPERBUS_CHECKPOINTS``, else the temp dir).
    """
    from .worker import Worker  # pika is needed only here: the local transport runs without it

    worker = Worker(amqp_url, select_trainers(trainers), concurrency=concurrency, worker_id=worker_id,
                    decision_timeout=decision_timeout, checkpoint_root=checkpoint_root)
    if on_worker is not None:
        on_worker(worker)
    try:
        worker.run()
    except KeyboardInterrupt:
        worker.stop()
