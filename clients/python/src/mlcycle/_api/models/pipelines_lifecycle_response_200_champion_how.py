from enum import StrEnum

class PipelinesLifecycleResponse200ChampionHow(StrEnum):
    ADOPTED = "adopted"
    PROMOTED = "promoted"
    ROLLED_BACK = "rolled-back"

    def __str__(self) -> str:
        return str(self.value)
