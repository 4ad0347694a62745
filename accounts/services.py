"""Every write to accounts: people, public ids, passwords, sign-in limits and API sign-in sessions."""

import fcntl
import hashlib
import math
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone as django_timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.models import (
    PUBLIC_ID_PREFIX,
    LoginSession,
    PublicIdCounter,
    RevokedToken,
    RoleScope,
    Scope,
    User,
)
from accounts.selectors import user_get_by_login, user_scopes
from accounts.signals import customer_anonymised
from notifications.models import NotificationCategory
from notifications.services import notify
from revcare.errors import ApplicationError, AuthenticationError, ConflictError
from revcare.roles import RoleName

INVALID_CREDENTIALS = "Incorrect phone/email or password."
SESSION_ENDED = "Your session has ended. Please sign in again."
SIGN_IN_LOCKED = "Too many failed sign-ins for this account or from your network. Try again in {minutes}."
SIGN_IN_BUSY = "Too many sign-ins at once. Please try again in a moment."
PASSWORD_RESETS_LIMITED = "Too many password reset requests from your network. Try again in {minutes}."
REGISTRATIONS_LIMITED = "Too many registrations from your network. Try again in {minutes}."


# Attempt limits --------------------------------------------------------------------------------
# Counted in the cache (Redis when configured, so every server process shares them) for the API, the
# portals and Django admin alike: one counter per limit, whichever way the attempt came in.

_RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _rate_parse(rate: str) -> tuple[int, int]:
    """"5/15m" → (5 attempts, 900 seconds)."""
    match = _RATE.match(rate)
    if not match:
        raise ImproperlyConfigured(f"Bad attempt limit {rate!r}; use e.g. '5/15m'")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * _SECONDS[unit]


def _attempts_key(scope: str, ident: str) -> str:
    # Hashed: a fixed-length key whatever was typed, and no login names or addresses in the cache.
    return f"attempts:{scope}:{hashlib.sha256(ident.strip().lower().encode()).hexdigest()}"


@dataclass(frozen=True)
class AttemptLimit:
    """One limit on one name or address: at most `count` attempts in a window that opens with the first
    attempt. Counted with an atomic increment, so two attempts at once never read the same count."""

    scope: str
    ident: str
    rate: str

    @property
    def _keys(self) -> tuple[str, str]:
        key = _attempts_key(self.scope, self.ident)
        return f"{key}:count", f"{key}:since"

    def wait(self) -> int:
        """Seconds until one more attempt is allowed; 0 when it is allowed now."""
        count, window = _rate_parse(self.rate)
        count_key, since_key = self._keys
        found = cache.get_many([count_key, since_key])
        if found.get(count_key, 0) < count:
            return 0
        return max(1, math.ceil(found.get(since_key, time.time()) + window - time.time()))

    def take(self) -> int:
        """Count one attempt. Over the limit it is not counted (a refused attempt does not prolong the
        lock) and the answer is the seconds to wait; within it, 0."""
        count, window = _rate_parse(self.rate)
        count_key, since_key = self._keys
        cache.add(since_key, time.time(), timeout=window)
        cache.add(count_key, 0, timeout=window)
        counted = cache.incr(count_key)
        if counted is None or counted <= count:  # None: the cache is down, and limits forget the outage
            return 0
        self.give_back()
        return self.wait()

    def give_back(self) -> None:
        """Take back an attempt counted by take()."""
        try:
            cache.decr(self._keys[0])
        except ValueError:  # its window ended meanwhile: nothing left to give back
            pass

    def clear(self) -> None:
        cache.delete_many(list(self._keys))


def _limit_refusal(message: str, wait: int) -> ApplicationError:
    minutes = math.ceil(wait / 60)
    return ApplicationError(message.format(minutes=f"{minutes} minute{'s' if minutes != 1 else ''}"),
                            status=429, retry_after=wait)


def _attempt_take(*, scope: str, ident: str | None, rate: str, message: str) -> None:
    """Count one attempt of a kind limited per address, refusing it (429) once over the limit. Counted
    and checked in one atomic step, so attempts arriving together cannot all pass at the last place."""
    if ident is not None and (wait := AttemptLimit(scope, ident, rate).take()):
        raise _limit_refusal(message, wait)


