from enum import StrEnum

class TriggerRecordSource(StrEnum):
    ADO_PR = "ado-pr"
    ADO_PUSH = "ado-push"
    ALERT = "alert"
    DATA_CHANGE = "data-change"
    HTTP = "http"
    QUEUE = "queue"
    REPRODUCE = "reproduce"
    RETRY = "retry"
    SCHEDULE = "schedule"
    SIGNAL = "signal"
    STALENESS = "staleness"

    def __str__(self) -> str:
        return str(self.value)
