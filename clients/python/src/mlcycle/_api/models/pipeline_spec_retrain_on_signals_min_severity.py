from enum import StrEnum

class PipelineSpecRetrainOnSignalsMinSeverity(StrEnum):
    CRITICAL = "critical"
    ERROR = "error"
    INFORMATIONAL = "informational"
    VERBOSE = "verbose"
    WARNING = "warning"

    def __str__(self) -> str:
        return str(self.value)
