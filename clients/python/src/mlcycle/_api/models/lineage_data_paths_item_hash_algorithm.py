from enum import StrEnum

class LineageDataPathsItemHashAlgorithm(StrEnum):
    MD5 = "md5"
    MD5_DOS2UNIX = "md5-dos2unix"

    def __str__(self) -> str:
        return str(self.value)
