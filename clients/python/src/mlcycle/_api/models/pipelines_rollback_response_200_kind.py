from enum import StrEnum

class PipelinesRollbackResponse200Kind(StrEnum):
    PROMOTED = "promoted"
    ROLLED_BACK = "rolled-back"

    def __str__(self) -> str:
        return str(self.value)
