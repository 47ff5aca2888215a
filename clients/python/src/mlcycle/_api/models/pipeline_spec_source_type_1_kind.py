from enum import StrEnum

class PipelineSpecSourceType1Kind(StrEnum):
    LOCALGIT = "localGit"

    def __str__(self) -> str:
        return str(self.value)
