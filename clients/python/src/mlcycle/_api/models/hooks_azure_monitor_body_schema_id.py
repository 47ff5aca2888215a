from enum import StrEnum

class HooksAzureMonitorBodySchemaId(StrEnum):
    AZUREMONITORCOMMONALERTSCHEMA = "azureMonitorCommonAlertSchema"

    def __str__(self) -> str:
        return str(self.value)
