from enum import StrEnum

class HooksAzureMonitorBodyDataEssentialsSeverity(StrEnum):
    SEV0 = "Sev0"
    SEV1 = "Sev1"
    SEV2 = "Sev2"
    SEV3 = "Sev3"
    SEV4 = "Sev4"

    def __str__(self) -> str:
        return str(self.value)
