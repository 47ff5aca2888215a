from enum import StrEnum

class RunOutboxItemType(StrEnum):
    MLCYCLE_MODEL_PROMOTED = "mlcycle.model.promoted"
    MLCYCLE_MODEL_REGISTERED = "mlcycle.model.registered"
    MLCYCLE_MODEL_ROLLEDBACK = "mlcycle.model.rolledBack"
    MLCYCLE_RUN_APPROVALREQUESTED = "mlcycle.run.approvalRequested"
    MLCYCLE_RUN_CANCELLED = "mlcycle.run.cancelled"
    MLCYCLE_RUN_FAILED = "mlcycle.run.failed"
    MLCYCLE_RUN_SKIPPED = "mlcycle.run.skipped"
    MLCYCLE_RUN_STARTED = "mlcycle.run.started"
    MLCYCLE_RUN_STEPFAILED = "mlcycle.run.stepFailed"
    MLCYCLE_RUN_SUCCEEDED = "mlcycle.run.succeeded"

    def __str__(self) -> str:
        return str(self.value)
