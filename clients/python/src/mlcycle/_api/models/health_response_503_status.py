from enum import StrEnum

class HealthResponse503Status(StrEnum):
    DEGRADED = "degraded"
    HEALTHY = "healthy"

    def __str__(self) -> str:
        return str(self.value)
