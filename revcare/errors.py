"""The one error type services raise; the API and the portals turn it into what their users see."""


class ApplicationError(Exception):
    """A request broke a business rule. `status` is the HTTP status it answers with; `field`, when
    set, names the input at fault so a form can show the message beside it; `retry_after`, when set, is
    the seconds after which the same request may succeed (a limit, a busy server)."""

    status = 400

    def __init__(self, detail, *, status: int | None = None, field: str | None = None,
                 retry_after: int | None = None):
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.retry_after = retry_after
        if status is not None:
            self.status = status


class NotFoundError(ApplicationError):
    status = 404


class ConflictError(ApplicationError):
    status = 409


class AuthenticationError(ApplicationError):
    status = 401
