from enum import StrEnum

class RunKind(StrEnum):
    REPRODUCTION = "reproduction"
    TRAINING = "training"
    VALIDATION = "validation"

    def __str__(self) -> str:
        return str(self.value)
