from enum import StrEnum

class RunPipelineSnapshotSourceType0Kind(StrEnum):
    AZUREREPOS = "azureRepos"

    def __str__(self) -> str:
        return str(self.value)
