from enum import StrEnum

class HealthResponse503DependenciesItemStatus(StrEnum):
    DOWN = "down"
    NOT_CONFIGURED = "not-configured"
    UP = "up"

    def __str__(self) -> str:
        return str(self.value)
