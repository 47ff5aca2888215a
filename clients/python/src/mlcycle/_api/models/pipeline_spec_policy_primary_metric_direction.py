from enum import StrEnum

class PipelineSpecPolicyPrimaryMetricDirection(StrEnum):
    MAXIMIZE = "maximize"
    MINIMIZE = "minimize"

    def __str__(self) -> str:
        return str(self.value)
