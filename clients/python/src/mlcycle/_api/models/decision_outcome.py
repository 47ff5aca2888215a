from enum import StrEnum

class DecisionOutcome(StrEnum):
    HOLD = "hold"
    PROMOTE = "promote"
    REJECT = "reject"

    def __str__(self) -> str:
        return str(self.value)
