"""The mlcycle training DAG's building blocks (the DAG file is ../mlcycle_training.py)."""
