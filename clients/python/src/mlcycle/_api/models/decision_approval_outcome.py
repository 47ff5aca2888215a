from enum import StrEnum

class DecisionApprovalOutcome(StrEnum):
    APPROVED = "approved"
    EXPIRED = "expired"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
