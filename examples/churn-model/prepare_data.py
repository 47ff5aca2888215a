"""Write the example's data set to data/train.csv and data/test.csv.

The data is scikit-learn's bundled breast-cancer set (569 rows, 30 numeric features, a binary target), standing in
for churn data so the example needs no download. The split is fixed (seeded and stratified) and the CSV formatting
is explicit, so the files -- and therefore the DVC hash in data.dvc -- are the same on every machine.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

TARGET = "target"


def write_dataset(out_dir: Path, test_size: float = 0.25, seed: int = 42) -> list[Path]:
    """Write train.csv and test.csv into out_dir; returns their paths."""
    frame = load_breast_cancer(as_frame=True).frame
    # Column names with spaces are awkward in CSV tools and MLflow signatures; use snake_case.
    frame.columns = [c.replace(" ", "_") for c in frame.columns]
    train, test = train_test_split(frame, test_size=test_size, random_state=seed, stratify=frame[TARGET])
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, part in (("train.csv", train), ("test.csv", test)):
        path = out_dir / name
        part.sort_index().to_csv(path, index=False, float_format="%.6g", lineterminator="\n")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).parent / "data"), help="output directory (default: ./data)")
    args = parser.parse_args()
    for path in write_dataset(Path(args.out)):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
