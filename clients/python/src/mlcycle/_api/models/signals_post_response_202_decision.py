from enum import StrEnum

class SignalsPostResponse202Decision(StrEnum):
    CANCELLED = "cancelled"
    CONCURRENCY = "concurrency"
    COOLDOWN = "cooldown"
    DEDUPLICATED = "deduplicated"
    DISABLED = "disabled"
    IGNORED = "ignored"
    QUEUED = "queued"
    REJECTED = "rejected"
    SKIPPED = "skipped"
    SKIPPED_NO_CHANGE = "skipped-no-change"
    STARTED = "started"
    WOKEN = "woken"

    def __str__(self) -> str:
        return str(self.value)
