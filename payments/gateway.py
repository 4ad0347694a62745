"""The payment gateway: Razorpay through its official SDK, or, with no keys configured, a sandbox that
stands in for Razorpay's servers while the signatures are still checked by the SDK.

Everything network-shaped that can go wrong becomes GatewayUnavailable (a 503 to the client), raised
before anything is written, so a failed call leaves no half-made payment.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

import razorpay
import requests
from django.conf import settings

from revcare.errors import ApplicationError

SANDBOX_KEY_ID = "rzp_test_revcare_sandbox"


class GatewayUnavailable(ApplicationError):
    status = 503


@dataclass(frozen=True)
class GatewayOrder:
    order_id: str
    amount_paise: int
    currency: str


def sign(message: str, secret: str) -> str:
    """Razorpay's signature: hex HMAC-SHA256 of the message with the secret."""
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


class RazorpayGateway:
    is_sandbox = False

    def __init__(self, *, key_id: str, key_secret: str, webhook_secret: str, base_url: str, timeout: float):
        self.key_id, self.key_secret, self.webhook_secret = key_id, key_secret, webhook_secret
        self.timeout = timeout
        self.client = razorpay.Client(auth=(key_id, key_secret), base_url=base_url)

    def _call(self, what: str, call):
        try:
            return call()
        except (razorpay.errors.ServerError, razorpay.errors.GatewayError, razorpay.errors.BadRequestError,
                requests.RequestException, ValueError) as error:
            raise GatewayUnavailable(
                f"The payment gateway could not {what} just now; nothing was charged. Please try again."
            ) from error

    def order_create(self, *, amount_paise: int, receipt: str, notes: dict) -> GatewayOrder:
        order = self._call("create the order", lambda: self.client.order.create(
            {"amount": amount_paise, "currency": "INR", "receipt": receipt, "notes": notes}, timeout=self.timeout))
        return GatewayOrder(order_id=order["id"], amount_paise=order["amount"], currency=order["currency"])

    def refund_create(self, *, payment_id: str, amount_paise: int, notes: dict) -> dict:
        return self._call("issue the refund", lambda: self.client.payment.refund(
            payment_id, {"amount": amount_paise, "notes": notes}, timeout=self.timeout))

    def payment_signature_valid(self, *, order_id: str, payment_id: str, signature: str) -> bool:
        try:
            return self.client.utility.verify_payment_signature({
                "razorpay_order_id": order_id, "razorpay_payment_id": payment_id, "razorpay_signature": signature})
        except razorpay.errors.SignatureVerificationError:
            return False

    def webhook_signature_valid(self, *, body: bytes, signature: str) -> bool:
        if not self.webhook_secret or not signature:
            return False
        try:
            return self.client.utility.verify_webhook_signature(body.decode("utf-8"), signature, self.webhook_secret)
        except (razorpay.errors.SignatureVerificationError, UnicodeDecodeError):
            return False


class SandboxGateway(RazorpayGateway):
    """Orders and refunds made locally; payments come from RevCare's own checkout page, which signs
    them exactly as Razorpay would, so verification is the same SDK call as in production."""

    is_sandbox = True

    def order_create(self, *, amount_paise: int, receipt: str, notes: dict) -> GatewayOrder:
        return GatewayOrder(order_id=f"order_sandbox_{secrets.token_hex(7)}", amount_paise=amount_paise,
                            currency="INR")

    def refund_create(self, *, payment_id: str, amount_paise: int, notes: dict) -> dict:
        return {"id": f"rfnd_sandbox_{secrets.token_hex(7)}", "payment_id": payment_id, "amount": amount_paise,
                "status": "processed"}

    def checkout_payment(self, *, order_id: str) -> dict:
        """What Razorpay Checkout hands the browser after a successful payment."""
        payment_id = f"pay_sandbox_{secrets.token_hex(7)}"
        return {"razorpay_order_id": order_id, "razorpay_payment_id": payment_id,
                "razorpay_signature": sign(f"{order_id}|{payment_id}", self.key_secret)}


def gateway() -> RazorpayGateway:
    if settings.RAZORPAY_KEY_ID and settings.RAZORPAY_KEY_SECRET:
        return RazorpayGateway(key_id=settings.RAZORPAY_KEY_ID, key_secret=settings.RAZORPAY_KEY_SECRET,
                               webhook_secret=settings.RAZORPAY_WEBHOOK_SECRET, base_url=settings.RAZORPAY_BASE_URL,
                               timeout=settings.RAZORPAY_TIMEOUT_SECONDS)
    # Development only (production settings refuse to start without keys); secrets derive from SECRET_KEY.
    secret = sign("razorpay-sandbox", settings.SECRET_KEY)
    return SandboxGateway(key_id=SANDBOX_KEY_ID, key_secret=secret, webhook_secret=sign("webhook", secret),
                          base_url="http://sandbox.invalid", timeout=1)
