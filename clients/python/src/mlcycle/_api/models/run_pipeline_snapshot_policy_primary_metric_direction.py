from enum import StrEnum

class RunPipelineSnapshotPolicyPrimaryMetricDirection(StrEnum):
    MAXIMIZE = "maximize"
    MINIMIZE = "minimize"

    def __str__(self) -> str:
        return str(self.value)
