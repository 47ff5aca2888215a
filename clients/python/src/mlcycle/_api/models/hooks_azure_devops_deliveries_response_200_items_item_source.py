from enum import StrEnum

class HooksAzureDevopsDeliveriesResponse200ItemsItemSource(StrEnum):
    AZURE_DEVOPS = "azure-devops"

    def __str__(self) -> str:
        return str(self.value)
