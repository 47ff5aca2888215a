from enum import StrEnum

class HooksAzureMonitorBodyDataEssentialsMonitorCondition(StrEnum):
    FIRED = "Fired"
    RESOLVED = "Resolved"

    def __str__(self) -> str:
        return str(self.value)
