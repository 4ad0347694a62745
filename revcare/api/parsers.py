"""What a request body may be sent as. JSON is the default (settings); a route lists its own only where the
contract or its files need more. The schema declares the first of a list (revcare.api.schema)."""

from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

CHECKOUT_CALLBACK = [JSONParser, FormParser, MultiPartParser]  # Razorpay Checkout's handler: JSON or a form
PHOTOS = [MultiPartParser]
PHOTOS_OR_JSON = [MultiPartParser, JSONParser]  # the same fields as JSON when no file is sent
SIGN_IN_FORM = [FormParser, MultiPartParser, JSONParser]  # OAuth2 password flow: form data, or JSON
