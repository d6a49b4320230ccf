"""A progress bar for a running study: tqdm's (a widget in Jupyter, a bar in a terminal) when installed."""

from __future__ import annotations

import sys
from typing import Any, Optional


class StudyProgress:
    """Finished trials of the target and the best value so far; ``update`` takes StudyProgressed bodies."""

    def __init__(self, name: str, enabled: bool = True) -> None:
        self._name = name
        self._enabled = enabled
        self._bar: Any = None
        self._last_line = ""

    def update(self, progressed: dict[str, Any]) -> None:
        if not self._enabled:
            return
        done = sum(int(progressed.get(key, 0)) for key in ("completed", "pruned", "failed"))
        target = int(progressed.get("target", 0)) or None
        best = progressed.get("bestValue")
        bar = self._ensure_bar(target)
        if bar is not None:
            if target is not None and bar.total != target:
                bar.total = target
            bar.n = done
            if best is not None:
                bar.set_postfix(best=f"{best:.6g}", refresh=False)
            bar.refresh()
            return
        line = f"{self._name}: {done}/{target or '?'} trials"
        if best is not None:
            line += f", best {best:.6g}"
        if line != self._last_line:
            print(line, file=sys.stderr, flush=True)
            self._last_line = line

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def _ensure_bar(self, target: Optional[int]) -> Any:
        if self._bar is None:
            try:
                from tqdm.auto import tqdm
            except ImportError:
                return None
            self._bar = tqdm(total=target, desc=self._name, unit="trial")
        return self._bar
