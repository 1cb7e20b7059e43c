"""How an area's facade hands its actions to the services: one line per action, documented on the service.

``check_in = action(check_in.check_in)`` makes ``desk.visits.check_in(visit_id, ...)`` open a
unit of work on the desk's context and call the service with it; ``visit = query(lookups.visit)``
does the same for a read with a read-only session. Both are typed: the facade method has the
service's parameters less the unit of work (or session), so a misspelt or mistyped call fails the
type check. Help and ``inspect.signature`` show the service's own docstring and parameters.

Where a service also needs what only the desk knows (its day, its establishment, who is signed
in), the facade method passes it, decorated ``@same_as(service)`` so it carries the service's
docstring rather than a second one; ``establishment=None`` there always means the desk's own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from visitorcentre.desk.context import DeskContext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from visitorcentre.services.unit_of_work import UnitOfWork

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])


class Area:
    """One area of the desk (visits, passes, ...): its actions and reads, on the shared context."""

    def __init__(self, ctx: DeskContext):
        self.ctx = ctx


class action(Generic[P, R]):  # noqa: N801 - used like a decorator
    """An area's action: opens a unit of work on the desk's context and calls ``service`` with it."""

    def __init__(self, service: Callable[Concatenate[UnitOfWork, P], R]):
        self.service = service

    @overload
    def __get__(self, area: None, owner: type) -> action[P, R]: ...

    @overload
    def __get__(self, area: Area, owner: type) -> Callable[P, R]: ...

    def __get__(self, area: Area | None, owner: type) -> action[P, R] | Callable[P, R]:
        if area is None:
            return self
        service, ctx = self.service, area.ctx

        @functools.wraps(service)
        def act(*args: P.args, **kwargs: P.kwargs) -> R:
            return service(ctx.unit_of_work(), *args, **kwargs)

        return act


class query(Generic[P, R]):  # noqa: N801 - used like a decorator
    """An area's read: calls ``read`` with a read-only session of the desk's records."""

    def __init__(self, read: Callable[Concatenate[Session, P], R]):
        self.read = read

    @overload
    def __get__(self, area: None, owner: type) -> query[P, R]: ...

    @overload
    def __get__(self, area: Area, owner: type) -> Callable[P, R]: ...

    def __get__(self, area: Area | None, owner: type) -> query[P, R] | Callable[P, R]:
        if area is None:
            return self
        read, ctx = self.read, area.ctx

        @functools.wraps(read)
        def ask(*args: P.args, **kwargs: P.kwargs) -> R:
            with ctx.reading() as session:
                return read(session, *args, **kwargs)

        return ask


def same_as(service: Callable[..., Any]) -> Callable[[F], F]:
    """Give a facade method that fills in the desk's day or establishment the docstring of ``service``."""

    def documented(method: F) -> F:
        method.__doc__ = service.__doc__
        return method

    return documented
