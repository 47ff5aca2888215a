from enum import StrEnum

class PipelineOverviewLastRunStatus(StrEnum):
    CANCELLED = "cancelled"
    FAILED = "failed"
    QUEUED = "queued"
    RUNNING = "running"
    SKIPPED = "skipped"
    SUCCEEDED = "succeeded"
    WAITING_APPROVAL = "waiting-approval"

    def __str__(self) -> str:
        return str(self.value)
