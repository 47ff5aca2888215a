"""``client.compare(pipeline)``: the champion against the recent challengers, as a DataFrame and a chart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .frames import require_pandas

if TYPE_CHECKING:
    import pandas
    from matplotlib.axes import Axes

BASE_COLUMNS = ["run_id", "created_at", "status", "outcome", "model_version", "role"]
OUTCOME_COLOURS = {"promote": "tab:green", "hold": "tab:grey", "reject": "tab:red"}


def comparison_rows(runs: list[dict[str, Any]], champion: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One row per run that has metrics, oldest first; the champion's run has role ``champion``."""
    champion_run = champion.get("runId") if champion else None
    rows = []
    for run in runs:
        lineage = run.get("lineage") or {}
        metrics = (lineage.get("mlflow") or {}).get("metrics") or {}
        if not metrics:
            continue
        model = lineage.get("model") or {}
        role = "champion" if champion_run and run["id"] == champion_run else "challenger"
        row = {
            "run_id": run["id"],
            "created_at": run.get("createdAt"),
            "status": run["status"],
            "outcome": (run.get("decision") or {}).get("outcome"),
            "model_version": model.get("version"),
            "role": role,
        }
        rows.append({**row, **metrics})
    return sorted(rows, key=lambda r: str(r["created_at"]))


class Comparison:
    """The champion and recent challengers of a pipeline: ``.frame`` (one row per run) and ``.plot()``."""

    def __init__(self, pipeline_id: str, metric: str, direction: str, champion: dict[str, Any] | None, rows: list[dict[str, Any]]) -> None:
        require_pandas()
        import pandas as pd

        self.pipeline_id = pipeline_id
        self.metric = metric
        self.direction = direction
        self.champion = champion
        extra = sorted({k for r in rows for k in r} - set(BASE_COLUMNS))
        self.frame: pandas.DataFrame = pd.DataFrame(rows, columns=BASE_COLUMNS + extra)

    def plot(self, ax: Axes | None = None) -> Axes:
        """Draw the primary metric: the champion as a line, challengers as points coloured by their decision."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4))
        frame = self.frame.reset_index(drop=True)
        values = frame[self.metric] if self.metric in frame else None
        champions = frame[frame["role"] == "champion"]
        if values is not None and not champions.empty:
            label = f"champion v{champions.iloc[-1]['model_version']}"
            ax.axhline(float(champions.iloc[-1][self.metric]), color="tab:blue", label=label)
        if values is not None:
            for outcome, group in frame[frame["role"] == "challenger"].groupby(frame["outcome"].fillna("none")):
                colour = OUTCOME_COLOURS.get(str(outcome), "tab:orange")
                ax.scatter(group.index, group[self.metric], color=colour, label=f"challenger: {outcome}", zorder=3)
        labels = [str(v) if v is not None and v == v else str(r)[:8] for v, r in zip(frame["model_version"], frame["run_id"])]
        ax.set_xticks(range(len(frame)), labels, rotation=45, ha="right")
        ax.set_xlabel("model version (or run)")
        ax.set_ylabel(f"{self.metric} ({self.direction})")
        ax.set_title(f"{self.pipeline_id}: champion vs challengers")
        ax.legend(loc="best")
        return ax

    def __repr__(self) -> str:
        return f"Comparison(pipeline_id={self.pipeline_id!r}, metric={self.metric!r}, runs={len(self.frame)})"
