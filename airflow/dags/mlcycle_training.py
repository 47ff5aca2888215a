"""The mlcycle training DAG for Apache Airflow 3 (dag id `mlcycle_training`).

The mlcycle app triggers it through Airflow's REST API with the conf described in mlcycle_dag/contract.py. In
production (MLCYCLE_TRAINING_MODE=kubernetes) the training runs as a pod from the image built for the run's commit;
on one machine (MLCYCLE_TRAINING_MODE=local) the same entry point runs in a subprocess. Either way the outcome is
posted to the app's callback endpoint.
"""
from mlcycle_dag.factory import build_dag

dag = build_dag()
