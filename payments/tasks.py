from celery import shared_task

from payments import services
from payments.gateway import GatewayUnavailable


@shared_task(bind=True, autoretry_for=(GatewayUnavailable,), retry_backoff=30, retry_backoff_max=3600,
             retry_jitter=True, max_retries=8)
def refund_send(self, refund_id: int) -> str:
    """Send a recorded refund to Razorpay, retrying with backoff while the gateway is down."""
    try:
        return services.refund_send(refund_id=refund_id).status
    except GatewayUnavailable as error:
        if self.request.retries >= self.max_retries:
            services.refund_give_up(refund_id=refund_id, error=str(error))
            return "failed"
        raise
