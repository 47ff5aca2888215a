"""Tests of the example project run in the ml venv; the project root and its training folder are put on sys.path."""
from __future__ import annotations

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
TRAINING = PROJECT / "training"
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(TRAINING))
