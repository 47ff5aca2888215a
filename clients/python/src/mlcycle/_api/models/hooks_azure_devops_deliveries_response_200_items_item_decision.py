from enum import StrEnum

class HooksAzureDevopsDeliveriesResponse200ItemsItemDecision(StrEnum):
    ACCEPTED = "accepted"
    IGNORED = "ignored"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
