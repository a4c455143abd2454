"""Reads a pipeline run's Parquet outputs with pandas and pyarrow and checks they agree with themselves.

    python3 tools/pandas/check_parquet.py ARTIFACTS_CACHE_OR_STAGE_FOLDERS...

Looks under the given folders for predictions.parquet, metrics.parquet, embeddings.parquet, coordinates.parquet and
history.parquet (the newest of each name) and checks, with pandas.read_parquet (engine pyarrow) and
pyarrow.parquet.read_table:
- predictions: correct == (label == predicted) on every row; the accuracy it gives equals test_top1 of the
  linear-eval summary.json beside it, when there is one;
- metrics: per-class support of the pre-trained model sums to the prediction rows, correct sums to the hits;
- embeddings: one row per test prediction, 512 float columns f000..f511, all finite, at least two superclasses;
- coordinates: finite x, y (and z), joined on index to the embeddings with the same label and class name;
- history: finite positive loss, distinct steps.
Prints one line per check; exits 1 when one fails, 2 when a file is missing.
"""
import json
import math
import pathlib
import sys

import pandas as pd
import pyarrow
import pyarrow.parquet as pq

failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def newest(roots, name):
    found = [p for root in roots for p in pathlib.Path(root).rglob(name)]
    if not found:
        print(f"missing: no {name} under {', '.join(roots)}", file=sys.stderr)
        sys.exit(2)
    return max(found, key=lambda p: p.stat().st_mtime)


def read(path):
    frame = pd.read_parquet(path, engine="pyarrow")
    table = pq.read_table(path)
    check(table.num_rows == len(frame), f"{path.name}: pyarrow and pandas read {table.num_rows} rows")
    return frame


def main():
    roots = sys.argv[1:] or ["artifacts/cache"]
    print(f"pandas {pd.__version__}, pyarrow {pyarrow.__version__}")

    predictions_path = newest(roots, "predictions.parquet")
    predictions = read(predictions_path)
    rows = len(predictions)
    check(rows > 0, f"predictions: {rows} rows")
    check(bool((predictions["correct"] == (predictions["label"] == predictions["predicted"])).all()),
          "predictions: correct == (label == predicted) on every row")
    accuracy = float(predictions["correct"].mean())
    manifest_path = predictions_path.parent.parent / "manifest.json"
    if manifest_path.exists():
        top1 = json.loads(manifest_path.read_text()).get("summary", {}).get("test_top1")
        if top1 is not None:
            check(abs(accuracy - float(top1)) < 1e-9, f"predictions: accuracy {accuracy:.6f} equals the stage summary's test_top1 {float(top1):.6f}")

    metrics = read(newest(roots, "metrics.parquet"))
    pretrained = metrics[metrics["model"] == "pretrained"]
    check(int(pretrained["support"].sum()) == rows, f"metrics: pre-trained support sums to {rows}")
    check(int(pretrained["correct"].sum()) == int(predictions["correct"].sum()), "metrics: pre-trained correct sums to the hits")

    embeddings = read(newest(roots, "embeddings.parquet"))
    features = [c for c in embeddings.columns if c.startswith("f") and c[1:].isdigit()]
    test = embeddings[embeddings["split"] == "test"]
    check(len(test) == rows, f"embeddings: {len(test)} test rows")
    check(len(features) == 512, f"embeddings: {len(features)} feature columns")
    values = embeddings[features].to_numpy()
    check(str(values.dtype) == "float32", f"embeddings: features are {values.dtype}")
    check(bool(pd.notna(values).all()) and bool((abs(values) < math.inf).all()), "embeddings: every feature is finite")
    check(embeddings["superclass"].nunique() >= 2, f"embeddings: {embeddings['superclass'].nunique()} superclasses")

    coordinates = read(newest(roots, "coordinates.parquet"))
    axes = [a for a in ("x", "y", "z") if a in coordinates.columns]
    check(bool((coordinates[axes].abs() < math.inf).all().all()), f"coordinates: {', '.join(axes)} finite")
    joined = coordinates.merge(embeddings, on="index", suffixes=("", "_e"))
    same = (joined["label"] == joined["label_e"]) & (joined["class_name"] == joined["class_name_e"])
    check(len(joined) == len(coordinates) and bool(same.all()), f"coordinates: all {len(coordinates)} join the embeddings on index")

    history = read(newest(roots, "history.parquet"))
    check(bool(((history["loss"] > 0) & (history["loss"] < math.inf)).all()), "history: loss finite and positive")
    check(history["step"].is_unique, f"history: {len(history)} distinct steps")

    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