def _sign_in_limits(*, login: str, ip: str | None) -> list[AttemptLimit]:
    limits = [AttemptLimit("login_name", login, settings.LOGIN_FAILURE_LIMIT_NAME)]
    if ip is not None:
        limits.append(AttemptLimit("login_ip", ip, settings.LOGIN_FAILURE_LIMIT_IP))
    return limits




@contextmanager
def password_check_slot() -> Iterator[None]:
    """Hold one of the host's PASSWORD_CHECK_CONCURRENCY password-check slots, or refuse (503) after
    PASSWORD_CHECK_WAIT_SECONDS: a flood of sign-ins must leave workers, CPU and memory for every other
    request (Argon2 costs ~0.3 s and ~100 MB per check). A slot is an flock on its own file, so the bound
    holds across gunicorn's worker processes (a per-process semaphore bounds nothing in a sync worker)
    and the kernel frees the slot of a process that dies."""
    folder = Path(settings.PASSWORD_CHECK_SLOTS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + settings.PASSWORD_CHECK_WAIT_SECONDS
    while True:
        for number in range(settings.PASSWORD_CHECK_CONCURRENCY):
            slot = open(folder / f"slot-{number}", "a")  # closed below: closing releases the lock
            try:
                fcntl.flock(slot, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                slot.close()
                continue
            try:
                yield
            finally:
                slot.close()
            return
        if time.monotonic() >= deadline:
            raise ApplicationError(SIGN_IN_BUSY, status=503, retry_after=1)
        time.sleep(0.01)


def user_authenticate(*, login: str, password: str, ip: str | None) -> User | None:
    """The one password check behind every way in (API, portals, Django admin through the auth
    backend): refused before hashing when over a failure limit or when too many checks already run,
    and every wrong password counts against the login name and the address. The attempt is counted
    before hashing (and given back if it succeeds or is refused), so sign-ins arriving together cannot
    all pass at the last free place."""
    limits = _sign_in_limits(login=login, ip=ip)
    taken: list[AttemptLimit] = []
    try:
        for limit in limits:
            if wait := limit.take():
                raise _limit_refusal(SIGN_IN_LOCKED, wait)
            taken.append(limit)
        with password_check_slot():
            user = user_get_by_login(login=login)
            if user is None:
                # Hash anyway so a missing or disabled account answers as slowly as a wrong password.
                User().set_password(password)
            elif not user.check_password(password):
                user = None
    except ApplicationError:
        for limit in taken:  # refused without a password check: not a failure of the password
            limit.give_back()
        raise
    if user is not None:
        limits[0].clear()  # the name's failures are forgiven; the address keeps no count of a success
        for limit in limits[1:]:
            limit.give_back()
    return user


# People ----------------------------------------------------------------------------------------


def public_id_next(*, role: str) -> str:
    """Next public id for `role`. The counter row stays locked until the caller's transaction ends,
    so concurrent creations queue up instead of reading the same number."""
    prefix = PUBLIC_ID_PREFIX[RoleName(role)]
    PublicIdCounter.objects.get_or_create(prefix=prefix)
    PublicIdCounter.objects.filter(prefix=prefix).update(last_value=F("last_value") + 1)
    value = PublicIdCounter.objects.values_list("last_value", flat=True).get(prefix=prefix)
    return f"{prefix}{value:06d}"


def _duplicate_user_error(*, phone: str, email: str, exclude_pk: int | None = None) -> ConflictError | None:
    others = User.objects.exclude(pk=exclude_pk) if exclude_pk else User.objects.all()
    if others.filter(phone=phone).exists():
        return ConflictError("An account with this phone number already exists.", field="phone")
    if others.filter(email__iexact=email).exists():
        return ConflictError("An account with this email address already exists.", field="email")
    return None


@transaction.atomic
def user_create(
    *,
    role: str,
    phone: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
) -> User:
    """Create a person of any role. Without a password the account cannot sign in until the person
    sets one through an emailed link. A mechanic's profile is the workshop's (workshop.services.mechanics)."""
    email = email.strip()
    duplicate = _duplicate_user_error(phone=phone, email=email)
    if duplicate:
        raise duplicate
    user = User(
        role_id=role,
        phone=phone,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        public_id=public_id_next(role=role),
    )
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:
        # A concurrent request took the phone or email between our check and the insert.
        conflict = _duplicate_user_error(phone=phone, email=email) or ConflictError("This account already exists.")
        raise conflict from error
    return user


def _password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("portal:password-set", args=[uid, token])


def _registration_attempt_notice(*, phone: str, email: str) -> None:
    """Tell the holder of a phone or email someone registered with, instead of telling the registrant."""
    holder = User.objects.filter(Q(phone=phone) | Q(email__iexact=email), is_active=True).first()
    if holder is None:
        return
    notify(
        recipient=holder,
        category=NotificationCategory.ACCOUNT,
        subject="Someone tried to register with your details",
        template="registration_attempt",
        context={"user": holder, "reset_link": settings.SITE_URL + reverse("portal:password-reset")},
    )


@transaction.atomic
def customer_register(*, phone: str, email: str, first_name: str, last_name: str, password: str,
                      ip: str | None = None) -> User | None:
    """A customer signs themself up. Every input is checked first; then a phone or email that already
    has an account answers exactly like a new registration (None instead of the new customer) and its
    holder is emailed, so the answer never tells a stranger who has an account."""
    _attempt_take(scope="registration_ip", ident=ip, rate=settings.REGISTRATION_LIMIT_IP,
                  message=REGISTRATIONS_LIMITED)
    email = email.strip()
    try:
        validate_password(password, User(phone=phone, email=email, first_name=first_name, last_name=last_name))
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    if _duplicate_user_error(phone=phone, email=email):
        # Hash as a new account would, so the time taken tells no more than the answer does.
        User().set_password(password)
        _registration_attempt_notice(phone=phone, email=email)
        return None
    try:
        user = user_create(
            role=RoleName.CUSTOMER,
            phone=phone,
            email=email,
            first_name=first_name,
            last_name=last_name,
            password=password,
        )
    except ConflictError:
        # A concurrent registration took the phone or email between the check and the insert.
        _registration_attempt_notice(phone=phone, email=email)
        return None
    notify(
        recipient=user,
        category=NotificationCategory.ACCOUNT,
        subject="Welcome to RevCare",
        template="welcome",
        context={"user": user},
    )
    return user


@transaction.atomic
def staff_invite(*, role: str, invited_by: User, **fields) -> User:
    """An admin adds an admin or a mechanic. They get no password, only an emailed link to set one.
    A mechanic comes through workshop.services.mechanics.mechanic_invite, which adds their profile."""
    if role not in (RoleName.ADMIN, RoleName.MECHANIC):
        raise ApplicationError("Only admins and mechanics are invited; customers register themselves.")
    user = user_create(role=role, password=None, **fields)
    notify(
        recipient=user,
        category=NotificationCategory.ACCOUNT,
        subject="You have been added to RevCare",
        template="staff_invitation",
        context={"user": user, "invited_by": invited_by, "link": _password_link(user)},
    )
    return user


def password_reset_request(*, login: str, ip: str | None = None) -> None:
    """Email a one-time set-password link. Says nothing about whether the account exists; limited per
    address (429) for the API and the portal alike."""
    _attempt_take(scope="password_reset_ip", ident=ip, rate=settings.PASSWORD_RESET_LIMIT_IP,
                  message=PASSWORD_RESETS_LIMITED)
    user = user_get_by_login(login=login)
    if user is None:
        return
    notify(
        recipient=user,
        category=NotificationCategory.ACCOUNT,
        subject="Reset your RevCare password",
        template="password_reset",
        context={"user": user, "link": _password_link(user)},
    )


def user_from_password_link(*, uidb64: str, token: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


@transaction.atomic
def password_set_with_link(*, uidb64: str, token: str, new_password: str) -> User:
    """Set a password from an emailed link; the link stops working once used, and every API session
    of the account ends."""
    user = user_from_password_link(uidb64=uidb64, token=token)
    if user is None:
        raise ApplicationError("This link is invalid or has already been used. Ask for a new one.")
    try:
        validate_password(new_password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(new_password)
    user.save(update_fields=["password"])
    login_sessions_revoke_all(user=user, reason="password changed")
    return user


@transaction.atomic
def user_update(*, user: User, changed_by: User, **fields) -> User:
    """Change a person's details (a mechanic's profile: workshop.services.mechanics.mechanic_update)."""
    if "email" in fields:
        fields["email"] = fields["email"].strip()
    duplicate = _duplicate_user_error(phone=fields.get("phone", user.phone), email=fields.get("email", user.email),
                                      exclude_pk=user.pk)
    if duplicate:
        raise duplicate
    # Read from the database: Django admin hands over an instance its form already changed.
    role_before, active_before = User.objects.values_list("role_id", "is_active").get(pk=user.pk)
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    if user.role_id != role_before:
        user_sign_ins_end(user=user, reason="role changed")
    elif active_before and not user.is_active:
        user_sign_ins_end(user=user, reason="deactivated")
    return user


@transaction.atomic
def staff_remove(*, user: User, removed_by: User) -> User:
    """Admins and mechanics are deactivated, not deleted: their work stays on record."""
    if user.pk == removed_by.pk:
        raise ConflictError("You cannot remove your own account.")
    if user.role_id == RoleName.ADMIN:
        # Lock the admins so two admins removing each other cannot leave none.
        active_admins = list(User.objects.select_for_update().filter(role_id=RoleName.ADMIN, is_active=True))
        if user.is_active and len(active_admins) <= 1:
            raise ConflictError("RevCare needs at least one active admin.")
    return user_set_active(user=user, is_active=False)


@transaction.atomic
def customer_anonymise(*, customer: User) -> User:
    """A customer deletes their account: the person disappears, their bookings, payments and invoices
    stay (under an anonymous name) because financial records are never lost."""
    if customer.anonymised_at:
        return customer
    customer.first_name = "Deleted"
    customer.last_name = "customer"
    # 0 never starts an Indian mobile number, so these cannot collide with a real one.
    customer.phone = f"0{customer.pk:09d}"
    customer.email = f"deleted-{customer.public_id.lower()}@anonymised.invalid"
    customer.set_unusable_password()
    customer.is_active = False
    customer.anonymised_at = django_timezone.now()
    customer.save()
    customer_anonymised.send(sender=User, customer=customer)  # addresses, cart and favourites, same transaction
    login_sessions_revoke_all(user=customer, reason="account deleted")
    return customer


@transaction.atomic
def user_set_active(*, user: User, is_active: bool) -> User:
    """Disable or re-enable sign-in. Disabling ends every API session at once."""
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    if not is_active:
        user_sign_ins_end(user=user, reason="deactivated")
    return user


# Sign-ins ended by a change of powers -------------------------------------------------------------


def user_sign_ins_end(*, user: User, reason: str) -> None:
    """End every sign-in of a person: API sessions are revoked (their tokens refused at once) and the
    auth epoch moves on, so portal sessions signed in before are dropped."""
    User.objects.filter(pk=user.pk).update(auth_epoch=F("auth_epoch") + 1)
    user.refresh_from_db(fields=["auth_epoch"])
    login_sessions_revoke_all(user=user, reason=reason)


def role_holders_sign_ins_end(*, role_ids: set[str], reason: str = "role scopes changed") -> None:
    """A role's scopes changed: everyone holding it signs in again, so no token keeps the old scopes."""
    User.objects.filter(role_id__in=role_ids).update(auth_epoch=F("auth_epoch") + 1)
    LoginSession.objects.filter(user__role_id__in=role_ids, revoked_at__isnull=True).update(
        revoked_at=django_timezone.now(), revoked_reason=reason
    )


@transaction.atomic
def role_scope_save(*, role_scope: RoleScope) -> RoleScope:
    """Grant a scope to a role (or move a grant to another role or scope)."""
    before = RoleScope.objects.filter(pk=role_scope.pk).values_list("role_id", flat=True).first()
    role_scope.save()
    role_holders_sign_ins_end(role_ids={role_scope.role_id} | ({before} if before else set()))
    return role_scope


@transaction.atomic
def role_scope_delete(*, role_scope: RoleScope) -> None:
    role_scope.delete()
    role_holders_sign_ins_end(role_ids={role_scope.role_id})


@transaction.atomic
def scope_save(*, scope: Scope) -> Scope:
    """Renaming a scope changes what every role granting it may do."""
    scope.save()
    role_holders_sign_ins_end(role_ids=set(RoleScope.objects.filter(scope=scope).values_list("role_id", flat=True)))
    return scope


@transaction.atomic
def scope_delete(*, scope: Scope) -> None:
    role_ids = set(RoleScope.objects.filter(scope=scope).values_list("role_id", flat=True))
    scope.delete()
    role_holders_sign_ins_end(role_ids=role_ids)


# API sign-in sessions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedTokens:
    access: str
    refresh: str
    refresh_expires_at: datetime


def _expiry(token) -> datetime:
    return datetime.fromtimestamp(token["exp"], tz=UTC)


def _issue_tokens(*, user: User, login_session: LoginSession) -> IssuedTokens:
    refresh = RefreshToken.for_user(user)
    refresh["role"] = user.role_id
    refresh["scopes"] = sorted(user_scopes(user=user))
    refresh["sid"] = str(login_session.pk)
    access = refresh.access_token  # copies sub, role, scopes and sid
    return IssuedTokens(access=str(access), refresh=str(refresh), refresh_expires_at=_expiry(refresh))


@transaction.atomic
def login_session_start(*, username: str, password: str, ip: str | None = None) -> IssuedTokens:
    user = user_authenticate(login=username, password=password, ip=ip)
    if user is None:
        raise AuthenticationError(INVALID_CREDENTIALS)
    return login_session_open(user=user)


@transaction.atomic
def login_session_open(*, user: User) -> IssuedTokens:
    """A new API session for a user whose identity is already proven."""
    login_session = LoginSession.objects.create(
        user=user, expires_at=django_timezone.now() + settings.REFRESH_TOKEN_LIFETIME
    )
    return _issue_tokens(user=user, login_session=login_session)


def login_session_refresh(*, raw_refresh: str) -> IssuedTokens:
    """Swap a refresh token for a new pair. The old refresh token is revoked; presenting a revoked one
    again means it was copied, so the whole sign-in session ends (theft detection)."""
    try:
        presented = RefreshToken(raw_refresh)
    except TokenError as error:
        raise AuthenticationError("Refresh token is invalid or expired.") from error
    with transaction.atomic():
        login_session = (
            LoginSession.objects.select_for_update().select_related("user").filter(pk=presented.get("sid")).first()
        )
        if login_session is None or login_session.revoked_at or not login_session.user.is_active:
            raise AuthenticationError(SESSION_ENDED)
        reused = RevokedToken.objects.filter(jti=presented["jti"]).exists()
        if reused:
            _login_session_revoke(login_session=login_session, reason="refresh token reused")
        else:
            RevokedToken.objects.create(
                jti=presented["jti"], token_type="refresh", login_session=login_session, expires_at=_expiry(presented)
            )
            login_session.expires_at = django_timezone.now() + settings.REFRESH_TOKEN_LIFETIME
            login_session.save(update_fields=["expires_at"])
            issued = _issue_tokens(user=login_session.user, login_session=login_session)
    # Raised after the commit so the session's revocation is kept.
    if reused:
        raise AuthenticationError(SESSION_ENDED)
    return issued


@transaction.atomic
def login_session_end(*, access_token: AccessToken, raw_refresh: str | None = None) -> None:
    """Sign out: the access token and the refresh token are refused from now until they expire."""
    login_session = LoginSession.objects.select_for_update().filter(pk=access_token.get("sid")).first()
    if login_session is None:
        return
    tokens = [(access_token, "access")]
    if raw_refresh:
        try:
            refresh = RefreshToken(raw_refresh)
        except TokenError:
            refresh = None
        if refresh is not None and refresh.get("sid") == str(login_session.pk):
            tokens.append((refresh, "refresh"))
    for token, token_type in tokens:
        RevokedToken.objects.get_or_create(
            jti=token["jti"],
            defaults={"token_type": token_type, "login_session": login_session, "expires_at": _expiry(token)},
        )
    _login_session_revoke(login_session=login_session, reason="signed out")


def _login_session_revoke(*, login_session: LoginSession, reason: str) -> None:
    if login_session.revoked_at is None:
        login_session.revoked_at = django_timezone.now()
        login_session.revoked_reason = reason
        login_session.save(update_fields=["revoked_at", "revoked_reason"])


def login_sessions_revoke_all(*, user: User, reason: str) -> int:
    return LoginSession.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=django_timezone.now(), revoked_reason=reason
    )


def revoked_tokens_prune() -> int:
    """Forget revocations of tokens that have expired anyway, and sessions past their refresh life."""
    now = django_timezone.now()
    deleted_tokens, _ = RevokedToken.objects.filter(expires_at__lt=now).delete()
    LoginSession.objects.filter(expires_at__lt=now).delete()
    return deleted_tokens

