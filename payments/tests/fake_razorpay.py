"""A small Razorpay stand-in on loopback: the REST calls RevCare makes (orders, refunds, payment fetch),
with Basic auth, Razorpay's JSON shapes and error bodies. Tests point the real SDK at it."""

import base64
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeRazorpay:
    def __init__(self, key_id: str, key_secret: str):
        self.key_id, self.key_secret = key_id, key_secret
        self.calls: list[tuple[str, str, dict]] = []
        self.failures_left = 0  # answer this many calls with a 500 first
        self.delay_seconds = 0.0  # answer this late (to time the client out)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "FakeRazorpay":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def calls_to(self, path_part: str) -> list[dict]:
        return [body for _, path, body in self.calls if path_part in path]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self) -> bool:
                expected = base64.b64encode(f"{fake.key_id}:{fake.key_secret}".encode()).decode()
                return self.headers.get("Authorization") == f"Basic {expected}"

            def _route(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}") if length else {}
                fake.calls.append((method, self.path, body))
                if fake.delay_seconds:
                    time.sleep(fake.delay_seconds)
                if not self._authorised():
                    return self._answer(401, {"error": {"code": "BAD_REQUEST_ERROR",
                                                        "description": "Authentication failed"}})
                if fake.failures_left > 0:
                    fake.failures_left -= 1
                    return self._answer(500, {"error": {"code": "SERVER_ERROR",
                                                        "description": "The server encountered an error"}})
                if method == "POST" and self.path == "/v1/orders":
                    return self._answer(200, {"id": f"order_{secrets.token_hex(7)}", "entity": "order",
                                              "amount": body["amount"], "amount_paid": 0, "currency": body["currency"],
                                              "receipt": body.get("receipt"), "status": "created",
                                              "notes": body.get("notes", {})})
                if method == "POST" and self.path.startswith("/v1/payments/") and self.path.endswith("/refund"):
                    payment_id = self.path.split("/")[3]
                    return self._answer(200, {"id": f"rfnd_{secrets.token_hex(7)}", "entity": "refund",
                                              "amount": body["amount"], "payment_id": payment_id,
                                              "currency": "INR", "status": "processed"})
                if method == "GET" and self.path.startswith("/v1/payments/"):
                    return self._answer(200, {"id": self.path.split("/")[3], "entity": "payment",
                                              "status": "captured"})
                return self._answer(404, {"error": {"code": "BAD_REQUEST_ERROR",
                                                    "description": "The requested URL was not found on the server."}})

            def do_POST(self):
                self._route("POST")

            def do_GET(self):
                self._route("GET")

        return Handler
