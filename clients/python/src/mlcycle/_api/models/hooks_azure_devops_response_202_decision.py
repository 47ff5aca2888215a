from enum import StrEnum

class HooksAzureDevopsResponse202Decision(StrEnum):
    ACCEPTED = "accepted"
    IGNORED = "ignored"

    def __str__(self) -> str:
        return str(self.value)
