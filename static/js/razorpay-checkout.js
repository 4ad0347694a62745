// Razorpay Checkout collects the payment; its signed result is posted back and verified server-side.
(function () {
  const form = document.getElementById("razorpay-callback");
  const data = form.dataset;
  const checkout = new Razorpay({
    key: data.key, amount: Number(data.amount), currency: "INR", order_id: data.order,
    name: "RevCare", description: data.description,
    prefill: {name: data.name, email: data.email, contact: data.contact},
    handler: function (result) {
      for (const name of ["razorpay_order_id", "razorpay_payment_id", "razorpay_signature"]) {
        form.elements[name].value = result[name];
      }
      form.submit();
    },
  });
  document.getElementById("razorpay-pay").addEventListener("click", function () { checkout.open(); });
})();
