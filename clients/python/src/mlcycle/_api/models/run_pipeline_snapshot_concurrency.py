from enum import StrEnum

class RunPipelineSnapshotConcurrency(StrEnum):
    CANCEL_RUNNING = "cancel-running"
    QUEUE_ONE = "queue-one"
    SKIP = "skip"

    def __str__(self) -> str:
        return str(self.value)
