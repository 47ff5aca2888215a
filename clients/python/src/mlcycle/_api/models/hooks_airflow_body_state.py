from enum import StrEnum

class HooksAirflowBodyState(StrEnum):
    FAILED = "failed"
    SUCCESS = "success"

    def __str__(self) -> str:
        return str(self.value)
