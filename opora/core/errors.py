class DomainError(Exception):
    """A rule of the domain refused the operation; the message is shown to the user in Bulgarian."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NeedsConfirmation(DomainError):
    """The operation is allowed, but the user must first confirm the listed warnings."""

    def __init__(self, warnings: list[str]):
        super().__init__(" ".join(warnings))
        self.warnings = warnings
