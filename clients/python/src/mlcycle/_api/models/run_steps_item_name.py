from enum import StrEnum

class RunStepsItemName(StrEnum):
    COLLECTRESULTS = "collectResults"
    ENSUREIMAGE = "ensureImage"
    EVALUATE = "evaluate"
    PROMOTE = "promote"
    REPORT = "report"
    RESOLVESOURCE = "resolveSource"
    TRAIN = "train"
    VERSIONDATA = "versionData"

    def __str__(self) -> str:
        return str(self.value)
